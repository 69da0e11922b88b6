// R39: the figures a city reports, per year, month and department. Pure: the service loads the rows, this counts
// them, so tests can check every figure against hand-counted expectations.
import { chinaClock, chinaDate } from '../china-time.js';
import { r20FilingState } from '../rules/filing.js';
import { r34RemainingWorkingDays, type WorkingCalendar } from '../rules/working-days.js';

export interface FigureRows {
  decisions: Array<{
    id: string;
    leadDepartmentId: string;
    createdAt: Date;
    stage: string;
    status: string;
    inCatalog: boolean;
  }>;
  /** Decision tasks and review tasks, each with the department it answers to. */
  tasks: Array<{
    kind: string;
    stage: string;
    departmentId: string;
    dueAt: Date | null;
    completedAt: Date | null;
    status: string;
    pausedAt: Date | null;
  }>;
  reviews: Array<{
    kind: string;
    departmentId: string;
    submittedAt: Date;
    outcome: string | null;
    completeAt: Date | null;
    issuedAt: Date | null;
  }>;
  letters: Array<{ kind: string; departmentId: string; issuedAt: Date }>;
  /** Public participation concluded (R6): comments recorded. */
  participation: Array<{ departmentId: string; at: Date; comments: number }>;
  /** Expert argumentation recorded (R11): distinct experts heard. */
  expertArgumentation: Array<{ departmentId: string; at: Date; experts: number }>;
  /** Normative documents published after their review, and their filing (R20-filing); dates are China dates. */
  filings: Array<{ departmentId: string; publishedOn: string; dueOn: string; filedOn: string | null }>;
}

/**
 * Normative documents published in the period and their filing (R20-filing): filed (on time or late), overdue
 * (not filed after the due day) and pending (not filed, still within the period). The rates are over the
 * documents whose filing is done or due (published − pending), null when there is none.
 */
export interface FilingFigure {
  published: number;
  filed: number;
  filedOnTime: number;
  filedLate: number;
  overdue: number;
  pending: number;
  filingRate: number | null;
  onTimeFilingRate: number | null;
}

export interface FigureScope {
  year: number;
  /** 1–12: only that month of the year. */
  month?: number;
  departmentId?: string;
}

export interface StepFigure {
  kind: string;
  stage: string;
  due: number;
  onTime: number;
  late: number;
  /** onTime / (onTime + late), null when no step was finished. */
  onTimeRate: number | null;
}

export interface ReviewFigure {
  kind: string;
  submitted: number;
  issued: number;
  outcomes: Record<string, number>;
  /** Working days (R33 counting: the day of complete materials not counted) from complete materials to the opinion. */
  medianWorkingDays: number | null;
}

export interface PeriodFigure {
  decisionsLaunched: number;
  reviewsIssued: number;
  letters: number;
  overdue: number;
}

export interface Figures {
  scope: FigureScope;
  decisions: {
    launched: number;
    inCatalog: number;
    outsideCatalog: number;
    byStage: Record<string, number>;
    byResult: Record<string, number>;
  };
  steps: StepFigure[];
  reviews: ReviewFigure[];
  letters: { reminder_letter: number; supervision_letter: number };
  /** Steps due in the period finished after their due time, or still open (clock running) past it at `now`. */
  overdue: number;
  participation: { decisions: number; comments: number };
  experts: { decisions: number; experts: number };
  filings: FilingFigure;
  byMonth: Array<PeriodFigure & { month: number }>;
  byDepartment: Array<PeriodFigure & { departmentId: string; onTimeRate: number | null }>;
}

