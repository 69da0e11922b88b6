import { openDatabase, type Database } from '../../prisma/database.js';
import { applyMigrations } from '../../prisma/migrate.js';
import { seedDemoOrganisation } from '../../prisma/seed.js';
import { seedEscalation } from '../../prisma/seed-escalation.js';
import { seedLegalCenter } from '../../prisma/seed-legal-center.js';
import { databaseCalendarSource, seedCalendarYears, type CalendarSource } from '../../records/calendar-source.js';

/** A migrated and seeded database: in-memory PGlite unless a URL is given. */
export async function testDatabase(url = 'pglite:memory'): Promise<Database & { calendar: CalendarSource }> {
  const db = await openDatabase(url);
  await applyMigrations(db);
  await seedDemoOrganisation(db.prisma);
  await seedEscalation(db.prisma);
  await seedLegalCenter(db.prisma);
  await seedCalendarYears(db.prisma);
  const calendar = databaseCalendarSource(db.prisma);
  return Object.assign(db, { calendar });
}
