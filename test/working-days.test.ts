import { ApplicationFailure } from '@temporalio/common';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client.js';
import {
  BUNDLED_CALENDAR_SOURCE,
  bundledCalendarYears,
  CalendarSource,
  provisionalCalendarYear,
  seedCalendarYears,
  type CalendarRow,
} from '../records/calendar-source.js';
import { createDeadlineActivities } from '../activities/deadlines.js';
import {
  r33AddCalendarDays,
  r33AddWorkingDays,
  r34RemainingWorkingDays,
  WorkingCalendar,
} from '../domain/rules/working-days.js';

const bundled = bundledCalendarYears();
const bundledRows = (): CalendarRow[] => bundled.map(({ year, holidays, workdays }) => ({ year, holidays, workdays }));
const june2026 = () => new Date('2026-06-01T00:00:00Z');
const at = (iso: string) => new Date(iso);

// Fixed holidays of the regulation in 2027: 1 Jan; lunar New Year's Eve and 1st–3rd (5–8 Feb); Qingming;
// 1–2 May; Dragon Boat; Mid-Autumn; 1–3 Oct.
const fixedHolidays2027 = [
  '2027-01-01',
  '2027-02-05',
  '2027-02-06',
  '2027-02-07',
  '2027-02-08',
  '2027-04-05',
  '2027-05-01',
  '2027-05-02',
  '2027-06-09',
  '2027-09-15',
  '2027-10-01',
  '2027-10-02',
  '2027-10-03',
];

// A stand-in for the 2027 notice once an admin loads it (dates illustrative).
const notice2027: CalendarRow = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
  workdays: [],
};

let cal: WorkingCalendar;
beforeAll(async () => {
  cal = await new CalendarSource(async () => bundledRows(), { now: june2026 }).calendar();
});

