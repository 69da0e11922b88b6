/** R20-filing: the filing due, the filing state and the refusals of publication and filing records. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCEDURE_CONFIG } from '../../domain/config.js';
import { RecordFilingSchema, RecordPublicationSchema } from '../../domain/review/filing.js';
import {
  r20FilingDueOn,
  r20FilingState,
  r20FilingViolations,
  r20PublicationViolations,
} from '../../domain/rules/filing.js';

// Opinion issued on 10 March 2026, 00:30 in Beijing (9 March in UTC).
const issued = { kind: 'normative_document', issuedAt: new Date('2026-03-09T16:30:00Z'), outcome: 'passed' };
const today = '2026-04-20';
const keys = (vs: Array<{ rule: string; messageKey: string }>) => vs.map((v) => `${v.rule} ${v.messageKey}`);

describe('R20-filing', () => {
  it('falls due 30 calendar days after publication by default, across month and year ends', () => {
    expect(DEFAULT_PROCEDURE_CONFIG.filingPeriodDays).toBe(30);
    expect(r20FilingDueOn('2026-03-10', 30)).toBe('2026-04-09');
    expect(r20FilingDueOn('2026-02-01', 30)).toBe('2026-03-03');
    expect(r20FilingDueOn('2026-12-15', 30)).toBe('2027-01-14');
    expect(r20FilingDueOn('2026-12-15', 15)).toBe('2026-12-30');
  });

  it('is on time on the due day itself, late after it, overdue unfiled after it and pending before', () => {
    expect(r20FilingState({ dueOn: '2026-04-09', filedOn: '2026-04-09' }, today)).toBe('filed_on_time');
    expect(r20FilingState({ dueOn: '2026-04-09', filedOn: '2026-04-10' }, today)).toBe('filed_late');
    expect(r20FilingState({ dueOn: '2026-04-20', filedOn: null }, today)).toBe('pending');
    expect(r20FilingState({ dueOn: '2026-04-19', filedOn: null }, today)).toBe('overdue');
  });

  it('refuses a publication of a contract, before the opinion, of a document found not lawful, twice, or misdated', () => {
    const pub = (review: typeof issued, existing: { publishedOn: string } | null, on: string) =>
      keys(r20PublicationViolations({ ...review, issuedAt: review.issuedAt }, existing, on, today));
    expect(pub({ ...issued, kind: 'contract' }, null, '2026-03-20')).toEqual([
      'R20-filing r20filing.not_normative_document',
    ]);
    expect(keys(r20PublicationViolations({ ...issued, issuedAt: null }, null, '2026-03-20', today))).toEqual([
      'R20-filing r20filing.opinion_not_issued',
    ]);
    expect(pub({ ...issued, outcome: 'not_lawful' }, null, '2026-03-20')).toEqual(['R20-filing r20filing.not_lawful']);
    expect(pub(issued, { publishedOn: '2026-03-20' }, '2026-03-20')).toEqual([
      'R20-filing r20filing.already_published',
    ]);
    expect(pub(issued, null, '2026-04-21')).toEqual(['R20-filing r20filing.published_in_future']);
    // The opinion's day is its China date (10 March), not its UTC date.
    expect(pub(issued, null, '2026-03-09')).toEqual(['R20-filing r20filing.published_before_opinion']);
    expect(pub(issued, null, '2026-03-10')).toEqual([]);
    const [v] = r20PublicationViolations({ ...issued, issuedAt: null }, null, '2026-03-20', today);
    expect(v.message.zh).toContain('国办发〔2018〕37号');
  });

  it('refuses a filing before the opinion, before publication (or dated before it), in the future, or a second one', () => {
    const record = { publishedOn: '2026-03-20', filedOn: null };
    const file = (r: { publishedOn: string; filedOn: string | null } | null, on: string, review = issued) =>
      keys(r20FilingViolations(review, r, on, today));
    expect(keys(r20FilingViolations({ ...issued, issuedAt: null }, null, '2026-03-20', today))).toEqual([
      'R20-filing r20filing.opinion_not_issued',
    ]);
    expect(file(null, '2026-03-20')).toEqual(['R20-filing r20filing.not_published']);
    expect(file(record, '2026-03-19')).toEqual(['R20-filing r20filing.filed_before_publication']);
    expect(file(record, '2026-04-21')).toEqual(['R20-filing r20filing.filed_in_future']);
    expect(file({ ...record, filedOn: '2026-03-25' }, '2026-03-25')).toEqual(['R20-filing r20filing.already_filed']);
    expect(file(record, '2026-03-20')).toEqual([]);
    // Filing late is recorded (and counted late), not refused.
    expect(file(record, '2026-04-20')).toEqual([]);
  });

  it('checks the bodies strictly: real dates, at least one body, each once, no extra fields', () => {
    expect(
      RecordPublicationSchema.safeParse({ documentNumber: '市规〔2026〕1号', publishedOn: '2026-02-29' }).success,
    ).toBe(false);
    expect(RecordPublicationSchema.safeParse({ documentNumber: ' ', publishedOn: '2026-02-28' }).success).toBe(false);
    const filing = { filedWith: ['higher_government'], filedOn: '2026-03-20', reference: '备1' };
    expect(RecordFilingSchema.safeParse(filing).success).toBe(true);
    expect(RecordFilingSchema.safeParse({ ...filing, filedWith: [] }).success).toBe(false);
    expect(
      RecordFilingSchema.safeParse({ ...filing, filedWith: ['higher_government', 'higher_government'] }).success,
    ).toBe(false);
    expect(RecordFilingSchema.safeParse({ ...filing, filedWith: ['court'] }).success).toBe(false);
    expect(RecordFilingSchema.safeParse({ ...filing, extra: 1 }).success).toBe(false);
  });
});
