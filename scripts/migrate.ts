/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, or to the PGlite folder data/pglite when it
 * is unset (see prisma/database.ts for the URL forms). A URL given as the first argument wins.
 */
import { openDatabase, redactUrl } from '../prisma/database.js';
import { applyMigrations } from '../prisma/migrate.js';

async function main(): Promise<void> {
  const db = await openDatabase(process.argv[2]);
  try {
    console.log(`Database: ${db.kind} ${redactUrl(db.url)}`);
    const started = Date.now();
    const applied = await applyMigrations(db);
    if (applied.length === 0) {
      console.log('Up to date: no migration to apply.');
    } else {
      for (const name of applied) console.log(`Applied ${name}`);
      console.log(`${applied.length} migration${applied.length > 1 ? 's' : ''} applied in ${Date.now() - started} ms.`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
