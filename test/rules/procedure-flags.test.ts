import { describe, expect, it } from 'vitest';
import { r9r12FlagChangeViolations } from '../../domain/rules/procedure-flags.js';
import { initialStageStates, type Stage, type StageStatus } from '../../domain/stages.js';

const at = (over: Partial<Record<Stage, StageStatus>> = {}, stagesClosed = false, status = 'active') => {
  const stages = initialStageStates();
  for (const [k, v] of Object.entries(over)) stages[k as Stage] = { status: v };
  return { status, stages, stagesClosed };
};
const rules = (v: Array<{ rule: string; messageKey: string }>) => v.map((x) => `${x.rule} ${x.messageKey}`);

describe('R9/R12: changing the expert / risk flags after launch (Art. 19, 22)', () => {
  it('allows either flag, on or off with a reason, while stages 1-3 run', () => {
    expect(
      r9r12FlagChangeViolations(
        { expertArgumentation: true, riskAssessment: false, reason: '情况变化' },
        at({ expert_argumentation: 'skipped', risk_assessment: 'in_progress' }),
      ),
    ).toEqual([]);
  });

  it('refuses once legality review is reached or stages 1-3 are closed, naming the article', () => {
    const v = r9r12FlagChangeViolations(
      { expertArgumentation: true, reason: '补充论证' },
      at({ legality_review: 'in_progress' }),
    );
    expect(rules(v)).toEqual(['R9 r9.flag_after_review']);
    expect(v[0]!.message.zh).toContain('第十九条');
    expect(rules(r9r12FlagChangeViolations({ riskAssessment: true, reason: '补充评估' }, at({}, true)))).toEqual([
      'R12 r12.flag_after_review',
    ]);
    expect(
      r9r12FlagChangeViolations({ riskAssessment: true, reason: '补充评估' }, at({}, true))[0]!.message.zh,
    ).toContain('第二十二条');
    expect(rules(r9r12FlagChangeViolations({ riskAssessment: true, reason: 'x' }, at({}, false, 'withdrawn')))).toEqual(
      ['R12 r12.flag_after_review'],
    );
  });

  it('refuses a change of a stage that is done, and a turn-off without a reason', () => {
    expect(
      rules(
        r9r12FlagChangeViolations(
          { expertArgumentation: false, reason: '不再需要' },
          at({ expert_argumentation: 'done' }),
        ),
      ),
    ).toEqual(['R9 r9.flag_stage_done']);
    expect(
      rules(r9r12FlagChangeViolations({ riskAssessment: false, reason: ' ' }, at({ risk_assessment: 'in_progress' }))),
    ).toEqual(['R12 r12.flag_reason_required']);
    expect(rules(r9r12FlagChangeViolations({ reason: '理由' }, at()))).toEqual(['R9 r9.flag_nothing_to_change']);
  });
});
