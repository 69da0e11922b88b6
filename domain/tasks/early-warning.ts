// Early warning 预警 (issue 16 §2): the colour of an open task's deadline, counted on the working-day calendar
// (R32/R33). Pure: workflows, activities, services and pages all call this one function.
import { z } from 'zod';
import { r40WorkingDaysOverdue } from '../rules/escalation.js';
import { addLocalDays, CalendarError, r34RemainingWorkingDays, type WorkingCalendar } from '../rules/working-days.js';

/** green 正常, yellow 临期 (within N working days of the due), red 逾期 (past the due), grey 需关注 (no due known). */
export const WARNING_LEVELS = ['green', 'yellow', 'red', 'grey'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** The default N: a task turns yellow N working days before its due (YIFA_ESCALATION_CONFIG `yellowWorkingDays`). */
export const DEFAULT_YELLOW_WORKING_DAYS = 3;

/** Never colour alone: each level has its own icon and words. */
export const WARNING_ICONS: Record<WarningLevel, string> = { green: '●', yellow: '▲', red: '■', grey: '◆' };

export const TaskWarningSchema = z.object({
  level: z.enum(WARNING_LEVELS),
  icon: z.string(),
  /** The words people read, icon first: `▲ 临期（剩2个工作日）`. */
  labelZh: z.string(),
  labelEn: z.string(),
  /**
   * Working days after today up to and including the due's day (0: due today); negative when overdue (−3: three
   * working days overdue, counted as R40 counts them); null when no due is known or the calendar cannot count it.
   */
  workingDaysLeft: z.number().int().nullable(),
});
export type TaskWarning = z.infer<typeof TaskWarningSchema>;

export interface WarningTask {
  /** The due instant; null when the calendar could not compute it (R32 needs attention). */
  dueAt: Date | null;
  /** R32: the due needs the administrator's attention. */
  dueAttention?: string | null;
  /** R34: the clock is stopped. */
  paused?: boolean;
}

function warning(level: WarningLevel, zh: string, en: string, workingDaysLeft: number | null): TaskWarning {
  const icon = WARNING_ICONS[level];
  return { level, icon, labelZh: `${icon} ${zh}`, labelEn: `${icon} ${en}`, workingDaysLeft };
}

const grey = (zh: string, en: string) => warning('grey', `需关注（${zh}）`, `Needs attention (${en})`, null);

/**
 * The warning level of an open task at `now`: red once the due instant has passed; yellow from the start of the
 * day that lies `yellowWorkingDays` working days before the due's day (so `workingDaysLeft` ≤ N), holidays and
 * make-up working days (调休) counted by the calendar; green before that; grey when the due is unknown or falls
 * in a year the calendar does not hold (or no calendar could be read). A stopped clock (R34) is green: nothing runs out while it stands.
 */
export function taskWarning(
  task: WarningTask,
  now: Date,
  cal: WorkingCalendar | undefined,
  yellowWorkingDays = DEFAULT_YELLOW_WORKING_DAYS,
): TaskWarning {
  if (!task.dueAt || task.dueAttention) return grey('期限未定', 'due unknown');
  if (task.paused) return warning('green', '正常（计时中止）', 'On track (clock stopped)', null);
  if (!cal) return grey('日历未载入', 'calendar not loaded');
  try {
    if (now.getTime() >= task.dueAt.getTime()) {
      const over = r40WorkingDaysOverdue(task.dueAt, now, cal);
      return over > 0
        ? warning('red', `逾期（逾期${over}个工作日）`, `Overdue (${over} working day${over === 1 ? '' : 's'})`, -over)
        : warning('red', '逾期（已过办理期限）', 'Overdue (past the due time)', 0);
    }
    // R34's count of the working days a stopped clock would keep: the days after today up to the due's day.
    const left = r34RemainingWorkingDays(now, task.dueAt, cal);
    if (left > yellowWorkingDays) return warning('green', '正常', 'On track', left);
    return left === 0
      ? warning('yellow', '临期（今日到期）', 'Due soon (due today)', 0)
      : warning(
          'yellow',
          `临期（剩${left}个工作日）`,
          `Due soon (${left} working day${left === 1 ? '' : 's'} left)`,
          left,
        );
  } catch (err) {
    if (err instanceof CalendarError) return grey('日历未载入', 'calendar not loaded');
    throw err;
  }
}

/**
 * The end of the due-soon window: dues on or before the local day `yellowWorkingDays` working days after `now`'s
 * day can be yellow now (for a bounded query; each row is then classified by `taskWarning`).
 */
export function dueSoonHorizon(now: Date, cal: WorkingCalendar, yellowWorkingDays = DEFAULT_YELLOW_WORKING_DAYS): Date {
  let d = cal.localDateOf(now);
  for (let counted = 0; counted < yellowWorkingDays; ) {
    d = addLocalDays(d, 1);
    if (cal.isWorkingDay(d)) counted++;
  }
  // Midnight after that day, local time.
  return new Date(Date.parse(`${addLocalDays(d, 1)}T00:00:00Z`) - cal.timeZoneOffsetMinutes * 60_000);
}
