import { describe, expect, it } from 'vitest';
import { completeTaskService } from '../../api/services/complete-task.js';
import { assessmentLedger, ledgerCsv } from '../../api/services/supervision-ledger.js';
import type { WorkingCalendar } from '../../domain/rules/working-days.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { payloads } from '../support/procedure-driver.js';
import { Steps, eventually, expectRule, expectStatus } from './steps.js';
import { decideReviewTimeService } from '../../api/services/review-actions.js';
import { updateKindSetting } from '../../api/services/review-pool.js';

let h: Harness;
let s: Steps;
let cal: WorkingCalendar;
useTimeSkippingHarness(async (x) => {
  h = x;
  s = new Steps(h);
  cal = await h.db.calendar.calendar();
});

const drafter = 'drafter.jtysj';
const DAY = 86_400_000;

/** Working days after `from`'s local date up to and including `to`'s local date. */
function workingDaysBetween(from: Date, to: Date): number {
  let n = 0;
  for (let t = from.getTime() + DAY; cal.localDateOf(new Date(t)) <= cal.localDateOf(to); t += DAY)
    if (cal.isWorkingDay(cal.localDateOf(new Date(t)))) n++;
  return n;
}

const completedAt = async (taskId: string) =>
  (await h.db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).completedAt!;

describe('R16 review materials', () => {
  it('returns a market-actor decision without its fair-competition review for supplement before any reviewer is assigned', async () => {
    const d = await s.toSubmission({ touchesMarketActors: true });
    await s.drive.complete(d.id, 'submit_for_legality_review', drafter, payloads.submit_for_legality_review());
    const supplement = await s.drive.task(d.id, 'supplement_materials');
    expect((supplement.context as { missingItems: string[] }).missingItems).toEqual([
      expect.stringContaining('fair_competition_review'),
    ]);
    expect(supplement.departmentId).toBe('dept-jtysj');
    expect(await s.tasks(d.id, 'review_legality')).toEqual([]);
    const returned = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { decisionId: d.id, action: 'review.returned_for_supplement' },
    });
    expect(returned.data).toMatchObject({ rule: 'R16' });

    await s.drive.complete(d.id, 'supplement_materials', drafter, {
      fairCompetitionReview: { conclusion: '经审查，不具有排除、限制竞争效果' },
      note: '补充公平竞争审查结论',
    });
    const review = await s.drive.task(d.id, 'review_legality');
    expect(review.assigneeUserId).toMatch(/^user-reviewer\d\d$/);
    const resubmitted = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { decisionId: d.id, action: 'review.resubmitted' },
    });
    expect(resubmitted.data).toMatchObject({ rule: 'R16', supplied: ['fairCompetitionReview'] });
    expect(await s.tasks(d.id, 'supplement_materials')).toHaveLength(1);
  });

  it('lets the reviewer return incomplete materials; the next review is due later by the working days spent in supplement (R34)', async () => {
    const d = await s.toReview();
    const first = await s.drive.task(d.id, 'review_legality');
    const missing = await expectRule(
      s.drive.complete(
        d.id,
        'review_legality',
        await s.drive.reviewerOf(d.id),
        payloads.review_legality('materials_incomplete'),
      ),
      'R16',
    );
    expect(missing.extra.violations?.[0].path).toEqual(['missingItems']);
    await s.drive.complete(
      d.id,
      'review_legality',
      await s.drive.reviewerOf(d.id),
      payloads.review_legality('materials_incomplete', { missingItems: ['相关法规的全文'] }),
    );
    const supplement = await s.drive.task(d.id, 'supplement_materials');
    expect(supplement.context).toMatchObject({ missingItems: ['相关法规的全文'] });

    await h.skipPast(new Date((await h.now()).getTime() + 7 * DAY).toISOString());
    await s.drive.complete(d.id, 'supplement_materials', drafter, {
      legalBasis: ['《中华人民共和国价格法》', '《政府制定价格行为规则》'],
      note: '已补充',
    });
    const second = await s.drive.task(d.id, 'review_legality');
    expect(second.id).not.toBe(first.id);
    expect(second.assigneeUserId).toBe(first.assigneeUserId);
    expect(second.dueRule).toBe('R34');

    const pausedAt = await completedAt(first.id);
    const resumedAt = await completedAt(supplement.id);
    const pauseWorkingDays = workingDaysBetween(pausedAt, resumedAt);
    expect(pauseWorkingDays).toBeGreaterThanOrEqual(4);
    expect(second.dueAt!.getTime()).toBeGreaterThan(first.dueAt!.getTime());
    expect(workingDaysBetween(first.dueAt!, second.dueAt!)).toBe(pauseWorkingDays);
  });
});

