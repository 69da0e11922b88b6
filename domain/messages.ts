/**
 * The messages a decision's workflow and a review's workflow understand, shared by workflows, API and tests.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './roles.js';
import type { ProcedureState, TaskView } from './procedure.js';

export interface CompleteTaskRequest {
  taskId: string;
  actor: Actor;
  payload: unknown;
}

export interface CompleteTaskResult {
  task: TaskView;
  /** Open tasks after the workflow advanced. */
  openTasks: TaskView[];
  stage: string;
  status: string;
}

/** A person completes a human step (validated before it enters history; rule refusals name their rule). */
export const completeTask = defineUpdate<CompleteTaskResult, [CompleteTaskRequest]>('completeTask');

export interface WithdrawRequest {
  actor: Actor;
  reason: string;
}
/** The drafting department withdraws the decision with a reason (refused by R31 once approved). */
export const withdrawDecision = defineUpdate<ProcedureState, [WithdrawRequest]>('withdrawDecision');

/** The admin loaded a calendar year: recompute provisional deadlines (R32). */
export const recomputeDeadlines = defineSignal<[]>('recomputeDeadlines');

export const procedureState = defineQuery<ProcedureState>('procedureState');
export const openTasks = defineQuery<TaskView[]>('openTasks');

export const DECISION_WORKFLOW = 'decisionProcedure';
export const REVIEW_WORKFLOW = 'legalityReview';
export const reviewWorkflowId = (decisionWorkflowId: string, round: number) => `${decisionWorkflowId}.legality-review-${round}`;
