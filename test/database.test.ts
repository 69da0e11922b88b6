import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from './support/tools.js';
import { openDatabase, type Database } from '../prisma/database.js';
import {
  applyMigrations,
  appliedMigrations,
  migrationsFolder,
  readMigrations,
  splitSqlStatements,
} from '../prisma/migrate.js';
import { demoPassword, seedDemoOrganisation } from '../prisma/seed.js';

const SLOW = { timeout: 120_000 };
const allMigrations = readMigrations().map((m) => m.name);

/** What every database must show after migration and seed, whichever kind it is. */
async function expectDemoOrganisation(db: Database): Promise<void> {
  const { prisma } = db;
  const first = await seedDemoOrganisation(prisma);
  expect(first.created).toBe(true);

  const departments = await prisma.department.findMany();
  expect(departments).toHaveLength(11);
  const byKind = (kind: string) => departments.filter((d) => d.kind === kind);
  expect(byKind('drafting')).toHaveLength(8);
  expect(byKind('justice').map((d) => d.id)).toEqual(['dept-sfj']);
  expect(byKind('general_office')).toHaveLength(1);
  expect(byKind('government')).toHaveLength(1);
  expect(departments.map((d) => d.code)).toEqual(
    expect.arrayContaining(['fgw', 'sthjj', 'zjj', 'jtysj', 'jyj', 'scjgj', 'zrzyj', 'czj']),
  );

  // Every drafting department has a vice mayor (a leader of the government) as principal leader.
  const leaders = await prisma.user.findMany({ where: { roles: { some: { role: 'leader' } } } });
  const viceMayors = leaders.filter((u) => u.username.startsWith('vicemayor'));
  expect(leaders).toHaveLength(4);
  expect(viceMayors).toHaveLength(3);
  for (const d of byKind('drafting')) {
    expect(viceMayors.map((u) => u.id)).toContain(d.principalLeaderId);
  }
  // …and each vice mayor leads at least one department.
  for (const vm of viceMayors) {
    expect(byKind('drafting').some((d) => d.principalLeaderId === vm.id)).toBe(true);
  }

  const roleCount = async (
    role: 'drafter' | 'dept_head' | 'reviewer' | 'director' | 'secretary' | 'supervisor' | 'leader' | 'admin',
  ) => prisma.userRole.count({ where: { role } });
  expect(await prisma.user.count()).toBe(first.logins.length);
  expect(await roleCount('drafter')).toBe(8);
  expect(await roleCount('dept_head')).toBe(8);
  expect(await roleCount('reviewer')).toBe(20);
  expect(await roleCount('director')).toBe(1);
  expect(await roleCount('supervisor')).toBe(2);
  expect(await roleCount('secretary')).toBe(2);
  expect(await roleCount('leader')).toBe(4);
  expect(await roleCount('admin')).toBe(1);

  // Each drafting department has its drafter and head, deterministic ids, Chinese display names.
  const drafter = await prisma.user.findUniqueOrThrow({
    where: { id: 'user-drafter.fgw' },
    include: { roles: true, department: true },
  });
  expect(drafter.department.id).toBe('dept-fgw');
  expect(drafter.displayName).toBe('发改委经办人');
  expect(drafter.roles.map((r) => r.role)).toEqual(['drafter']);
  const reviewer20 = await prisma.user.findUniqueOrThrow({ where: { username: 'reviewer20' } });
  expect(reviewer20.departmentId).toBe('dept-sfj');
  const secretary = await prisma.user.findUniqueOrThrow({
    where: { username: 'secretary2' },
    include: { department: true },
  });
  expect(secretary.department.kind).toBe('general_office');

  // A demo login verifies with argon2; a wrong password does not.
  const login = first.logins.find((l) => l.username === 'head.czj');
  expect(login).toMatchObject({ password: demoPassword, roles: ['dept_head'], department: 'czj' });
  const head = await prisma.user.findUniqueOrThrow({ where: { username: 'head.czj' } });
  expect(head.passwordHash).toMatch(/^\$argon2id\$/);
  expect(await verify(head.passwordHash, login!.password)).toBe(true);
  expect(await verify(head.passwordHash, 'not-the-password')).toBe(false);

  // The second run creates nothing and returns the same logins.
  const second = await seedDemoOrganisation(prisma);
  expect(second.created).toBe(false);
  expect(second.logins).toEqual(first.logins);
  expect(await prisma.department.count()).toBe(11);
  expect(await prisma.user.count()).toBe(first.logins.length);
}

