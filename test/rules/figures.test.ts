/**
 * R39: the city's figures from a seeded year, every number counted by hand below (China time; the 2026 notice's
 * holidays and make-up days in the working-day counts).
 */
import { describe, expect, it } from 'vitest';
import { computeFigures, type FigureRows } from '../../domain/figures/compute.js';
import { figureSheets, sheetsCsv } from '../../domain/figures/sheets.js';
import { WorkingCalendar } from '../../domain/rules/working-days.js';
import { bundledCalendarYears } from '../../records/calendar-source.js';

const cal = new WorkingCalendar(bundledCalendarYears());
const at = (iso: string) => new Date(iso);
const now = at('2026-06-30T04:00:00Z');

const decision = (id: string, dept: string, createdAt: string, stage: string, status: string, inCatalog: boolean) => ({
  id,
  leadDepartmentId: dept,
  createdAt: at(createdAt),
  stage,
  status,
  inCatalog,
});
const task = (
  kind: string,
  stage: string,
  dept: string,
  due: string,
  done: string | null,
  over: { status?: string; pausedAt?: Date } = {},
) => ({
  kind,
  stage,
  departmentId: dept,
  dueAt: at(due),
  completedAt: done ? at(done) : null,
  status: over.status ?? (done ? 'done' : 'open'),
  pausedAt: over.pausedAt ?? null,
});
const review = (
  kind: string,
  dept: string,
  submitted: string,
  complete: string | null,
  issued: string | null,
  outcome: string | null,
) => ({
  kind,
  departmentId: dept,
  submittedAt: at(submitted),
  completeAt: complete ? at(complete) : null,
  issuedAt: issued ? at(issued) : null,
  outcome,
});

