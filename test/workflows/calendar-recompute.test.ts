import { describe, expect, it } from 'vitest';
import { workflowIdle } from '../support/workflow-idle.js';
import {
  listCalendarYears,
  loadCalendarYear,
  previewCalendarChange,
  withdrawCalendarYear,
  type CalendarNotice,
} from '../../api/services/load-calendar.js';
import { listOverdue } from '../../api/services/supervision-overdue.js';
import { submitCompleteNormativeDocument } from '../support/normative-review.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { ProcedureDriver, payloads } from '../support/procedure-driver.js';
import { eventually, expectStatus } from './steps.js';

let h: Harness;
let drive: ProcedureDriver;
useTimeSkippingHarness((x) => {
  h = x;
  drive = new ProcedureDriver(h.ctx, h.user);
});

/**
 * "Now" is pinned: the time-skipping server's clock is moved to Friday 24 September 2027, 10:00 Beijing time,
 * before anything in the review part happens, so the dates below do not depend on the day the suite runs.
 */
const PINNED_NOW = '2027-09-24T02:00:00.000Z';

/**
 * A realistic 2027 notice (the State Council's 2027 notice does not exist yet): built by hand from the fixed
 * holidays of 全国年节及纪念日放假办法 (2024) — New Year 1 Jan; Spring Festival eve 5 Feb + 6–8 Feb; Qingming
 * 5 Apr; 1–2 May; Dragon Boat 9 Jun; Mid-Autumn 15 Sep; 1–3 Oct — and the usual pattern of bridged weekends:
 * National Day 1–7 October off, made up on Sunday 26 September and Saturday 9 October.
 */
const NOTICE_2027: CalendarNotice = {
  holidays: [
    '2027-01-01',
    '2027-02-05',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
    '2027-02-09',
    '2027-02-10',
    '2027-02-11',
    '2027-02-12',
    '2027-04-05',
    '2027-05-01',
    '2027-05-02',
    '2027-05-03',
    '2027-05-04',
    '2027-05-05',
    '2027-06-09',
    '2027-09-15',
    '2027-10-01',
    '2027-10-02',
    '2027-10-03',
    '2027-10-04',
    '2027-10-05',
    '2027-10-06',
    '2027-10-07',
  ],
  workdays: ['2027-02-20', '2027-04-25', '2027-09-26', '2027-10-09'],
  source: '国办发明电〔2026〕测试',
};

// Hand-counted from the tables above (R33: counting starts the day after the event; due at 18:00 Beijing time).
// Review submitted complete Fri 24 Sep 10:00; the normative document's R17 clock is 5 working days.
// Provisional 2027 (weekends + 1–3 Oct only): Mon 27 (1), Tue 28 (2), Wed 29 (3), Thu 30 (4), Mon 4 Oct (5).
const DUE_PROVISIONAL = '2027-10-04T10:00:00.000Z';
// Notice: Sun 26 Sep made up (1), Mon 27 (2), Tue 28 (3), Wed 29 (4), Thu 30 (5).
const DUE_LOADED = '2027-09-30T10:00:00.000Z';
// Ladder (reminder 2 working days before the due; supervision letter 3 working days after it):
// provisional: reminder Wed 29 Sep 18:00. Loaded: reminder Tue 28 Sep 18:00; supervision Fri 8 Oct (1),
// Sat 9 Oct made up (2), Mon 11 Oct (3) → 11 Oct 18:00. Replaced notice without the 9 Oct make-up day: the due
// stays 30 Sep, the supervision letter moves to Tue 12 Oct 18:00.
const REMINDER_LOADED = '2027-09-28T10:00:00.000Z';
const REMINDER_PROVISIONAL = '2027-09-29T10:00:00.000Z';
const SUPERVISION_LOADED = '2027-10-11T10:00:00.000Z';
const SUPERVISION_REPLACED = '2027-10-12T10:00:00.000Z';

const HOUR = 3_600_000;
const stepFired = (taskId: string, step: string) =>
  h.db.prisma.escalationStep.count({ where: { taskId, stepId: step } });

