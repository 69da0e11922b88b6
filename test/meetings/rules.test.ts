import { describe, expect, it } from 'vitest';
import {
  r22FairCompetitionReviewed,
  r22MeetingMaterials,
  r22MissingMaterialsViolation,
  r24LegalAdviserWarning,
  r24OpinionsFromMembersPresent,
  r24QuorumViolation,
  type Attendee,
} from '../../domain/rules/meeting.js';
import {
  r29AsksForEvaluation,
  r29NextReportDue,
  r30EvaluationDueAt,
  r30EvaluationViolations,
  r31StartsNewProcedure,
} from '../../domain/rules/evaluation.js';
import { r28DossierOrder } from '../../domain/rules/archive.js';
import { ReportImplementationSchema, type EvaluateDecision } from '../../domain/tasks/publication.js';
import type { DecisionFacts } from '../../domain/procedure.js';

const people = (members: boolean[], adviser?: boolean): Array<Attendee & { userId?: string }> => [
  ...members.map((present, i) => ({
    name: `成员${i}`,
    userId: `user-${i}`,
    member: true,
    legalAdviser: false,
    present,
  })),
  ...(adviser === undefined ? [] : [{ name: '司法局局长', member: false, legalAdviser: true, present: adviser }]),
];

describe('R24 the meeting', () => {
  const seats = (n: number) => Array.from({ length: n }, (_, i) => ({ userId: `user-${i}` }));

  it("needs more than half of its body's roster present, counted from the roster, not from the attendance's member flags", () => {
    expect(r24QuorumViolation(seats(4), people([true, true, true, false]))).toBeUndefined();
    expect(r24QuorumViolation(seats(4), people([true, true, false, false]))).toMatchObject({
      rule: 'R24',
      messageKey: 'r24.no_quorum',
    });
    // Three attendees flagged as members and present, but the roster has seven seats: 3 of 7 is no quorum.
    const thin = r24QuorumViolation(seats(7), people([true, true, true]));
    expect(thin).toMatchObject({ rule: 'R24', messageKey: 'r24.no_quorum' });
    expect(thin!.message.zh).toContain('第三十条');
    // Attendees without a roster account, or listed twice, do not count.
    const padded = [
      ...people([true, true]),
      { name: '外来人员', member: true, legalAdviser: false, present: true },
      { name: '成员1', userId: 'user-1', member: true, legalAdviser: false, present: true },
    ];
    expect(r24QuorumViolation(seats(5), padded)).toMatchObject({ messageKey: 'r24.no_quorum' });
    expect(r24QuorumViolation([], people([]))).toMatchObject({ rule: 'R24' });
  });

  it('takes opinions only from roster members present, each once, by name, attendee id or user id', () => {
    const roster = [{ userId: 'user-mayor' }, { userId: 'user-vicemayor1' }, { userId: 'user-vicemayor2' }];
    const attendance = [
      { id: 'a1', name: '市长', userId: 'user-mayor', member: true, legalAdviser: false, present: true },
      { id: 'a2', name: '副市长甲', userId: 'user-vicemayor1', member: true, legalAdviser: false, present: true },
      { id: 'a3', name: '秘书长', member: true, legalAdviser: false, present: false },
      { id: 'a4', name: '司法局局长', member: false, legalAdviser: true, present: true },
      // Flagged a member by the secretary, present, but not on the body's roster.
      { id: 'a5', name: '局长乙', userId: 'user-head.x', member: true, legalAdviser: false, present: true },
    ];
    const from = (...members: string[]) =>
      r24OpinionsFromMembersPresent(
        members.map((member) => ({ member })),
        attendance,
        roster,
      ).map((v) => `${v.messageKey}@${v.path?.[1]}`);
    expect(from('副市长甲', 'a1')).toEqual([]);
    expect(from('user-vicemayor1')).toEqual([]);
    expect(from('秘书长', '司法局局长', '路人')).toEqual([
      'r24.opinion_not_from_member_present@0',
      'r24.opinion_not_from_member_present@1',
      'r24.opinion_not_from_member_present@2',
    ]);
    expect(from('副市长甲', 'a2')).toEqual(['r24.opinion_twice@1']);
    expect(from('局长乙', 'a5', 'user-head.x')).toEqual([
      'r24.opinion_not_from_member_present@0',
      'r24.opinion_not_from_member_present@1',
      'r24.opinion_not_from_member_present@2',
    ]);
    expect(r24OpinionsFromMembersPresent([{ member: '秘书长' }], attendance, roster)[0].message.zh).toContain(
      '第三十条',
    );
  });

  it('warns when the legal adviser is not attending', () => {
    expect(r24LegalAdviserWarning(people([true], true))).toBeUndefined();
    expect(r24LegalAdviserWarning(people([true], false))).toMatchObject({
      rule: 'R24',
      messageKey: 'r24.legal_adviser_absent',
    });
    expect(r24LegalAdviserWarning(people([true]))).toMatchObject({ rule: 'R24' });
  });
});

