import { taskWarning, type TaskWarning } from '../../domain/tasks/early-warning.js';
import type { WorkingCalendar } from '../../domain/rules/working-days.js';
import { nowOf, type ServiceContext } from './context.js';
import { yellowWorkingDaysOf } from './early-warning-setting.js';
import { serviceCalendar } from './supervision-calendar.js';

/** A task as the API shows it (taskFields): its due, whether it needs attention, whether its clock is stopped. */
export interface ShownTask {
  status: string;
  due: { dueAt: string } | null;
  dueAttention?: string | null;
  paused?: boolean;
}

/** The early-warning classifier for one response: the calendar is read once, then each task is classified. */
export async function warningClassifier(
  ctx: ServiceContext,
  now = nowOf(ctx),
): Promise<(t: ShownTask) => TaskWarning | null> {
  const cal: WorkingCalendar | undefined = await serviceCalendar(ctx.prisma)
    .calendar()
    .catch(() => undefined);
  const n = await yellowWorkingDaysOf(ctx);
  return (t) => {
    if (t.status !== 'open') return null;
    const task = { dueAt: t.due ? new Date(t.due.dueAt) : null, dueAttention: t.dueAttention, paused: t.paused };
    return taskWarning(task, now, cal, n);
  };
}

/** The items with their `warning` (null for a task no longer open). */
export async function withWarnings<T extends ShownTask>(
  ctx: ServiceContext,
  items: T[],
  now = nowOf(ctx),
): Promise<Array<T & { warning: TaskWarning | null }>> {
  const classify = await warningClassifier(ctx, now);
  return items.map((t) => ({ ...t, warning: classify(t) }));
}
