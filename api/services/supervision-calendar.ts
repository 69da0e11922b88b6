import type { PrismaClient } from '../../generated/prisma/client.js';
import { databaseCalendarSource, type CalendarSource } from '../../records/calendar-source.js';

const sources = new WeakMap<PrismaClient, CalendarSource>();

/** The stored working-day calendar for services (one cached source per database; follows loaded years). */
export function serviceCalendar(prisma: PrismaClient, deadlineHour?: number): CalendarSource {
  if (deadlineHour !== undefined) return databaseCalendarSource(prisma, { deadlineHour });
  let s = sources.get(prisma);
  if (!s) {
    s = databaseCalendarSource(prisma);
    sources.set(prisma, s);
  }
  return s;
}
