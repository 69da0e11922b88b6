import { describe, expect, it } from 'vitest';
import { r9ExpertArgumentationApplies, r11ExpertOpinionViolations } from '../../domain/rules/expert-argumentation.js';
import {
  r12RiskAssessmentApplies,
  r14ReassessmentViolation,
  r14RiskControllable,
} from '../../domain/rules/risk-assessment.js';
import type { RecordExpertOpinions } from '../../domain/tasks/expert-argumentation.js';
import { SubmitRiskAssessmentSchema, type SubmitRiskAssessment } from '../../domain/tasks/risk-assessment.js';
import { config, keys } from './fixtures.js';

type Opinion = RecordExpertOpinions['opinions'][number];
const opinion = (i: number, over: Partial<Opinion> = {}): Opinion => ({
  expertName: `专家${i}`,
  institution: '市社科院',
  date: '2026-12-10',
  opinion: '方案可行',
  signature: { kind: 'e_signature', reference: `ES-${i}` },
  response: 'adopted',
  ...over,
});
const opinions = (list: Opinion[]): RecordExpertOpinions => ({ opinions: list, adoptionSummary: '已采纳' });

describe('R13 the risk report', () => {
  it('refuses a report naming no risk point or no department consulted', () => {
    const report = {
      riskPoints: ['群众不满'],
      level: 'low',
      preventionMeasures: '分步实施',
      responsePlan: '热线',
      departmentsConsulted: ['市信访局'],
    };
    expect(SubmitRiskAssessmentSchema.safeParse(report).success).toBe(true);
    const paths = (over: object) =>
      SubmitRiskAssessmentSchema.safeParse({ ...report, ...over }).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ riskPoints: [] })).toEqual(['riskPoints']);
    expect(paths({ departmentsConsulted: [] })).toEqual(['departmentsConsulted']);
    expect(paths({ preventionMeasures: ' ' })).toEqual(['preventionMeasures']);
  });
});

describe('R9 expert argumentation applies to specialised matters', () => {
  it('applies when required', () => {
    expect(r9ExpertArgumentationApplies({ required: true })).toEqual({ applies: true });
  });

  it('is skipped with the reason recorded otherwise', () => {
    const r = r9ExpertArgumentationApplies({ required: false, reason: '事项专业性不强' });
    expect(r.applies).toBe(false);
    expect(!r.applies && r.reason).toContain('事项专业性不强');
    expect(!r.applies && r.reason).toContain('R9');
  });
});

describe('R11 expert opinions', () => {
  it('accepts three signed opinions, each answered', () => {
    expect(r11ExpertOpinionViolations(opinions([opinion(1), opinion(2), opinion(3)]), config())).toEqual([]);
  });

  it('refuses fewer than the configured three opinions', () => {
    const vs = r11ExpertOpinionViolations(opinions([opinion(1), opinion(2)]), config());
    expect(keys(vs)).toEqual(['R11:r11.too_few_opinions']);
    expect(vs[0].path).toEqual(['opinions']);
  });

  it('counts experts, not opinions: the same expert entered three times is one expert', () => {
    const same = opinion(1);
    const vs = r11ExpertOpinionViolations(
      opinions([
        same,
        { ...same, signature: { kind: 'e_signature', reference: 'ES-again' } },
        { ...same, expertName: ' 专家1 ' },
      ]),
      config(),
    );
    expect(keys(vs)).toEqual(['R11:r11.too_few_opinions']);
    expect(vs[0].message.zh).toContain('现有1名');
    // The same name at another institution is another expert.
    expect(
      r11ExpertOpinionViolations(opinions([opinion(1), opinion(1, { institution: '市规划院' }), opinion(2)]), config()),
    ).toEqual([]);
  });

  it('takes the minimum number from the configuration', () => {
    expect(r11ExpertOpinionViolations(opinions([opinion(1), opinion(2)]), config({ minExpertOpinions: 2 }))).toEqual(
      [],
    );
    expect(
      keys(
        r11ExpertOpinionViolations(opinions([opinion(1), opinion(2), opinion(3)]), config({ minExpertOpinions: 4 })),
      ),
    ).toEqual(['R11:r11.too_few_opinions']);
  });

  it('refuses an opinion with no response', () => {
    const vs = r11ExpertOpinionViolations(
      opinions([opinion(1), opinion(2, { response: undefined }), opinion(3)]),
      config(),
    );
    expect(keys(vs)).toEqual(['R11:r11.opinion_without_response']);
    expect(vs[0].path).toEqual(['opinions', '1', 'response']);
  });

  it('refuses a not-adopted opinion without a reason, and accepts it with one', () => {
    const without = r11ExpertOpinionViolations(
      opinions([opinion(1), opinion(2), opinion(3, { response: 'not_adopted' })]),
      config(),
    );
    expect(keys(without)).toEqual(['R11:r11.reason_required']);
    expect(without[0].path).toEqual(['opinions', '2', 'reason']);
    expect(
      r11ExpertOpinionViolations(
        opinions([opinion(1), opinion(2), opinion(3, { response: 'not_adopted', reason: '与上位法不符' })]),
        config(),
      ),
    ).toEqual([]);
  });
});

describe('R12 risk assessment applies, is skipped or is covered', () => {
  it('applies when required', () => {
    expect(r12RiskAssessmentApplies({ mode: 'required' })).toEqual({ applies: true });
  });

  it('is skipped with its reason', () => {
    const r = r12RiskAssessmentApplies({ mode: 'skipped', reason: '不涉及社会稳定' });
    expect(r.applies).toBe(false);
    expect(!r.applies && r.reason).toContain('不涉及社会稳定');
  });

  it('is covered by an existing assessment, naming its reference', () => {
    const r = r12RiskAssessmentApplies({ mode: 'covered', reference: '稳评〔2026〕7号', reason: '同一项目' });
    expect(r.applies).toBe(false);
    expect(!r.applies && r.reason).toContain('稳评〔2026〕7号');
    expect(!r.applies && r.reason).toContain('同一项目');
  });
});

describe('R14 risk controllability', () => {
  const report = (over: Partial<SubmitRiskAssessment> = {}): SubmitRiskAssessment => ({
    riskPoints: ['群众不满'],
    level: 'low',
    preventionMeasures: '分步实施',
    responsePlan: '热线',
    departmentsConsulted: ['市信访局'],
    ...over,
  });

  it('treats a high risk level as not controllable, and low or medium as controllable', () => {
    expect(r14RiskControllable('high')).toBe(false);
    expect(r14RiskControllable('medium')).toBe(true);
    expect(r14RiskControllable('low')).toBe(true);
  });

  it('requires the draft adjustment in a re-assessment after a high risk', () => {
    const v = r14ReassessmentViolation(report(), { afterHighRisk: true });
    expect(v?.rule).toBe('R14');
    expect(v?.path).toEqual(['draftAdjustment']);
    expect(r14ReassessmentViolation(report({ draftAdjustment: '取消第三条' }), { afterHighRisk: true })?.path).toEqual([
      'revisedDraftDocumentId',
    ]);
    expect(
      r14ReassessmentViolation(report({ draftAdjustment: '取消第三条', revisedDraftDocumentId: 'doc-adjusted' }), {
        afterHighRisk: true,
      }),
    ).toBeUndefined();
  });

  it('does not ask a first assessment for an adjustment', () => {
    expect(r14ReassessmentViolation(report(), { afterHighRisk: false })).toBeUndefined();
    expect(r14ReassessmentViolation(report(), {})).toBeUndefined();
  });
});
