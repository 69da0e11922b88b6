import { describe, expect, it } from 'vitest';
import {
  r17ReviewDays,
  r17ReviewTimeDecisionViolation,
  r15ReviewPassed,
  r16MissingMaterials,
  r17ReviewWorkingDays,
  r19OpinionViolations,
  r19RequiredChangesViolations,
  type ReviewMaterials,
} from '../../domain/rules/legality-review.js';
import type { ReviewLegality } from '../../domain/tasks/legality-review.js';
import { CHECKLISTS } from '../../domain/review/kinds.js';
import { config, keys } from './fixtures.js';

const materials = (over: Partial<ReviewMaterials> = {}): ReviewMaterials => ({
  draftDocumentId: 'doc-draft',
  explanationDocumentId: 'doc-expl',
  legalBasis: ['《中华人民共和国价格法》'],
  statutorySteps: [
    { stage: 'public_participation', status: 'done', record: 'conclude_public_participation' },
    { stage: 'expert_argumentation', status: 'skipped', reason: '专业性不强' },
    { stage: 'risk_assessment', status: 'done', record: 'submit_risk_assessment' },
  ],
  touchesMarketActors: false,
  ...over,
});

const conforming = {
  authority: { conforms: true, finding: '职权内' },
  procedure: { conforms: true, finding: '程序完备' },
  content: { conforms: true, finding: '内容合法' },
};
const opinion = (outcome: ReviewLegality['outcome'], over: Partial<ReviewLegality> = {}): ReviewLegality => ({
  findings: conforming,
  outcome,
  attachedOpinions: [],
  ...over,
});

describe('R15 what lets a decision go to the meeting', () => {
  it('passes on passed, passed with changes and exploratory with stated risk', () => {
    expect(r15ReviewPassed('passed')).toBe(true);
    expect(r15ReviewPassed('passed_with_changes')).toBe(true);
    expect(r15ReviewPassed('exploratory_with_risk')).toBe(true);
  });

  it('does not pass without review, when not lawful, returned, or incomplete', () => {
    expect(r15ReviewPassed(undefined)).toBe(false);
    expect(r15ReviewPassed('not_lawful')).toBe(false);
    expect(r15ReviewPassed('returned_for_revision')).toBe(false);
    expect(r15ReviewPassed('materials_incomplete')).toBe(false);
  });
});

describe('R16 review materials', () => {
  it('finds nothing missing in complete materials', () => {
    expect(r16MissingMaterials(materials())).toEqual([]);
  });

  it('lists a missing draft, explanation and legal basis', () => {
    expect(
      r16MissingMaterials(materials({ draftDocumentId: undefined, explanationDocumentId: undefined, legalBasis: [] })),
    ).toEqual(['draft', 'explanation', 'legal_basis']);
  });

  it('lists the statutory steps when a stage is neither done nor skipped with a reason', () => {
    const done = (stage: string, record: string) => ({ stage, status: 'done', record });
    const inProgress = materials({
      statutorySteps: [
        done('public_participation', 'conclude_public_participation'),
        { stage: 'expert_argumentation', status: 'in_progress' },
        done('risk_assessment', 'submit_risk_assessment'),
      ],
    });
    expect(r16MissingMaterials(inProgress)).toEqual(['statutory_steps']);
    const skippedWithoutReason = materials({
      statutorySteps: [
        { stage: 'public_participation', status: 'skipped' },
        done('expert_argumentation', 'record_expert_opinions'),
        done('risk_assessment', 'submit_risk_assessment'),
      ],
    });
    expect(r16MissingMaterials(skippedWithoutReason)).toEqual(['statutory_steps']);
    const unaccounted = materials({
      statutorySteps: [
        done('public_participation', 'conclude_public_participation'),
        done('risk_assessment', 'submit_risk_assessment'),
      ],
    });
    expect(r16MissingMaterials(unaccounted)).toEqual(['statutory_steps']);
  });

  it('counts a stage marked done only with the stage record that shows it was carried out', () => {
    const flagOnly = materials({
      statutorySteps: [
        { stage: 'public_participation', status: 'done' },
        { stage: 'expert_argumentation', status: 'skipped', reason: '专业性不强' },
        { stage: 'risk_assessment', status: 'done', record: 'submit_risk_assessment' },
      ],
    });
    expect(r16MissingMaterials(flagOnly)).toEqual(['statutory_steps']);
    const wrongRecord = materials({
      statutorySteps: [
        { stage: 'public_participation', status: 'done', record: 'open_comment_period' },
        { stage: 'expert_argumentation', status: 'skipped', reason: '专业性不强' },
        { stage: 'risk_assessment', status: 'done', record: 'submit_risk_assessment' },
      ],
    });
    expect(r16MissingMaterials(wrongRecord)).toEqual(['statutory_steps']);
    // Histories recorded before the records were checked replay with the flag alone.
    expect(r16MissingMaterials(flagOnly, 'decision', { stageRecords: false })).toEqual([]);
  });

  it('requires the fair-competition review only for a matter touching market actors', () => {
    expect(r16MissingMaterials(materials({ touchesMarketActors: true }))).toEqual(['fair_competition_review']);
    expect(
      r16MissingMaterials(
        materials({ touchesMarketActors: true, fairCompetitionReview: { conclusion: '不排除限制竞争' } }),
      ),
    ).toEqual([]);
    expect(r16MissingMaterials(materials({ touchesMarketActors: false }))).toEqual([]);
  });
});

