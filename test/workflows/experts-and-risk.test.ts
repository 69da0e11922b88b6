import { describe, expect, it } from 'vitest';
import { completeTaskService } from '../../api/services/complete-task.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { payloads } from '../support/procedure-driver.js';
import { Steps, driverWithConfig, expectRule, expectStatus, skipStages1to3 } from './steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

const drafter = 'drafter.jtysj';
const confidential = { confidential: true, confidentialReason: skipStages1to3.confidentialReason };

describe('R9 expert argumentation', () => {
  it('is skipped with the reason recorded when the matter is not specialised, and opens no task', async () => {
    const d = await s.drive.launchWithDraft(drafter, {
      ...confidential,
      expertArgumentation: { required: false, reason: '属于一般性管理事项' },
    });
    // The risk report's completion writes the read model again from the workflow's whole state.
    await s.drive.complete(d.id, 'submit_risk_assessment', drafter, payloads.submit_risk_assessment());
    const stage = (await s.decision(d.id)).stageStates.expert_argumentation;
    expect(stage.status).toBe('skipped');
    expect(stage.reason).toContain('属于一般性管理事项');
    expect(await s.tasks(d.id, 'record_expert_opinions')).toEqual([]);
  });
});

describe('R11 expert opinions', () => {
  it('refuses fewer than three opinions and completes the stage with three', async () => {
    const d = await s.drive.launchWithDraft(drafter, confidential);
    const err = await expectRule(
      s.drive.complete(d.id, 'record_expert_opinions', drafter, payloads.record_expert_opinions(2)),
      'R11',
    );
    expect(err.messageKey).toBe('r11.too_few_opinions');
    expect((await s.workflowState(d.id)).stages.expert_argumentation.status).toBe('in_progress');
    await s.drive.complete(d.id, 'record_expert_opinions', drafter, payloads.record_expert_opinions(3));
    expect((await s.decision(d.id)).stageStates.expert_argumentation.status).toBe('done');
  });

  it('refuses a not-adopted opinion without a reason', async () => {
    const d = await s.drive.launchWithDraft(drafter, confidential);
    const p = payloads.record_expert_opinions(3);
    p.opinions[2] = { ...p.opinions[2], response: 'not_adopted' };
    const err = await expectRule(s.drive.complete(d.id, 'record_expert_opinions', drafter, p), 'R11');
    expect(err.extra.violations?.map((v) => v.path)).toEqual([['opinions', '2', 'reason']]);
    p.opinions[2] = { ...p.opinions[2], reason: '与现行标准冲突' };
    await s.drive.complete(d.id, 'record_expert_opinions', drafter, p);
    expect((await s.decision(d.id)).stageStates.expert_argumentation.status).toBe('done');
  });

  it('takes the minimum number of opinions from the configuration the procedure started with', async () => {
    const two = driverWithConfig(h, { minExpertOpinions: 2 });
    const d = await two.launchWithDraft(drafter, confidential);
    expect((await s.drive.task(d.id, 'record_expert_opinions')).context).toMatchObject({ minOpinions: 2 });
    await two.complete(d.id, 'record_expert_opinions', drafter, payloads.record_expert_opinions(2));
    expect((await s.decision(d.id)).stageStates.expert_argumentation.status).toBe('done');

    const four = driverWithConfig(h, { minExpertOpinions: 4 });
    const e = await four.launchWithDraft(drafter, confidential);
    const err = await expectRule(
      four.complete(e.id, 'record_expert_opinions', drafter, payloads.record_expert_opinions(3)),
      'R11',
    );
    expect(err.localized.en).toContain('4');
  });
});

describe('R12 risk assessment applicability', () => {
  it('is skipped with the reason recorded and opens no task', async () => {
    const d = await s.drive.launchWithDraft(drafter, {
      ...confidential,
      riskAssessment: { mode: 'skipped', reason: '不涉及社会稳定和公共安全' },
    });
    await s.drive.complete(d.id, 'record_expert_opinions', drafter, payloads.record_expert_opinions());
    const stage = (await s.decision(d.id)).stageStates.risk_assessment;
    expect(stage.status).toBe('skipped');
    expect(stage.reason).toContain('不涉及社会稳定和公共安全');
    expect(await s.tasks(d.id, 'submit_risk_assessment')).toEqual([]);
  });

  it('is marked covered by an existing assessment with its reference, without a duplicate assessment', async () => {
    const d = await s.drive.launchWithDraft(drafter, {
      ...confidential,
      riskAssessment: { mode: 'covered', reference: '稳评〔2026〕7号' },
    });
    await s.drive.complete(d.id, 'record_expert_opinions', drafter, payloads.record_expert_opinions());
    const stage = (await s.decision(d.id)).stageStates.risk_assessment;
    expect(stage.status).toBe('skipped');
    expect(stage.reason).toContain('稳评〔2026〕7号');
    expect(await s.tasks(d.id, 'submit_risk_assessment')).toEqual([]);
    expect(await s.drive.task(d.id, 'submit_for_legality_review')).toBeTruthy();
  });
});

