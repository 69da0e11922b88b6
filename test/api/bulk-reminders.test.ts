import { describe, expect, it } from 'vitest';
import { bulkReminders } from '../../api/services/bulk-reminders.js';
import type { ServiceContext } from '../../api/services/context.js';
import { DEFAULT_ESCALATION_CONFIG, DEFAULT_LADDER, type EscalationConfig } from '../../domain/escalation-config.js';
import { userId } from '../../prisma/seed.js';
import type { Harness } from '../support/temporal.js';
import { useEscalationHarness } from '../support/escalation-harness.js';
import type { ProcedureDriver } from '../support/procedure-driver.js';
import { eventually, skipStages1to3 } from '../workflows/steps.js';

// The draft's ladder with its 提示函 two working days after the due (the default sends it on the due itself):
// the office's hand comes first, and the ladder's step then meets the letter already issued.
const LADDER = DEFAULT_LADDER.map((s) =>
  s.action === 'reminder_letter'
    ? { ...s, offset: { days: 2, basis: 'working_days' as const } }
    : s.action === 'supervision_letter'
      ? { ...s, offset: { days: 4, basis: 'working_days' as const } }
      : s.action === 'assessment'
        ? { ...s, offset: { days: 6, basis: 'working_days' as const } }
        : s,
);
const ESCALATION: EscalationConfig = { ...DEFAULT_ESCALATION_CONFIG, ladders: { submit_draft: LADDER } };

let h: Harness;
let drive: ProcedureDriver;
// Drafts launched Monday 16 Sep 2030 are due 9 working days later: Friday 27 Sep, 18:00 Beijing time.
useEscalationHarness({ submitDraftWorkingDays: 9, escalation: ESCALATION }, (e) => ({ h, drive } = e));

/** The service context on the test server's clock. */
const at = async (): Promise<ServiceContext> => {
  const now = await h.now();
  return { ...h.ctx, now: () => now };
};
const draftTask = async () =>
  (await drive.task((await drive.launch('drafter.jtysj', skipStages1to3)).id, 'submit_draft')).id;
const remindersOf = (taskId: string) =>
  h.db.prisma.escalationLetter.findMany({ where: { taskId, kind: 'reminder_letter' } });

