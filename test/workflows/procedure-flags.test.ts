/**
 * R9/R12 (Art. 19, 22): the lead department changes whether expert argumentation / risk assessment applies, with a
 * reason, while the procedure is before legality review (time-skipping server, real database).
 */
import { describe, expect, it } from 'vitest';
import { changeProcedureFlagsService } from '../../api/services/procedure-flags.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { Steps, eventually, expectRule, expectStatus } from './steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

const drafter = 'drafter.jtysj';
const change = async (
  decisionId: string,
  username: string,
  c: { expertArgumentation?: boolean; riskAssessment?: boolean; reason: string },
) => changeProcedureFlagsService(h.ctx, await s.drive.user(username), decisionId, c);
const stageOf = async (decisionId: string, stage: string) => (await s.decision(decisionId)).stageStates[stage];

describe('R9/R12: changing the expert and risk flags after launch', () => {
  it('turned on mid-way opens the expert task; turned off skips the stage with the reason; both audited', async () => {
    const d = await s.drive.launchWithDraft(drafter, {
      expertArgumentation: { required: false, reason: '事项专业性不强' },
    });
    await eventually(
      async () => (await stageOf(d.id, 'expert_argumentation'))?.status === 'skipped',
      'the expert stage skipped at launch',
    );
    expect(await h.db.prisma.task.count({ where: { decisionId: d.id, kind: 'record_expert_opinions' } })).toBe(0);

    await change(d.id, drafter, { expertArgumentation: true, reason: '方案涉及轨道交通技术标准' });
    const opened = await s.drive.task(d.id, 'record_expert_opinions');
    expect(
      await eventually(
        async () => (await stageOf(d.id, 'expert_argumentation'))?.status === 'in_progress' && 'in_progress',
        'the stage in progress',
      ),
    ).toBe('in_progress');

    const state = await change(d.id, 'head.jtysj', { expertArgumentation: false, reason: '技术方案已由上级部门论证' });
    expect(state.tasks.map((t) => t.kind)).not.toContain('record_expert_opinions');
    const skipped = await eventually(async () => {
      const st = await stageOf(d.id, 'expert_argumentation');
      return st?.status === 'skipped' && st.reason?.includes('技术方案已由上级部门论证') && st;
    }, 'the stage skipped with the reason');
    expect(skipped.reason).toContain('R9');
    await eventually(
      async () => (await h.db.prisma.task.findUniqueOrThrow({ where: { id: opened.id } })).status === 'cancelled',
      'the expert task cancelled',
    );

    const audit = await h.db.prisma.auditEvent.findMany({
      where: { decisionId: d.id, action: 'decision.procedure_flags_changed' },
      orderBy: { at: 'asc' },
    });
    expect(
      audit.map((e) => [
        e.actorUserId,
        e.actorRole,
        (e.data as { expertArgumentation?: boolean; reason: string }).expertArgumentation,
        (e.data as { reason: string }).reason,
      ]),
    ).toEqual([
      ['user-drafter.jtysj', 'drafter', true, '方案涉及轨道交通技术标准'],
      ['user-head.jtysj', 'dept_head', false, '技术方案已由上级部门论证'],
    ]);
  });

  it('turning risk assessment off skips the stage with the reason; without a reason it is refused (R12)', async () => {
    const d = await s.drive.launchWithDraft();
    await s.drive.task(d.id, 'submit_risk_assessment');
    await expectRule(change(d.id, drafter, { riskAssessment: false, reason: '  ' }), 'R12');
    await change(d.id, drafter, { riskAssessment: false, reason: '已纳入市级稳评范围' });
    const st = await eventually(async () => {
      const x = await stageOf(d.id, 'risk_assessment');
      return x?.status === 'skipped' && x;
    }, 'risk stage skipped');
    expect(st.reason).toContain('已纳入市级稳评范围');
    expect(
      await h.db.prisma.task.count({ where: { decisionId: d.id, kind: 'submit_risk_assessment', status: 'open' } }),
    ).toBe(0);
  });

  it('is refused once legality review is reached (409 R9 naming Art. 19), and to another department', async () => {
    const d = await s.toReview();
    const err = await expectRule(change(d.id, drafter, { expertArgumentation: false, reason: '不再需要' }), 'R9');
    expect(err.toJSON()).toMatchObject({ rule: 'R9' });
    expect(JSON.stringify(err.toJSON())).toContain('第十九条');
    await expectRule(change(d.id, drafter, { riskAssessment: true, reason: '补充评估' }), 'R12');
    await expectStatus(change(d.id, 'drafter.fgw', { expertArgumentation: true, reason: '理由' }), 404);
    expect(
      await h.db.prisma.auditEvent.count({ where: { decisionId: d.id, action: 'decision.procedure_flags_changed' } }),
    ).toBe(0);
  });
});
