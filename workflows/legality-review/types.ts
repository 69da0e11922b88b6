import type { ProcedureConfig } from '../../domain/config.js';
import type { DecisionFacts } from '../../domain/procedure.js';
import type { ReviewKind } from '../../domain/review/kinds.js';
import type { ReviewMaterials } from '../../domain/rules/legality-review.js';
import type { ReviewOutcome } from '../../domain/tasks/legality-review.js';

/** What is reviewed: a decision (the review is its procedure's child) or a submission of its own (R20). */
export interface ReviewSubject {
  kind: ReviewKind;
  /** The decision's or the submission's number (`JC-2026-0001`, `GF-2026-0001`, `HT-2026-0001`). */
  number: string;
  title: string;
  /** The submitting (drafting) department. */
  departmentId: string;
  /** Decision reviews only; the others keep their tasks and documents in the legal center's own tables. */
  decisionId?: string;
}

export interface LegalityReviewInput {
  subject: ReviewSubject;
  round: number;
  /** The facts the completion rules consult (for a submission: its department, nothing confidential). */
  facts: DecisionFacts;
  materials: ReviewMaterials;
  /** R17: the working days this review gets (already checked against the 7-day minimum for decisions). */
  reviewWorkingDays: number;
  shortenedReason?: string;
  /** R17: the time the submitter asked for, if any (a decision's review: under the minimum, the center decides). */
  requestedReviewWorkingDays?: number;
  /** The reviewer of an earlier round, preferred when still eligible. */
  previousReviewerUserId?: string;
  config: ProcedureConfig;
}

export type FinalOutcome = Extract<
  ReviewOutcome,
  'passed' | 'passed_with_changes' | 'exploratory_with_risk' | 'not_lawful'
>;

export interface LegalityReviewResult {
  /** Never `not_lawful` for a decision: that outcome waits for a revision (R15). */
  outcome: FinalOutcome;
  opinionNo: string;
  opinionDocumentId: string;
  reviewerUserId: string;
  requiredChanges: string[];
  /** Revised drafts the review asked for (R19). */
  revisions: number;
  draftDocumentId?: string;
  explanationDocumentId?: string;
}
