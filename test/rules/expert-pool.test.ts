import { describe, expect, it } from 'vitest';
import { r10SelectionViolations, type PoolExpert } from '../../domain/rules/expert-pool.js';
import { r11SelectionViolations, type ArgumentationSelection } from '../../domain/rules/expert-argumentation.js';

const decision = { id: 'dec-1', leadDepartmentId: 'dept-jtysj' };
const expert = (over: Partial<PoolExpert> = {}): PoolExpert => ({
  name: '王教授',
  active: true,
  formerDepartmentIds: [],
  interests: [],
  ...over,
});
const keys = (e: PoolExpert) => r10SelectionViolations(e, decision).map((v) => v.messageKey);

describe('R10: choosing experts for neutrality', () => {
  it('lets a neutral expert be chosen, whatever their interests elsewhere', () => {
    expect(
      keys(
        expert({
          formerDepartmentIds: ['dept-fgw'],
          interests: [{ departmentId: 'dept-fgw', decisionId: null, description: '受托为发改委编制规划' }],
        }),
      ),
    ).toEqual([]);
  });

  it('refuses an expert who declared an interest in the decision or in the lead department’s matters', () => {
    expect(
      keys(
        expert({
          interests: [{ departmentId: null, decisionId: 'dec-1', description: '其配偶经营的公交公司受调价影响' }],
        }),
      ),
    ).toEqual(['r10.declared_interest']);
    expect(
      keys(
        expert({ interests: [{ departmentId: 'dept-jtysj', decisionId: null, description: '承担交通局委托课题' }] }),
      ),
    ).toEqual(['r10.declared_interest']);
  });

  it('refuses an expert formerly employed by the lead department, naming Art. 20', () => {
    const v = r10SelectionViolations(expert({ formerDepartmentIds: ['dept-jtysj'] }), decision);
    expect(v.map((x) => [x.rule, x.messageKey])).toEqual([['R10', 'r10.former_employment']]);
    expect(v[0].message.zh).toContain('第二十条');
  });

  it('refuses an expert who left the pool', () => {
    expect(keys(expert({ active: false }))).toEqual(['r10.expert_inactive']);
  });
});

describe('R11: the argumentation stage tied to the selections (Decree 713 Art. 19)', () => {
  const chosen = (over: Partial<ArgumentationSelection> = {}): ArgumentationSelection => ({
    expertName: '孙教授',
    opinionReceivedAt: null,
    response: null,
    declinedAt: null,
    ...over,
  });
  const at = new Date('2026-12-01T02:00:00Z');

  it('passes when every chosen expert’s opinion is received and answered, or the selection is declined', () => {
    expect(
      r11SelectionViolations([
        chosen({ opinionReceivedAt: at, response: 'adopted' }),
        chosen({ expertName: '周研究员', declinedAt: at }),
      ]),
    ).toEqual([]);
    expect(r11SelectionViolations([])).toEqual([]);
  });

  it('refuses a chosen expert without an opinion, and an opinion without a response, naming Art. 19', () => {
    const v = r11SelectionViolations([chosen(), chosen({ expertName: '吴高工', opinionReceivedAt: at })]);
    expect(v.map((x) => [x.rule, x.messageKey])).toEqual([
      ['R11', 'r11.selection_without_opinion'],
      ['R11', 'r11.selection_without_response'],
    ]);
    expect(v[0]?.message.zh).toContain('孙教授');
    expect(v[1]?.message.zh).toContain('第十九条');
  });
});
