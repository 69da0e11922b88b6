/**
 * What people do on a review outside the decision's task list: the director reassigns it, the reviewer
 * declines it (R20, each with a reason, through the review workflow's update), the reviewer confirms or
 * dismisses an assisted-review flag (recorded with the reason), and the submitting department completes the
 * tasks and uploads the files of a review that has no decision.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../records/audit.js';
import { ownedBy, reviewOwner } from '../../records/document-versions.js';
import { checkChosenDocuments, reviewCurrentDraft } from './chosen-documents.js';
import { loadPool, localDate } from '../../records/review-pool.js';
import type { CompleteTaskResult } from '../../domain/messages.js';
import { ineligibility, pickReviewer, type PoolMember } from '../../domain/review/assignment.js';
import type { DecideFlag, SubmittedFile } from '../../domain/review/submission.js';
import { referencedDocumentIds } from '../../domain/tasks/fields.js';
import { violation } from '../../domain/violation.js';
import { decideReviewTime, reassignReview, type ReassignRequest } from '../../workflows/legality-review/messages.js';
import { fieldIssue, forbidden, fromTemporal, invalid, notFound, ruleRefusal } from '../errors.js';
import { completeTaskRow } from './complete-task.js';
import type { ServiceContext, SessionUser } from './context.js';
import { storeReviewFile } from './review-submit.js';
import { visibleReview, visibleReviewTask } from './review-access.js';

const actorAs = (user: SessionUser, role: 'director' | 'reviewer' | 'drafter') => ({
  userId: user.id,
  name: user.displayName,
  role,
  departmentId: user.departmentId,
});

/** An open review the caller may read (404 otherwise: the access policy), before any check of what they may do. */
async function openReview(ctx: ServiceContext, user: SessionUser, id: string) {
  const r = await visibleReview(ctx, user, id);
  if (r.issuedAt || r.status === 'cancelled')
    throw ruleRefusal([
      violation(
        'R20',
        'r20.review_closed',
        '审查意见已出具或审查已终止',
        'The opinion is issued or the review has ended',
      ),
    ]);
  return r;
}

/** What a reassignment does: the review and the reviewer it goes to. */
export interface ReassignPlan {
  reviewId: string;
  from: string | null;
  reviewerUserId: string;
  weight: number;
}

/**
 * The checks of a reassignment, without doing it: the review open and readable, the caller the director, the
 * target an eligible member of the pool (R20) other than the current reviewer. `auto`: the pool's own pick among
 * the others, as a new review's assignment picks. A preview of several passes one pool and counts each pick's load.
 */
export async function planReassign(
  ctx: ServiceContext,
  user: SessionUser,
  id: string,
  body: { reviewerUserId: string },
  pool?: PoolMember[],
): Promise<ReassignPlan> {
  const r = await openReview(ctx, user, id);
  if (!user.roles.includes('director'))
    throw forbidden('只有法务中心主任可以改派', 'Only the director reassigns reviews');
  const members = pool ?? (await loadPool(ctx.prisma));
  const subject = {
    departmentId: r.departmentId,
    subjectNumber: r.subjectNumber,
    onDate: localDate(new Date()),
    exclude: r.reviewerUserId ? [r.reviewerUserId] : [],
  };
  const plan = (m: PoolMember) => {
    m.openLoad += r.weight;
    return { reviewId: r.id, from: r.reviewerUserId, reviewerUserId: m.userId, weight: r.weight };
  };
  if (body.reviewerUserId === AUTO) {
    const picked = pickReviewer(members, subject);
    if (!picked)
      throw ruleRefusal([
        violation(
          'R20',
          'r20.nobody_eligible',
          '审查员库中没有可以承办此项审查的其他审查员（均不在岗、休假或需回避）',
          'No other reviewer in the pool may take this review',
        ),
      ]);
    return plan(picked);
  }
  const member = members.find((m) => m.userId === body.reviewerUserId);
  if (!member)
    throw invalid([
      fieldIssue(
        'reviewerUserId',
        '不是法务中心的审查员',
        'Not a reviewer of the legal center',
        'error.not_a_reviewer',
      ),
    ]);
  if (member.userId === r.reviewerUserId)
    throw ruleRefusal([
      violation(
        'R20',
        'r20.same_reviewer',
        '该审查已由所选审查员承办，无须改派',
        'The review is already with this reviewer',
      ),
    ]);
  const why = ineligibility(member, subject);
  if (why)
    throw ruleRefusal([
      violation(
        'R20',
        `r20.${why}`,
        `该审查员不能承办此项审查（${{ inactive: '不在岗', on_leave: '休假中', declared_conflict: '已申报利益冲突', former_department: '原工作单位回避', excluded: '已排除' }[why]}）`,
        `This reviewer may not take the review (${why.replace('_', ' ')})`,
      ),
    ]);
  return plan(member);
}

/** The reviewer the pool picks, in a bulk reassignment. */
export const AUTO = 'auto';

/** The director gives the review to another reviewer, who must be an active, eligible member of the pool. */
export async function reassignReviewService(
  ctx: ServiceContext,
  user: SessionUser,
  id: string,
  body: { reviewerUserId: string; reason: string },
  plan?: ReassignPlan,
  updateId?: string,
) {
  const p = plan ?? (await planReassign(ctx, user, id, body));
  return sendReassign(
    ctx,
    p.reviewId,
    { actor: actorAs(user, 'director'), mode: 'reassign', reviewerUserId: p.reviewerUserId, reason: body.reason },
    updateId,
  );
}

