/**
 * `npm run db:seed`: applies pending migrations, then creates the demo organisation on the first run
 * (prisma/seed.ts) and prints the demo logins. Uses DATABASE_URL, or the PGlite folder data/pglite when it is
 * unset; a URL given as the first argument wins.
 */
import { openDatabase, redactUrl } from '../prisma/database.js';
import { applyMigrations } from '../prisma/migrate.js';
import { seedDemoOrganisation } from '../prisma/seed.js';
import { seedEscalation } from '../prisma/seed-escalation.js';
import { seedLegalCenter } from '../prisma/seed-legal-center.js';

async function main(): Promise<void> {
  const db = await openDatabase(process.argv[2]);
  try {
    console.log(`Database: ${db.kind} ${redactUrl(db.url)}`);
    for (const name of await applyMigrations(db)) console.log(`Applied migration ${name}`);
    const { created, logins } = await seedDemoOrganisation(db.prisma);
    await seedEscalation(db.prisma);
    await seedLegalCenter(db.prisma);
    console.log(created ? 'Created the demo organisation.' : 'The database already has departments: nothing created.');
    console.log(`Demo logins (password ${logins[0]?.password ?? ''} for all):`);
    for (const l of logins) {
      console.log(
        `  ${l.username.padEnd(14)} ${l.roles.join(',').padEnd(11)} ${l.department.padEnd(6)} ${l.displayName}`,
      );
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
