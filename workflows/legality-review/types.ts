import type { ProcedureConfig } from '../../domain/config.js';
import type { DecisionFacts } from '../../domain/procedure.js';
import type { ReviewMaterials } from '../../domain/rules/legality-review.js';
import type { ReviewOutcome } from '../../domain/tasks/legality-review.js';

export interface LegalityReviewInput {
  decisionId: string;
  decisionNo: string;
  round: number;
  facts: DecisionFacts;
  materials: ReviewMaterials;
  /** R17: the working days this review gets (already checked against the 7-day minimum). */
  reviewWorkingDays: number;
  shortenedReason?: string;
  /** A reviewer who saw earlier rounds, suggested to the director. */
  previousReviewerUserId?: string;
  config: ProcedureConfig;
}

export interface LegalityReviewResult {
  outcome: Extract<ReviewOutcome, 'passed' | 'passed_with_changes' | 'exploratory_with_risk'>;
  opinionNo: string;
  reviewerUserId: string;
  requiredChanges: string[];
  /** Revised drafts the review asked for (R19). */
  revisions: number;
  draftDocumentId?: string;
  explanationDocumentId?: string;
}