describe('R32 working-day calendar', () => {
  it('takes 1–7 Oct 2026 off and works the make-up days Sun 20 Sep and Sat 10 Oct 2026', () => {
    for (const d of ['2026-10-01', '2026-10-05', '2026-10-07']) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(cal.isProvisional('2026-10-08')).toBe(false);
  });

  it('refuses a date in a year it holds no data for', () => {
    const only2026 = new WorkingCalendar(bundled.filter((y) => y.year === 2026));
    expect(() => only2026.isWorkingDay('2027-01-04')).toThrow(/No working-day calendar for 2027/);
    expect(() => only2026.isProvisional('2025-12-31')).toThrow(/No working-day calendar for 2025/);
  });

  it('derives 2027, which has no notice, as provisional: 1 Jan and Spring Festival eve to the 3rd day are off', () => {
    expect(cal.isProvisional('2027-01-01')).toBe(true);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
    expect(cal.isWorkingDay('2027-02-04')).toBe(true);
    expect(cal.isWorkingDay('2027-02-05')).toBe(false); // lunar New Year's Eve, a Friday
    expect(cal.isWorkingDay('2027-02-08')).toBe(false); // lunar 3rd day, a Monday
    expect(cal.isWorkingDay('2027-02-09')).toBe(true);
    expect(provisionalCalendarYear(2027)).toEqual({
      year: 2027,
      provisional: true,
      workdays: [],
      holidays: fixedHolidays2027,
    });
  });

  it('derives provisional holidays that are all days off in the 2025 and 2026 State Council notices', () => {
    for (const year of [2025, 2026]) {
      const notice = new Set(bundled.find((y) => y.year === year)!.holidays);
      const derived = provisionalCalendarYear(year).holidays;
      expect(derived).toHaveLength(13);
      expect(
        derived.filter((d) => !notice.has(d)),
        String(year),
      ).toEqual([]);
    }
  });

  it('derives the same provisional holidays when the process runs west of UTC', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(new Date(Date.UTC(2027, 0, 1)).getDate()).toBe(31); // the zone change took effect
      expect(provisionalCalendarYear(2027).holidays).toEqual(fixedHolidays2027);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('covers provisional years from 2019 to three years past the later of the last loaded year and now', async () => {
    const source = new CalendarSource(async () => bundledRows(), { now: () => new Date('2028-03-01T00:00:00Z') });
    const years = (await source.calendar()).years();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2031);
    expect((await source.calendar()).isProvisional('2031-06-01')).toBe(true);
  });

  it('replaces the provisional flag once 2027 is loaded, after invalidate()', async () => {
    const rows = bundledRows();
    const source = new CalendarSource(async () => rows, { now: june2026 });
    expect((await source.calendar()).isProvisional('2027-01-04')).toBe(true);

    rows.push(notice2027);
    expect((await source.calendar()).isProvisional('2027-01-04')).toBe(true); // still cached
    source.invalidate();
    const loaded = await source.calendar();
    expect(loaded.isProvisional('2027-01-04')).toBe(false);
    expect(loaded.isWorkingDay('2027-01-02')).toBe(false);
    expect(r33AddWorkingDays(at('2026-12-28T09:00:00+08:00'), 5, loaded, 'R17').provisional).toBe(false);
  });

  it('rejects a loaded row whose holidays are not a list of dates', async () => {
    const source = new CalendarSource(async () => [{ year: 2027, holidays: { '2027-01-01': 'x' }, workdays: [] }]);
    await expect(source.calendar()).rejects.toThrow(/CalendarYear 2027: holidays must be an array/);
  });

  it('seeds the bundled years that have no row and leaves an admin-loaded year alone', async () => {
    const created: Array<{ year: number; holidays: unknown; workdays: unknown; source: string }> = [];
    let skipDuplicates: boolean | undefined;
    const prisma = {
      calendarYear: {
        findMany: async () => [{ year: 2026 }],
        createMany: async (args: { data: typeof created; skipDuplicates?: boolean }) => {
          created.push(...args.data);
          skipDuplicates = args.skipDuplicates;
          return { count: args.data.length };
        },
      },
    } as unknown as PrismaClient;

    const inserted = await seedCalendarYears(prisma);

    expect(inserted).toEqual(bundled.map((y) => y.year).filter((y) => y !== 2026));
    expect(created.map((r) => r.year)).not.toContain(2026);
    expect(skipDuplicates).toBe(true);
    expect(BUNDLED_CALENDAR_SOURCE).toBe('chinese-days@1.5.7');
    const y2025 = created.find((r) => r.year === 2025)!;
    expect(y2025.source).toBe('chinese-days@1.5.7');
    expect(y2025.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });
});

describe('R33 deadlines', () => {
  it('due Mon 12 Oct 2026 18:00 for 5 working days from Tue 29 Sep, skipping National Day, counting Sat 10 Oct', () => {
    const d = r33AddWorkingDays(at('2026-09-29T14:00:00+08:00'), 5, cal, 'R17');
    expect(d).toEqual({
      dueAt: '2026-10-12T10:00:00.000Z',
      rule: 'R17',
      basis: 'working_days',
      days: 5,
      provisional: false,
    });
  });

  it('starts counting the day after the event: 1 working day from Monday morning is due Tuesday 18:00', () => {
    expect(r33AddWorkingDays(at('2026-11-02T08:00:00+08:00'), 1, cal, 'R7').dueAt).toBe('2026-11-03T10:00:00.000Z');
  });

  it('counts from Saturday for an event on Friday evening: 3 working days are due Wednesday', () => {
    expect(r33AddWorkingDays(at('2026-10-16T22:00:00+08:00'), 3, cal, 'R7').dueAt).toBe('2026-10-21T10:00:00.000Z');
  });

  it('makes a Friday-evening event due on the make-up Sunday 20 Sep 2026 for 1 working day', () => {
    expect(r33AddWorkingDays(at('2026-09-18T19:30:00+08:00'), 1, cal, 'R7').dueAt).toBe('2026-09-20T10:00:00.000Z');
  });

  it('takes the Shanghai date of the event: 00:30 Friday in Shanghai (Thursday UTC) is due Monday', () => {
    expect(r33AddWorkingDays(at('2026-10-15T16:30:00Z'), 1, cal, 'R7').dueAt).toBe('2026-10-19T10:00:00.000Z');
  });

  it('moves a 30-calendar-day period ending on 2 Oct 2026 (National Day) to Thu 8 Oct', () => {
    const d = r33AddCalendarDays(at('2026-09-02T10:00:00+08:00'), 30, cal, 'R5');
    expect(d).toEqual({
      dueAt: '2026-10-08T10:00:00.000Z',
      rule: 'R5',
      basis: 'calendar_days',
      days: 30,
      provisional: false,
    });
  });

  it('ends a calendar-day period on the make-up Saturday 10 Oct 2026 that Saturday', () => {
    expect(r33AddCalendarDays(at('2026-09-10T10:00:00+08:00'), 30, cal, 'R5').dueAt).toBe('2026-10-10T10:00:00.000Z');
  });

  it('marks a deadline reaching into 2027 provisional and skips 1 Jan 2027', () => {
    const d = r33AddWorkingDays(at('2026-12-28T09:00:00+08:00'), 5, cal, 'R17');
    expect(d.dueAt).toBe('2027-01-05T10:00:00.000Z');
    expect(d.provisional).toBe(true);
    const c = r33AddCalendarDays(at('2026-12-20T09:00:00+08:00'), 30, cal, 'R5');
    expect(c).toMatchObject({ dueAt: '2027-01-19T10:00:00.000Z', provisional: true });
  });

  it('moves a calendar-day period ending on provisional Spring Festival eve 2027 past the 3rd lunar day', () => {
    const d = r33AddCalendarDays(at('2027-01-06T10:00:00+08:00'), 30, cal, 'R5');
    expect(d.dueAt).toBe('2027-02-09T10:00:00.000Z');
    expect(d.provisional).toBe(true);
  });

  it('falls due at the configured deadline hour', async () => {
    const at17 = await new CalendarSource(async () => bundledRows(), { deadlineHour: 17, now: june2026 }).calendar();
    expect(r33AddWorkingDays(at('2026-09-29T14:00:00+08:00'), 5, at17, 'R17').dueAt).toBe('2026-10-12T09:00:00.000Z');
    expect(r33AddCalendarDays(at('2026-09-02T10:00:00+08:00'), 30, at17, 'R5').dueAt).toBe('2026-10-08T09:00:00.000Z');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => r33AddWorkingDays(at('2026-09-29T14:00:00+08:00'), -1, cal, 'R17')).toThrow(/days must be an integer/);
    expect(() => r33AddCalendarDays(at('2026-09-29T14:00:00+08:00'), 2.5, cal, 'R5')).toThrow(
      /days must be an integer/,
    );
  });
});

