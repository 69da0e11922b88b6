import { describe, expect, it } from 'vitest';
import { launchDecision } from '../../api/services/launch-decision.js';
import { completeTaskService } from '../../api/services/complete-task.js';
import { r33AddCalendarDays } from '../../domain/rules/working-days.js';
import { loadCalendarYear } from '../../api/services/load-calendar.js';
import { NATIONAL_DAY_2030, NOW_2030 } from '../escalation/fixtures.js';
import { shanghaiYear } from '../../records/sequence.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { baseLaunch, payloads } from '../support/procedure-driver.js';
import { Steps, expectRule, expectStatus, refusal } from './steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

const drafter = 'drafter.jtysj';

/** Uploads the draft, explanation and `alternatives` alternative drafts of a decision. */
async function documents(decisionId: string, alternatives = 0) {
  const draft = await s.drive.upload(drafter, decisionId, 'draft');
  const explanation = await s.drive.upload(drafter, decisionId, 'explanation');
  const alts = [];
  for (let i = 0; i < alternatives; i++)
    alts.push((await s.drive.upload(drafter, decisionId, 'alternative_draft', `备选方案${i + 1}`)).id);
  return { draft: draft.id, explanation: explanation.id, alternatives: alts };
}

describe('R2 launching a decision', () => {
  it('numbers decisions JC-<year>-<seq>, sequential and gap-free across launches', async () => {
    const before = await h.db.prisma.decision.count();
    const launched = [];
    for (const who of ['drafter.jtysj', 'drafter.fgw', 'drafter.sthjj']) launched.push(await s.drive.launch(who));
    const year = shanghaiYear(new Date());
    expect(launched.map((d) => d.number)).toEqual(
      [1, 2, 3].map((i) => `JC-${year}-${String(before + i).padStart(4, '0')}`),
    );

    const all = await h.db.prisma.decision.findMany({
      where: { year },
      orderBy: { seq: 'asc' },
      select: { seq: true, number: true, workflowId: true },
    });
    expect(all.map((d) => d.seq)).toEqual(all.map((_, i) => i + 1));
    for (const d of all) expect(d.workflowId).toBe(d.number);
  });

  it('refuses a launch by someone who is not a drafter (403) without using up a number', async () => {
    const before = await h.db.prisma.decision.count();
    for (const who of ['head.jtysj', 'secretary1', 'reviewer01', 'director']) {
      await expectStatus(launchDecision(h.ctx, await h.user(who), baseLaunch()), 403);
    }
    expect(await h.db.prisma.decision.count()).toBe(before);
    const next = await s.drive.launch();
    expect(next.number).toMatch(new RegExp(`-${String(before + 1).padStart(4, '0')}$`));
  });

  it('refuses an unknown co-drafting department with 400 naming the field', async () => {
    const before = await h.db.prisma.decision.count();
    const err = await expectStatus(
      launchDecision(h.ctx, await h.user(drafter), baseLaunch({ coDepartmentIds: ['dept-czj', 'dept-nowhere'] })),
      400,
    );
    expect(err.extra.issues?.map((i) => i.path)).toEqual(['coDepartmentIds.1']);
    expect(await h.db.prisma.decision.count()).toBe(before);
  });
});

describe('R3 drafting', () => {
  it('refuses a contested draft with fewer than two alternatives and accepts it with two', async () => {
    const d = await s.drive.launch();
    const docs = await documents(d.id, 2);
    const submit = (alternativeDocumentIds: string[]) =>
      s.drive.complete(d.id, 'submit_draft', drafter, {
        ...payloads.submit_draft(docs),
        contested: true,
        alternativeDocumentIds,
      });
    const err = await expectRule(submit(docs.alternatives.slice(0, 1)), 'R3');
    expect(err.messageKey).toBe('r3.alternatives_required');
    await submit(docs.alternatives);
    expect((await s.decision(d.id)).stageStates.launch.status).toBe('done');
  });

  it('requires the co-drafting department’s opinion before the draft is accepted', async () => {
    const d = await s.drive.launch(drafter, { coDepartmentIds: ['dept-czj'] });
    const docs = await documents(d.id);
    const err = await expectRule(s.drive.complete(d.id, 'submit_draft', drafter, payloads.submit_draft(docs)), 'R3');
    expect(err.messageKey).toBe('r3.department_opinion_missing');
    expect(err.localized.en).toContain('dept-czj');
    const opinion = { departmentId: 'dept-czj', opinion: '财政局：资金可以保障', agreed: true };
    await s.drive.complete(d.id, 'submit_draft', drafter, {
      ...payloads.submit_draft(docs),
      departmentOpinions: [opinion],
    });
    const record = await h.db.prisma.stageRecord.findFirstOrThrow({
      where: { decisionId: d.id, kind: 'submit_draft' },
    });
    expect((record.data as { departmentOpinions: unknown[] }).departmentOpinions).toEqual([opinion]);
  });
});

