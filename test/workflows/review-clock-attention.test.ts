import { describe, expect, it } from 'vitest';
import { provisionalCalendarYear } from '../../records/calendar-source.js';
import { completeReviewTaskService } from '../../api/services/review-actions.js';
import { loadCalendarYear, withdrawCalendarYear, type CalendarNotice } from '../../api/services/load-calendar.js';
import { submitCompleteNormativeDocument } from '../support/normative-review.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { eventually } from './steps.js';

let h: Harness;
useTimeSkippingHarness((x) => {
  h = x;
});

/**
 * Issue 9 §4: the R17 review clock and the R34 resumed clock are counted inside the legality-review workflow; a
 * calendar that cannot count them must not fail the review. The worker's calendar holds the loaded years plus
 * three provisional years past the last one: a year 2090 row makes 2091–2093 provisional and 2094 absent (whatever
 * today's date, until 2090). The test server's clock is moved to Tuesday 29 December 2093, 10:00 Beijing time.
 */
const LAST_LOADED = 2090;
const MISSING = 2094;
const SUBMITTED = '2093-12-29T02:00:00.000Z';
// Hand-counted (R33: counting starts the day after; due 18:00 Beijing time). A normative document's clock is 5
// working days: Wed 30 Dec (1), Thu 31 Dec (2), Fri 1 Jan 2094 New Year's Day off, Sat 2 and Sun 3 off, Mon 4 (3),
// Tue 5 (4), Wed 6 (5) → Wed 6 January 2094 18:00 Beijing time. The resumed clock (R34), stopped and resumed the
// same morning, has the same 5 working days left and falls due at the same time.
const DUE = '2094-01-06T10:00:00.000Z';

// The 2094 notice: the fixed statutory holidays the load is checked against (input, not an expectation).
const NOTICE: CalendarNotice = {
  holidays: provisionalCalendarYear(MISSING).holidays,
  workdays: [],
  source: '国办发明电〔2093〕测试',
};
const ok = { conforms: true, finding: '经审查符合规定。' };
const findings = { authority: ok, procedure: ok, content: ok, measures: ok, rights: ok };

describe('R32/R17/R34: a review clock the calendar cannot count', () => {
  it('opens the review task with its due marked "needs attention", and loading the year gives it its due', async () => {
    const base = provisionalCalendarYear(LAST_LOADED);
    await h.db.prisma.calendarYear.create({
      data: { year: LAST_LOADED, holidays: base.holidays, workdays: [], source: 'test' },
    });
    await h.skipPast(SUBMITTED, 0);
    const now = await h.now();
    const admin = await h.user('admin');

    // R17: the clock reaches into 2094, which the calendar does not hold: the task opens, marked, with no due.
    const { id, review } = await submitCompleteNormativeDocument(h);
    expect(review.dueAt).toBeNull();
    expect(review.dueAttention).toMatch(new RegExp(String(MISSING)));
    expect((await h.db.prisma.review.findUniqueOrThrow({ where: { id } })).status).toBe('in_review');

    // Loading 2094 (R32) counts the due.
    await loadCalendarYear(h.ctx, admin, MISSING, NOTICE, { now });
    const counted = await eventually(async () => {
      const t = await h.db.prisma.task.findUniqueOrThrow({ where: { id: review.id } });
      return t.dueAttention === null && t.dueAt ? t : undefined;
    }, 'the R17 due counted');
    expect(counted.dueAt!.toISOString()).toBe(DUE);
    expect(counted.dueRule).toBe('R17');
    expect((await h.db.prisma.review.findUniqueOrThrow({ where: { id } })).dueAt!.toISOString()).toBe(DUE);

    // Withdrawn again, the open task is marked again; the reviewer stops the clock for missing materials and the
    // drafter supplies them: the resumed clock (R34) cannot be counted either, and its task opens marked.
    await withdrawCalendarYear(h.ctx, admin, MISSING, '通知文号有误，待重新载入', { now });
    await eventually(
      async () => (await h.db.prisma.task.findUniqueOrThrow({ where: { id: review.id } })).dueAttention,
      'the R17 due marked again',
    );
    const reviewer = await h.db.prisma.user.findUniqueOrThrow({ where: { id: review.assigneeUserId! } });
    await completeReviewTaskService(h.ctx, await h.user(reviewer.username), review.id, {
      findings,
      outcome: 'materials_incomplete',
      missingItems: ['相关法规的全文'],
      attachedOpinions: [],
    });
    const supplement = await eventually(
      () => h.db.prisma.task.findFirst({ where: { reviewId: id, kind: 'supplement_materials', status: 'open' } }),
      'the supplement task',
    );
    await completeReviewTaskService(h.ctx, await h.user('drafter.scjgj'), supplement.id, {
      legalBasis: ['《中华人民共和国广告法》'],
      note: '补充法规全文',
    });
    const resumed = await eventually(
      () =>
        h.db.prisma.task.findFirst({
          where: { reviewId: id, kind: 'review_legality', status: 'open', NOT: { id: review.id } },
        }),
      'the resumed review task',
    );
    expect(resumed.dueAt).toBeNull();
    expect(resumed.dueAttention).toMatch(new RegExp(String(MISSING)));

    await loadCalendarYear(h.ctx, admin, MISSING, NOTICE, { now });
    const recounted = await eventually(async () => {
      const t = await h.db.prisma.task.findUniqueOrThrow({ where: { id: resumed.id } });
      return t.dueAttention === null && t.dueAt ? t : undefined;
    }, 'the R34 due counted');
    expect(recounted.dueAt!.toISOString()).toBe(DUE);
    expect(recounted.dueRule).toBe('R34');
  });
});
