/**
 * The bell for approvals waiting for a government leader (catalog, amendment, outside-catalog request): every active
 * leader is told, in the transaction that makes the item wait, as their `approval_waiting` choice says (bell and
 * mail by default); when a leader decides it (or the office withdraws it) the item's notices are marked read for
 * every leader, so nobody is left with a stale "awaiting you".
 */
import type { Prisma } from '../generated/prisma/client.js';
import { approvalKey, type ApprovalItem } from '../domain/notices/approvals.js';
import { notifyProgress } from './progress-notices.js';

type Tx = Prisma.TransactionClient;
type Text = { zh: string; en: string };

const EVENT = 'approval_waiting';

async function leaderIds(tx: Tx, activeOnly: boolean): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { roles: { some: { role: 'leader' } }, ...(activeOnly ? { active: true } : {}) },
    select: { id: true },
  });
  return rows.map((u) => u.id);
}

/** The item starts waiting: each active leader gets one notice (and mail, as chosen); a second call writes nothing. */
export async function notifyApprovalWaiting(
  tx: Tx,
  item: ApprovalItem,
  words: { title: Text; body: Text },
  at: Date,
): Promise<void> {
  await notifyProgress(tx, {
    key: approvalKey(item),
    event: EVENT,
    userIds: await leaderIds(tx, true),
    decisionId: null,
    reviewId: null,
    taskId: null,
    at,
    ...words,
  });
}

/** The item is decided or withdrawn: its unread notices are marked read for every leader. */
export async function settleApprovalNotices(tx: Tx, item: ApprovalItem, at: Date): Promise<void> {
  const key = approvalKey(item);
  const ids = (await leaderIds(tx, false)).map((userId) => `notice:${EVENT}:${key}:${userId}`);
  await tx.notice.updateMany({ where: { id: { in: ids }, readAt: null }, data: { readAt: at } });
}