const seededRows: FigureRows = {
  decisions: [
    decision('d1', 'A', '2026-01-10T02:00:00Z', 'legality_review', 'active', true),
    decision('d2', 'A', '2026-03-05T02:00:00Z', 'publication', 'closed', true),
    decision('d3', 'B', '2026-03-20T02:00:00Z', 'launch', 'withdrawn', false),
    // 1 January 2026, 01:00 in Beijing: this year's January, not last year's December.
    decision('d4', 'B', '2025-12-31T17:00:00Z', 'public_participation', 'active', true),
    decision('d5', 'A', '2025-06-01T02:00:00Z', 'archive', 'closed', true),
  ],
  tasks: [
    task('record_expert_opinions', 'expert_argumentation', 'A', '2026-02-10T10:00:00Z', '2026-02-09T03:00:00Z'), // on time
    task('record_expert_opinions', 'expert_argumentation', 'A', '2026-03-10T10:00:00Z', '2026-03-12T03:00:00Z'), // late (March)
    task('open_comment_period', 'public_participation', 'B', '2026-04-01T10:00:00Z', null), // open past due: late (April)
    task('open_comment_period', 'public_participation', 'B', '2026-04-01T10:00:00Z', null, {
      pausedAt: at('2026-03-30T02:00:00Z'),
    }), // clock stopped (R34)
    task('open_comment_period', 'public_participation', 'A', '2026-07-15T10:00:00Z', null), // not yet due
    task('open_comment_period', 'public_participation', 'A', '2025-12-01T10:00:00Z', '2025-12-05T03:00:00Z'), // last year
    task('open_comment_period', 'public_participation', 'B', '2026-02-01T10:00:00Z', null, { status: 'cancelled' }),
    task('review_legality', 'legality_review', 'A', '2026-05-10T10:00:00Z', '2026-05-09T03:00:00Z'), // on time
  ],
  reviews: [
    // Complete Wed 1 Apr → issued Fri 10 Apr: 2, 3, 7, 8, 9, 10 April (4–6 April Qingming) = 6 working days.
    review('decision', 'A', '2026-04-01T01:00:00Z', '2026-04-01T02:00:00Z', '2026-04-10T08:00:00Z', 'passed'),
    // Wed 6 May → Wed 13 May: 7, 8, 9 (Saturday make-up day), 11, 12, 13 May = 6.
    review(
      'normative_document',
      'B',
      '2026-05-06T01:00:00Z',
      '2026-05-06T02:00:00Z',
      '2026-05-13T02:00:00Z',
      'passed_with_changes',
    ),
    // Mon 1 Jun → Fri 5 Jun: 2–5 June = 4.
    review(
      'normative_document',
      'A',
      '2026-06-01T01:00:00Z',
      '2026-06-01T02:00:00Z',
      '2026-06-05T02:00:00Z',
      'not_lawful',
    ),
    review('contract', 'B', '2026-06-10T01:00:00Z', null, null, null),
    // Submitted last year, issued this year: Mon 22 Dec 2025 → Tue 6 Jan 2026: 23–26, 29–31 Dec, 4 Jan (Sunday make-up), 5, 6 Jan = 10.
    review('normative_document', 'A', '2025-12-20T01:00:00Z', '2025-12-22T02:00:00Z', '2026-01-06T02:00:00Z', 'passed'),
  ],
  letters: [
    { kind: 'reminder_letter', departmentId: 'A', issuedAt: at('2026-03-11T02:00:00Z') },
    { kind: 'supervision_letter', departmentId: 'A', issuedAt: at('2026-03-20T02:00:00Z') },
    { kind: 'reminder_letter', departmentId: 'B', issuedAt: at('2026-04-05T02:00:00Z') },
    { kind: 'reminder_letter', departmentId: 'B', issuedAt: at('2025-11-01T02:00:00Z') },
  ],
  participation: [
    { departmentId: 'A', at: at('2026-02-20T02:00:00Z'), comments: 12 },
    { departmentId: 'B', at: at('2025-10-09T02:00:00Z'), comments: 3 },
  ],
  expertArgumentation: [
    { departmentId: 'A', at: at('2026-03-01T02:00:00Z'), experts: 3 },
    { departmentId: 'A', at: at('2026-03-15T02:00:00Z'), experts: 5 },
  ],
  // R20-filing, today 30 June 2026 in Beijing.
  filings: [
    // Filed on the due day itself (6 Jan + 30 days = 5 Feb): on time.
    { departmentId: 'A', publishedOn: '2026-01-06', dueOn: '2026-02-05', filedOn: '2026-02-05' },
    // A day after its due: filed late.
    { departmentId: 'B', publishedOn: '2026-05-13', dueOn: '2026-06-12', filedOn: '2026-06-13' },
    // Not filed, due 19 June: overdue.
    { departmentId: 'A', publishedOn: '2026-05-20', dueOn: '2026-06-19', filedOn: null },
    // Not filed, due 20 July: still within the period, not counted in the rates.
    { departmentId: 'A', publishedOn: '2026-06-20', dueOn: '2026-07-20', filedOn: null },
    // Published last year.
    { departmentId: 'B', publishedOn: '2025-12-30', dueOn: '2026-01-29', filedOn: '2026-01-10' },
  ],
};