/** Interactive transactions commit, and roll back on a throw. */
async function expectInteractiveTransactions(db: Database): Promise<void> {
  const { prisma } = db;
  await prisma.$transaction(async (tx) => {
    const row = await tx.decisionSequence.create({ data: { year: 2026, lastSeq: 1 } });
    await tx.decisionSequence.update({ where: { year: row.year }, data: { lastSeq: { increment: 1 } } });
  });
  expect((await prisma.decisionSequence.findUniqueOrThrow({ where: { year: 2026 } })).lastSeq).toBe(2);

  await expect(
    prisma.$transaction(async (tx) => {
      await tx.decisionSequence.update({ where: { year: 2026 }, data: { lastSeq: 99 } });
      await tx.decisionSequence.create({ data: { year: 2027, lastSeq: 1 } });
      throw new Error('abort');
    }),
  ).rejects.toThrow('abort');
  expect((await prisma.decisionSequence.findUniqueOrThrow({ where: { year: 2026 } })).lastSeq).toBe(2);
  expect(await prisma.decisionSequence.findUnique({ where: { year: 2027 } })).toBeNull();
  await prisma.decisionSequence.deleteMany({});
}

describe('migrations on PGlite', SLOW, () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase('pglite:memory');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it('apply every migration to a fresh in-memory PGlite, then apply nothing on the second run', async () => {
    expect(db.kind).toBe('pglite');
    expect(await appliedMigrations(db)).toEqual([]);
    expect(await applyMigrations(db)).toEqual(allMigrations);
    expect(allMigrations[0]).toBe('0001_init');
    expect(await applyMigrations(db)).toEqual([]);
    expect(await appliedMigrations(db)).toEqual(allMigrations);
    const rows = await db.prisma.$queryRawUnsafe<Array<{ name: string; checksum: string; applied_at: Date }>>(
      'SELECT name, checksum, applied_at FROM "_yifa_migrations" ORDER BY name',
    );
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].applied_at).toBeInstanceOf(Date);
  });

  it('run interactive transactions that commit and roll back', async () => {
    await expectInteractiveTransactions(db);
  });

  it('create the demo organisation once', async () => {
    await expectDemoOrganisation(db);
  });
});