describe('issue 16 §5 (b): the office sends 提示 to several overdue tasks, preview first', () => {
  it('previews 3 to do and 2 refused (R35 not overdue, R37 already reminded), issues 3 letters, answers a retry the same, and the ladder sends no second 提示函 but its 督办函 on time', async () => {
    await h.skipPast('2030-09-16T02:00:00Z', 0);
    const [a, b, c, reminded] = [await draftTask(), await draftTask(), await draftTask(), await draftTask()];
    await h.skipPast('2030-09-27T02:00:00Z', 0);
    const notDue = await draftTask();
    // Saturday 28 Sep: the four drafts are overdue, the fifth is not.
    await h.skipPast('2030-09-28T02:00:00Z', 0);
    const supervisor = await h.user('supervisor1');

    const first = await bulkReminders(await at(), supervisor, { taskIds: [reminded] }, true, 'first');
    expect(first).toMatchObject({ total: 1, done: 1, refused: 0 });
    const [earlier] = await remindersOf(reminded);
    expect(earlier.number).toBe('依法提〔2030〕1号');

    const ids = [a, b, c, notDue, reminded];
    const body = { taskIds: ids, note: '请于三个工作日内书面反馈办理情况。' };
    const preview = await bulkReminders(await at(), supervisor, body, false);
    expect(preview).toMatchObject({ total: 5, done: 3, refused: 2 });
    const item = (r: typeof preview, id: string) => r.items.find((i) => i.id === id)!;
    expect(item(preview, a)).toMatchObject({
      outcome: 'will_do',
      effect: { taskKind: 'submit_draft', dueAt: '2030-09-27T10:00:00.000Z', letterNumber: null },
    });
    expect(item(preview, notDue)).toMatchObject({ outcome: 'refused', rule: 'R35' });
    expect(item(preview, notDue).reason!.zh).toContain('尚未超期');
    expect(item(preview, notDue).reason!.zh).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(item(preview, reminded)).toMatchObject({ outcome: 'refused', rule: 'R37' });
    expect(item(preview, reminded).reason!.zh).toContain('依法提〔2030〕1号');
    // The preview changed nothing.
    expect(await h.db.prisma.escalationLetter.count()).toBe(1);

    const done = await bulkReminders(await at(), supervisor, body, true, 'batch-1');
    expect(done).toMatchObject({ total: 5, done: 3, refused: 2 });
    expect(done.items.map((i) => [i.id, i.outcome, i.rule ?? null])).toEqual([
      [a, 'done', null],
      [b, 'done', null],
      [c, 'done', null],
      [notDue, 'refused', 'R35'],
      [reminded, 'refused', 'R37'],
    ]);
    const numbers = done.items.slice(0, 3).map((i) => i.effect!.letterNumber);
    expect(numbers).toEqual(['依法提〔2030〕2号', '依法提〔2030〕3号', '依法提〔2030〕4号']);
    for (const [i, id] of [a, b, c].entries()) {
      const [letter] = await remindersOf(id);
      expect(letter.number).toBe(numbers[i]);
      const doc = await h.db.prisma.document.findFirst({ where: { id: letter.documentId } });
      expect(doc?.fileName).toBe(`提示函-${numbers[i]}.docx`);
      const events = await h.db.prisma.auditEvent.findMany({
        where: { OR: [{ subjectId: id }, { subjectId: letter.id }], action: { contains: 'reminder_letter' } },
        orderBy: { seq: 'asc' },
      });
      expect(events.map((e) => [e.action, e.actorUserId, e.actorRole])).toEqual([
        ['escalation.reminder_letter', userId('supervisor1'), 'supervisor'],
        ['letter.issued.reminder_letter', userId('supervisor1'), 'supervisor'],
      ]);
      expect(events[1].data).toMatchObject({ rule: 'R37', number: numbers[i], manual: true, note: body.note });
      // The notices and the outbox as the ladder's 提示函 has them: the department and its principal leader (R36).
      const mails = await h.db.prisma.mailMessage.findMany({ where: { letterId: letter.id } });
      expect(mails.map((m) => m.recipientRole).sort()).toEqual(['assignee_leader', 'department', 'principal_leader']);
      expect(mails[0].text).toContain(body.note);
    }
    expect(await h.db.prisma.escalationLetter.count()).toBe(4);

    // A retry with the same Idempotency-Key answers the same and issues nothing.
    expect(await bulkReminders(await at(), supervisor, body, true, 'batch-1')).toEqual(done);
    expect(await h.db.prisma.escalationLetter.count()).toBe(4);
    // Another request is refused for each, naming its letter.
    const again = await bulkReminders(await at(), supervisor, { taskIds: [a] }, true, 'batch-2');
    expect(again.items[0]).toMatchObject({ outcome: 'refused', rule: 'R37' });
    expect(again.items[0].reason!.zh).toContain(numbers[0]);

    // Monday 30 Sep (two working days after the due, with the make-up Sunday): the ladder's 提示函 step meets the
    // letter and does not fire; the 督办函 still comes on its own day, Wednesday 9 Oct.
    await h.skipPast('2030-09-30T10:00:00Z');
    const step = await eventually(
      () => h.db.prisma.escalationStep.findUnique({ where: { id: `${a}#0:reminder-letter` } }),
      'the ladder’s 提示函 step',
    );
    expect(step).toMatchObject({ skipped: true, letterId: (await remindersOf(a))[0].id });
    for (const id of [a, b, c, reminded]) expect(await remindersOf(id)).toHaveLength(1);
    await h.skipPast('2030-10-09T10:00:00Z');
    const supervision = await eventually(async () => {
      const l = await h.db.prisma.escalationLetter.findFirst({ where: { taskId: a, kind: 'supervision_letter' } });
      return l ?? undefined;
    }, 'the 督办函');
    const planned = await h.db.prisma.escalationStep.findUniqueOrThrow({ where: { id: `${a}#0:supervision-letter` } });
    expect(planned.plannedAt.toISOString()).toBe('2030-10-09T10:00:00.000Z');
    expect(supervision.issuedAt.getTime() - planned.plannedAt.getTime()).toBeLessThan(1000);
    expect(await h.db.prisma.escalationLetter.count({ where: { kind: 'reminder_letter' } })).toBe(4);
  }, 240_000);
});