/** China-time year and month (1–12) of an instant. */
export function yearMonth(d: Date): { year: number; month: number } {
  const c = chinaClock(d);
  return { year: c.getUTCFullYear(), month: c.getUTCMonth() + 1 };
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const rate = (on: number, late: number) => (on + late ? Math.round((on / (on + late)) * 1000) / 1000 : null);
const bump = (o: Record<string, number>, k: string, n = 1) => {
  o[k] = (o[k] ?? 0) + n;
};

/** A step is late when finished after its due time, or open with its clock running past it at `now`. */
function stepState(t: FigureRows['tasks'][number], now: Date): 'on_time' | 'late' | 'pending' | 'none' {
  if (!t.dueAt || t.status === 'cancelled') return 'none';
  if (t.status === 'done' && t.completedAt) return t.completedAt.getTime() <= t.dueAt.getTime() ? 'on_time' : 'late';
  if (t.status === 'open' && !t.pausedAt && t.dueAt.getTime() < now.getTime()) return 'late';
  return 'pending';
}

/** Working days from complete materials to the opinion; none when the calendar does not hold the years (R32). */
function workingDays(from: Date, to: Date, cal: WorkingCalendar): number[] {
  try {
    return [r34RemainingWorkingDays(from, to, cal)];
  } catch {
    return [];
  }
}

/** R39's figures for the scope, from the rows of all years and departments. */
export function computeFigures(rows: FigureRows, scope: FigureScope, cal: WorkingCalendar, now: Date): Figures {
  const inYear = (d: Date | null) => !!d && yearMonth(d).year === scope.year;
  const inScope = (d: Date | null, dept: string) =>
    !!d &&
    inYear(d) &&
    (!scope.month || yearMonth(d).month === scope.month) &&
    (!scope.departmentId || dept === scope.departmentId);

  const decisions = rows.decisions.filter((d) => inScope(d.createdAt, d.leadDepartmentId));
  const byStage: Record<string, number> = {};
  const byResult: Record<string, number> = {};
  for (const d of decisions) {
    bump(byStage, d.stage);
    bump(byResult, d.status);
  }

  const tasks = rows.tasks.filter((t) => inScope(t.dueAt, t.departmentId));
  const stepMap = new Map<string, StepFigure>();
  for (const t of tasks) {
    const state = stepState(t, now);
    if (state === 'none') continue;
    const s = stepMap.get(t.kind) ?? { kind: t.kind, stage: t.stage, due: 0, onTime: 0, late: 0, onTimeRate: null };
    s.due++;
    if (state === 'on_time') s.onTime++;
    if (state === 'late') s.late++;
    stepMap.set(t.kind, s);
  }
  const steps = [...stepMap.values()]
    .map((s) => ({ ...s, onTimeRate: rate(s.onTime, s.late) }))
    .sort((a, b) => a.kind.localeCompare(b.kind));

  const submitted = rows.reviews.filter((r) => inScope(r.submittedAt, r.departmentId));
  const issued = rows.reviews.filter((r) => inScope(r.issuedAt, r.departmentId));
  const kinds = [...new Set([...submitted, ...issued].map((r) => r.kind))].sort();
  const reviews = kinds.map((kind): ReviewFigure => {
    const done = issued.filter((r) => r.kind === kind);
    const outcomes: Record<string, number> = {};
    for (const r of done) if (r.outcome) bump(outcomes, r.outcome);
    const days = done.flatMap((r) => (r.completeAt ? workingDays(r.completeAt, r.issuedAt!, cal) : []));
    return {
      kind,
      submitted: submitted.filter((r) => r.kind === kind).length,
      issued: done.length,
      outcomes,
      medianWorkingDays: median(days),
    };
  });

  const letters = rows.letters.filter((l) => inScope(l.issuedAt, l.departmentId));
  const participation = rows.participation.filter((p) => inScope(p.at, p.departmentId));
  const experts = rows.expertArgumentation.filter((e) => inScope(e.at, e.departmentId));

  const today = chinaDate(now);
  const filingStates = rows.filings
    .filter(
      (f) =>
        Number(f.publishedOn.slice(0, 4)) === scope.year &&
        (!scope.month || Number(f.publishedOn.slice(5, 7)) === scope.month) &&
        (!scope.departmentId || f.departmentId === scope.departmentId),
    )
    .map((f) => r20FilingState(f, today));
  const nState = (s: string) => filingStates.filter((x) => x === s).length;
  const filedOnTime = nState('filed_on_time');
  const filedLate = nState('filed_late');
  const pending = nState('pending');
  const owed = filingStates.length - pending;
  const share = (n: number) => (owed ? Math.round((n / owed) * 1000) / 1000 : null);
  const filings: FilingFigure = {
    published: filingStates.length,
    filed: filedOnTime + filedLate,
    filedOnTime,
    filedLate,
    overdue: nState('overdue'),
    pending,
    filingRate: share(filedOnTime + filedLate),
    onTimeFilingRate: share(filedOnTime),
  };

  const period = (keep: (d: Date, dept: string) => boolean): PeriodFigure => ({
    decisionsLaunched: rows.decisions.filter((d) => keep(d.createdAt, d.leadDepartmentId)).length,
    reviewsIssued: rows.reviews.filter((r) => r.issuedAt && keep(r.issuedAt, r.departmentId)).length,
    letters: rows.letters.filter((l) => keep(l.issuedAt, l.departmentId)).length,
    overdue: rows.tasks.filter((t) => t.dueAt && keep(t.dueAt, t.departmentId) && stepState(t, now) === 'late').length,
  });
  const sameDept = (dept: string) => !scope.departmentId || dept === scope.departmentId;
  const byMonth = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    ...period((d, dept) => inYear(d) && yearMonth(d).month === i + 1 && sameDept(dept)),
  }));
  const departments = [
    ...new Set([
      ...rows.decisions.map((d) => d.leadDepartmentId),
      ...rows.tasks.map((t) => t.departmentId),
      ...rows.reviews.map((r) => r.departmentId),
      ...rows.letters.map((l) => l.departmentId),
    ]),
  ]
    .filter((d) => d && sameDept(d))
    .sort();
  const byDepartment = departments
    .map((departmentId) => {
      const keep = (d: Date, dept: string) => dept === departmentId && inScope(d, dept);
      const states = rows.tasks.filter((t) => t.dueAt && keep(t.dueAt, t.departmentId)).map((t) => stepState(t, now));
      return {
        departmentId,
        ...period(keep),
        onTimeRate: rate(states.filter((s) => s === 'on_time').length, states.filter((s) => s === 'late').length),
      };
    })
    .filter((d) => d.decisionsLaunched || d.reviewsIssued || d.letters || d.overdue || d.onTimeRate !== null);

  return {
    scope,
    decisions: {
      launched: decisions.length,
      inCatalog: decisions.filter((d) => d.inCatalog).length,
      outsideCatalog: decisions.filter((d) => !d.inCatalog).length,
      byStage,
      byResult,
    },
    steps,
    reviews,
    letters: {
      reminder_letter: letters.filter((l) => l.kind === 'reminder_letter').length,
      supervision_letter: letters.filter((l) => l.kind === 'supervision_letter').length,
    },
    overdue: tasks.filter((t) => stepState(t, now) === 'late').length,
    participation: { decisions: participation.length, comments: participation.reduce((n, p) => n + p.comments, 0) },
    experts: { decisions: experts.length, experts: experts.reduce((n, e) => n + e.experts, 0) },
    filings,
    byMonth,
    byDepartment,
  };
}