describe('R4 a confidential decision', () => {
  it('skips public participation with the reason recorded and opens no participation task', async () => {
    const d = await s.drive.launchWithDraft(drafter, {
      confidential: true,
      confidentialReason: '涉及尚未公开的价格调整方案',
    });
    const skipped = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { decisionId: d.id, action: 'procedure.stage:public_participation:skipped' },
    });
    expect((skipped.data as { reason: string }).reason).toContain('涉及尚未公开的价格调整方案');
    // The next step of another stage writes the read model again from the workflow's whole state.
    await s.drive.complete(d.id, 'record_expert_opinions', drafter, payloads.record_expert_opinions());
    const pp = (await s.decision(d.id)).stageStates.public_participation;
    expect(pp.status).toBe('skipped');
    expect(pp.reason).toContain('涉及尚未公开的价格调整方案');
    const kinds = (await s.tasks(d.id)).map((t) => t.kind);
    expect(kinds).not.toContain('open_comment_period');
    expect(kinds).not.toContain('conclude_public_participation');
    expect(kinds).toEqual(expect.arrayContaining(['record_expert_opinions', 'submit_risk_assessment']));
  });

  it('opens the comment period for a decision that is not confidential', async () => {
    const d = await s.drive.launchWithDraft();
    await s.drive.task(d.id, 'open_comment_period');
    expect((await s.workflowState(d.id)).stages.public_participation.status).toBe('in_progress');
  });
});

