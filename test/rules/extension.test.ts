import { describe, expect, it } from 'vitest';
import { r34CanExtend, r34DeadlineHour, r34ExtendedDue, r34StillOverdue } from '../../domain/rules/extension.js';
import { WorkingCalendar } from '../../domain/rules/working-days.js';
import { bundledCalendarYears } from '../../records/calendar-source.js';

describe('R34 extension (domain/rules/extension.ts)', () => {
  const due = new Date('2026-06-12T07:00:00Z'); // Friday 15:00 in China (a due set by an earlier extension)
  const hour = r34DeadlineHour(due);
  const cal = new WorkingCalendar(bundledCalendarYears(), { deadlineHour: hour });

  it('counts working days from the due in force and keeps its hour of day', () => {
    expect(hour).toBe(15);
    // Mon 15, Tue 16, Wed 17 June 2026: three working days after Friday the 12th.
    expect(r34ExtendedDue(due, 3, cal)).toEqual({
      dueAt: '2026-06-17T07:00:00.000Z',
      rule: 'R34',
      basis: 'working_days',
      days: 3,
      provisional: false,
      from: due.toISOString(),
    });
  });

  it('extends only an open task with a due time', () => {
    expect(r34CanExtend({ status: 'open', dueAt: due })).toBe(true);
    expect(r34CanExtend({ status: 'done', dueAt: due })).toBe(false);
    expect(r34CanExtend({ status: 'open', dueAt: null })).toBe(false);
  });

  it('clears "overdue" only when the new due time is still ahead', () => {
    const now = Date.parse('2026-06-15T00:00:00Z');
    expect(r34StillOverdue(true, { dueAt: '2026-06-17T07:30:00.000Z' }, now)).toBe(false);
    expect(r34StillOverdue(true, { dueAt: '2026-06-14T07:30:00.000Z' }, now)).toBe(true);
    expect(r34StillOverdue(false, { dueAt: '2026-06-14T07:30:00.000Z' }, now)).toBe(false);
  });
});