describe('R34 stopped clocks', () => {
  const event = at('2026-09-14T10:00:00+08:00'); // Monday
  let due: Date;
  beforeAll(() => {
    due = at(r33AddWorkingDays(event, 10, cal, 'R17').dueAt);
  });

  it('gives back the original due time when the remaining days are re-added from the pause itself', () => {
    expect(due.toISOString()).toBe('2026-09-28T10:00:00.000Z');
    for (let t = event.getTime(); t < due.getTime(); t += 5 * 3_600_000) {
      const pause = new Date(t);
      const remaining = r34RemainingWorkingDays(pause, due, cal);
      expect(r33AddWorkingDays(pause, remaining, cal, 'R17').dueAt, pause.toISOString()).toBe(due.toISOString());
    }
  });

  it('moves the due time by the working days of a pause from Wed 16 to Fri 18 Sep 2026', () => {
    const remaining = r34RemainingWorkingDays(at('2026-09-16T15:00:00+08:00'), due, cal);
    expect(remaining).toBe(8); // 17, 18, 20 (make-up), 21–24, 28 Sep
    const resumed = r33AddWorkingDays(at('2026-09-18T09:00:00+08:00'), remaining, cal, 'R17');
    expect(resumed.dueAt).toBe('2026-09-30T10:00:00.000Z'); // two working days later: 29, 30 Sep
  });

  it('leaves the due time unchanged for a pause that ends the day it began', () => {
    const remaining = r34RemainingWorkingDays(at('2026-09-16T09:00:00+08:00'), due, cal);
    expect(r33AddWorkingDays(at('2026-09-16T17:00:00+08:00'), remaining, cal, 'R17').dueAt).toBe(due.toISOString());
  });

  it('gives until 18:00 of the resumption day when the clock stopped on the last day before 18:00', () => {
    const pause = at('2026-09-28T09:00:00+08:00');
    expect(r34RemainingWorkingDays(pause, due, cal)).toBe(0);
    expect(r33AddWorkingDays(at('2026-09-29T11:00:00+08:00'), 0, cal, 'R17').dueAt).toBe('2026-09-29T10:00:00.000Z');
    expect(r33AddWorkingDays(at('2026-09-29T19:00:00+08:00'), 0, cal, 'R17').dueAt).toBe('2026-09-30T10:00:00.000Z');
  });
});

