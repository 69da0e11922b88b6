#!/usr/bin/env node
// `npm run db:migration:new -- <name>`: writes prisma/migrations/NNNN_<name>/migration.sql with the SQL that
// takes the existing migrations to the current schema (prisma/schema/*.prisma). Plain Node ESM; offline.
//
// How it works offline (Prisma 6.19, wasm schema engine, no engine download):
//   prisma migrate diff --from-migrations <copy> --to-schema-datamodel prisma/schema --script
// replays the existing migrations on a *shadow database* and diffs it against the schema. The wasm engine only
// reaches databases through the driver adapter of a Prisma config file, so this script writes a throwaway
// config (in a temp folder, imports by absolute file URL) whose adapter is PGlite in memory. Three snags:
//   - `--from-migrations` needs a migration_lock.toml, which this project does not keep (migrations are applied
//     by prisma/migrate.ts): the migrations are copied to the temp folder with one (provider = "postgresql").
//   - The engine sends each migration to the shadow database as one multi-statement executeRaw, which PGlite's
//     prepared-statement path refuses ("cannot insert multiple commands into a prepared statement"): the shadow
//     adapter runs parameterless executeRaw calls through PGlite's exec() (the simple protocol) instead.
//   - `--from-schema-datasource` / `--from-url` are refused when the config defines an adapter, so the shadow
//     database is the only way to get the migrations' state.
// DATABASE_URL must be set whenever the Prisma CLI runs (see TECH.md): a dummy value is used; nothing connects.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const schemaArg = args.indexOf('--schema'); // for the script's own checks: diff against another schema file
let schemaPath = join(root, 'prisma', 'schema');
if (schemaArg !== -1) {
  schemaPath = resolve(args[schemaArg + 1] ?? '');
  args.splice(schemaArg, 2);
}
const dryRun = args.includes('--print');
const rawName = args.filter((a) => !a.startsWith('--')).join('_');
const migrationsDir = join(root, 'prisma', 'migrations');

class Failure extends Error {}
function fail(msg) {
  throw new Failure(msg);
}

let work;

/** The throwaway Prisma config: PGlite in memory, with a shadow database that accepts whole scripts. */
function configSource() {
  const url = (specifier) => JSON.stringify(import.meta.resolve(specifier));
  return `import { defineConfig } from ${url('prisma/config')};
import { PGlite } from ${url('@electric-sql/pglite')};
import { PrismaPGlite } from ${url('pglite-prisma-adapter')};

// The shadow adapter runs parameterless executeRaw calls (whole migration scripts) through PGlite's exec().
async function scriptCapable(pg) {
  const adapter = await new PrismaPGlite(pg).connect();
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === 'executeRaw') {
        return async (query) => {
          if (!query.args || query.args.length === 0) {
            await pg.exec(query.sql);
            return 0;
          }
          return target.executeRaw(query);
        };
      }
      const value = target[prop];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: ${JSON.stringify(schemaPath)},
  adapter: async () => {
    const factory = new PrismaPGlite(new PGlite());
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: () => factory.connect(),
      connectToShadowDb: () => scriptCapable(new PGlite()),
    };
  },
});
`;
}

function main() {
  const name = rawName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!name)
    fail('usage: npm run db:migration:new -- <name>   (e.g. add_meeting_tables; --print to only show the SQL)');

  const existing = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(join(migrationsDir, e.name, 'migration.sql')))
        .map((e) => e.name)
        .sort()
    : [];
  const last = existing
    .map((n) => Number.parseInt(n.slice(0, 4), 10))
    .filter(Number.isFinite)
    .reduce((a, b) => Math.max(a, b), 0);
  const folderName = `${String(last + 1).padStart(4, '0')}_${name}`;

  work = mkdtempSync(join(tmpdir(), 'yifa-migration-'));
  const migCopy = join(work, 'migrations');
  mkdirSync(migCopy);
  for (const n of existing) cpSync(join(migrationsDir, n), join(migCopy, n), { recursive: true });
  writeFileSync(join(migCopy, 'migration_lock.toml'), 'provider = "postgresql"\n');
  const configPath = join(work, 'prisma.config.mjs');
  writeFileSync(configPath, configSource());

  const outFile = join(work, 'migration.sql');
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'prisma', 'build', 'index.js'),
      'migrate',
      'diff',
      '--config',
      configPath,
      '--from-migrations',
      migCopy,
      '--to-schema-datamodel',
      schemaPath,
      '--script',
      '--output',
      outFile,
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL || 'postgresql://yifa@localhost:5432/yifa',
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
      },
      timeout: 180_000,
    },
  );
  if (r.error || r.status !== 0 || !existsSync(outFile)) {
    fail(
      `prisma migrate diff failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${r.stdout ?? ''}${r.stderr ?? ''}`,
    );
  }
  const sql = readFileSync(outFile, 'utf8');
  if (!sql.replace(/--[^\n]*/g, '').trim()) {
    console.log(`[db:migration:new] The migrations already match ${schemaPath}: nothing to write.`);
    return;
  }
  if (dryRun) {
    process.stdout.write(sql);
    return;
  }
  const target = join(migrationsDir, folderName);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'migration.sql'), sql);
  console.log(
    `[db:migration:new] Wrote prisma/migrations/${folderName}/migration.sql: review it, then npm run db:migrate.`,
  );
}

let exitCode = 0;
try {
  main();
} catch (error) {
  if (!(error instanceof Failure)) throw error;
  console.error(`[db:migration:new] ${error.message}`);
  exitCode = 1;
} finally {
  if (work) rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
