import { CancellationScope, isCancellation, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { CHECKLISTS } from '../../domain/review/kinds.js';
import {
  r16MissingMaterials,
  r17ReviewDays,
  r17ReviewTimeDecisionViolation,
  MATERIAL_ITEMS,
  type ReviewMaterials,
} from '../../domain/rules/legality-review.js';
import type { Due } from '../../domain/procedure.js';
import type { ReviewLegality, SupplementMaterials } from '../../domain/tasks/legality-review.js';
import { acts } from '../shared/activities.js';
import { calendarFailure, ruleFailure, TaskEngine, type DueSpec } from '../shared/task-engine.js';
import { decideReviewTime } from './messages.js';
import { completeTask, openTasks, recomputeDeadlines } from '../../domain/messages.js';
import { extendTaskDue } from '../../domain/escalation-messages.js';
import { ReviewAssignment } from './assignment.js';
import type { FinalOutcome, LegalityReviewInput, LegalityReviewResult } from './types.js';

/**
 * R15-R20: a legality review by the legal center, one workflow for decisions, normative documents and
 * contracts. Complete materials start the clock (R16, R17); a return for supplement stops it and resumes it
 * with the working days left (R34); the pool assigns the reviewer (R20); a revision comes back to the same
 * reviewer (R19); a second check and the director's sign-off, where the kind requires them, come before the
 * numbered opinion is issued. A decision's review ends only with an outcome that lets it proceed ("not lawful"
 * waits for a revision, R15); a normative document's or contract's ends with any final outcome.
 */
export async function legalityReview(input: LegalityReviewInput): Promise<LegalityReviewResult> {
  const reviewId = workflowInfo().workflowId;
  const standalone = !input.subject.decisionId;
  const engine: TaskEngine = new TaskEngine({
    decisionId: input.subject.decisionId ?? reviewId,
    completionContext: () => ({ facts: input.facts, config: input.config }),
    summary: (): { stage: string; status: string } => ({ stage: 'legality_review', status: assignment.status.phase }),
    ...(standalone ? { reviewId } : {}),
  });
  setHandler(completeTask, (req) => engine.complete(req), { validator: (req) => engine.validate(req) });
  setHandler(openTasks, () => engine.openViews());
  setHandler(extendTaskDue, (req) => engine.extendDue(req));
  setHandler(recomputeDeadlines, () => engine.recomputeDeadlines());
  const assignment: ReviewAssignment = new ReviewAssignment(reviewId, engine);
  try {
    return await review(input, reviewId, engine, assignment);
  } catch (err) {
    // The decision was withdrawn: the review's own open tasks close with it.
    if (isCancellation(err))
      await CancellationScope.nonCancellable(async () => {
        await engine.cancelAll('决策已撤回');
        await acts.syncReview({ reviewId, status: 'cancelled', closed: true });
      });
    throw err;
  }
}

async function review(
  input: LegalityReviewInput,
  reviewId: string,
  engine: TaskEngine,
  assignment: ReviewAssignment,
): Promise<LegalityReviewResult> {
  const { subject, config } = input;
  const status = assignment.status;
  const materials: ReviewMaterials = { ...input.materials };
  const now = () => new Date().toISOString();
  const stepDue = (
    kind:
      | 'supplement_materials'
      | 'revise_draft'
      | 'record_required_changes'
      | 'second_check_review'
      | 'sign_off_review_opinion',
  ): DueSpec => ({ days: config.stepWorkingDays[kind], basis: 'working_days', rule: `config:${kind}` });
  const phase = async (
    p: typeof status.phase,
    extra: { dueAt?: string; completeAt?: string; outcome?: string; closed?: boolean } = {},
  ) => {
    status.phase = p;
    await acts.syncReview({ reviewId, status: p, ...extra });
  };
  const event = (key: string, action: string, data: Record<string, unknown>) =>
    subject.decisionId
      ? acts.recordEngineEvent({ decisionId: subject.decisionId, key: `${reviewId}:${key}`, action, data })
      : acts.recordReviewEvent({ reviewId, key: `${reviewId}:${key}`, action, data });
  let supplements = 0;
  let revisions = 0;

  const settings = await acts.openReview({
    reviewId,
    kind: subject.kind,
    subjectNumber: subject.number,
    title: subject.title,
    departmentId: subject.departmentId,
    decisionId: subject.decisionId,
  });

  // R17: a decision's review runs on the director's per-kind target; a shortened time only once the center grants it.
  const centerDecides = subject.kind === 'decision' && patched(R17_CENTER_DECIDES_REVIEW_TIME);
  const requested = input.requestedReviewWorkingDays;
  let timeDecision: { grant: boolean } | undefined;
  const reviewDays = () =>
    centerDecides
      ? r17ReviewDays({
          requested,
          granted: timeDecision?.grant,
          targetDays: settings.targetWorkingDays,
          minDays: config.minReviewWorkingDays,
        })
      : input.reviewWorkingDays;
  let due: Due | undefined;
  // R32: a review clock the calendar could not count; the review task opens with it and its due needs attention.
  let pending: (DueSpec & { from: string }) | undefined;
  let clockFrom: string | undefined;
  /** Counts a clock (R17 or R34); a calendar failure leaves it pending instead of failing the review (patched). */
  const counted = async (spec: DueSpec & { from: string }, count: () => Promise<Due>): Promise<void> => {
    try {
      due = await count();
      pending = undefined;
    } catch (err) {
      if (calendarFailure(err) === undefined || !patched(R32_REVIEW_CLOCK_NEEDS_ATTENTION)) throw err;
      due = undefined;
      pending = spec;
    }
  };
  if (centerDecides)
    setHandler(
      decideReviewTime,
      async ({ actor, grant, reason }) => {
        timeDecision = { grant };
        await acts.recordPersonEvent({
          decisionId: subject.decisionId!,
          key: `${reviewId}:review-time-decided`,
          actor,
          action: 'review.review_time_decided',
          data: { stage: 'legality_review', rule: 'R17', requested, granted: grant, reason, workingDays: reviewDays() },
        });
        if (grant && clockFrom) {
          await reviewClock(clockFrom);
          if (due) {
            if (status.reviewTaskId) await engine.moveDue(status.reviewTaskId, due);
            await acts.syncReview({ reviewId, status: status.phase, dueAt: due.dueAt });
          }
        }
        return { granted: grant, workingDays: reviewDays(), dueAt: due?.dueAt };
      },
      {
        validator: ({ grant, reason }) => {
          const shortenedRequested = requested !== undefined && requested < config.minReviewWorkingDays;
          const v = r17ReviewTimeDecisionViolation({
            shortenedRequested,
            alreadyDecided: !!timeDecision,
            grant,
            reason,
          });
          if (v) throw ruleFailure([v]);
        },
      },
    );

  const supplement = async (missing: string[]) => {
    const n = ++supplements;
    const back = status.phase;
    await phase('supplement');
    await event(`returned-for-supplement-${n}`, 'review.returned_for_supplement', {
      rule: 'R16',
      missingItems: missing,
    });
    const s = await engine.run({
      kind: 'supplement_materials',
      step: `supplement-materials-${n}`,
      departmentId: subject.departmentId,
      due: stepDue('supplement_materials'),
      context: { missingItems: missing, reviewKind: subject.kind },
    });
    mergeSupplement(materials, s);
    await event(`resubmitted-${n}`, 'review.resubmitted', {
      rule: 'R16',
      supplied: Object.keys(s).filter((k) => k !== 'note'),
    });
    status.phase = back;
  };

  // R16: the clock does not run until the materials are complete.
  // R16 (patched): a done stage counts only with its stage record in the procedure.
  const stageRecords = subject.kind === 'decision' && patched(R16_STAGE_RECORDS);
  for (
    let missing = r16MissingMaterials(materials, subject.kind, { stageRecords });
    missing.length;
    missing = r16MissingMaterials(materials, subject.kind, { stageRecords })
  )
    await supplement(missing.map((m) => `${MATERIAL_ITEMS[m].zh}（${m}）`));
  const completeAt = now();

  // R20: the pool assigns the reviewer; assisted review flags the draft for them.
  await assignment.assign(input.previousReviewerUserId);
  await acts.analyseDraft({
    reviewId,
    kind: subject.kind,
    draftDocumentId: materials.draftDocumentId,
    legalBasis: materials.legalBasis,
    at: now(),
  });

  const reviewClock = (from: string) => {
    clockFrom = from;
    const spec = { from, days: reviewDays(), basis: 'working_days' as const, rule: 'R17' };
    return counted(spec, () => acts.computeDeadline(spec));
  };
  await reviewClock(completeAt);
  await phase('in_review', { dueAt: due?.dueAt, completeAt });
  let sentBack: { by: 'second_check' | 'sign_off'; comments?: string } | undefined;

  // R34: the clock resumes with the working days left at the pause. A clock the calendar never counted (still
  // pending) is counted first; if the calendar still cannot, the resumed clock is pending too, counted from the
  // resumption with the review's full period (the days left cannot be known without the calendar) and marked.
  const resumeClock = async (pausedAt: string) => {
    const resumedAt = now();
    const spec = { from: resumedAt, days: pending?.days ?? reviewDays(), basis: 'working_days' as const, rule: 'R34' };
    const paused = pending;
    await counted(spec, async () => {
      const before = due ?? (await acts.computeDeadline(paused!));
      return acts.resumeDeadline({ pausedAt, resumedAt, dueAt: before.dueAt, rule: 'R34' });
    });
  };

  for (let n = 1; ; n++) {
    const step = `review-${n}`;
    status.reviewTaskId = `${reviewId}:${step}`;
    const opinion: ReviewLegality = await engine.run({
      kind: 'review_legality',
      step,
      assigneeUserId: assignment.reviewer,
      due: due ? { fixed: due } : pending!,
      context: {
        round: input.round,
        pass: n,
        reviewKind: subject.kind,
        checklist: CHECKLISTS[subject.kind],
        materials,
        shortenedReason: input.shortenedReason,
        sentBack,
      },
    });
    // R32: the engine recomputes the review clock when the calendar changes; later passes keep the moved due.
    const recounted = engine.get(`${reviewId}:${step}`)?.due;
    if (recounted) [due, pending] = [recounted, undefined];
    status.reviewTaskId = undefined;
    sentBack = undefined;
    const reviewerUserId = assignment.reviewer!;
    switch (opinion.outcome) {
      case 'materials_incomplete': {
        const pausedAt = now();
        await supplement(opinion.missingItems ?? []);
        await resumeClock(pausedAt);
        await phase('in_review', { dueAt: due?.dueAt });
        continue;
      }
      case 'returned_for_revision':
      case 'not_lawful': {
        if (opinion.outcome === 'not_lawful' && subject.kind !== 'decision') break;
        await phase('revision');
        const revised = await engine.run({
          kind: 'revise_draft',
          step: `revise-draft-${n}`,
          departmentId: subject.departmentId,
          due: stepDue('revise_draft'),
          context: { outcome: opinion.outcome, reasons: opinion.reasons, reviewerUserId },
        });
        revisions++;
        materials.draftDocumentId = revised.revisedDraftDocumentId;
        materials.explanationDocumentId = revised.explanationDocumentId ?? materials.explanationDocumentId;
        await acts.analyseDraft({
          reviewId,
          kind: subject.kind,
          draftDocumentId: materials.draftDocumentId,
          legalBasis: materials.legalBasis,
          at: now(),
        });
        await reviewClock(now());
        await phase('in_review', { dueAt: due?.dueAt });
        continue;
      }
      default:
        break;
    }

    // The opinion is final: the second check and the director's sign-off where the kind requires them.
    let checkerUserId: string | undefined;
    if (settings.secondCheck) {
      await phase('second_check');
      checkerUserId = await assignment.secondChecker(n);
      const check = await engine.run({
        kind: 'second_check_review',
        step: `second-check-${n}`,
        assigneeUserId: checkerUserId,
        due: stepDue('second_check_review'),
        context: { reviewKind: subject.kind, opinion, reviewerUserId },
      });
      if (!check.agrees) {
        sentBack = { by: 'second_check', comments: check.comments };
        await phase('in_review');
        continue;
      }
    }
    let signOffTaskId: string | undefined;
    if (settings.directorSignOff) {
      await phase('sign_off');
      const signOff = await engine.run({
        kind: 'sign_off_review_opinion',
        step: `sign-off-${n}`,
        due: stepDue('sign_off_review_opinion'),
        context: { reviewKind: subject.kind, opinion, reviewerUserId, checkerUserId },
      });
      if (!signOff.approved) {
        sentBack = { by: 'sign_off', comments: signOff.comments };
        await phase('in_review');
        continue;
      }
      signOffTaskId = `${reviewId}:sign-off-${n}`;
    }

    const issued = await acts.issueReviewOpinion({
      reviewId,
      kind: subject.kind,
      reviewerUserId,
      checkerUserId,
      signOffTaskId,
      opinion,
    });
    status.phase = 'issued';
    const outcome = opinion.outcome as FinalOutcome;
    // A submission's required changes are answered in its own review; a decision's in its procedure (R19).
    if (!subject.decisionId && outcome === 'passed_with_changes') {
      await phase('changes');
      const changes = await engine.run({
        kind: 'record_required_changes',
        step: `record-required-changes-${n}`,
        departmentId: subject.departmentId,
        due: stepDue('record_required_changes'),
        context: { requiredChanges: opinion.requiredChanges ?? [], opinionNo: issued.opinionNo },
      });
      if (changes.revisedDraftDocumentId) materials.draftDocumentId = changes.revisedDraftDocumentId;
    }
    await phase('done', { closed: true, outcome });
    return {
      outcome,
      opinionNo: issued.opinionNo,
      opinionDocumentId: issued.documentId,
      reviewerUserId,
      requiredChanges: opinion.requiredChanges ?? [],
      revisions,
      draftDocumentId: materials.draftDocumentId,
      explanationDocumentId: materials.explanationDocumentId,
    };
  }
}

/** The patch id (R16) of checking the stage records behind a done stage. */
export const R16_STAGE_RECORDS = 'r16-stage-records';

/** The patch id (R32) of a review clock the calendar cannot count: the review task opens with its due needing attention. */
export const R32_REVIEW_CLOCK_NEEDS_ATTENTION = 'r32-review-clock-needs-attention';

/** The patch id of R17's center decision on a shortened review time and the per-kind target for decisions. */
export const R17_CENTER_DECIDES_REVIEW_TIME = 'r17-center-decides-review-time';

function mergeSupplement(m: ReviewMaterials, s: SupplementMaterials): void {
  if (s.legalBasis?.length) m.legalBasis = s.legalBasis;
  if (s.fairCompetitionReview) m.fairCompetitionReview = s.fairCompetitionReview;
  if (s.draftDocumentId) m.draftDocumentId = s.draftDocumentId;
  if (s.explanationDocumentId) m.explanationDocumentId = s.explanationDocumentId;
  if (s.consultationSummary) m.consultationSummary = s.consultationSummary;
  if (s.counterpartyDocumentId) m.counterpartyDocumentId = s.counterpartyDocumentId;
}
