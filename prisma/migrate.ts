/**
 * The migration runner, one for PGlite and PostgreSQL alike (`prisma migrate deploy` hangs with PGlite 0.5 and
 * fails on PostgreSQL 15: see TECH.md).
 *
 * - Migrations are prisma/migrations/<NNNN_name>/migration.sql, applied in name order.
 * - Applied ones are recorded in `_yifa_migrations` (name, sha256 checksum, applied_at). The checksum is the
 *   SHA-256 of the file with CRLF line ends read as LF (a Windows checkout does not change it).
 * - An applied migration whose file changed is refused (throws) before anything is applied: write a new
 *   migration instead.
 * - Each new migration runs in its own transaction together with its record, so it applies wholly or not at
 *   all. Statements that PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM…) are
 *   therefore not allowed in migrations.
 * - Every transaction first takes a transaction-level advisory lock and re-reads the record, so two processes
 *   starting against one PostgreSQL serialise: the second finds the migration applied and skips it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';
import { rehashLegacyAuditEvents } from '../activities/audit-migrate.js';

/** prisma/migrations beside this file. */
export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Key of the advisory lock (any fixed bigint; 'yifa' in ASCII). */
const LOCK_KEY = 0x79696661;

/** Transaction limits: a migration may wait for another process's and may take a while itself. */
const TX_OPTIONS = { maxWait: 60_000, timeout: 10 * 60_000 };

export interface MigrationFile {
  name: string;
  checksum: string;
  sql: string;
}

export interface ApplyOptions {
  /** Defaults to prisma/migrations. */
  folder?: string;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

/** The migrations on disk, in order. */
export function readMigrations(folder: string = migrationsFolder): MigrationFile[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(folder, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(folder, name, 'migration.sql'), 'utf8');
      return { name, checksum: checksumOf(sql), sql };
    });
}

/**
 * Splits a SQL script into statements at top-level semicolons, respecting quotes ('…', E'…', "…"),
 * dollar-quoted bodies ($$…$$, $tag$…$tag$) and comments (-- and nested /* *\/). Statements are run one by one
 * because the drivers' parameterised query path accepts one statement per call.
 */
export function splitSqlStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  const push = (end: number) => {
    const stmt = script.slice(start, end).trim();
    if (stmt && !isOnlyComments(stmt)) out.push(stmt);
  };
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const eol = script.indexOf('\n', i);
      i = eol === -1 ? n : eol + 1;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (script[i] === '/' && script[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (script[i] === '*' && script[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'") {
      const escapes = i > 0 && /[eE]/.test(script[i - 1]) && (i < 2 || !/[\w$]/.test(script[i - 2]));
      i++;
      while (i < n) {
        if (escapes && script[i] === '\\') {
          i += 2;
          continue;
        }
        if (script[i] === "'") {
          if (script[i + 1] === "'") {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      i++;
    } else if (c === '"') {
      i++;
      while (i < n) {
        if (script[i] === '"') {
          if (script[i + 1] === '"') {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      i++;
    } else if (c === '$' && (i === 0 || !/[\w$]/.test(script[i - 1]))) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i));
      if (m) {
        const tag = m[0];
        const close = script.indexOf(tag, i + tag.length);
        i = close === -1 ? n : close + tag.length;
      } else {
        i++;
      }
    } else if (c === ';') {
      push(i);
      i++;
      start = i;
    } else {
      i++;
    }
  }
  push(n);
  return out;
}

function isOnlyComments(stmt: string): boolean {
  return (
    stmt
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim() === ''
  );
}

interface AppliedRow {
  name: string;
  checksum: string;
}

/**
 * Applies the migrations the database has not seen, each in its own transaction; returns their names (empty
 * when the database is up to date). Throws, applying nothing, when an applied migration's file changed.
 */
export async function applyMigrations(db: Database, options: ApplyOptions = {}): Promise<string[]> {
  const { prisma } = db;
  const migrations = readMigrations(options.folder);

  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    await tx.$executeRawUnsafe(
      `CREATE TABLE IF NOT EXISTS "_yifa_migrations" (
         "name" TEXT PRIMARY KEY,
         "checksum" TEXT NOT NULL,
         "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now()
       )`,
    );
  }, TX_OPTIONS);

  const applied = await prisma.$queryRawUnsafe<AppliedRow[]>(
    `SELECT "name", "checksum" FROM "_yifa_migrations" ORDER BY "name"`,
  );
  assertUnchanged(applied, migrations);
  const done = new Set(applied.map((r) => r.name));

  const appliedNow: string[] = [];
  for (const m of migrations) {
    if (done.has(m.name)) continue;
    const statements = splitSqlStatements(m.sql);
    const ran = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
      // Another process may have applied it while we waited for the lock.
      const existing = await tx.$queryRawUnsafe<AppliedRow[]>(
        `SELECT "name", "checksum" FROM "_yifa_migrations" WHERE "name" = $1`,
        m.name,
      );
      if (existing.length > 0) {
        assertUnchanged(existing, [m]);
        return false;
      }
      for (const [index, statement] of statements.entries()) {
        try {
          await tx.$executeRawUnsafe(statement);
        } catch (error) {
          throw new Error(
            `Migration ${m.name} failed at statement ${index + 1} of ${statements.length}: ${messageOf(error)}\n` +
              `${statement.slice(0, 500)}`,
            { cause: error },
          );
        }
      }
      await tx.$executeRawUnsafe(
        `INSERT INTO "_yifa_migrations" ("name", "checksum") VALUES ($1, $2)`,
        m.name,
        m.checksum,
      );
      return true;
    }, TX_OPTIONS);
    if (ran) appliedNow.push(m.name);
  }
  // Audit events written before 0007 join the canonical chain once (activities/audit-migrate.ts).
  await rehashLegacyAuditEvents(prisma);
  return appliedNow;
}

/** Names of the applied migrations, in order (empty when the table does not exist yet). */
export async function appliedMigrations(db: Database): Promise<string[]> {
  const [{ exists }] = await db.prisma.$queryRawUnsafe<Array<{ exists: boolean }>>(
    `SELECT to_regclass('"_yifa_migrations"') IS NOT NULL AS "exists"`,
  );
  if (!exists) return [];
  const rows = await db.prisma.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT "name" FROM "_yifa_migrations" ORDER BY "name"`,
  );
  return rows.map((r) => r.name);
}

function assertUnchanged(applied: AppliedRow[], onDisk: MigrationFile[]): void {
  const byName = new Map(onDisk.map((m) => [m.name, m]));
  const changed = applied.filter((r) => {
    const m = byName.get(r.name);
    return m !== undefined && m.checksum !== r.checksum;
  });
  if (changed.length > 0) {
    throw new Error(
      `Refusing to migrate: applied migration${changed.length > 1 ? 's' : ''} ` +
        `${changed.map((r) => r.name).join(', ')} changed on disk since ${changed.length > 1 ? 'they were' : 'it was'} ` +
        `applied (checksum differs). Restore the file and put the change in a new migration ` +
        `(npm run db:migration:new -- <name>).`,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