describe('the decision row mirrors the workflow', () => {
  // Stages 1-3 start together; each writes the whole stage map to the decision row. The row must end up with
  // every stage's state, whatever order those writes land in.
  it('shows the state of each of stages 1-3 once they have started together', async () => {
    const mismatches: string[] = [];
    for (let i = 0; i < 4; i++) {
      const d = await s.drive.launchWithDraft(drafter, {
        riskAssessment: { mode: 'skipped', reason: '不涉及社会稳定风险' },
      });
      await s.drive.task(d.id, 'record_expert_opinions');
      const row = (await s.decision(d.id)).stageStates;
      const wf = (await s.workflowState(d.id)).stages;
      for (const stage of ['public_participation', 'expert_argumentation', 'risk_assessment'] as const)
        if (row[stage].status !== wf[stage].status)
          mismatches.push(`${d.number} ${stage}: row ${row[stage].status}, workflow ${wf[stage].status}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('R5 the public comment period', () => {
  it('refuses a period under 30 days without a reason and accepts it with one, recording the reason', async () => {
    const d = await s.drive.launchWithDraft();
    const err = await expectRule(
      s.drive.complete(d.id, 'open_comment_period', drafter, payloads.open_comment_period({ periodDays: 20 })),
      'R5',
    );
    expect(err.extra.violations?.[0].path).toEqual(['shortenedReason']);
    const opening = await s.drive.task(d.id, 'open_comment_period');
    await s.drive.complete(
      d.id,
      'open_comment_period',
      drafter,
      payloads.open_comment_period({ periodDays: 20, shortenedReason: '汛期临近，情况紧急' }),
    );

    const conclude = await s.drive.task(d.id, 'conclude_public_participation');
    const endsAt = (conclude.context as { commentPeriodEndsAt: string }).commentPeriodEndsAt;
    const cal = await h.db.calendar.calendar();
    const from = await h.db.prisma.task.findUniqueOrThrow({ where: { id: opening.id } });
    expect(endsAt).toBe(r33AddCalendarDays(from.completedAt!, 20, cal, 'R5').dueAt);
    const opened = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { decisionId: d.id, action: 'procedure.comment_period_opened' },
    });
    expect(opened.data).toMatchObject({ days: 20, shortenedReason: '汛期临近，情况紧急', endsAt });
  });

  it('cannot be concluded before the period ends, can after, and the conclusion is due counted from the period’s end', async () => {
    // The clock pinned to Monday 4 Nov 2030 10:00 Beijing time with the test 2030 notice loaded (escalation/fixtures.ts:
    // no holiday from November on), so the expected dues below are hand-counted constants whatever day the test runs.
    await loadCalendarYear(
      h.ctx,
      await h.user('admin'),
      2030,
      { ...NATIONAL_DAY_2030, source: '国办发明电〔2029〕测试' },
      { now: NOW_2030 },
    );
    await h.skipPast('2030-11-04T02:00:00Z', 0);
    const d = await s.drive.launchWithDraft();
    await s.drive.complete(d.id, 'open_comment_period', drafter, payloads.open_comment_period());
    const conclude = await s.drive.task(d.id, 'conclude_public_participation');
    const endsAt = (conclude.context as { commentPeriodEndsAt: string }).commentPeriodEndsAt;
    expect(Date.parse(endsAt) - (await h.now()).getTime()).toBeGreaterThan(29 * 86_400_000);

    // R5: 30 calendar days from Tue 5 Nov 2030: 5–30 Nov are days 1–26, 1–4 Dec days 27–30; Wed 4 Dec is a working
    // day, so the period ends then at 18:00 Beijing time.
    expect(endsAt).toBe('2030-12-04T10:00:00.000Z');
    // The conclusion: 10 working days from Thu 5 Dec, counted by hand: 5 (1), 6 (2), [7/8], 9 (3), 10 (4), 11 (5),
    // 12 (6), 13 (7), [14/15], 16 (8), 17 (9), 18 (10) → Wed 18 Dec 2030 18:00 Beijing time.
    expect(conclude.dueRule).toBe('config:conclude_public_participation');
    expect(conclude.dueAt?.toISOString()).toBe('2030-12-18T10:00:00.000Z');
    expect(conclude.dueProvisional).toBe(false);

    const early = await expectRule(
      completeTaskService(h.ctx, await h.user(drafter), conclude.id, payloads.conclude_public_participation()),
      'R5',
    );
    expect(early.messageKey).toBe('r5.period_still_open');
    await h.skipPast(endsAt);
    await completeTaskService(h.ctx, await h.user(drafter), conclude.id, payloads.conclude_public_participation());
    expect((await s.decision(d.id)).stageStates.public_participation.status).toBe('done');
  });
});

describe('R6 responses to comments', () => {
  it('refuses to conclude while a comment group has no response', async () => {
    const d = await s.drive.launchWithDraft();
    await s.drive.complete(
      d.id,
      'open_comment_period',
      drafter,
      payloads.open_comment_period({ periodDays: 3, shortenedReason: '情况紧急' }),
    );
    const conclude = await s.drive.task(d.id, 'conclude_public_participation');
    await h.skipPast((conclude.context as { commentPeriodEndsAt: string }).commentPeriodEndsAt);

    const unanswered = payloads.conclude_public_participation();
    unanswered.groups[1] = { key: 'g2', summary: '反对涨价' };
    const err = await expectRule(s.drive.complete(d.id, 'conclude_public_participation', drafter, unanswered), 'R6');
    expect(err.extra.violations?.map((v) => v.path)).toEqual([['groups', '1', 'response']]);
    expect((await s.decision(d.id)).stageStates.public_participation.status).toBe('in_progress');

    await s.drive.complete(d.id, 'conclude_public_participation', drafter, payloads.conclude_public_participation());
    expect((await s.decision(d.id)).stageStates.public_participation.status).toBe('done');
  });

  it('refuses a not-adopted comment group without its reason, the 409 body naming R6', async () => {
    const d = await s.drive.launchWithDraft();
    await s.drive.complete(
      d.id,
      'open_comment_period',
      drafter,
      payloads.open_comment_period({ periodDays: 2, shortenedReason: '情况紧急' }),
    );
    const conclude = await s.drive.task(d.id, 'conclude_public_participation');
    await h.skipPast((conclude.context as { commentPeriodEndsAt: string }).commentPeriodEndsAt);
    const notAdopted = payloads.conclude_public_participation();
    notAdopted.groups[1] = { key: 'g2', summary: '反对涨价', response: 'not_adopted' };
    const err = await refusal(s.drive.complete(d.id, 'conclude_public_participation', drafter, notAdopted));
    expect(err.toJSON()).toMatchObject({ error: 'rule_violation', rule: 'R6', messageKey: 'r6.reason_required' });
  });
});
