/**
 * What the legal center and the submitting departments read: the queue, one review with its tasks, flags and
 * documents, the pre-filled opinion draft, and the opinion file.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import { assembleOpinionDraft } from '../../domain/review/opinion-draft.js';
import type { ReviewKind } from '../../domain/review/kinds.js';
import { ownedBy, reviewOwner } from '../../records/document-versions.js';
import { forbidden, notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { taskFields } from './read-decisions.js';
import { accessActor, readableReviewWhere } from './access.js';
import { listQueryOf, type ListInput } from '../../domain/lists.js';
import { facetCounts, groupRows, listPage, skipTake, whereOf, type FilterParts } from './list-page.js';
import { reviewFiling } from './review-filing.js';
import { visibleReview } from './review-access.js';

type W = Prisma.ReviewWhereInput;

export type ReviewListFilter = ListInput<'reviews'>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function reviewView(r: Prisma.ReviewGetPayload<object>, now = new Date()) {
  const open = !r.issuedAt && r.status !== 'cancelled';
  // The reviewer's clock runs only while the review is with the center (not while out for supplement or revision, R34).
  const clockRunning = open && ['in_review', 'second_check', 'sign_off'].includes(r.status);
  return {
    id: r.id,
    kind: r.kind,
    subjectNumber: r.subjectNumber,
    title: r.title,
    departmentId: r.departmentId,
    decisionId: r.decisionId,
    status: r.status,
    reviewerUserId: r.reviewerUserId,
    submittedAt: r.submittedAt.toISOString(),
    completeAt: iso(r.completeAt),
    assignedAt: iso(r.assignedAt),
    dueAt: iso(r.dueAt),
    overdue: clockRunning && !!r.dueAt && r.dueAt < now,
    outcome: r.outcome,
    opinionNo: r.opinionNo,
    opinionUrl: r.opinionDocumentId ? `/api/reviews/${encodeURIComponent(r.id)}/opinion` : null,
    issuedAt: iso(r.issuedAt),
  };
}

/** The director's (or supervisor's) whole queue, a reviewer's own reviews, or a department's submissions. */
export async function listReviews(ctx: ServiceContext, user: SessionUser, input: ReviewListFilter = {}) {
  const f = listQueryOf('reviews', input);
  let where: Prisma.ReviewWhereInput;
  if (f.scope === 'center') {
    if (!user.roles.some((r) => r === 'director' || r === 'supervisor'))
      throw forbidden(
        '只有法务中心主任和督查人员可以查看全部审查队列',
        'Only the director and supervisors see the whole queue',
      );
    where = {};
  } else if (f.scope === 'mine') where = { reviewerUserId: user.id };
  else where = { departmentId: user.departmentId };
  // Every scope within what the access policy lets the caller read (a list never holds what the detail refuses).
  const readable = await readableReviewWhere(ctx, await accessActor(ctx, user));
  const now = new Date();
  const open: W = { issuedAt: null, status: { not: 'cancelled' } };
  const closed: W = { OR: [{ issuedAt: { not: null } }, { status: 'cancelled' }] };
  // Overdue as reviewView counts it: open, with the center (clock running), past its due time.
  const overdue: W = { issuedAt: null, status: { in: ['in_review', 'second_check', 'sign_off'] }, dueAt: { lt: now } };
  const onTime: W = { NOT: overdue };
  const contains = f.q ? { contains: f.q, mode: 'insensitive' as const } : undefined;
  const base = [readable, where];
  const parts: FilterParts<W> = {
    kind: f.kind ? { kind: f.kind } : undefined,
    year: f.year ? { year: f.year } : undefined,
    reviewerUserId: f.reviewerUserId ? { reviewerUserId: f.reviewerUserId } : undefined,
    status: f.status === 'open' ? open : f.status === 'closed' ? closed : undefined,
    due: f.due === 'overdue' ? overdue : f.due === 'on_time' ? onTime : undefined,
    q: contains ? { OR: [{ subjectNumber: contains }, { title: contains }] } : undefined,
  };
  const filtered = whereOf(base, parts);
  const last = { sort: f.dir, nulls: 'last' as const };
  const orderBy: Prisma.ReviewOrderByWithRelationInput[] =
    f.sort === 'submitted'
      ? [{ submittedAt: f.dir }, { id: 'asc' }]
      : f.sort === 'number'
        ? [{ subjectNumber: f.dir }, { id: 'asc' }]
        : f.sort === 'issued'
          ? [{ issuedAt: last }, { id: 'asc' }]
          : [{ dueAt: last }, { submittedAt: 'asc' }, { id: 'asc' }];
  const [total, counts, rows] = await Promise.all([
    ctx.prisma.review.count({ where: filtered }),
    facetCounts(
      base,
      parts,
      {
        status: { values: ['open', 'closed'], where: (v) => (v === 'open' ? open : closed) },
        kind: { by: 'kind' },
        due: { values: ['overdue', 'on_time'], where: (v) => (v === 'overdue' ? overdue : onTime) },
      },
      {
        count: (w) => ctx.prisma.review.count({ where: w }),
        groupBy: async (by, w) =>
          groupRows(
            (await ctx.prisma.review.groupBy({
              by: [by as 'kind'],
              where: w,
              _count: { _all: true },
            })) as unknown as Array<Record<string, unknown>>,
            by,
          ),
      },
    ),
    ctx.prisma.review.findMany({ where: filtered, orderBy, ...skipTake(f) }),
  ]);
  return {
    ...listPage(
      f,
      total,
      rows.map((r) => reviewView(r, now)),
      counts,
    ),
    overdue: f.due === 'on_time' ? 0 : (counts.due?.overdue ?? 0),
  };
}

