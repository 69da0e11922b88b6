/**
 * How fast the calendar computes due times (R33): the deadline activity's pure core, over many start instants.
 * Run: npx tsx bench/deadlines.ts
 */
import { performance } from 'node:perf_hooks';
import { bundledCalendarYears, provisionalCalendarYear } from '../records/calendar-source.js';
import { WorkingCalendar, r33AddCalendarDays, r33AddWorkingDays } from '../domain/rules/working-days.js';

const cal = new WorkingCalendar([
  ...bundledCalendarYears().filter((y) => y.year >= 2019),
  ...[2027, 2028, 2029].map(provisionalCalendarYear),
]);
const starts = Array.from({ length: 20_000 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 23 * 60_000));

for (const [name, fn] of [
  ['10 working days (R17)', (d: Date) => r33AddWorkingDays(d, 10, cal, 'R17')],
  ['30 calendar days (R5)', (d: Date) => r33AddCalendarDays(d, 30, cal, 'R5')],
  ['60 working days', (d: Date) => r33AddWorkingDays(d, 60, cal, 'bench')],
] as const) {
  for (const d of starts.slice(0, 1000)) fn(d); // warm up
  const t0 = performance.now();
  for (const d of starts) fn(d);
  const ms = performance.now() - t0;
  console.log(
    `${name.padEnd(24)} ${(starts.length / (ms / 1000)).toFixed(0).padStart(9)} deadlines/s  (${((ms * 1000) / starts.length).toFixed(1)} µs each)`,
  );
}
