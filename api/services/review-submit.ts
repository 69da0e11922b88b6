/**
 * R16, R20: a drafting department submits a normative document or a contract for legality review. The
 * submission gets its number (`GF-2026-0001`, `HT-2026-0001`, a gap-free yearly sequence per kind), its files
 * and its audit event in one transaction; the review workflow (id = the number) starts after commit.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { appendAudit, auditActor, type Tx } from '../../records/audit.js';
import { addDocumentVersion, reviewOwner } from '../../records/document-versions.js';
import { nextSequence, shanghaiYear } from '../../records/sequence.js';
import { reviewSettings } from '../../records/review-settings.js';
import { MAX_DOCUMENT_BYTES } from '../../domain/documents.js';
import { REVIEW_WORKFLOW } from '../../domain/messages.js';
import { SUBMISSION_PREFIX } from '../../domain/review/kinds.js';
import type { SubmitForReview, SubmittedFile } from '../../domain/review/submission.js';
import { r17ReviewWorkingDays } from '../../domain/rules/legality-review.js';
import type { LegalityReviewInput } from '../../workflows/legality-review/types.js';
import { AppError, forbidden, ruleRefusal } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

export async function storeReviewFile(
  tx: Tx,
  reviewId: string,
  kind: string,
  file: SubmittedFile,
  user: SessionUser,
): Promise<string> {
  const content = Buffer.from(file.contentBase64, 'base64');
  if (content.length > MAX_DOCUMENT_BYTES)
    throw new AppError(413, 'too_large', 'error.too_large', { zh: '文件过大', en: 'File too large' });
  const { id, sha256 } = await addDocumentVersion(tx, reviewOwner(reviewId), {
    kind,
    fileName: file.fileName,
    mimeType: file.mimeType,
    content,
    uploadedById: user.id,
  });
  await appendAudit(tx, {
    idempotencyKey: `review.document_uploaded:${id}`,
    at: new Date(),
    actor: auditActor(user, 'drafter'),
    action: 'review.document_uploaded',
    subjectType: 'review',
    subjectId: reviewId,
    data: { documentId: id, kind, fileName: file.fileName, sha256 },
  });
  return id;
}

export async function submitForReview(
  ctx: ServiceContext,
  user: SessionUser,
  s: SubmitForReview,
): Promise<{ id: string; number: string; reviewWorkingDays: number }> {
  if (!user.roles.includes('drafter'))
    throw forbidden('只有承办单位经办人可以报送审查', 'Only a drafting department’s staff can submit for review');
  const settings = await reviewSettings(ctx.prisma, s.kind);
  // R17 as for decisions, with the kind's own target as its minimum where that is shorter (DOMAIN.md: 5 working days).
  const days = r17ReviewWorkingDays(s, {
    ...ctx.procedureConfig,
    minReviewWorkingDays: Math.min(ctx.procedureConfig.minReviewWorkingDays, settings.targetWorkingDays),
    reviewTargetWorkingDays: settings.targetWorkingDays,
  });
  if ('violation' in days) throw ruleRefusal([days.violation]);

  const number = await ctx.prisma.$transaction(async (tx) => {
    const year = shanghaiYear(new Date());
    const seq = await nextSequence(tx, `review_submission_${s.kind}`, year);
    const id = `${SUBMISSION_PREFIX[s.kind]}-${year}-${String(seq).padStart(4, '0')}`;
    await tx.review.create({
      data: {
        id,
        kind: s.kind,
        subjectNumber: id,
        title: s.title,
        departmentId: user.departmentId,
        year,
        status: 'intake',
        weight: settings.weight,
        submittedById: user.id,
      },
    });
    const draftDocumentId = s.draft ? await storeReviewFile(tx, id, 'draft', s.draft, user) : undefined;
    const explanationDocumentId = s.explanation
      ? await storeReviewFile(tx, id, 'explanation', s.explanation, user)
      : undefined;
    const counterpartyDocumentId = s.counterparty
      ? await storeReviewFile(tx, id, 'counterparty', s.counterparty, user)
      : undefined;
    const materials = {
      draftDocumentId,
      explanationDocumentId,
      counterpartyDocumentId,
      legalBasis: s.legalBasis,
      consultationSummary: s.consultationSummary,
      statutorySteps: [],
      touchesMarketActors: false,
    };
    await tx.review.update({
      where: { id },
      data: { materials: { ...materials, reviewWorkingDays: days.days, shortenedReason: s.shortenedReason } },
    });
    await appendAudit(tx, {
      idempotencyKey: `review.submitted:${id}`,
      at: new Date(),
      actor: auditActor(user, 'drafter'),
      action: 'review.submitted',
      subjectType: 'review',
      subjectId: id,
      data: {
        rule: 'R20',
        kind: s.kind,
        title: s.title,
        legalBasis: s.legalBasis,
        reviewWorkingDays: days.days,
        shortenedReason: s.shortenedReason,
        files: { draftDocumentId, explanationDocumentId, counterpartyDocumentId },
      },
    });
    return id;
  });
  await startReviewWorkflow(ctx, number);
  return { id: number, number, reviewWorkingDays: days.days };
}

/** Starts a submission's review workflow from its recorded materials (a second start is a no-op). */
export async function startReviewWorkflow(ctx: ServiceContext, reviewId: string): Promise<void> {
  const r = await ctx.prisma.review.findUniqueOrThrow({ where: { id: reviewId } });
  const m = r.materials as unknown as LegalityReviewInput['materials'] & {
    reviewWorkingDays: number;
    shortenedReason?: string;
  };
  const { reviewWorkingDays, shortenedReason, ...materials } = m;
  const input: LegalityReviewInput = {
    subject: {
      kind: r.kind as LegalityReviewInput['subject']['kind'],
      number: r.subjectNumber,
      title: r.title,
      departmentId: r.departmentId,
    },
    round: 1,
    facts: {
      leadDepartmentId: r.departmentId,
      coDepartmentIds: [],
      confidential: false,
      touchesMarketActors: false,
      widePublicConcern: false,
      legalBasis: materials.legalBasis,
      partyCommitteeReportRequired: false,
    },
    materials,
    reviewWorkingDays,
    shortenedReason,
    config: ctx.procedureConfig,
  };
  try {
    await ctx.temporal.workflow.start(REVIEW_WORKFLOW, { workflowId: r.id, taskQueue: ctx.taskQueue, args: [input] });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    throw new AppError(503, 'temporal_unavailable', 'error.temporal_unavailable', {
      zh: `${r.id}已登记，但审查程序尚未启动，请稍后重试`,
      en: `${r.id} is recorded but its review has not started; try again later`,
    });
  }
}

/** At start-up: starts the review of any submission recorded while Temporal was unreachable (a running one is left alone). */
export async function startPendingReviews(ctx: ServiceContext): Promise<number> {
  const pending = await ctx.prisma.review.findMany({
    where: { decisionId: null, status: 'intake' },
    select: { id: true },
  });
  for (const r of pending) await startReviewWorkflow(ctx, r.id);
  return pending.length;
}
