// Working days and deadlines (DOMAIN.md R32–R34). Pure: bundled into workflow code, so no Node, Prisma or
// calendar-package imports; the calendar arrives as data (records/calendar-source.ts builds it).

/** R32: one year of the State Council's holiday notice, dates as China local 'YYYY-MM-DD'. */
export interface CalendarYearData {
  year: number;
  /** Days off (statutory holidays; weekend days inside a holiday period may be listed too). */
  holidays: string[];
  /** Make-up working days (调休) that fall on a weekend. */
  workdays: string[];
  /** True when the year's notice is not loaded and the data is derived from the fixed holidays alone. */
  provisional: boolean;
}

export interface WorkingCalendarOptions {
  /** Local hour at which a deadline falls due on its last day (R33). Default 18. */
  deadlineHour?: number;
  /** Offset of local time from UTC. Default 480 (Asia/Shanghai, no DST). */
  timeZoneOffsetMinutes?: number;
}

export interface Deadline {
  /** ISO instant, UTC. */
  dueAt: string;
  rule: string;
  basis: 'working_days' | 'calendar_days';
  days: number;
  /** True if any day that decided the due date lies in a provisional year (R32). */
  provisional: boolean;
}

/** Bad calendar data, or a date outside the years the calendar holds. Not worth retrying. */
export class CalendarError extends Error {
  override name = 'CalendarError';
}

/**
 * R32: the years whose holiday notice an administrator may load: the State Council publishes a year's notice late
 * in the year before, so current year − 1 … current year + 2 (in China). Anything else is a typo or a test year
 * that would break every deadline computation.
 */
export function r32LoadableYears(now: Date): { first: number; last: number } {
  const current = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
  return { first: current - 1, last: current + 2 };
}

/** The ApplicationFailure type a workflow sees when the calendar cannot compute a due (R32: needs attention). */
export const CALENDAR_FAILURE = 'CalendarError';

const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateMs(localDate: string): number {
  const m = LOCAL_DATE.exec(localDate);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== localDate) {
    throw new CalendarError(`Not a 'YYYY-MM-DD' date: ${JSON.stringify(localDate)}`);
  }
  return ms;
}

/** The local date `days` days after `localDate` (negative: before). */
export function addLocalDays(localDate: string, days: number): string {
  return new Date(dateMs(localDate) + days * DAY_MS).toISOString().slice(0, 10);
}

interface YearEntry {
  holidays: Set<string>;
  workdays: Set<string>;
  provisional: boolean;
}

/** R32: working days from per-year holiday data; weekends off unless a make-up day, holidays off. */
export class WorkingCalendar {
  readonly deadlineHour: number;
  readonly timeZoneOffsetMinutes: number;
  private readonly byYear = new Map<number, YearEntry>();

  constructor(years: CalendarYearData[], options: WorkingCalendarOptions = {}) {
    this.deadlineHour = options.deadlineHour ?? 18;
    this.timeZoneOffsetMinutes = options.timeZoneOffsetMinutes ?? 480;
    if (!Number.isInteger(this.deadlineHour) || this.deadlineHour < 0 || this.deadlineHour > 23) {
      throw new CalendarError(`deadlineHour must be an integer 0–23, got ${this.deadlineHour}`);
    }
    const offset = this.timeZoneOffsetMinutes;
    if (!Number.isInteger(offset) || offset < -720 || offset > 840) {
      throw new CalendarError(`timeZoneOffsetMinutes must be an integer -720–840, got ${offset}`);
    }
    for (const y of years) {
      if (this.byYear.has(y.year)) throw new CalendarError(`Calendar year ${y.year} given twice`);
      const entry: YearEntry = { holidays: new Set(), workdays: new Set(), provisional: y.provisional };
      for (const [list, target] of [
        [y.holidays, entry.holidays],
        [y.workdays, entry.workdays],
      ] as const) {
        for (const d of list) {
          dateMs(d);
          if (Number(d.slice(0, 4)) !== y.year) throw new CalendarError(`${d} listed under year ${y.year}`);
          target.add(d);
        }
      }
      const clash = [...entry.workdays].find((d) => entry.holidays.has(d));
      if (clash) throw new CalendarError(`${clash} is both a holiday and a make-up working day`);
      this.byYear.set(y.year, entry);
    }
  }

