import { appendAudit, auditActor } from '../../records/audit.js';
import {
  NOTICE_CHANNEL_LABELS,
  noticePreferences,
  PROGRESS_EVENT_LABELS,
  PROGRESS_EVENTS,
  type NoticePreferencesInput,
} from '../../domain/notices/progress.js';
import { nowOf, type ServiceContext, type SessionUser } from './context.js';

/** The signed-in person's channel per progress event (absent: bell and mail), with the events' and channels' words. */
export async function myNoticePreferences(ctx: ServiceContext, user: SessionUser) {
  const stored = await ctx.prisma.noticePreference.findMany({ where: { userId: user.id } });
  const address = await ctx.prisma.mailAddress.findUnique({
    where: { ownerType_ownerId: { ownerType: 'user', ownerId: user.id } },
  });
  return {
    preferences: noticePreferences(stored),
    events: PROGRESS_EVENTS.map((event) => ({ event, label: PROGRESS_EVENT_LABELS[event] })),
    channels: NOTICE_CHANNEL_LABELS,
    /** Where mail goes; null: no address on file, so mail is not sent whatever is chosen. */
    mailAddress: address?.address ?? null,
  };
}

/** Stores the person's choices (every event at once; a later-added event may be left out) and audits the change with what it was before. */
export async function setNoticePreferences(ctx: ServiceContext, user: SessionUser, input: NoticePreferencesInput) {
  const at = nowOf(ctx);
  await ctx.prisma.$transaction(async (tx) => {
    const before = noticePreferences(await tx.noticePreference.findMany({ where: { userId: user.id } }));
    // An event the request leaves out (one added after the client was written) keeps its choice.
    const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, c]) => c !== undefined)) };
    for (const event of PROGRESS_EVENTS)
      await tx.noticePreference.upsert({
        where: { userId_event: { userId: user.id, event } },
        create: { userId: user.id, event, channel: next[event], updatedAt: at },
        update: { channel: next[event], updatedAt: at },
      });
    await appendAudit(tx, {
      idempotencyKey: `notice.preferences_changed:${user.id}:${at.toISOString()}`,
      at,
      actor: auditActor(user, user.roles[0] ?? 'user'),
      action: 'notice.preferences_changed',
      decisionId: null,
      subjectType: 'user',
      subjectId: user.id,
      data: { before, after: next },
    });
  });
  return myNoticePreferences(ctx, user);
}