describe('R17 the center decides a shortened review time', () => {
  it('runs on the kind’s target without a request, as asked at or above 7, and under 7 only once granted', () => {
    expect(r17ReviewDays({ targetDays: 12, minDays: 7 })).toBe(12);
    expect(r17ReviewDays({ targetDays: 5, minDays: 7 })).toBe(7);
    expect(r17ReviewDays({ requested: 9, targetDays: 10, minDays: 7 })).toBe(9);
    expect(r17ReviewDays({ requested: 3, targetDays: 10, minDays: 7 })).toBe(7);
    expect(r17ReviewDays({ requested: 3, granted: false, targetDays: 10, minDays: 7 })).toBe(7);
    expect(r17ReviewDays({ requested: 3, granted: true, targetDays: 10, minDays: 7 })).toBe(3);
  });

  it('decides once, only what was asked, and a refusal says why', () => {
    const asked = { shortenedRequested: true, alreadyDecided: false };
    expect(r17ReviewTimeDecisionViolation({ ...asked, grant: true })).toBeUndefined();
    expect(r17ReviewTimeDecisionViolation({ ...asked, grant: false, reason: '事项复杂' })).toBeUndefined();
    expect(r17ReviewTimeDecisionViolation({ ...asked, grant: false })).toMatchObject({
      rule: 'R17',
      messageKey: 'r17.refusal_reason_required',
      path: ['reason'],
    });
    expect(r17ReviewTimeDecisionViolation({ ...asked, alreadyDecided: true, grant: true })?.messageKey).toBe(
      'r17.already_decided',
    );
    expect(
      r17ReviewTimeDecisionViolation({ shortenedRequested: false, alreadyDecided: false, grant: true })?.messageKey,
    ).toBe('r17.no_shortened_request');
    expect(r17ReviewTimeDecisionViolation({ ...asked, grant: false })?.message.zh).toContain('第二十六条');
  });
});

describe('R17 review time', () => {
  it('gives the center’s 10-working-day target when no time is asked for', () => {
    expect(r17ReviewWorkingDays({}, config())).toEqual({ days: 10 });
  });

  it('never gives less than the 7-day minimum even if the target is set lower', () => {
    expect(r17ReviewWorkingDays({}, config({ reviewTargetWorkingDays: 5 }))).toEqual({ days: 7 });
  });

  it('refuses fewer than 7 working days without a reason', () => {
    const r = r17ReviewWorkingDays({ requestedReviewWorkingDays: 5 }, config());
    expect('violation' in r && r.violation.rule).toBe('R17');
    expect('violation' in r && r.violation.path).toEqual(['shortenedReason']);
  });

  it('grants fewer than 7 working days with a reason, and 7 or more as asked', () => {
    expect(r17ReviewWorkingDays({ requestedReviewWorkingDays: 5, shortenedReason: '防汛紧急' }, config())).toEqual({
      days: 5,
    });
    expect(r17ReviewWorkingDays({ requestedReviewWorkingDays: 7 }, config())).toEqual({ days: 7 });
    expect(r17ReviewWorkingDays({ requestedReviewWorkingDays: 15 }, config())).toEqual({ days: 15 });
  });
});

