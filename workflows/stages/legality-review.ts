import { executeChild, workflowInfo } from '@temporalio/workflow';
import { REVIEW_WORKFLOW, reviewWorkflowId } from '../../domain/messages.js';
import { r17ReviewWorkingDays } from '../../domain/rules/legality-review.js';
import type { LegalityReviewInput, LegalityReviewResult } from '../legality-review/types.js';
import type { ProcedureContext } from '../shared/procedure-context.js';

/**
 * R15-R19 from the decision's side: the department submits its materials, the legal center reviews them in
 * a child workflow, and required changes are recorded before the decision may go on.
 */
export async function legalityReviewStage(p: ProcedureContext): Promise<void> {
  const s = p.state;
  const round = ++s.review.rounds;
  s.review = { ...s.review, outcome: undefined, opinionNo: undefined, requiredChanges: [], requiredChangesDone: false };
  await p.setStage('legality_review', 'in_progress');

  const submission = await p.engine.run({
    kind: 'submit_for_legality_review',
    step: `submit-for-legality-review-${round}`,
    departmentId: p.lead,
    due: p.stepDue('submit_for_legality_review'),
    context: { round, suggestedLegalBasis: s.facts.legalBasis },
  });
  const days = r17ReviewWorkingDays(submission, p.config);
  if ('violation' in days) throw new Error('unreachable: R17 is enforced by the update validator');

  const input: LegalityReviewInput = {
    subject: {
      kind: 'decision',
      number: s.decisionNo,
      title: p.input.launch.title,
      departmentId: p.lead,
      decisionId: s.decisionId,
    },
    round,
    facts: s.facts,
    materials: {
      draftDocumentId: s.draft.draftDocumentId,
      explanationDocumentId: s.draft.explanationDocumentId,
      legalBasis: submission.legalBasis,
      statutorySteps: (['public_participation', 'expert_argumentation', 'risk_assessment'] as const).map((stage) => ({
        stage,
        status: s.stages[stage].status,
        reason: s.stages[stage].reason,
        record: stageRecord(p, stage),
      })),
      touchesMarketActors: s.facts.touchesMarketActors,
      fairCompetitionReview: submission.fairCompetitionReview,
    },
    reviewWorkingDays: days.days,
    shortenedReason: submission.shortenedReason,
    requestedReviewWorkingDays: submission.requestedReviewWorkingDays,
    previousReviewerUserId: s.review.reviewerUserId,
    config: p.config,
  };
  const result: LegalityReviewResult = await executeChild(REVIEW_WORKFLOW, {
    workflowId: reviewWorkflowId(p.input.decisionNo, round),
    args: [input],
  });
  s.draft = {
    draftDocumentId: result.draftDocumentId ?? s.draft.draftDocumentId,
    explanationDocumentId: result.explanationDocumentId ?? s.draft.explanationDocumentId,
    version: s.draft.version + (result.revisions ?? 0),
  };
  s.review = {
    ...s.review,
    outcome: result.outcome,
    opinionNo: result.opinionNo,
    reviewerUserId: result.reviewerUserId,
    requiredChanges: result.requiredChanges,
  };
  await p.sync('legality_review_passed', { rule: 'R15', outcome: result.outcome, opinionNo: result.opinionNo });

  if (result.outcome === 'passed_with_changes') {
    const changes = await p.engine.run({
      kind: 'record_required_changes',
      step: `record-required-changes-${round}`,
      departmentId: p.lead,
      due: p.stepDue('record_required_changes'),
      context: { requiredChanges: result.requiredChanges, opinionNo: result.opinionNo },
    });
    if (changes.revisedDraftDocumentId)
      s.draft = { ...s.draft, draftDocumentId: changes.revisedDraftDocumentId, version: s.draft.version + 1 };
  }
  s.review.requiredChangesDone = true;
  await p.setStage('legality_review', 'done');
}

/** R16: the kind of the completed step that records a stage as carried out, if the procedure holds one. */
function stageRecord(
  p: ProcedureContext,
  stage: 'public_participation' | 'expert_argumentation' | 'risk_assessment',
): string | undefined {
  const done = (step: string) => p.engine.get(`${workflowInfo().workflowId}:${step}`)?.status === 'done';
  if (stage === 'public_participation')
    return done('conclude-public-participation') ? 'conclude_public_participation' : undefined;
  if (stage === 'expert_argumentation') return done('record-expert-opinions') ? 'record_expert_opinions' : undefined;
  for (let n = 1; p.engine.get(`${workflowInfo().workflowId}:submit-risk-assessment-${n}`); n++)
    if (done(`submit-risk-assessment-${n}`)) return 'submit_risk_assessment';
  return undefined;
}

/** A draft returned by the department head, the party committee or the meeting is revised before it goes back to review (R26). */
export async function reviseAfterReturn(p: ProcedureContext, why: string, step: string): Promise<void> {
  const revised = await p.engine.run({
    kind: 'revise_draft',
    step,
    departmentId: p.lead,
    due: p.stepDue('revise_draft'),
    context: { returnedBy: why },
  });
  p.state.draft = {
    draftDocumentId: revised.revisedDraftDocumentId,
    explanationDocumentId: revised.explanationDocumentId ?? p.state.draft.explanationDocumentId,
    version: p.state.draft.version + 1,
  };
}
