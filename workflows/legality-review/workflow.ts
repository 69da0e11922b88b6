import { CancellationScope, isCancellation, workflowInfo } from '@temporalio/workflow';
import { r16MissingMaterials, MATERIAL_ITEMS, type ReviewMaterials } from '../../domain/rules/legality-review.js';
import type { Due } from '../../domain/procedure.js';
import type { ReviewLegality, SupplementMaterials } from '../../domain/tasks/legality-review.js';
import { acts } from '../shared/activities.js';
import { TaskEngine } from '../shared/task-engine.js';
import type { LegalityReviewInput, LegalityReviewResult } from './types.js';

/**
 * R15-R19: a legality review by the legal center. Complete materials start the clock (R16, R17); a return
 * for supplement stops it and resumes it with the working days left (R34); a revision comes back to the same
 * reviewer (R19). Ends only with an outcome that lets the decision proceed; "not lawful" waits for a revision.
 */
export async function legalityReview(input: LegalityReviewInput): Promise<LegalityReviewResult> {
  const engine = new TaskEngine({
    decisionId: input.decisionId,
    completionContext: () => ({ facts: input.facts, config: input.config }),
    summary: () => ({ stage: 'legality_review', status: 'active' }),
  });
  try {
    return await review(input, engine);
  } catch (err) {
    // The decision was withdrawn: the review's own open tasks close with it.
    if (isCancellation(err)) await CancellationScope.nonCancellable(() => engine.cancelAll('决策已撤回'));
    throw err;
  }
}

async function review(input: LegalityReviewInput, engine: TaskEngine): Promise<LegalityReviewResult> {
  const materials: ReviewMaterials = { ...input.materials };
  const wf = workflowInfo().workflowId;
  let supplements = 0;
  let revisions = 0;

  const supplement = async (missing: string[]) => {
    const n = ++supplements;
    await acts.recordEngineEvent({ decisionId: input.decisionId, key: `${wf}:returned-for-supplement-${n}`, action: 'review.returned_for_supplement', data: { rule: 'R16', missingItems: missing } });
    const s = await engine.run({ kind: 'supplement_materials', step: `supplement-materials-${n}`, departmentId: input.facts.leadDepartmentId, due: { days: input.config.stepWorkingDays.supplement_materials, basis: 'working_days', rule: 'config:supplement_materials' }, context: { missingItems: missing } });
    mergeSupplement(materials, s);
  };

  // R16: the clock does not run until the materials are complete.
  for (let missing = r16MissingMaterials(materials); missing.length; missing = r16MissingMaterials(materials))
    await supplement(missing.map((m) => `${MATERIAL_ITEMS[m].zh}（${m}）`));

  const assignment = await engine.run({
    kind: 'assign_reviewer',
    step: 'assign-reviewer',
    due: { days: input.config.stepWorkingDays.assign_reviewer, basis: 'working_days', rule: 'config:assign_reviewer' },
    context: { suggestedReviewerUserId: input.previousReviewerUserId, round: input.round },
  });
  const reviewerUserId = assignment.reviewerUserId;

  const reviewClock = (from: string) => acts.computeDeadline({ from, days: input.reviewWorkingDays, basis: 'working_days', rule: 'R17' });
  let due: Due = await reviewClock(new Date().toISOString());

  for (let n = 1; ; n++) {
    const opinion: ReviewLegality = await engine.run({
      kind: 'review_legality',
      step: `review-${n}`,
      assigneeUserId: reviewerUserId,
      due: { fixed: due },
      context: { round: input.round, pass: n, materials, shortenedReason: input.shortenedReason },
    });
    switch (opinion.outcome) {
      case 'materials_incomplete': {
        const pausedAt = new Date().toISOString();
        await supplement(opinion.missingItems ?? []);
        due = await acts.resumeDeadline({ pausedAt, resumedAt: new Date().toISOString(), dueAt: due.dueAt, rule: 'R34' });
        break;
      }
      case 'returned_for_revision':
      case 'not_lawful': {
        const revised = await engine.run({
          kind: 'revise_draft',
          step: `revise-draft-${n}`,
          departmentId: input.facts.leadDepartmentId,
          due: { days: input.config.stepWorkingDays.revise_draft, basis: 'working_days', rule: 'config:revise_draft' },
          context: { outcome: opinion.outcome, reasons: opinion.reasons, reviewerUserId },
        });
        revisions++;
        materials.draftDocumentId = revised.revisedDraftDocumentId;
        materials.explanationDocumentId = revised.explanationDocumentId ?? materials.explanationDocumentId;
        due = await reviewClock(new Date().toISOString());
        break;
      }
      default: {
        const opinionNo = await acts.issueReviewOpinion({
          decisionId: input.decisionId,
          key: `${wf}:opinion`,
          reviewerUserId,
          outcome: opinion.outcome,
          opinion,
        });
        return {
          outcome: opinion.outcome,
          opinionNo,
          reviewerUserId,
          requiredChanges: opinion.requiredChanges ?? [],
          revisions,
          draftDocumentId: materials.draftDocumentId,
          explanationDocumentId: materials.explanationDocumentId,
        };
      }
    }
  }
}

function mergeSupplement(m: ReviewMaterials, s: SupplementMaterials): void {
  if (s.legalBasis?.length) m.legalBasis = s.legalBasis;
  if (s.fairCompetitionReview) m.fairCompetitionReview = s.fairCompetitionReview;
  if (s.draftDocumentId) m.draftDocumentId = s.draftDocumentId;
  if (s.explanationDocumentId) m.explanationDocumentId = s.explanationDocumentId;
}
