/**
 * The messages a decision's workflow and a review's workflow understand, shared by workflows, API and tests.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './roles.js';
import type { ProcedureState, TaskView } from './procedure.js';
import type { RosterSeat } from './rules/meeting.js';
import type { ItemOutcome } from './tasks/collective-discussion.js';
import type { ReportImplementation } from './tasks/publication.js';

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

export interface ChangeProcedureFlagsRequest {
  actor: Actor;
  expertArgumentation?: boolean;
  riskAssessment?: boolean;
  reason: string;
}
/** R9/R12: the lead department changes whether expert argumentation / risk assessment applies, with a reason, before legality review. */
export const changeProcedureFlags = defineUpdate<ProcedureState, [ChangeProcedureFlagsRequest]>('changeProcedureFlags');

/** The admin loaded a calendar year: recompute provisional deadlines (R32). */
export const recomputeDeadlines = defineSignal<[]>('recomputeDeadlines');

export const procedureState = defineQuery<ProcedureState>('procedureState');
export const openTasks = defineQuery<TaskView[]>('openTasks');

export const DECISION_WORKFLOW = 'decisionProcedure';
export const REVIEW_WORKFLOW = 'legalityReview';
/** Sends one outbox row queued by a person's action (workflows/outbox/workflow.ts). */
export const OUTBOX_MAIL_WORKFLOW = 'deliverOutboxMail';
export const outboxMailWorkflowId = (mailId: string) => `outbox.${mailId}`;
export const reviewWorkflowId = (decisionWorkflowId: string, round: number) =>
  `${decisionWorkflowId}.legality-review-${round}`;

// ── Executive meeting (R24–R26) ─────────────────────────────────────────────────────────────────────────────

/** What the meeting held: the facts the decision records with the chief's decision. */
export interface MeetingFacts {
  meetingId: string;
  number: string;
  kind: 'executive' | 'plenary';
  date: string;
}

export interface RecordItemOutcomeRequest {
  itemId: string;
  decisionId: string;
  decisionWorkflowId: string;
  actor: Actor;
  outcome: ItemOutcome;
  /** R24: the meeting's recorded attendance, against which the validator checks the quorum and who gave opinions. */
  attendance: Array<{
    id?: string;
    name: string;
    userId?: string | null;
    member: boolean;
    legalAdviser: boolean;
    present: boolean;
  }>;
  /** R24: the meeting body's roster (read by the API service from MeetingBodyMember): the quorum's count and who may give opinions. */
  roster: RosterSeat[];
}

/** The secretary records one agenda item's discussion and the chief's decision (R25 in the validator). */
export const recordItemOutcome = defineUpdate<{ itemId: string; chiefDecision: string }, [RecordItemOutcomeRequest]>(
  'recordItemOutcome',
);
/** The secretary closes the meeting once every item is decided. */
export const closeMeeting = defineUpdate<{ closed: true }, [{ actor: Actor; undecidedItemIds: string[] }]>(
  'closeMeeting',
);
export const meetingState = defineQuery<{ meetingId: string; decided: Record<string, string>; closed: boolean }>(
  'meetingState',
);

/** The meeting tells the decision what the chief decided on its agenda item. */
export interface MeetingOutcomeSignal {
  itemId: string;
  meeting: MeetingFacts;
  outcome: ItemOutcome;
}
export const meetingOutcome = defineSignal<[MeetingOutcomeSignal]>('meetingOutcome');

export const MEETING_WORKFLOW = 'executiveMeeting';
export const meetingWorkflowId = (meetingNumber: string) => `meeting-${meetingNumber}`;

// ── Implementation and post-decision evaluation (R29–R31) ───────────────────────────────────────────────────

export interface EvaluationRequest {
  trigger: 'requested' | 'ineffective' | 'public_objections' | 'reported_problem' | 'emergency_suspension';
  reason: string;
  actor?: Actor;
}
/** An evaluation on request (R30: the decision misses its effect, many objections, or the government sees fit). */
export const requestEvaluation = defineSignal<[EvaluationRequest]>('requestEvaluation');
export const evaluationState = defineQuery<{
  status: string;
  reportNo: number;
  adHocReports?: number;
  evaluationNo: number;
  nextReportAt: string;
  evaluationDueAt: string;
  requested?: EvaluationRequest;
  linkedDecisionNo?: string;
}>('evaluationState');

/** R29: the implementing unit reports at once (problems, a major change of circumstances, force majeure). */
export const submitImplementationReport = defineUpdate<
  { recorded: true; evaluationRequested: boolean },
  [{ actor: Actor; report: ReportImplementation }]
>('submitImplementationReport');

/** R31: the chief executive suspends implementation in an emergency; an evaluation then decides to resume or adjust. */
export const suspendImplementation = defineUpdate<
  { suspended: true; evaluationRequested: true },
  [{ actor: Actor; reason: string }]
>('suspendImplementation');

export const EVALUATION_WORKFLOW = 'decisionEvaluation';
export const evaluationWorkflowId = (decisionWorkflowId: string) => `${decisionWorkflowId}.evaluation`;