describe('the migration runner', SLOW, () => {
  let folder: string;
  let db: Database;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'yifa-migrations-test-'));
    cpSync(migrationsFolder, folder, { recursive: true });
    db = await openDatabase('pglite:memory');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses to run when an applied migration changed, and applies nothing new alongside it', async () => {
    expect(await applyMigrations(db, { folder })).toEqual(allMigrations);
    const first = join(folder, allMigrations[0], 'migration.sql');
    writeFileSync(first, `${readFileSync(first, 'utf8')}\n-- edited after it was applied\n`);
    mkdirSync(join(folder, '9999_later'));
    writeFileSync(join(folder, '9999_later', 'migration.sql'), 'CREATE TABLE "Later" ("id" TEXT PRIMARY KEY);');

    await expect(applyMigrations(db, { folder })).rejects.toThrow(/0001_init changed on disk/);
    expect(await appliedMigrations(db)).toEqual(allMigrations);
  });

  it('applies a new migration wholly or not at all', async () => {
    const first = join(folder, allMigrations[0], 'migration.sql');
    writeFileSync(first, readFileSync(join(migrationsFolder, allMigrations[0], 'migration.sql')));
    writeFileSync(
      join(folder, '9999_later', 'migration.sql'),
      'CREATE TABLE "Later" ("id" TEXT PRIMARY KEY);\nINSERT INTO "NoSuchTable" VALUES (1);',
    );
    await expect(applyMigrations(db, { folder })).rejects.toThrow(/9999_later failed at statement 2 of 2/);
    const [{ later }] = await db.prisma.$queryRawUnsafe<Array<{ later: string | null }>>(
      `SELECT to_regclass('"Later"')::text AS later`,
    );
    expect(later).toBeNull();

    writeFileSync(
      join(folder, '9999_later', 'migration.sql'),
      `-- a function body with semicolons
CREATE TABLE "Later" ("id" TEXT PRIMARY KEY, "note" TEXT DEFAULT 'a;b');
CREATE FUNCTION later_count() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM "Later"); END; $$;`,
    );
    expect(await applyMigrations(db, { folder })).toEqual(['9999_later']);
    expect(await applyMigrations(db, { folder })).toEqual([]);
  });

  it('splits scripts at top-level semicolons only', () => {
    expect(
      splitSqlStatements(`-- c; comment
SELECT 'a;''b'; /* x; /* nested; */ y; */ SELECT "se;mi";
SELECT E'it\\'s;'; DO $body$ BEGIN PERFORM 1; END $body$;
;`),
    ).toEqual([
      `-- c; comment\nSELECT 'a;''b'`,
      `/* x; /* nested; */ y; */ SELECT "se;mi"`,
      `SELECT E'it\\'s;'`,
      'DO $body$ BEGIN PERFORM 1; END $body$',
    ]);
  });
});

/**
 * Against a real PostgreSQL when TEST_DATABASE_URL is set (CI sets it): a uniquely named database is created
 * and dropped afterwards; a role without CREATEDB gets the given database's public schema reset instead.
 */
const pgUrl = process.env.TEST_DATABASE_URL;
describe.runIf(needs('postgresql', 'migrations and seed on PostgreSQL'))(
  'migrations and seed on PostgreSQL',
  SLOW,
  () => {
    let url: string;
    let dropDatabase: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      const name = `yifa_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
        const u = new URL(pgUrl!);
        u.pathname = `/${name}`;
        url = u.toString();
        dropDatabase = async () => {
          const c = new pg.Client({ connectionString: pgUrl });
          await c.connect();
          try {
            await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          } finally {
            await c.end();
          }
        };
      } catch (error) {
        if ((error as { code?: string }).code !== '42501') throw error; // insufficient privilege: reset instead
        await admin.query(
          'DROP SCHEMA IF EXISTS public CASCADE; DROP TABLE IF EXISTS "_yifa_migrations"; CREATE SCHEMA public',
        );
        url = pgUrl!;
      } finally {
        await admin.end();
      }
    }, 60_000);
    afterAll(async () => {
      await dropDatabase?.();
    });

    it('two clients migrating one fresh database at once apply each migration once', async () => {
      const [a, b] = await Promise.all([openDatabase(url), openDatabase(url)]);
      try {
        expect(a.kind).toBe('postgres');
        const [ra, rb] = await Promise.all([applyMigrations(a), applyMigrations(b)]);
        expect([...ra, ...rb].sort()).toEqual(allMigrations);
        expect(await applyMigrations(a)).toEqual([]);
        expect(await appliedMigrations(b)).toEqual(allMigrations);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('run interactive transactions and create the demo organisation once', async () => {
      const db = await openDatabase(url);
      try {
        await expectInteractiveTransactions(db);
        await expectDemoOrganisation(db);
      } finally {
        await db.close();
      }
    });

    it('refuse a changed checksum', async () => {
      const db = await openDatabase(url);
      try {
        await db.prisma.$executeRawUnsafe(`UPDATE "_yifa_migrations" SET checksum = 'x' WHERE name = '0001_init'`);
        await expect(applyMigrations(db)).rejects.toThrow(/changed on disk/);
      } finally {
        await db.close();
      }
    });
  },
);
