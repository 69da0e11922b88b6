// R34: an extension granted by the supervising office (with a reason) moves a task's due time; the clock of the
// extended period runs on working days. Pure: the calendar arrives as data.
import { chinaClock } from '../china-time.js';
import type { Due } from '../procedure.js';
import { r33AddWorkingDays, type WorkingCalendar } from './working-days.js';

/** R34: only an open task with a due time can be extended. */
export function r34CanExtend(task: { status: string; dueAt: Date | null }): task is { status: string; dueAt: Date } {
  return task.status === 'open' && task.dueAt !== null;
}

/** The hour of day (China) of the due in force: the extended due keeps it (R33's deadline hour). */
export function r34DeadlineHour(dueInForce: Date): number {
  return chinaClock(dueInForce).getUTCHours();
}

/**
 * R34: the new due, `workingDays` working days after the due in force. It is counted from the due in force (its
 * `from`), so a later calendar change recomputes the extended due (R32).
 */
export function r34ExtendedDue(dueInForce: Date, workingDays: number, cal: WorkingCalendar): Due {
  const d = r33AddWorkingDays(dueInForce, workingDays, cal, 'R34');
  return {
    dueAt: d.dueAt,
    rule: 'R34',
    basis: 'working_days',
    days: workingDays,
    provisional: d.provisional,
    from: dueInForce.toISOString(),
  };
}

/** R34: after an extension a task stays overdue only if the new due time has passed too. */
export function r34StillOverdue(wasOverdue: boolean, due: Pick<Due, 'dueAt'>, now: number): boolean {
  return Date.parse(due.dueAt) > now ? false : wasOverdue;
}