describe('R17 review time', () => {
  /** The review task's due counted independently: working days (from the stored calendar) after complete materials, at 18:00. */
  const dueShape = async (decisionId: string) => {
    const review = await s.drive.task(decisionId, 'review_legality');
    const from = (await s.tasks(decisionId, 'submit_for_legality_review'))[0].completedAt!;
    return {
      rule: review.dueRule,
      basis: review.dueBasis,
      workingDays: workingDaysBetween(from, review.dueAt!),
      hour: review.dueAt!.getUTCHours() + 8,
    };
  };

  it('gives the review the center’s 10 working days from complete materials, never fewer than 7', async () => {
    const d = await s.toReview();
    expect(await dueShape(d.id)).toEqual({ rule: 'R17', basis: '10 working_days', workingDays: 10, hour: 18 });
  });

  it('takes a decision’s review time from the director’s setting for decisions', async () => {
    const director = await h.user('director');
    await updateKindSetting(h.ctx, director, 'decision', {
      weight: 3,
      targetWorkingDays: 12,
      secondCheck: false,
      directorSignOff: false,
      numberPrefix: '法审',
    });
    try {
      const d = await s.toReview();
      expect(await dueShape(d.id)).toEqual({ rule: 'R17', basis: '12 working_days', workingDays: 12, hour: 18 });
    } finally {
      await updateKindSetting(h.ctx, director, 'decision', {
        weight: 3,
        targetWorkingDays: 10,
        secondCheck: false,
        directorSignOff: false,
        numberPrefix: '法审',
      });
    }
  });

  it('refuses a shorter time without a reason; with one the review keeps 7 working days until the center grants 5', async () => {
    const d = await s.toSubmission();
    const err = await expectRule(
      s.drive.complete(
        d.id,
        'submit_for_legality_review',
        drafter,
        payloads.submit_for_legality_review({ requestedReviewWorkingDays: 5 }),
      ),
      'R17',
    );
    expect(err.extra.violations?.[0].path).toEqual(['shortenedReason']);
    expect(await s.tasks(d.id, 'review_legality')).toEqual([]);

    await s.drive.complete(
      d.id,
      'submit_for_legality_review',
      drafter,
      payloads.submit_for_legality_review({
        requestedReviewWorkingDays: 5,
        shortenedReason: '防汛工作紧急，须在汛期前出台',
      }),
    );
    expect(await dueShape(d.id)).toEqual({ rule: 'R17', basis: '7 working_days', workingDays: 7, hour: 18 });
    const review = await s.drive.task(d.id, 'review_legality');
    expect(review.context).toMatchObject({ shortenedReason: '防汛工作紧急，须在汛期前出台' });
    const reviewId = `${d.number}.legality-review-1`;

    // Only the director or the assigned reviewer decides (another reviewer does not see the review); refusing needs a reason.
    const other = (
      await h.db.prisma.user.findMany({
        where: { username: { startsWith: 'reviewer' }, id: { not: review.assigneeUserId! } },
        take: 1,
      })
    )[0];
    await expectStatus(decideReviewTimeService(h.ctx, await h.user(other.username), reviewId, { grant: true }), 404);
    const noReason = await expectRule(
      decideReviewTimeService(h.ctx, await h.user('director'), reviewId, { grant: false }),
      'R17',
    );
    expect(noReason.extra.violations?.[0].path).toEqual(['reason']);

    const granted = await decideReviewTimeService(h.ctx, await h.user('director'), reviewId, { grant: true });
    expect(granted).toMatchObject({ granted: true, workingDays: 5 });
    await eventually(
      async () => (await s.drive.task(d.id, 'review_legality')).dueBasis === '5 working_days',
      'the moved due',
    );
    expect(await dueShape(d.id)).toEqual({ rule: 'R17', basis: '5 working_days', workingDays: 5, hour: 18 });
    const recorded = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { decisionId: d.id, action: 'review.review_time_decided' },
    });
    expect(recorded).toMatchObject({ actorRole: 'director', data: { rule: 'R17', requested: 5, granted: true } });
    await expectRule(
      decideReviewTimeService(h.ctx, await h.user('director'), reviewId, { grant: false, reason: '改变主意' }),
      'R17',
    );
  });

  it('keeps the 7 working days when the center refuses the shorter time, with its reason recorded', async () => {
    const d = await s.toSubmission();
    await s.drive.complete(
      d.id,
      'submit_for_legality_review',
      drafter,
      payloads.submit_for_legality_review({ requestedReviewWorkingDays: 3, shortenedReason: '领导要求尽快上会' }),
    );
    const review = await s.drive.task(d.id, 'review_legality');
    const reviewer = await h.db.prisma.user.findUniqueOrThrow({ where: { id: review.assigneeUserId! } });
    const refused = await decideReviewTimeService(
      h.ctx,
      await h.user(reviewer.username),
      `${d.number}.legality-review-1`,
      { grant: false, reason: '事项复杂，需充分审查' },
    );
    expect(refused).toMatchObject({ granted: false, workingDays: 7 });
    expect(await dueShape(d.id)).toEqual({ rule: 'R17', basis: '7 working_days', workingDays: 7, hour: 18 });
    const recorded = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { decisionId: d.id, action: 'review.review_time_decided' },
    });
    expect(recorded).toMatchObject({ actorRole: 'reviewer', data: { granted: false, reason: '事项复杂，需充分审查' } });
  });
});