  /** The years this calendar holds, ascending. */
  years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  /** R32: weekends and holidays are off, make-up days (调休) are on. Throws for a year with no data. */
  isWorkingDay(localDate: string): boolean {
    const entry = this.entry(localDate);
    if (entry.workdays.has(localDate)) return true;
    if (entry.holidays.has(localDate)) return false;
    const weekday = new Date(dateMs(localDate)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** R32: whether the date's year comes from the fixed holidays only (no notice loaded). */
  isProvisional(localDate: string): boolean {
    return this.entry(localDate).provisional;
  }

  /** The local date (at this calendar's offset) of an instant. */
  localDateOf(instant: Date): string {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new CalendarError('Invalid date');
    return new Date(ms + this.timeZoneOffsetMinutes * 60_000).toISOString().slice(0, 10);
  }

  /** R33: the instant a deadline falls due on a local date (deadlineHour:00 local). */
  deadlineOn(localDate: string): Date {
    return new Date(dateMs(localDate) + this.deadlineHour * 3_600_000 - this.timeZoneOffsetMinutes * 60_000);
  }

  private entry(localDate: string): YearEntry {
    dateMs(localDate);
    const year = Number(localDate.slice(0, 4));
    const entry = this.byYear.get(year);
    if (!entry) {
      const held = this.years();
      const range = held.length ? `${held[0]}–${held[held.length - 1]}` : 'none';
      throw new CalendarError(`No working-day calendar for ${year} (date ${localDate}); years held: ${range}`);
    }
    return entry;
  }
}

function assertDays(days: number, min: number): void {
  if (!Number.isInteger(days) || days < min) {
    throw new CalendarError(`days must be an integer >= ${min}, got ${days}`);
  }
}

/**
 * R33: `days` working days counted from the day after `from` (local date); due at deadlineHour of the last one.
 * `days` = 0 (a resumed clock with nothing left, R34): due on the first working day from `from`'s own date
 * whose deadline is not before `from`.
 */
export function r33AddWorkingDays(from: Date, days: number, cal: WorkingCalendar, rule: string): Deadline {
  assertDays(days, 0);
  let date = cal.localDateOf(from);
  let provisional = false;
  if (days === 0) {
    while (!cal.isWorkingDay(date) || cal.deadlineOn(date).getTime() < from.getTime()) {
      provisional ||= cal.isProvisional(date);
      date = addLocalDays(date, 1);
    }
    provisional ||= cal.isProvisional(date);
  }
  for (let counted = 0; counted < days; ) {
    date = addLocalDays(date, 1);
    provisional ||= cal.isProvisional(date);
    if (cal.isWorkingDay(date)) counted++;
  }
  return { dueAt: cal.deadlineOn(date).toISOString(), rule, basis: 'working_days', days, provisional };
}

/**
 * R33: `days` calendar days from the day after `from`; a last day that is not a working day moves to the next
 * working day; due at deadlineHour. Provisional if the last day or any day it moved over is provisional.
 */
export function r33AddCalendarDays(from: Date, days: number, cal: WorkingCalendar, rule: string): Deadline {
  assertDays(days, 1);
  let date = addLocalDays(cal.localDateOf(from), days);
  let provisional = cal.isProvisional(date);
  while (!cal.isWorkingDay(date)) {
    date = addLocalDays(date, 1);
    provisional ||= cal.isProvisional(date);
  }
  return { dueAt: cal.deadlineOn(date).toISOString(), rule, basis: 'calendar_days', days, provisional };
}

/**
 * R34: working days left when a clock stops at `now` before `due`: the working days after `now`'s local date up
 * to and including `due`'s local date. The day of the pause is never left (whatever the hour), just as R33
 * never counts the day of the event; 0 when `now` is not before `due`.
 * Round trip: for a `due` from r33AddWorkingDays and `now` < `due`,
 * `r33AddWorkingDays(now, r34RemainingWorkingDays(now, due, cal), cal, r)` is `due` again, and resuming at a
 * later instant instead moves `due` on by the working days from the day after the pause to the day of resumption
 * (with nothing left, a resumption after the deadline hour moves it one working day further).
 */
export function r34RemainingWorkingDays(now: Date, due: Date, cal: WorkingCalendar): number {
  if (now.getTime() >= due.getTime()) return 0;
  const last = cal.localDateOf(due);
  let remaining = 0;
  for (let date = addLocalDays(cal.localDateOf(now), 1); date <= last; date = addLocalDays(date, 1)) {
    if (cal.isWorkingDay(date)) remaining++;
  }
  return remaining;
}