describe('R32: a calendar failure in one deadline computation', () => {
  it('marks that task’s due "needs attention" while other procedures go on; a fixed calendar clears it', async () => {
    const now = await h.now();
    const a = await drive.launchWithDraft();
    const expertsA = await drive.task(a.id, 'record_expert_opinions');
    expect(expertsA.dueAttention).toBeNull();

    // A year with unreadable data: every build of the calendar fails (CalendarError).
    const brokenYear = now.getUTCFullYear() + 1;
    await h.db.prisma.calendarYear.upsert({
      where: { year: brokenYear },
      create: { year: brokenYear, holidays: 'broken', workdays: [], source: 'broken' },
      update: { holidays: 'broken' },
    });

    // A new procedure still opens its first task: with no due and the calendar's reason, not a hung workflow.
    const b = await drive.launchWithDraft();
    const expertsB = await drive.task(b.id, 'record_expert_opinions');
    expect(expertsB.dueAt).toBeNull();
    expect(expertsB.dueAttention).toMatch(/holidays must be an array/);
    // ...and it progresses: completing the step opens the next one.
    await drive.complete(b.id, 'record_expert_opinions', 'drafter.jtysj', payloads.record_expert_opinions());
    const next = await eventually(
      () => h.db.prisma.task.findFirst({ where: { decisionId: b.id, status: 'open', NOT: { id: expertsB.id } } }),
      'the next task of B',
    );
    expect(next.dueAttention).toMatch(/holidays must be an array/);

    // The supervision board answers and lists them.
    const board = await listOverdue(h.ctx, {}, now);
    expect(board.needsAttention.map((x) => x.taskId)).toContain(next.id);

    // Withdrawing the broken year recomputes the dues: the attention mark goes, a due appears.
    await withdrawCalendarYear(h.ctx, await h.user('admin'), brokenYear, '数据格式错误', { now });
    const fixed = await eventually(async () => {
      const t = await h.db.prisma.task.findUniqueOrThrow({ where: { id: next.id } });
      return t.dueAttention === null && t.dueAt ? t : undefined;
    }, 'the due of B recomputed');
    expect(fixed.dueAt!.getTime()).toBeGreaterThan(now.getTime());
  });
});

