// Where the working-day calendar comes from (R32): years loaded into the CalendarYear table (seeded from
// chinese-days, replaced by an admin when a State Council notice appears), and provisional years derived from
// the fixed holidays of 全国年节及纪念日放假办法 (2024 revision) for years with no row.
import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import type { PrismaClient } from '../generated/prisma/client.js';
import { addLocalDays, CalendarError, WorkingCalendar, type CalendarYearData } from '../domain/rules/working-days.js';
import { chinaYear } from '../domain/china-time.js';

const require = createRequire(import.meta.url);
const bundled = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const bundledVersion = (require('chinese-days/package.json') as { version: string }).version;

/** The `source` recorded on CalendarYear rows seeded from the package. */
export const BUNDLED_CALENDAR_SOURCE = `chinese-days@${bundledVersion}`;

/** First year for which a calendar is always available (provisional if no row). */
export const FIRST_CALENDAR_YEAR = 2019;

/** The last year whose fixed holidays can be derived (the lunar data ends with 2099). */
export const LAST_PROVISIONAL_YEAR = 2099;

/** Provisional years added beyond the later of the last loaded year and the current year. */
export const PROVISIONAL_YEARS_AHEAD = 3;

/** R32: the years chinese-days carries in full (holidays and 调休 make-up days), as loaded notices. */
export function bundledCalendarYears(): CalendarYearData[] {
  const byYear = new Map<number, CalendarYearData>();
  const yearOf = (date: string): CalendarYearData => {
    const year = Number(date.slice(0, 4));
    let data = byYear.get(year);
    if (!data) {
      data = { year, holidays: [], workdays: [], provisional: false };
      byYear.set(year, data);
    }
    return data;
  };
  for (const date of Object.keys(bundled.holidays)) yearOf(date).holidays.push(date);
  for (const date of Object.keys(bundled.workdays)) yearOf(date).workdays.push(date);
  return [...byYear.values()]
    .map((y) => ({ ...y, holidays: y.holidays.sort(), workdays: y.workdays.sort() }))
    .sort((a, b) => a.year - b.year);
}

// The solar date of a lunar month/day in lunar year `year`, found by scanning a window with getLunarDate: it
// measures from a fixed UTC base and is right in every process time zone, whereas getSolarDateFromLunar reads
// local-time fields and answers a day early west of UTC.
function solarDateOfLunar(year: number, month: number, day: number, windowStart: string, windowDays: number) {
  const hits: string[] = [];
  for (let i = 0; i < windowDays; i++) {
    const date = addLocalDays(windowStart, i);
    const lunar = chineseDays.getLunarDate(date);
    if (lunar.lunarYear === year && lunar.lunarMon === month && lunar.lunarDay === day && !lunar.isLeap) {
      hits.push(date);
    }
  }
  if (hits.length !== 1) throw new CalendarError(`Lunar ${year}-${month}-${day}: found ${hits.length} dates`);
  return hits[0];
}

// Qingming (the solar term 清明, 4–6 April). getSolarTermDate computes the day as a UTC midnight but formats it
// with local-time getters, so west of UTC it shows the day before; undo that by finding the UTC date whose
// local rendering is the answer.
function qingming(year: number): string {
  const shown = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  const day = Number(shown.slice(8, 10));
  for (const candidate of [day, day + 1]) {
    const utc = new Date(Date.UTC(year, 3, candidate));
    const local = `${utc.getFullYear()}-${String(utc.getMonth() + 1).padStart(2, '0')}-${String(utc.getDate()).padStart(2, '0')}`;
    const date = utc.toISOString().slice(0, 10);
    if (local === shown && date >= `${year}-04-03` && date <= `${year}-04-06`) return date;
  }
  throw new CalendarError(`Qingming ${year}: unexpected date ${shown}`);
}

/** R32: a year with no loaded notice: the fixed holidays of the national holiday regulation, provisional. */
export function provisionalCalendarYear(year: number): CalendarYearData {
  if (!Number.isInteger(year) || year < 1901 || year > LAST_PROVISIONAL_YEAR) {
    throw new CalendarError(`No lunar data to derive holidays for year ${year}`);
  }
  const springFestival = solarDateOfLunar(year, 1, 1, `${year}-01-19`, 35);
  const holidays = new Set([
    `${year}-01-01`,
    addLocalDays(springFestival, -1), // lunar New Year's Eve
    springFestival,
    addLocalDays(springFestival, 1),
    addLocalDays(springFestival, 2),
    qingming(year),
    `${year}-05-01`,
    `${year}-05-02`,
    solarDateOfLunar(year, 5, 5, `${year}-05-20`, 42), // Dragon Boat
    solarDateOfLunar(year, 8, 15, `${year}-09-01`, 45), // Mid-Autumn
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ]);
  return { year, holidays: [...holidays].sort(), workdays: [], provisional: true };
}

