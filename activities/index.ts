import type { PrismaClient } from '../generated/prisma/client.js';
import type { CalendarSource } from './calendar-source.js';
import { createDeadlineActivities } from './deadlines.js';
import { createRecordActivities } from './records.js';

export interface ActivityDeps {
  prisma: PrismaClient;
  calendar: CalendarSource;
}

/** Every activity the workflows call, built from their dependencies (only the worker reads configuration). */
export function createActivities(deps: ActivityDeps) {
  return { ...createDeadlineActivities(deps.calendar), ...createRecordActivities(deps.prisma) };
}

export type YifaActivities = ReturnType<typeof createActivities>;