describe('R13 the risk report', () => {
  it('refuses a report missing its required parts with 400 naming each field', async () => {
    const d = await s.drive.launchWithDraft(drafter, confidential);
    const t = await s.drive.task(d.id, 'submit_risk_assessment');
    const err = await expectStatus(
      completeTaskService(h.ctx, await h.user(drafter), t.id, {
        riskPoints: ['群众不满'],
        level: 'low',
        preventionMeasures: '分步实施',
      }),
      400,
    );
    expect(err.extra.issues?.map((i) => i.path).sort()).toEqual([
      'payload.departmentsConsulted',
      'payload.responsePlan',
    ]);
    const badLevel = await expectStatus(
      completeTaskService(h.ctx, await h.user(drafter), t.id, payloads.submit_risk_assessment('severe' as 'high')),
      400,
    );
    expect(badLevel.extra.issues?.map((i) => i.path)).toEqual(['payload.level']);
    expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('open');
  });
});

describe('R14 a risk that is not controllable', () => {
  it('keeps the stage open and re-assesses after a high risk level; the re-assessment must state the draft adjustment', async () => {
    const d = await s.drive.launchWithDraft(drafter, {
      ...confidential,
      expertArgumentation: skipStages1to3.expertArgumentation,
    });
    const first = await s.drive.complete(
      d.id,
      'submit_risk_assessment',
      drafter,
      payloads.submit_risk_assessment('high'),
    );
    expect(first.openTasks.map((t) => t.kind)).toEqual(['submit_risk_assessment']);
    expect(first.openTasks[0].context).toMatchObject({ afterHighRisk: true, round: 2 });
    expect((await s.decision(d.id)).stageStates.risk_assessment.status).toBe('in_progress');
    expect(
      await h.db.prisma.auditEvent.count({ where: { decisionId: d.id, action: 'procedure.risk_not_controllable' } }),
    ).toBe(1);
    expect(await s.tasks(d.id, 'submit_for_legality_review')).toEqual([]);

    const err = await expectRule(
      s.drive.complete(d.id, 'submit_risk_assessment', drafter, payloads.submit_risk_assessment('medium')),
      'R14',
    );
    expect(err.extra.violations?.[0].path).toEqual(['draftAdjustment']);

    // R14: the adjustment described but the adjusted draft not submitted is refused too.
    const noDraft = await expectRule(
      s.drive.complete(
        d.id,
        'submit_risk_assessment',
        drafter,
        payloads.submit_risk_assessment('medium', { draftAdjustment: '删除第三条' }),
      ),
      'R14',
    );
    expect(noDraft.extra.violations?.[0].path).toEqual(['revisedDraftDocumentId']);
    const adjusted = await s.drive.upload(drafter, d.id, 'draft', '调整稿：删除第三条');
    const again = await s.drive.complete(
      d.id,
      'submit_risk_assessment',
      drafter,
      payloads.submit_risk_assessment('high', { draftAdjustment: '删除第三条', revisedDraftDocumentId: adjusted.id }),
    );
    expect(again.openTasks.map((t) => t.kind)).toEqual(['submit_risk_assessment']);
    expect(await s.tasks(d.id, 'submit_for_legality_review')).toEqual([]);

    const adjustedAgain = await s.drive.upload(drafter, d.id, 'draft', '调整稿：增设过渡期');
    await s.drive.complete(
      d.id,
      'submit_risk_assessment',
      drafter,
      payloads.submit_risk_assessment('medium', {
        draftAdjustment: '增设过渡期，分步实施',
        revisedDraftDocumentId: adjustedAgain.id,
      }),
    );
    expect((await s.decision(d.id)).stageStates.risk_assessment.status).toBe('done');
    expect((await s.workflowState(d.id)).draft.draftDocumentId).toBe(adjustedAgain.id);
    const submission = await s.drive.task(d.id, 'submit_for_legality_review');
    expect(submission.status).toBe('open');
  });
});
