import { describe, expect, it } from 'vitest';
import { setNoticePreferences } from '../../api/services/notice-preferences.js';
import type { NoticePreferences } from '../../domain/notices/progress.js';
import { userId } from '../../prisma/seed.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { Steps, eventually } from './steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness(async (x) => {
  h = x;
  s = new Steps(h);
  const all = (channel: NoticePreferences['decided']): NoticePreferences => ({
    approval_waiting: channel,
    task_assigned: channel,
    draft_returned: channel,
    opinion_issued: channel,
    placed_on_agenda: channel,
    decided: channel,
  });
  // The head wants the bell only; secretary2 nothing about new tasks; the others keep the default (bell and mail).
  await setNoticePreferences(h.ctx, await h.user('head.jtysj'), all('bell'));
  await setNoticePreferences(h.ctx, await h.user('secretary2'), { ...all('bell_mail'), task_assigned: 'off' });
});

/** The progress notices of a decision, as `action → usernames` (sorted), and its progress mail likewise. */
async function told(decisionId: string) {
  const users = new Map(
    (await h.db.prisma.user.findMany({ select: { id: true, username: true } })).map((u) => [u.id, u.username]),
  );
  const group = (rows: Array<{ key: string; userId: string }>) => {
    const out: Record<string, string[]> = {};
    for (const r of rows) out[r.key] = [...(out[r.key] ?? []), users.get(r.userId) ?? r.userId];
    for (const k of Object.keys(out)) out[k].sort();
    return out;
  };
  const notices = await h.db.prisma.notice.findMany({ where: { decisionId, action: { startsWith: 'progress.' } } });
  const mails = await h.db.prisma.mailMessage.findMany({
    where: { decisionId, recipientType: 'user', stepKey: { not: { startsWith: 'escalation' } } },
  });
  return {
    notices: notices.map((n) => ({ ...n, key: `${n.action}:${n.taskId ?? ''}` })),
    byAction: group(notices.map((n) => ({ key: n.action, userId: n.userId }))),
    mail: group(
      mails
        .filter((m) => m.idempotencyKey.includes('|user:'))
        .map((m) => ({ key: m.recipientRole, userId: m.recipientId })),
    ),
  };
}

describe('progress notices (issue 16 §3) on the time-skipping server', () => {
  it('tells each person once: tasks assigned, the opinion issued, the draft returned; mail as each chose', async () => {
    const d = await s.toApproval();
    await s.drive.complete(d.id, 'approve_submission', 'head.jtysj', { approve: false, comment: '补贴测算依据不足' });
    const revise = await s.drive.task(d.id, 'revise_draft');
    const [review] = await s.tasks(d.id, 'review_legality');
    const reviewer = (await h.db.prisma.user.findUniqueOrThrow({ where: { id: review.assigneeUserId! } })).username;
    const t = await eventually(async () => {
      const x = await told(d.id);
      return x.byAction['progress.draft_returned'] ? x : null;
    }, 'the return notice');

    expect(t.byAction).toEqual({
      // submit_draft, submit_for_legality_review to the lead department's drafter; the review to its reviewer; the
      // head's approval to the head.
      'progress.task_assigned': ['drafter.jtysj', 'drafter.jtysj', 'head.jtysj', reviewer].sort(),
      'progress.opinion_issued': ['drafter.jtysj'],
      'progress.draft_returned': ['drafter.jtysj'],
    });
    // One notice per task and person: the revision is told as a return, not as a new task too.
    const keys = t.notices.map((n) => `${n.key}:${n.userId}`);
    expect(new Set(keys).size).toBe(keys.length);
    const returned = t.notices.find((n) => n.action === 'progress.draft_returned')!;
    expect(returned).toMatchObject({ taskId: revise.id, userId: userId('drafter.jtysj') });
    expect(returned.bodyZh).toContain('单位负责人退回修改');
    const opinion = t.notices.find((n) => n.action === 'progress.opinion_issued')!;
    expect(opinion.titleZh).toMatch(/^【审查意见】.+〔\d{4}〕\d+号 /);
    // Mail to those who keep it on; the head chose the bell only.
    expect(t.mail).toEqual({
      task_assigned: ['drafter.jtysj', 'drafter.jtysj', reviewer].sort(),
      opinion_issued: ['drafter.jtysj'],
      draft_returned: ['drafter.jtysj'],
    });
  }, 120_000);

  it('tells the drafter once when the decision is placed on an agenda and once when it is decided; an "off" choice is kept', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(d.id);
    const t = await eventually(async () => {
      const x = await told(d.id);
      return x.byAction['progress.decided'] ? x : null;
    }, 'the decided notice');
    expect(t.byAction['progress.placed_on_agenda']).toEqual(['drafter.jtysj']);
    expect(t.byAction['progress.decided']).toEqual(['drafter.jtysj']);
    const decided = t.notices.find((n) => n.action === 'progress.decided')!;
    expect(decided.bodyZh).toMatch(/政府常务会议（.+）对.+作出决定：通过。$/);
    // The secretaries' tasks (party committee report, agenda): secretary2 turned new-task notices off.
    const secretaries = t.notices.filter(
      (n) => n.action === 'progress.task_assigned' && n.userId.includes('secretary'),
    );
    // (the party committee report and the agenda, and after the decision the publication tasks as they open)
    expect(secretaries.length).toBeGreaterThanOrEqual(2);
    expect(new Set(secretaries.map((n) => n.userId))).toEqual(new Set([userId('secretary1')]));
    expect(t.mail.placed_on_agenda).toEqual(['drafter.jtysj']);
    expect(t.mail.decided).toEqual(['drafter.jtysj']);
    // The head's bell-only choice: told, never mailed.
    expect(t.byAction['progress.task_assigned']).toContain('head.jtysj');
    expect(t.mail.task_assigned).not.toContain('head.jtysj');
  }, 120_000);
});