describe('R22 materials to the meeting', () => {
  it('lists each material as present, skipped with its stage’s reason, missing, or not applicable', () => {
    const list = r22MeetingMaterials({
      documentKinds: ['draft'],
      recordKinds: ['review_opinion', 'record_expert_opinions'],
      stageStates: {
        public_participation: { status: 'skipped', reason: '依法不予公开' },
        risk_assessment: { status: 'in_progress' },
      },
      touchesMarketActors: true,
      hasFairCompetitionReview: false,
    });
    expect(Object.fromEntries(list.map((m) => [m.key, m.status]))).toEqual({
      draft: 'present',
      explanation: 'missing',
      comment_adoption: 'skipped',
      expert_adoption: 'present',
      risk_report: 'missing',
      review_opinion: 'present',
      fair_competition: 'missing',
    });
    expect(list.find((m) => m.key === 'comment_adoption')?.reason).toBe('依法不予公开');
  });

  it('blocks the agenda while a material is missing, naming each one and Art. 29', () => {
    const list = r22MeetingMaterials({
      documentKinds: ['draft'],
      recordKinds: ['review_opinion'],
      stageStates: {},
      touchesMarketActors: true,
      hasFairCompetitionReview: false,
    });
    const v = r22MissingMaterialsViolation(list);
    expect(v).toMatchObject({ rule: 'R22', messageKey: 'r22.materials_missing' });
    expect(v?.message.zh).toContain('起草说明、公众意见采纳情况、专家论证意见采纳情况、风险评估报告、公平竞争审查结论');
    expect(v?.message.zh).toContain('第二十九条');
    const complete = r22MeetingMaterials({
      documentKinds: ['draft', 'explanation'],
      recordKinds: ['review_opinion', 'record_expert_opinions', 'submit_risk_assessment'],
      stageStates: { public_participation: { status: 'skipped', reason: '依法不予公开' } },
      touchesMarketActors: false,
      hasFairCompetitionReview: false,
    });
    expect(r22MissingMaterialsViolation(complete)).toBeUndefined();
  });

  it('finds the fair-competition review by its recorded conclusion, not by a word appearing somewhere in a record', () => {
    const submitted = {
      kind: 'submit_for_legality_review',
      data: { legalBasis: [], fairCompetitionReview: { conclusion: '不具有排除、限制竞争效果' } },
    };
    const supplied = {
      kind: 'supplement_materials',
      data: { fairCompetitionReview: { conclusion: '经审查，不排除竞争' }, note: '补充' },
    };
    expect(r22FairCompetitionReviewed([submitted], [])).toBe(true);
    expect(r22FairCompetitionReviewed([supplied], [])).toBe(true);
    expect(r22FairCompetitionReviewed([], ['fair_competition_review'])).toBe(true);
    // A note that merely mentions it, an empty conclusion, or another step's record is not a review.
    expect(
      r22FairCompetitionReviewed(
        [{ kind: 'supplement_materials', data: { note: '尚未进行fairCompetitionReview' } }],
        [],
      ),
    ).toBe(false);
    expect(
      r22FairCompetitionReviewed(
        [{ kind: 'submit_for_legality_review', data: { fairCompetitionReview: { conclusion: ' ' } } }],
        [],
      ),
    ).toBe(false);
    expect(
      r22FairCompetitionReviewed(
        [{ kind: 'submit_draft', data: { fairCompetitionReview: { conclusion: '不排除竞争' } } }],
        [],
      ),
    ).toBe(false);
  });
});

