/**
 * A review, or a task of a review without a decision, that the caller may read (the access policy's
 * canReadReview): the services reading, acting on and recording a review start here. Anything else is 404, so
 * a review's existence does not leak.
 */
import { isOwnTask } from '../../domain/access-policy.js';
import { notFound } from '../errors.js';
import { accessActor, readableReviewWhere } from './access.js';
import type { ServiceContext, SessionUser } from './context.js';

/** A review the caller may read (domain canReadReview), or 404: its existence does not leak. */
export async function visibleReview(ctx: ServiceContext, user: SessionUser, id: string) {
  const r = await ctx.prisma.review.findFirst({
    where: { AND: [{ id }, await readableReviewWhere(ctx, await accessActor(ctx, user))] },
  });
  if (!r) throw notFound('审查');
  return r;
}

/** A task of a review without a decision: the caller's own, or one of a review they read; otherwise 404. */
export async function visibleReviewTask(ctx: ServiceContext, user: SessionUser, taskId: string) {
  const t = await ctx.prisma.task.findUnique({ where: { id: taskId } });
  if (!t?.reviewId) throw notFound('任务');
  const reviewId = t.reviewId;
  const actor = await accessActor(ctx, user);
  const review = await ctx.prisma.review.findFirst({
    where: { AND: [{ id: reviewId }, await readableReviewWhere(ctx, actor)] },
    select: { id: true, kind: true, subjectNumber: true, title: true, departmentId: true, status: true },
  });
  if (!review && !isOwnTask(actor, t)) throw notFound('任务');
  const r =
    review ??
    (await ctx.prisma.review.findUniqueOrThrow({
      where: { id: reviewId },
      select: { id: true, kind: true, subjectNumber: true, title: true, departmentId: true, status: true },
    }));
  return { task: { ...t, reviewId }, review: r };
}
