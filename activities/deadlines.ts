// Deadline activities (R33, R34): workflows ask for due times here, since the calendar is data loaded at run
// time. Arguments and results are plain JSON (instants as ISO strings).
import { ApplicationFailure } from '@temporalio/common';
import {
  CalendarError,
  CALENDAR_FAILURE,
  r33AddCalendarDays,
  r33AddWorkingDays,
  r34RemainingWorkingDays,
  type Deadline,
} from '../domain/rules/working-days.js';
import type { CalendarSource } from '../records/calendar-source.js';

export interface ComputeDeadlineSpec {
  /** The triggering event, ISO instant. */
  from: string;
  days: number;
  basis: 'working_days' | 'calendar_days';
  rule: string;
}

export interface ResumeDeadlineSpec {
  pausedAt: string;
  resumedAt: string;
  /** The due time in force when the clock stopped. */
  dueAt: string;
  rule: string;
}

function instant(value: string, field: string): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    throw ApplicationFailure.nonRetryable(
      `${field} is not an ISO instant: ${JSON.stringify(value)}`,
      'InvalidDeadlineSpec',
    );
  }
  return date;
}

// Bad calendar data or a date outside the calendar's years will not get better on retry: building the calendar
// and counting on it both fail non-retryably, so no workflow is held by an activity retried for ever.
export async function nonRetryableOnCalendarError<T>(compute: () => T | Promise<T>): Promise<T> {
  try {
    return await compute();
  } catch (err) {
    if (err instanceof CalendarError) throw ApplicationFailure.nonRetryable(err.message, CALENDAR_FAILURE);
    throw err;
  }
}

export function createDeadlineActivities(source: Pick<CalendarSource, 'calendar'>) {
  return {
    /** R33: the due time of a period of `days` working or calendar days after `from`. */
    async computeDeadline(spec: ComputeDeadlineSpec): Promise<Deadline & { from: string }> {
      const from = instant(spec.from, 'from');
      return nonRetryableOnCalendarError(async () => {
        const cal = await source.calendar();
        if (spec.basis === 'working_days')
          return { ...r33AddWorkingDays(from, spec.days, cal, spec.rule), from: from.toISOString() };
        if (spec.basis === 'calendar_days')
          return { ...r33AddCalendarDays(from, spec.days, cal, spec.rule), from: from.toISOString() };
        throw new CalendarError(`Unknown basis ${JSON.stringify(spec.basis)}`);
      });
    },

    /**
     * R34: the due time after a stopped clock restarts: the working days left at the pause, counted again from
     * the resumption. A period that had already run out when the clock stopped keeps its due time.
     */
    async resumeDeadline(spec: ResumeDeadlineSpec): Promise<Deadline & { from?: string }> {
      const pausedAt = instant(spec.pausedAt, 'pausedAt');
      const resumedAt = instant(spec.resumedAt, 'resumedAt');
      const due = instant(spec.dueAt, 'dueAt');
      if (resumedAt.getTime() < pausedAt.getTime()) {
        throw ApplicationFailure.nonRetryable('resumedAt is before pausedAt', 'InvalidDeadlineSpec');
      }
      return nonRetryableOnCalendarError(async () => {
        const cal = await source.calendar();
        if (pausedAt.getTime() >= due.getTime()) {
          const provisional = cal.isProvisional(cal.localDateOf(due));
          return { dueAt: due.toISOString(), rule: spec.rule, basis: 'working_days', days: 0, provisional };
        }
        // The resumed due is counted from the resumption, so a later calendar change recomputes it from there.
        const remaining = r34RemainingWorkingDays(pausedAt, due, cal);
        return { ...r33AddWorkingDays(resumedAt, remaining, cal, spec.rule), from: resumedAt.toISOString() };
      });
    },
  };
}

export type DeadlineActivities = ReturnType<typeof createDeadlineActivities>;