describe('R28 the dossier', () => {
  it('orders entries by when they came into being, keeping the given order for equal instants', () => {
    const e = (id: string, at: string) => ({ id, at });
    expect(
      r28DossierOrder([
        e('b', '2027-01-02T00:00:00Z'),
        e('a', '2027-01-01T00:00:00Z'),
        e('c', '2027-01-02T00:00:00Z'),
      ]).map((x) => x.id),
    ).toEqual(['a', 'b', 'c']);
  });
});

const facts = { leadDepartmentId: 'dept-jtysj' } as DecisionFacts;
const evaluation = (over: Partial<EvaluateDecision> = {}): EvaluateDecision => ({
  evaluator: { name: '第三方', thirdParty: true },
  publicHeard: '问卷',
  findings: '良好',
  result: 'continue',
  ...over,
});

describe('R29-R31 implementation and evaluation', () => {
  it('asks for reports every six months and for an evaluation at once on a major change or a request', () => {
    expect(r29NextReportDue('2027-01-20T10:00:00.000Z', 6)).toBe('2027-07-20T10:00:00.000Z');
    expect(r29AsksForEvaluation(ReportImplementationSchema.parse({ period: 'H1', progress: '正常' }))).toBe(false);
    expect(
      r29AsksForEvaluation(ReportImplementationSchema.parse({ period: 'H1', progress: '受阻', majorChange: true })),
    ).toBe(true);
  });

  it('falls due a year after publication, by an evaluator independent of the drafting department', () => {
    expect(r30EvaluationDueAt('2027-01-20T10:00:00.000Z', 365)).toBe('2028-01-20T10:00:00.000Z');
    expect(
      r30EvaluationViolations(
        evaluation({ evaluator: { name: '市交通运输局', departmentId: 'dept-jtysj', thirdParty: false } }),
        facts,
      ).map((v) => v.messageKey),
    ).toEqual(['r30.evaluator_not_independent']);
    expect(r30EvaluationViolations(evaluation({ result: 'adjust' }), facts).map((v) => v.messageKey)).toEqual([
      'r30.adjustment_required',
    ]);
    expect(r30EvaluationViolations(evaluation({ result: 'terminate' }), facts).map((v) => v.rule)).toEqual(['R31']);
    expect(r30EvaluationViolations(evaluation(), facts)).toEqual([]);
  });

  it('refuses an evaluator who did the expert or risk work, or a department that does not name itself', () => {
    const argued = { ...facts, argumentationUnits: ['市社科院', '市决策咨询研究中心'] };
    const by = (evaluator: EvaluateDecision['evaluator']) =>
      r30EvaluationViolations(evaluation({ evaluator }), argued).map((v) => `${v.messageKey} ${v.path?.join('.')}`);
    expect(by({ name: '市决策咨询研究中心', thirdParty: true })).toEqual([
      'r30.evaluator_not_independent evaluator.name',
    ]);
    expect(by({ name: ' 市社科院', departmentId: 'dept-skw', thirdParty: false })).toEqual([
      'r30.evaluator_not_independent evaluator.name',
    ]);
    // The lead department, declared or not: leaving the department out is refused, so it cannot evaluate itself unnamed.
    expect(by({ name: '市交通运输局', thirdParty: false })).toEqual([
      'r30.evaluator_department_required evaluator.departmentId',
    ]);
    expect(by({ name: '交通局评估组', departmentId: 'dept-jtysj', thirdParty: false })).toEqual([
      'r30.evaluator_not_independent evaluator.departmentId',
    ]);
    expect(by({ name: '市法学会', thirdParty: true })).toEqual([]);
    expect(by({ name: '市发展研究中心', departmentId: 'dept-fgw', thirdParty: false })).toEqual([]);
    expect(r30EvaluationViolations(evaluation(), argued)[0]?.message.zh ?? '').toBe('');
    expect(
      r30EvaluationViolations(evaluation({ evaluator: { name: '市社科院', thirdParty: true } }), argued)[0].message.zh,
    ).toContain('第三十六条');
  });

  it('runs the procedure again only for a substantive adjustment', () => {
    expect(
      r31StartsNewProcedure(
        evaluation({ result: 'adjust', adjustment: { substantive: true, description: '扩大范围' } }),
      ),
    ).toBe(true);
    expect(
      r31StartsNewProcedure(evaluation({ result: 'adjust', adjustment: { substantive: false, description: '文字' } })),
    ).toBe(false);
    expect(r31StartsNewProcedure(evaluation({ result: 'continue' }))).toBe(false);
  });
});
