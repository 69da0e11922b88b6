// The early-warning N set in the app (issue 13 first-day reports): the office (依法治市办) or the administrator
// chooses how many working days before its due a task turns yellow. Pure: the setting's key, bounds and schema.
import { z } from 'zod';

/** The AppSetting row holding N. */
export const YELLOW_WORKING_DAYS_KEY = 'early_warning.yellow_working_days';

/**
 * 1 to 10 working days: at least the day before, and at most two working weeks — the shortest statutory periods
 * are a few working days (R17's seven for the legality review), so a longer warning would keep them yellow from
 * the day they open.
 */
export const YELLOW_WORKING_DAYS_MIN = 1;
export const YELLOW_WORKING_DAYS_MAX = 10;

export const yellowWorkingDaysField = z
  .number()
  .int()
  .min(YELLOW_WORKING_DAYS_MIN)
  .max(YELLOW_WORKING_DAYS_MAX)
  .describe('Working days before its due that a task turns yellow (临期)');

/** PUT /api/settings/early-warning and the form on the account page. */
export const EarlyWarningSettingSchema = z.strictObject({ yellowWorkingDays: yellowWorkingDaysField });
export type EarlyWarningSetting = z.infer<typeof EarlyWarningSettingSchema>;

/** Who changes N: the law-based-governance office and the administrator. */
export const EARLY_WARNING_SETTERS = ['supervisor', 'admin'] as const;
