import type { PrismaClient } from '../../generated/prisma/client.js';
import { r33AddWorkingDays } from '../../domain/rules/working-days.js';
import { serviceCalendar } from '../../api/services/supervision-calendar.js';

/**
 * Early-warning fixtures on the real platform's read model: a task's row moved to a due that is green, yellow,
 * red or unknown today, counted on the stored calendar (the workflow's own timers stay as they were).
 */
export async function placeDue(
  prisma: PrismaClient,
  taskId: string,
  where: { workingDaysAhead: number } | { daysAgo: number } | 'unknown',
): Promise<Date | null> {
  const now = new Date();
  const cal = await serviceCalendar(prisma).calendar();
  const dueAt =
    where === 'unknown'
      ? null
      : 'workingDaysAhead' in where
        ? new Date(r33AddWorkingDays(now, where.workingDaysAhead, cal, 'test').dueAt)
        : new Date(now.getTime() - where.daysAgo * 86_400_000);
  await prisma.task.update({
    where: { id: taskId },
    data: { dueAt, dueAttention: where === 'unknown' ? '日历未载入该年度' : null, pausedAt: null },
  });
  return dueAt;
}