export async function getReview(ctx: ServiceContext, user: SessionUser, id: string) {
  const r = await visibleReview(ctx, user, id);
  const taskSelect = {
    id: true,
    kind: true,
    stage: true,
    role: true,
    departmentId: true,
    assigneeUserId: true,
    status: true,
    openedAt: true,
    dueAt: true,
    dueRule: true,
    dueBasis: true,
    dueProvisional: true,
    dueAttention: true,
    pausedAt: true,
    overdueAt: true,
    completedAt: true,
    completedById: true,
    context: true,
  } as const;
  const tasks = r.decisionId
    ? await ctx.prisma.task.findMany({ where: { workflowId: r.id }, orderBy: { openedAt: 'asc' }, select: taskSelect })
    : await ctx.prisma.task.findMany({ where: { reviewId: r.id }, orderBy: { openedAt: 'asc' }, select: taskSelect });
  const documents = r.decisionId
    ? []
    : await ctx.prisma.document.findMany({
        where: ownedBy(reviewOwner(r.id)),
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          kind: true,
          fileName: true,
          mimeType: true,
          size: true,
          sha256: true,
          version: true,
          createdAt: true,
        },
      });
  const flags = await ctx.prisma.reviewFlag.findMany({ where: { reviewId: r.id }, orderBy: { id: 'asc' } });
  return {
    ...reviewView(r),
    tasks: tasks.map((t) => ({ ...t, ...taskFields(t) })),
    documents,
    revisions: await reviewRevisions(ctx, r.id, r.decisionId),
    flags: flags.map((f) => ({
      id: f.id,
      code: f.code,
      checklistItem: f.checklistItem,
      excerpt: f.excerpt,
      message: { zh: f.messageZh, en: f.messageEn },
      status: f.status,
      reason: f.reason,
      decidedById: f.decidedById,
      decidedAt: iso(f.decidedAt),
    })),
    ...(r.kind === 'normative_document' ? await reviewFiling(ctx, user, r) : { filing: null, mayRecordFiling: null }),
  };
}

/**
 * Issue 14 item 3: each revision the submitting department made during the review (revise_draft), with the
 * revised draft's version and SHA-256 and the drafter's 修改情况说明, so the next round's reviewer sees what changed.
 */
async function reviewRevisions(ctx: ServiceContext, reviewId: string, decisionId: string | null) {
  const where = { kind: 'revise_draft', status: 'done' as const };
  const done = decisionId
    ? await ctx.prisma.task.findMany({
        where: { ...where, workflowId: reviewId },
        orderBy: { completedAt: 'asc' },
        select: { id: true, completedAt: true, result: true },
      })
    : await ctx.prisma.task.findMany({
        where: { ...where, reviewId },
        orderBy: { completedAt: 'asc' },
        select: { id: true, completedAt: true, result: true },
      });
  const results = done.map((t) => ({
    ...t,
    result: (t.result ?? {}) as { revisedDraftDocumentId?: string; changesSummary?: string },
  }));
  const drafts = await ctx.prisma.document.findMany({
    where: { id: { in: results.flatMap((t) => t.result.revisedDraftDocumentId ?? []) } },
    select: { id: true, fileName: true, version: true, sha256: true, createdAt: true },
  });
  return results.map((t, i) => ({
    round: i + 2,
    taskId: t.id,
    revisedAt: iso(t.completedAt),
    changesSummary: t.result.changesSummary ?? '',
    draft: drafts.find((d) => d.id === t.result.revisedDraftDocumentId) ?? null,
  }));
}

/** The review form pre-filled from the decided flags: each checklist item's finding, and the opinion's draft text. */
export async function opinionDraft(ctx: ServiceContext, user: SessionUser, id: string) {
  const r = await visibleReview(ctx, user, id);
  const flags = await ctx.prisma.reviewFlag.findMany({ where: { reviewId: r.id }, orderBy: { id: 'asc' } });
  const draft = assembleOpinionDraft(r.kind as ReviewKind, flags);
  return { ...draft, openFlags: flags.filter((f) => f.status === 'open').length };
}

/** The opinion's .docx (from the decision's documents, or the review's own). */
export async function opinionFile(ctx: ServiceContext, user: SessionUser, id: string) {
  const r = await visibleReview(ctx, user, id);
  if (!r.opinionDocumentId) throw notFound('审查意见书');
  const doc = await ctx.prisma.document.findUnique({ where: { id: r.opinionDocumentId } });
  if (!doc) throw notFound('审查意见书');
  return {
    fileName: doc.fileName,
    mimeType: doc.mimeType,
    sha256: doc.sha256,
    content: Buffer.from(doc.contentBase64, 'base64'),
  };
}

/** A file of a review without a decision. */
export async function reviewDocumentFile(ctx: ServiceContext, user: SessionUser, id: string, documentId: string) {
  const r = await visibleReview(ctx, user, id);
  const doc = await ctx.prisma.document.findFirst({ where: { id: documentId, ...ownedBy(reviewOwner(r.id)) } });
  if (!doc) throw notFound('文件');
  return {
    fileName: doc.fileName,
    mimeType: doc.mimeType,
    sha256: doc.sha256,
    content: Buffer.from(doc.contentBase64, 'base64'),
  };
}