describe('R39 figures from seeded rows, counted by hand', () => {
  const f = computeFigures(seededRows, { year: 2026 }, cal, now);

  it('counts the year’s decisions by catalog, stage and result (launch day in Beijing time)', () => {
    expect(f.decisions).toEqual({
      launched: 4,
      inCatalog: 3,
      outsideCatalog: 1,
      byStage: { legality_review: 1, publication: 1, launch: 1, public_participation: 1 },
      byResult: { active: 2, closed: 1, withdrawn: 1 },
    });
  });

  it('rates each step on time among the steps due this year; a stopped clock and a step not yet due are neither', () => {
    expect(f.steps).toEqual([
      { kind: 'open_comment_period', stage: 'public_participation', due: 3, onTime: 0, late: 1, onTimeRate: 0 },
      { kind: 'record_expert_opinions', stage: 'expert_argumentation', due: 2, onTime: 1, late: 1, onTimeRate: 0.5 },
      { kind: 'review_legality', stage: 'legality_review', due: 1, onTime: 1, late: 0, onTimeRate: 1 },
    ]);
    expect(f.overdue).toBe(2);
  });

  it('counts the normative documents published in the year and their filing, the rates over those due or filed', () => {
    expect(f.filings).toEqual({
      published: 4,
      filed: 2,
      filedOnTime: 1,
      filedLate: 1,
      overdue: 1,
      pending: 1,
      filingRate: 0.667,
      onTimeFilingRate: 0.333,
    });
    expect(computeFigures(seededRows, { year: 2026, month: 5 }, cal, now).filings).toMatchObject({
      published: 2,
      filed: 1,
      overdue: 1,
      filingRate: 0.5,
    });
    expect(computeFigures(seededRows, { year: 2026, departmentId: 'B' }, cal, now).filings).toMatchObject({
      published: 1,
      filedLate: 1,
      filingRate: 1,
      onTimeFilingRate: 0,
    });
    // The day after the last one's due, it is overdue too.
    expect(computeFigures(seededRows, { year: 2026 }, cal, at('2026-07-20T16:00:00Z')).filings).toMatchObject({
      overdue: 2,
      pending: 0,
      filingRate: 0.5,
    });
  });

  it('counts reviews per kind and outcome with the median turnaround in working days', () => {
    expect(f.reviews).toEqual([
      { kind: 'contract', submitted: 1, issued: 0, outcomes: {}, medianWorkingDays: null },
      { kind: 'decision', submitted: 1, issued: 1, outcomes: { passed: 1 }, medianWorkingDays: 6 },
      // 4, 6 and 10 working days.
      {
        kind: 'normative_document',
        submitted: 2,
        issued: 3,
        outcomes: { passed_with_changes: 1, not_lawful: 1, passed: 1 },
        medianWorkingDays: 6,
      },
    ]);
  });

  it('counts letters, participation and experts of the year', () => {
    expect(f.letters).toEqual({ reminder_letter: 2, supervision_letter: 1 });
    expect(f.participation).toEqual({ decisions: 1, comments: 12 });
    expect(f.experts).toEqual({ decisions: 2, experts: 8 });
  });

  it('splits the year by month and by department', () => {
    const month = (m: number) => f.byMonth[m - 1];
    expect(month(1)).toEqual({ month: 1, decisionsLaunched: 2, reviewsIssued: 1, letters: 0, overdue: 0 });
    expect(month(3)).toEqual({ month: 3, decisionsLaunched: 2, reviewsIssued: 0, letters: 2, overdue: 1 });
    expect(month(4)).toEqual({ month: 4, decisionsLaunched: 0, reviewsIssued: 1, letters: 1, overdue: 1 });
    expect(f.byMonth.reduce((n, m) => n + m.decisionsLaunched, 0)).toBe(4);
    expect(f.byDepartment).toEqual([
      // A: two on time (expert opinions in February, the review), one late (March).
      { departmentId: 'A', decisionsLaunched: 2, reviewsIssued: 3, letters: 2, overdue: 1, onTimeRate: 0.667 },
      { departmentId: 'B', decisionsLaunched: 2, reviewsIssued: 1, letters: 1, overdue: 1, onTimeRate: 0 },
    ]);
  });

  it('narrows to a department and to a month', () => {
    const a = computeFigures(seededRows, { year: 2026, departmentId: 'A' }, cal, now);
    expect([
      a.decisions.launched,
      a.letters.reminder_letter,
      a.letters.supervision_letter,
      a.overdue,
      a.experts.experts,
    ]).toEqual([2, 1, 1, 1, 8]);
    expect(a.byDepartment.map((d) => d.departmentId)).toEqual(['A']);
    const march = computeFigures(seededRows, { year: 2026, month: 3 }, cal, now);
    expect([
      march.decisions.launched,
      march.letters.reminder_letter + march.letters.supervision_letter,
      march.overdue,
      march.experts.decisions,
    ]).toEqual([2, 2, 1, 2]);
  });

  it('exports the same counts as labelled tables and CSV', () => {
    const sheets = figureSheets(f, (id) => `单位${id}`);
    expect(sheets.map((s) => s.name)).toEqual(['总览', '按月', '按单位', '环节按时率', '合法性审查']);
    expect(sheets[2].rows).toEqual([
      ['单位A', 2, 3, 2, 1, 66.7],
      ['单位B', 2, 1, 1, 1, 0],
    ]);
    const csv = sheetsCsv(sheets);
    expect(csv.startsWith('\ufeff"总览"')).toBe(true);
    expect(csv).toContain('"启动决策","4"');
    expect(csv).toContain('"行政规范性文件","2","3"');
    expect(csv).toContain('"公布行政规范性文件","4"');
    expect(csv).toContain('"备案率（%）","66.7"');
    expect(csv).toContain('"按期备案率（%）","33.3"');
  });
});