export interface CalendarRow {
  year: number;
  holidays: unknown;
  workdays: unknown;
}

export interface CalendarSourceOptions {
  deadlineHour?: number;
  /** Clock used to find the current year (tests). */
  now?: () => Date;
  /**
   * A cheap fingerprint of the stored years (e.g. their count and latest load time). When given, it is read on
   * every use and a change rebuilds the calendar, so a worker in another process sees a year an admin loaded.
   */
  version?: () => Promise<string>;
}

function dateList(value: unknown, year: number, field: string): string[] {
  if (!Array.isArray(value) || !value.every((d) => typeof d === 'string')) {
    throw new CalendarError(`CalendarYear ${year}: ${field} must be an array of 'YYYY-MM-DD' strings`);
  }
  return value;
}

/** R32: builds the WorkingCalendar from loaded rows plus provisional years, cached until invalidate(). */
export class CalendarSource {
  private cached: Promise<WorkingCalendar> | undefined;
  private seenVersion: string | undefined;

  constructor(
    private readonly loadRows: () => Promise<CalendarRow[]>,
    private readonly opts: CalendarSourceOptions = {},
  ) {}

  /**
   * Loaded years, plus provisional years for every year without a row from FIRST_CALENDAR_YEAR to
   * PROVISIONAL_YEARS_AHEAD past the later of the last loaded year and the current (Shanghai) year.
   */
  async calendar(): Promise<WorkingCalendar> {
    if (this.opts.version) {
      const version = await this.opts.version();
      if (version !== this.seenVersion) {
        this.seenVersion = version;
        this.cached = undefined;
      }
    }
    if (!this.cached) {
      const building = this.build();
      this.cached = building;
      building.catch(() => {
        if (this.cached === building) this.cached = undefined;
      });
    }
    return this.cached;
  }

  /** Drop the cached calendar (call after an admin loads a year). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async build(): Promise<WorkingCalendar> {
    const loaded: CalendarYearData[] = (await this.loadRows()).map((row) => ({
      year: row.year,
      holidays: dateList(row.holidays, row.year, 'holidays'),
      workdays: dateList(row.workdays, row.year, 'workdays'),
      provisional: false,
    }));
    const have = new Set(loaded.map((y) => y.year));
    const now = this.opts.now?.() ?? new Date();
    const currentYear = chinaYear(now);
    // Never past the last year with lunar data: one far year must not make every computation fail.
    const last = Math.min(Math.max(currentYear, ...have) + PROVISIONAL_YEARS_AHEAD, LAST_PROVISIONAL_YEAR);
    const provisional: CalendarYearData[] = [];
    for (let year = FIRST_CALENDAR_YEAR; year <= last; year++) {
      if (!have.has(year)) provisional.push(provisionalCalendarYear(year));
    }
    return new WorkingCalendar([...loaded, ...provisional], { deadlineHour: this.opts.deadlineHour });
  }
}

/**
 * R32: inserts the bundled years that have no CalendarYear row (an admin-loaded year is never overwritten).
 * Returns the years it inserted.
 */
export async function seedCalendarYears(prisma: PrismaClient): Promise<number[]> {
  const existing = await prisma.calendarYear.findMany({ select: { year: true } });
  const have = new Set(existing.map((row) => row.year));
  const missing = bundledCalendarYears().filter((y) => !have.has(y.year));
  if (missing.length === 0) return [];
  await prisma.calendarYear.createMany({
    data: missing.map((y) => ({
      year: y.year,
      holidays: y.holidays,
      workdays: y.workdays,
      source: BUNDLED_CALENDAR_SOURCE,
    })),
    skipDuplicates: true,
  });
  return missing.map((y) => y.year);
}

/** The calendar as stored in the database, rebuilt whenever an admin loads a year (R32). */
export function databaseCalendarSource(
  prisma: PrismaClient,
  opts: Omit<CalendarSourceOptions, 'version'> = {},
): CalendarSource {
  return new CalendarSource(() => prisma.calendarYear.findMany(), {
    ...opts,
    // Read on every use (each transition that opens a task): one plain statement, no query plan to build.
    version: async () => {
      const [v] = await prisma.$queryRaw<Array<{ version: string }>>`
        SELECT count(*) || ':' || coalesce(max("loadedAt")::text, '') AS version FROM "CalendarYear"`;
      return v?.version ?? '';
    },
  });
}