describe('deadline activities', () => {
  const activities = () => createDeadlineActivities(new CalendarSource(async () => bundledRows(), { now: june2026 }));

  it('computes working- and calendar-day deadlines from ISO strings to plain JSON', async () => {
    const { computeDeadline } = activities();
    const working = await computeDeadline({
      from: '2026-09-29T06:00:00Z',
      days: 5,
      basis: 'working_days',
      rule: 'R17',
    });
    expect(JSON.parse(JSON.stringify(working))).toEqual(working);
    expect(working.dueAt).toBe('2026-10-12T10:00:00.000Z');
    const calendar = await computeDeadline({
      from: '2026-09-02T02:00:00Z',
      days: 30,
      basis: 'calendar_days',
      rule: 'R5',
    });
    expect(calendar).toMatchObject({ dueAt: '2026-10-08T10:00:00.000Z', basis: 'calendar_days' });
  });

  it('resumes a stopped clock with the working days left at the pause', async () => {
    const { resumeDeadline } = activities();
    const resumed = await resumeDeadline({
      pausedAt: '2026-09-16T07:00:00Z',
      resumedAt: '2026-09-18T01:00:00Z',
      dueAt: '2026-09-28T10:00:00.000Z',
      rule: 'R16',
    });
    expect(resumed).toEqual({
      dueAt: '2026-09-30T10:00:00.000Z',
      rule: 'R16',
      basis: 'working_days',
      days: 8,
      provisional: false,
      from: '2026-09-18T01:00:00.000Z',
    });
  });

  it('keeps the due time of a period that had run out before the clock stopped', async () => {
    const { resumeDeadline } = activities();
    const resumed = await resumeDeadline({
      pausedAt: '2026-09-29T01:00:00Z',
      resumedAt: '2026-10-09T01:00:00Z',
      dueAt: '2026-09-28T10:00:00.000Z',
      rule: 'R16',
    });
    expect(resumed.dueAt).toBe('2026-09-28T10:00:00.000Z');
  });

  it('rejects a malformed spec without retrying', async () => {
    const { computeDeadline, resumeDeadline } = activities();
    const bad = computeDeadline({ from: 'yesterday', days: 5, basis: 'working_days', rule: 'R17' });
    await expect(bad).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(bad).rejects.toMatchObject({ nonRetryable: true });
    const far = computeDeadline({ from: '2040-01-01T00:00:00Z', days: 5, basis: 'working_days', rule: 'R17' });
    await expect(far).rejects.toMatchObject({ nonRetryable: true, type: 'CalendarError' });
    const backwards = resumeDeadline({
      pausedAt: '2026-09-18T01:00:00Z',
      resumedAt: '2026-09-16T07:00:00Z',
      dueAt: '2026-09-28T10:00:00Z',
      rule: 'R16',
    });
    await expect(backwards).rejects.toMatchObject({ nonRetryable: true });
  });
});
