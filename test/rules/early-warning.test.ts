import { describe, expect, it } from 'vitest';
import { bundledCalendarYears } from '../../records/calendar-source.js';
import { WorkingCalendar } from '../../domain/rules/working-days.js';
import { dueSoonHorizon, taskWarning } from '../../domain/tasks/early-warning.js';

// 2026 as the State Council's notice has it: 1–7 Oct off, Saturday 10 Oct a make-up working day.
const cal = new WorkingCalendar(bundledCalendarYears());
// Due Monday 12 Oct 2026 18:00 Beijing. Working days before it: Sat 10 Oct (调休), Fri 9, Thu 8, then Wed 30 Sep.
const due = new Date('2026-10-12T10:00:00Z');
const at = (iso: string) => new Date(iso);
const level = (now: string, n = 3) => taskWarning({ dueAt: due }, at(now), cal, n);

describe('early warning: green, yellow within N working days, red after the due, grey without one', () => {
  it('stays green over National Day and turns yellow at 00:00 of the day 3 working days before the due (Thu 8 Oct)', () => {
    // Wed 30 Sep: after it come 8, 9, 10 (make-up Saturday) and 12 Oct: four working days.
    expect(level('2026-09-30T09:00:00Z')).toMatchObject({ level: 'green', labelZh: '● 正常', workingDaysLeft: 4 });
    expect(level('2026-10-07T15:59:59Z')).toMatchObject({ level: 'green', workingDaysLeft: 4 });
    expect(level('2026-10-07T16:00:00Z')).toEqual({
      level: 'yellow',
      icon: '▲',
      labelZh: '▲ 临期（剩3个工作日）',
      labelEn: '▲ Due soon (3 working days left)',
      workingDaysLeft: 3,
    });
    // The make-up Saturday counts; the Sunday does not.
    expect(level('2026-10-09T02:00:00Z').labelZh).toBe('▲ 临期（剩2个工作日）');
    expect(level('2026-10-10T02:00:00Z').labelZh).toBe('▲ 临期（剩1个工作日）');
    expect(level('2026-10-11T02:00:00Z').labelZh).toBe('▲ 临期（剩1个工作日）');
    expect(level('2026-10-12T09:59:59Z')).toMatchObject({
      level: 'yellow',
      labelZh: '▲ 临期（今日到期）',
      workingDaysLeft: 0,
    });
  });

  it('is red from the due instant, counting working days overdue as the assessment ledger does (R40)', () => {
    expect(level('2026-10-12T10:00:00Z')).toMatchObject({
      level: 'red',
      labelZh: '■ 逾期（已过办理期限）',
      workingDaysLeft: 0,
    });
    expect(level('2026-10-13T10:00:00Z')).toMatchObject({
      level: 'red',
      labelZh: '■ 逾期（逾期1个工作日）',
      workingDaysLeft: -1,
    });
    expect(level('2026-10-16T12:00:00Z')).toMatchObject({
      labelZh: '■ 逾期（逾期4个工作日）',
      labelEn: '■ Overdue (4 working days)',
      workingDaysLeft: -4,
    });
  });

  it('takes N from the configuration: with N = 1 the task is still green on Fri 9 Oct and yellow on the make-up Saturday', () => {
    expect(level('2026-10-09T02:00:00Z', 1).level).toBe('green');
    expect(level('2026-10-09T16:00:00Z', 1)).toMatchObject({ level: 'yellow', workingDaysLeft: 1 });
  });

  it('is grey when the due is unknown, needs attention, or lies in a year the calendar does not hold; green while the clock is stopped', () => {
    expect(taskWarning({ dueAt: null }, at('2026-10-01T00:00:00Z'), cal)).toMatchObject({
      level: 'grey',
      labelZh: '◆ 需关注（期限未定）',
      workingDaysLeft: null,
    });
    expect(taskWarning({ dueAt: due, dueAttention: 'calendar' }, at('2026-10-01T00:00:00Z'), cal).level).toBe('grey');
    expect(taskWarning({ dueAt: new Date('2095-03-01T10:00:00Z') }, at('2026-10-01T00:00:00Z'), cal)).toMatchObject({
      level: 'grey',
      labelZh: '◆ 需关注（日历未载入）',
    });
    expect(taskWarning({ dueAt: due }, at('2026-10-01T00:00:00Z'), undefined).level).toBe('grey');
    expect(taskWarning({ dueAt: due, paused: true }, at('2026-10-12T12:00:00Z'), cal)).toMatchObject({
      level: 'green',
      labelZh: '● 正常（计时中止）',
    });
  });

  it('bounds the due-soon query at the midnight after the day N working days ahead', () => {
    // From Wed 7 Oct (a holiday): 8, 9, 10 Oct are the next three working days → midnight ending 10 Oct.
    expect(dueSoonHorizon(at('2026-10-07T04:00:00Z'), cal, 3).toISOString()).toBe('2026-10-10T16:00:00.000Z');
    // From Thu 8 Oct: 9, 10, 12 → midnight ending Monday 12 Oct, so the due above is inside.
    expect(dueSoonHorizon(at('2026-10-08T04:00:00Z'), cal, 3).getTime()).toBeGreaterThan(due.getTime());
  });
});