describe('R15, R19 review outcomes', () => {
  it('returns an unlawful or returned draft to the drafter and brings the revision back to the same reviewer', async () => {
    const d = await s.toReview();
    const reviewer = (await s.drive.task(d.id, 'review_legality')).assigneeUserId!;
    const unlawful = {
      ...payloads.review_legality('not_lawful').findings,
      authority: { conforms: false, finding: '超越市政府职权' },
    };
    await expectRule(
      s.drive.complete(
        d.id,
        'review_legality',
        await s.drive.reviewerOf(d.id),
        payloads.review_legality('not_lawful', { findings: unlawful }),
      ),
      'R19',
    );
    await s.drive.complete(
      d.id,
      'review_legality',
      await s.drive.reviewerOf(d.id),
      payloads.review_legality('not_lawful', { findings: unlawful, reasons: '票价调整权限在省级' }),
    );

    const revise = await s.drive.task(d.id, 'revise_draft');
    expect(revise.departmentId).toBe('dept-jtysj');
    expect(revise.context).toMatchObject({
      outcome: 'not_lawful',
      reasons: '票价调整权限在省级',
      reviewerUserId: reviewer,
    });
    expect(await s.tasks(d.id, 'approve_submission')).toEqual([]);
    await s.revise(d.id, '删除涉及省级权限的条款');

    const second = await s.drive.task(d.id, 'review_legality');
    expect(second.assigneeUserId).toBe(reviewer);
    await s.drive.complete(
      d.id,
      'review_legality',
      await s.drive.reviewerOf(d.id),
      payloads.review_legality('returned_for_revision', { reasons: '过渡期安排不明确' }),
    );
    await s.revise(d.id, '明确过渡期');

    const third = await s.drive.task(d.id, 'review_legality');
    expect(third.assigneeUserId).toBe(reviewer);
    expect((await s.tasks(d.id, 'review_legality')).map((t) => t.assigneeUserId)).toEqual([
      reviewer,
      reviewer,
      reviewer,
    ]);
    await s.drive.complete(d.id, 'review_legality', await s.drive.reviewerOf(d.id), payloads.review_legality('passed'));
    await s.drive.task(d.id, 'approve_submission');
    const latest = await h.db.prisma.document.findFirstOrThrow({
      where: { decisionId: d.id, kind: 'draft' },
      orderBy: { version: 'desc' },
    });
    expect(latest.version).toBe(3);

    // R40: the draft found not lawful stays in the department's assessment ledger after it later passed; the
    // "returned for revision" does not count.
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const ledger = await assessmentLedger(h.ctx, { departmentId: 'dept-jtysj' });
    const mine = ledger.unlawful.filter((u) => u.decisionId === d.id);
    expect(mine).toMatchObject([
      {
        departmentId: 'dept-jtysj',
        year,
        reasons: '票价调整权限在省级',
        subject: { type: 'decision', number: d.number },
      },
    ]);
    expect(ledger.byDepartment['dept-jtysj'].returnedAsUnlawful).toBeGreaterThanOrEqual(1);
    expect(ledgerCsv(ledger.items, ledger.unlawful)).toContain(
      `"${d.number}","关于调整城市公共交通票价的决定","重大行政决策","review_legality","","","",`,
    );
    expect((await s.workflowState(d.id)).draft.draftDocumentId).toBe(latest.id);
  });

  it('refuses to pass a draft with a non-conforming finding (R15)', async () => {
    const d = await s.toReview();
    const findings = {
      ...payloads.review_legality().findings,
      content: { conforms: false, finding: '与《价格法》第二十三条抵触' },
    };
    const err = await expectRule(
      s.drive.complete(
        d.id,
        'review_legality',
        await s.drive.reviewerOf(d.id),
        payloads.review_legality('passed', { findings }),
      ),
      'R15',
    );
    expect(err.messageKey).toBe('r15.unlawful_cannot_pass');
    expect((await s.drive.task(d.id, 'review_legality')).status).toBe('open');
    expect(await s.tasks(d.id, 'approve_submission')).toEqual([]);
    expect(await h.db.prisma.stageRecord.count({ where: { decisionId: d.id, kind: 'review_opinion' } })).toBe(0);
  });

  it('requires the changes of a "passed with changes" opinion to be listed and each answered; the opinion is numbered', async () => {
    const d = await s.toReview();
    await expectRule(
      s.drive.complete(
        d.id,
        'review_legality',
        await s.drive.reviewerOf(d.id),
        payloads.review_legality('passed_with_changes'),
      ),
      'R19',
    );
    const required = ['第三条增加六个月过渡期', '删除第五条关于收费的规定'];
    await s.drive.complete(
      d.id,
      'review_legality',
      await s.drive.reviewerOf(d.id),
      payloads.review_legality('passed_with_changes', { requiredChanges: required }),
    );

    const record = await s.drive.task(d.id, 'record_required_changes');
    const opinion = await h.db.prisma.stageRecord.findFirstOrThrow({
      where: { decisionId: d.id, kind: 'review_opinion' },
    });
    expect(opinion.reference).toMatch(/^法审〔\d{4}〕\d+号$/);
    expect(record.context).toEqual({ requiredChanges: required, opinionNo: opinion.reference });
    const numbers = (
      await h.db.prisma.stageRecord.findMany({ where: { kind: 'review_opinion' }, orderBy: { createdAt: 'asc' } })
    ).map((r) => Number(/〕(\d+)号/.exec(r.reference!)![1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(await s.tasks(d.id, 'approve_submission')).toEqual([]);

    const one = await expectRule(
      completeTaskService(h.ctx, await h.user(drafter), record.id, {
        changes: [{ requirement: required[0], howMade: '已增加过渡期条款' }],
      }),
      'R19',
    );
    expect(one.localized.zh).toContain(required[1]);
    await completeTaskService(h.ctx, await h.user(drafter), record.id, {
      changes: required.map((requirement) => ({ requirement, howMade: '已按意见修改' })),
    });
    await s.drive.task(d.id, 'approve_submission');
    expect((await s.workflowState(d.id)).review).toMatchObject({
      outcome: 'passed_with_changes',
      opinionNo: opinion.reference,
      requiredChangesDone: true,
    });
  });

  it('records the opinion with its number in the read model and the audit trail', async () => {
    const d = await s.toApproval();
    const opinion = await h.db.prisma.stageRecord.findFirstOrThrow({
      where: { decisionId: d.id, kind: 'review_opinion' },
    });
    const issued = await eventually(
      () => h.db.prisma.auditEvent.findFirst({ where: { decisionId: d.id, action: 'review.opinion_issued' } }),
      'opinion issued',
    );
    expect(issued.data).toMatchObject({ reference: opinion.reference, outcome: 'passed' });
    expect(opinion.recordedById).toBe((await s.tasks(d.id, 'review_legality'))[0].assigneeUserId);
  });
});
