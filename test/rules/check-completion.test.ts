import { describe, expect, it } from 'vitest';
import { checkCompletion, type CompletionContext } from '../../domain/tasks/validate.js';
import { config, facts } from './fixtures.js';

const ctx = (over: Partial<CompletionContext> = {}): CompletionContext => ({
  facts: facts(),
  config: config(),
  now: new Date('2026-12-01T00:00:00Z'),
  context: {},
  ...over,
});

describe('checkCompletion', () => {
  it('answers "invalid" with the schema issues for a payload of the wrong shape', () => {
    const r = checkCompletion('submit_risk_assessment', { level: 'extreme', riskPoints: [] }, ctx());
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(r)}`);
    const paths = r.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['level', 'riskPoints', 'preventionMeasures', 'responsePlan', 'departmentsConsulted']),
    );
  });

  it('answers "invalid" for a payload that is not an object at all', () => {
    const r = checkCompletion('approve_submission', 'yes', ctx());
    expect(r.ok === false && r.kind).toBe('invalid');
  });

  it('applies the kind’s rules to a well-formed payload', () => {
    const r = checkCompletion(
      'open_comment_period',
      { methods: ['forum'], publishedWhere: '网站', howToComment: '来信', periodDays: 10 },
      ctx(),
    );
    expect(r.ok === false && r.kind === 'rule' && r.violations.map((v) => v.rule)).toEqual(['R5']);
  });

  it('consults the task context: concluding participation before the period’s end is refused (R5)', () => {
    const payload = { comments: [], groups: [], adoptionSummary: '未收到意见' };
    const open = checkCompletion(
      'conclude_public_participation',
      payload,
      ctx({ context: { commentPeriodEndsAt: '2026-12-31T10:00:00.000Z' } }),
    );
    expect(open.ok === false && open.kind === 'rule' && open.violations.map((v) => v.messageKey)).toEqual([
      'r5.period_still_open',
    ]);
    const ended = checkCompletion(
      'conclude_public_participation',
      payload,
      ctx({ now: new Date('2027-01-01T00:00:00Z'), context: { commentPeriodEndsAt: '2026-12-31T10:00:00.000Z' } }),
    );
    expect(ended.ok).toBe(true);
  });

  it('returns the parsed payload with defaults filled when everything holds', () => {
    const r = checkCompletion('submit_draft', { draftDocumentId: 'd', explanationDocumentId: 'e' }, ctx());
    expect(r).toEqual({
      ok: true,
      payload: {
        draftDocumentId: 'd',
        explanationDocumentId: 'e',
        contested: false,
        alternativeDocumentIds: [],
        departmentOpinions: [],
      },
    });
  });
});