/** The assigned reviewer declines with a reason; the pool picks another reviewer. */
export async function declineReviewService(
  ctx: ServiceContext,
  user: SessionUser,
  id: string,
  body: { reason: string },
) {
  const r = await openReview(ctx, user, id);
  if (!user.roles.includes('reviewer')) throw forbidden('只有审查员可以拒绝审查', 'Only a reviewer declines a review');
  if (r.reviewerUserId !== user.id) throw forbidden('该审查未分配给您', 'This review is not assigned to you');
  return sendReassign(ctx, r.id, { actor: actorAs(user, 'reviewer'), mode: 'decline', reason: body.reason });
}

/** R17: the director or the assigned reviewer grants or refuses the shortened review time a decision's submission asked for. */
export async function decideReviewTimeService(
  ctx: ServiceContext,
  user: SessionUser,
  id: string,
  body: { grant: boolean; reason?: string },
) {
  const r = await openReview(ctx, user, id);
  const director = user.roles.includes('director');
  if (!director && !(user.roles.includes('reviewer') && r.reviewerUserId === user.id))
    throw forbidden(
      '只有法务中心主任或承办审查员可以决定审查时间',
      'Only the director or the assigned reviewer decides the review time',
    );
  if (r.kind !== 'decision')
    throw ruleRefusal([
      violation(
        'R17',
        'r17.no_shortened_request',
        '报送单位未申请缩短审查时间，无须决定',
        'No shortened review time was asked for',
      ),
    ]);
  try {
    return await ctx.temporal.workflow.getHandle(r.id).executeUpdate(decideReviewTime, {
      args: [{ actor: actorAs(user, director ? 'director' : 'reviewer'), ...body }],
      updateId: randomUUID(),
    });
  } catch (err) {
    throw fromTemporal(err);
  }
}

async function sendReassign(ctx: ServiceContext, workflowId: string, req: ReassignRequest, updateId?: string) {
  try {
    return await ctx.temporal.workflow
      .getHandle(workflowId)
      .executeUpdate(reassignReview, { args: [req], updateId: updateId ?? randomUUID() });
  } catch (err) {
    throw fromTemporal(err);
  }
}

/** The assigned reviewer confirms or dismisses a flag; each decision is audited, a dismissal with its reason. */
export async function decideFlagService(
  ctx: ServiceContext,
  user: SessionUser,
  id: string,
  flagId: string,
  d: DecideFlag,
) {
  const r = await openReview(ctx, user, id);
  if (r.reviewerUserId !== user.id || !user.roles.includes('reviewer'))
    throw forbidden('只有承办该审查的审查员可以处理提示', 'Only the assigned reviewer decides on flags');
  const flag = await ctx.prisma.reviewFlag.findFirst({ where: { id: flagId, reviewId: r.id } });
  if (!flag) throw notFound('审查提示');
  const at = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.reviewFlag.update({
      where: { id: flag.id },
      data: { status: d.decision, reason: d.reason ?? null, decidedById: user.id, decidedAt: at },
    });
    await appendAudit(tx, {
      idempotencyKey: `review.flag_decided:${flag.id}:${randomUUID()}`,
      at,
      actor: actorAs(user, 'reviewer'),
      action: `review.flag_${d.decision}`,
      decisionId: r.decisionId,
      subjectType: 'review_flag',
      subjectId: flag.id,
      data: {
        reviewId: r.id,
        code: flag.code,
        excerpt: flag.excerpt,
        before: { status: flag.status, reason: flag.reason },
        after: { status: d.decision, reason: d.reason },
      },
    });
    return {
      id: updated.id,
      status: updated.status,
      reason: updated.reason,
      decidedById: updated.decidedById,
      decidedAt: updated.decidedAt?.toISOString(),
    };
  });
}

/** Completes a task of a review without a decision (same rules as a decision's task: role, assignee, department, payload schema, then the workflow's validator). */
export async function completeReviewTaskService(
  ctx: ServiceContext,
  user: SessionUser,
  taskId: string,
  payload: unknown,
  idempotencyKey?: string,
): Promise<CompleteTaskResult> {
  const { task } = await visibleReviewTask(ctx, user, taskId);
  return completeTaskRow(ctx, user, task, payload, idempotencyKey, async (data) => {
    const docIds = referencedDocumentIds(data);
    if (!docIds.length) return;
    const found = new Set(
      (
        await ctx.prisma.document.findMany({
          where: { id: { in: docIds }, ...ownedBy(reviewOwner(task.reviewId)) },
          select: { id: true },
        })
      ).map((d) => d.id),
    );
    const missing = docIds.filter((d) => !found.has(d));
    if (missing.length)
      throw invalid(
        missing.map((d) =>
          fieldIssue(
            'payload',
            `文件${d}不属于本审查`,
            `Document ${d} does not belong to this review`,
            'error.unknown_document',
          ),
        ),
      );
    await checkChosenDocuments(ctx, data, () => reviewCurrentDraft(ctx, task.reviewId));
  });
}

/** The submitting department adds a file (a revised draft, a missing material) to its review. */
export async function uploadReviewDocument(
  ctx: ServiceContext,
  user: SessionUser,
  id: string,
  kind: string,
  file: SubmittedFile,
) {
  const r = await visibleReview(ctx, user, id);
  if (r.decisionId) throw notFound('审查');
  if (!user.roles.includes('drafter') || user.departmentId !== r.departmentId)
    throw forbidden('只有报送单位可以上传材料', 'Only the submitting department adds files');
  const documentId = await ctx.prisma.$transaction((tx) => storeReviewFile(tx, r.id, kind, file, user));
  return { id: documentId, kind };
}
