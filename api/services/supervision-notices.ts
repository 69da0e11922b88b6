import { approvalNoticeHref } from '../../domain/notices/approvals.js';
import { appendAudit, auditActor } from '../../records/audit.js';
import { notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

/** The signed-in person's in-app notices (reminders, letters, ledger entries, progress, approvals), newest first. */
export async function myNotices(ctx: ServiceContext, user: SessionUser, unreadOnly: boolean) {
  const rows = await ctx.prisma.notice.findMany({
    where: { userId: user.id, ...(unreadOnly ? { readAt: null } : {}) },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  const unread = await ctx.prisma.notice.count({ where: { userId: user.id, readAt: null } });
  return {
    unread,
    items: rows.map((n) => ({
      id: n.id,
      action: n.action,
      decisionId: n.decisionId,
      reviewId: n.reviewId,
      taskId: n.taskId,
      title: { zh: n.titleZh, en: n.titleEn },
      body: { zh: n.bodyZh, en: n.bodyEn },
      letterId: n.letterId,
      /** Where to act on it when it is not about a decision (an approval waiting: the catalog page). */
      href: approvalNoticeHref(n.stepKey),
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
  };
}

export async function markNoticeRead(ctx: ServiceContext, user: SessionUser, id: string) {
  const n = await ctx.prisma.notice.findFirst({ where: { id, userId: user.id } });
  if (!n) throw notFound('通知');
  const readAt = n.readAt ?? new Date();
  if (!n.readAt)
    await ctx.prisma.$transaction(async (tx) => {
      await tx.notice.update({ where: { id }, data: { readAt } });
      await appendAudit(tx, {
        idempotencyKey: `notice.read:${id}`,
        at: readAt,
        actor: auditActor(user, user.roles[0] ?? 'user'),
        action: 'notice.read',
        decisionId: n.decisionId,
        subjectType: 'notice',
        subjectId: id,
        data: { action: n.action },
      });
    });
  return { id, readAt: readAt.toISOString() };
}
