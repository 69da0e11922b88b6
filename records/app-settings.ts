/**
 * Settings stored in the app (AppSetting, migration 0037): read by API services and by the worker's escalation
 * step, written by the settings service with its audit event. A missing or unreadable row means "the configured
 * default".
 */
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { YELLOW_WORKING_DAYS_KEY, yellowWorkingDaysField } from '../domain/settings/early-warning.js';

type Db = Pick<PrismaClient | Prisma.TransactionClient, 'appSetting'>;

/** The early-warning N stored by the office or the administrator, or null when none is stored. */
export async function storedYellowWorkingDays(db: Db): Promise<number | null> {
  const row = await db.appSetting.findUnique({ where: { key: YELLOW_WORKING_DAYS_KEY }, select: { value: true } });
  const parsed = yellowWorkingDaysField.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}