describe('R32: loading, replacing and withdrawing a year', () => {
  it('refuses years that cannot be published and notices without the statutory holidays', async () => {
    const admin = await h.user('admin');
    const now = new Date(PINNED_NOW);
    const far = await expectStatus(loadCalendarYear(h.ctx, admin, 2097, NOTICE_2027, { now }), 400);
    expect(far.extra.issues?.[0]).toMatchObject({ path: 'year', messageKey: 'error.calendar_year_out_of_range' });
    expect(far.extra.issues?.[0].message.zh).toContain('2026—2029');
    const withoutNationalDay = { ...NOTICE_2027, holidays: NOTICE_2027.holidays.filter((d) => d !== '2027-10-03') };
    const missing = await expectStatus(loadCalendarYear(h.ctx, admin, 2027, withoutNationalDay, { now }), 400);
    expect(missing.extra.issues?.[0]).toMatchObject({
      path: 'holidays',
      messageKey: 'error.calendar_missing_statutory_holiday',
    });
    expect(missing.extra.issues?.[0].message.zh).toContain('2027-10-03');
    await expectStatus(loadCalendarYear(h.ctx, await h.user('drafter.jtysj'), 2027, NOTICE_2027, { now }), 403);
    expect((await listCalendarYears(h.ctx)).map((y) => y.year)).not.toContain(2097);
  });

  it('moves a provisional review due and its ladder, back again on withdrawal, and re-plans the ladder when only the calendar changes', async () => {
    expect(Date.parse(PINNED_NOW), 'the pinned clock must lie ahead of the server clock').toBeGreaterThan(
      (await h.now()).getTime(),
    );
    await h.skipPast(PINNED_NOW, 0);
    const now = await h.now();
    const admin = await h.user('admin');
    const { id, review } = await submitCompleteNormativeDocument(h);
    expect(review.dueAt!.toISOString()).toBe(DUE_PROVISIONAL);
    expect(review.dueProvisional).toBe(true);
    const dueOf = async () =>
      (await h.db.prisma.task.findUniqueOrThrow({ where: { id: review.id } })).dueAt!.toISOString();
    const dueBecomes = (iso: string) =>
      eventually(async () => ((await dueOf()) === iso ? iso : undefined), `the review due at ${iso}`);

    // Preview: nothing stored, the move listed.
    const preview = await previewCalendarChange(h.ctx, 2027, NOTICE_2027, { now });
    expect(preview.moves).toContainEqual(
      expect.objectContaining({ taskId: review.id, reviewId: id, oldDueAt: DUE_PROVISIONAL, newDueAt: DUE_LOADED }),
    );
    expect(await dueOf()).toBe(DUE_PROVISIONAL);

    // Load: the standalone review is signalled and its fixed R17 due recomputed.
    await loadCalendarYear(h.ctx, admin, 2027, NOTICE_2027, { now });
    await dueBecomes(DUE_LOADED);
    expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: review.id } })).dueProvisional).toBe(false);
    expect((await h.db.prisma.review.findUniqueOrThrow({ where: { id } })).dueAt!.toISOString()).toBe(DUE_LOADED);

    // Withdraw: provisional again, the due moves back.
    expect((await previewCalendarChange(h.ctx, 2027, null, { now })).moves).toContainEqual(
      expect.objectContaining({ taskId: review.id, oldDueAt: DUE_LOADED, newDueAt: DUE_PROVISIONAL }),
    );
    await withdrawCalendarYear(h.ctx, admin, 2027, '通知文号有误，待重新载入', { now });
    await dueBecomes(DUE_PROVISIONAL);
    const withdrawn = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'calendar.withdrawn', subjectId: '2027' },
    });
    expect(withdrawn).toMatchObject({ actorUserId: admin.id });

    // Load again; then replace it (a reason is required) with a notice that drops the 9 October make-up day:
    // the due does not move, but the supervision letter after it does.
    await loadCalendarYear(h.ctx, admin, 2027, NOTICE_2027, { now });
    await dueBecomes(DUE_LOADED);
    const replacement = { ...NOTICE_2027, workdays: NOTICE_2027.workdays.filter((d) => d !== '2027-10-09') };
    const noReason = await expectStatus(loadCalendarYear(h.ctx, admin, 2027, replacement, { now }), 400);
    expect(noReason.extra.issues?.[0].path).toBe('reason');
    await loadCalendarYear(h.ctx, admin, 2027, { ...replacement, reason: '国务院办公厅更正通知' }, { now });
    await eventually(
      () =>
        h.db.prisma.auditEvent.count({ where: { action: 'calendar.loaded', subjectId: '2027' } }).then((n) => n === 3),
      'the replacement recorded',
    );
    // The workflow takes the signal and plans the ladder again before time moves on.
    await workflowIdle(h.ctx.temporal, id);
    expect(await dueOf()).toBe(DUE_LOADED);

    // The reminder fires on the loaded calendar's day, before the provisional plan's.
    await h.skipPast(REMINDER_LOADED, HOUR);
    await eventually(() => stepFired(review.id, 'reminder').then((n) => n === 1), 'the reminder on 28 Sep');
    expect((await h.now()).getTime()).toBeLessThan(Date.parse(REMINDER_PROVISIONAL));

    // The supervision letter follows the replaced calendar: not on 11 Oct, on 12 Oct.
    await h.skipPast(SUPERVISION_LOADED, HOUR);
    await workflowIdle(h.ctx.temporal, id);
    expect(await stepFired(review.id, 'supervision-letter')).toBe(0);
    await h.skipPast(SUPERVISION_REPLACED, HOUR);
    await eventually(
      () => stepFired(review.id, 'supervision-letter').then((n) => n === 1),
      'the supervision letter on 12 Oct',
    );
  });
});