describe('R18, R19 the review opinion', () => {
  it('accepts a plain pass with every finding conforming', () => {
    expect(r19OpinionViolations(opinion('passed'))).toEqual([]);
  });

  it('refuses to pass a draft found non-conforming in authority, procedure or content (R15)', () => {
    for (const k of ['authority', 'procedure', 'content'] as const) {
      const findings = { ...conforming, [k]: { conforms: false, finding: '不符合' } };
      const vs = r19OpinionViolations(opinion('passed', { findings }));
      expect(keys(vs)).toEqual(['R15:r15.unlawful_cannot_pass']);
      // People read the checklist item's name, never its key.
      expect(vs[0].message.zh).toContain(CHECKLISTS.decision.find((i) => i.key === k)!.zh);
      expect(vs[0].message.zh).not.toMatch(/[A-Za-z]/);
    }
    const findings = { ...conforming, content: { conforms: false, finding: '与上位法抵触' } };
    expect(
      keys(r19OpinionViolations(opinion('passed_with_changes', { findings, requiredChanges: ['删除第五条'] }))),
    ).toEqual(['R15:r15.unlawful_cannot_pass']);
  });

  it('lets a non-conforming finding end as not lawful with reasons', () => {
    const findings = { ...conforming, authority: { conforms: false, finding: '超越职权' } };
    expect(r19OpinionViolations(opinion('not_lawful', { findings, reasons: '超越职权' }))).toEqual([]);
  });

  it('requires the list of changes for passed with changes', () => {
    expect(keys(r19OpinionViolations(opinion('passed_with_changes')))).toEqual(['R19:r19.required_changes_missing']);
    expect(keys(r19OpinionViolations(opinion('passed_with_changes', { requiredChanges: [] })))).toEqual([
      'R19:r19.required_changes_missing',
    ]);
    expect(r19OpinionViolations(opinion('passed_with_changes', { requiredChanges: ['第三条增加过渡期'] }))).toEqual([]);
  });

  it('requires reasons when returning for revision or finding not lawful', () => {
    expect(keys(r19OpinionViolations(opinion('returned_for_revision')))).toEqual(['R19:r19.reasons_missing']);
    expect(keys(r19OpinionViolations(opinion('not_lawful')))).toEqual(['R19:r19.reasons_missing']);
    expect(r19OpinionViolations(opinion('returned_for_revision', { reasons: '依据不足' }))).toEqual([]);
  });

  it('requires the legal risks of an exploratory reform to be stated (R15)', () => {
    expect(keys(r19OpinionViolations(opinion('exploratory_with_risk')))).toEqual(['R15:r15.legal_risks_missing']);
    expect(
      r19OpinionViolations(opinion('exploratory_with_risk', { legalRisks: '无上位法依据，存在被撤销风险' })),
    ).toEqual([]);
  });

  it('requires the missing items when returning for supplement (R16)', () => {
    expect(keys(r19OpinionViolations(opinion('materials_incomplete')))).toEqual(['R16:r16.missing_items_missing']);
    expect(r19OpinionViolations(opinion('materials_incomplete', { missingItems: ['公平竞争审查结论'] }))).toEqual([]);
  });

  it('requires each required change to be answered', () => {
    const required = ['第三条增加过渡期', '删除第五条'];
    const vs = r19RequiredChangesViolations(
      { changes: [{ requirement: '第三条增加过渡期', howMade: '已增加六个月过渡期' }] },
      required,
    );
    expect(keys(vs)).toEqual(['R19:r19.required_change_unanswered']);
    expect(vs[0].message.zh).toContain('删除第五条');
    expect(vs[0].message.zh).not.toContain('第三条增加过渡期');
    expect(
      r19RequiredChangesViolations(
        {
          changes: [
            { requirement: '第三条增加过渡期', howMade: '已增加' },
            { requirement: '删除第五条', howMade: '已删除' },
          ],
        },
        required,
      ),
    ).toEqual([]);
  });
});
