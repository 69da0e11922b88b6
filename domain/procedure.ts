import type { ProcedureConfig } from './config.js';
import type { z } from 'zod';
import type { ExpertApplicabilitySchema, LaunchDecision, RiskApplicabilitySchema } from './decision/launch.js';
import type { DecisionStatus, Stage, StageState } from './stages.js';
import type { Role } from './roles.js';
import type { ReviewOutcome } from './tasks/legality-review.js';
import type { ChiefDecision } from './tasks/collective-discussion.js';
import type { TaskKind } from './tasks/kinds.js';

/** What a decision's workflow starts from. */
export interface DecisionProcedureInput {
  decisionId: string;
  decisionNo: string;
  leadDepartmentId: string;
  launchedAt: string;
  launchedBy: { userId: string; name: string };
  launch: LaunchDecision;
  config: ProcedureConfig;
}

/** The facts fixed at launch that the rules consult. */
export interface DecisionFacts {
  leadDepartmentId: string;
  coDepartmentIds: string[];
  confidential: boolean;
  confidentialReason?: string;
  touchesMarketActors: boolean;
  widePublicConcern: boolean;
  legalBasis: string[];
  partyCommitteeReportRequired: boolean;
  /**
   * R30: the units that did the expert or risk work before the decision (expert institutions, a third-party risk
   * assessor), recorded by the procedure as those steps complete; none may evaluate the decision.
   */
  argumentationUnits?: string[];
}

export function factsOf(input: DecisionProcedureInput): DecisionFacts {
  const l = input.launch;
  return {
    leadDepartmentId: input.leadDepartmentId,
    coDepartmentIds: l.coDepartmentIds,
    confidential: l.confidential,
    confidentialReason: l.confidentialReason,
    touchesMarketActors: l.touchesMarketActors,
    widePublicConcern: l.widePublicConcern,
    legalBasis: l.legalBasis,
    partyCommitteeReportRequired: l.partyCommitteeReportRequired,
  };
}

export interface Due {
  dueAt: string;
  rule: string;
  basis: 'working_days' | 'calendar_days';
  days: number;
  provisional: boolean;
  /** What the days are counted from (ISO instant), so the due can be recomputed when the calendar changes (R32). */
  from?: string;
}

export interface TaskView {
  id: string;
  workflowId: string;
  kind: TaskKind;
  stage: Stage;
  role: Role;
  departmentId?: string;
  assigneeUserId?: string;
  openedAt: string;
  due?: Due;
  /** Why the calendar could not compute the due (R32): the task's due needs the administrator's attention. */
  dueAttention?: string;
  /** Set while the clock is stopped (R34). */
  pausedAt?: string;
  overdue: boolean;
  status: 'open' | 'completing' | 'done' | 'cancelled';
  context: Record<string, unknown>;
}

export interface ReviewSummary {
  outcome?: ReviewOutcome;
  opinionNo?: string;
  reviewerUserId?: string;
  requiredChanges: string[];
  requiredChangesDone: boolean;
  rounds: number;
}

export interface ProcedureState {
  decisionId: string;
  decisionNo: string;
  status: DecisionStatus;
  /** The headline stage: the earliest stage still in progress. */
  stage: Stage;
  stages: Record<Stage, StageState>;
  facts: DecisionFacts;
  draft: { draftDocumentId?: string; explanationDocumentId?: string; version: number };
  commentPeriod?: { openedAt: string; endsAt: string; days: number; shortenedReason?: string; provisional: boolean };
  risk: { level?: 'low' | 'medium' | 'high'; controllable: boolean; rounds: number };
  review: ReviewSummary;
  submissionApproved: boolean;
  partyCommittee: { reported: boolean; agreed?: boolean };
  meeting: { rounds: number; decision?: ChiefDecision; decidedAt?: string; meetingId?: string; itemId?: string };
  publication: { done: boolean; published?: boolean; publishedAt?: string };
  withdrawal?: { reason: string; by: string; at: string };
  /** R9/R12: the expert and risk answers as changed after launch (absent: the launch answers stand). */
  applicability?: {
    expertArgumentation: z.infer<typeof ExpertApplicabilitySchema>;
    riskAssessment: z.infer<typeof RiskApplicabilitySchema>;
  };
  tasks: TaskView[];
}

/** What a task belongs to in the one Task table: exactly one of a decision or a review without a decision. */
export type TaskOwner = { decisionId: string; reviewId?: undefined } | { reviewId: string; decisionId?: undefined };
