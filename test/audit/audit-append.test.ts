/**
 * Appending to the audit chains (records/audit.ts): the scopes' locks in one statement, the stored keys and the
 * chains' heads read together. Many transactions appending at once to the same chains leave each chain gap-free
 * and verifiable with every key once; a key already stored (or twice in one batch) is written once. On PGlite and,
 * with TEST_DATABASE_URL, on PostgreSQL, where the transactions really run side by side.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_SCOPE } from '../../domain/audit-events.js';
import { openDatabase, type Database } from '../../prisma/database.js';
import { applyMigrations } from '../../prisma/migrate.js';
import { appendAudit, appendAuditMany, engineActor, type AuditInput } from '../../records/audit.js';
import { verifyAuditChain } from '../../records/audit-verify.js';
import { freshPostgresDatabase } from '../support/postgres.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const backends: Array<{ name: string; open: () => Promise<{ url: string; drop(): Promise<void> }> }> = [
  {
    name: 'PGlite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'yifa-audit-append-'));
      return { url: `pglite:${dir}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(serverUrl ? [{ name: 'PostgreSQL', open: () => freshPostgresDatabase(serverUrl) }] : []),
];

/** An engine event on a task of the decision (its chain), or with no decision (the city's chain). */
const overdue = (key: string, decisionId: string | null): AuditInput => ({
  idempotencyKey: key,
  at: new Date('2026-12-01T08:00:00.000Z'),
  actor: engineActor,
  action: 'task.overdue',
  decisionId,
  subjectType: 'task',
  subjectId: `${decisionId ?? 'city'}:${key}`,
  data: { dueAt: '2026-11-30T10:00:00.000Z' },
});

describe.each(backends)('appending to the audit chains on $name', ({ open }) => {
  let where: { url: string; drop(): Promise<void> };
  let db: Database;
  beforeAll(async () => {
    where = await open();
    db = await openDatabase(where.url);
    await applyMigrations(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await where?.drop();
  });

  const chain = (scope: string) =>
    db.prisma.auditEvent.findMany({
      where: { scope },
      orderBy: { scopeSeq: 'asc' },
      select: { idempotencyKey: true, scopeSeq: true },
    });

  it('keeps each chain gap-free and verifiable when 24 transactions append to two chains at once', async () => {
    const writes = Array.from({ length: 24 }, (_, i) =>
      db.prisma.$transaction((tx) =>
        i % 3 === 0
          ? appendAudit(tx, overdue(`append-single-${i}`, 'd-append')).then((fresh) => [fresh])
          : // A transition's batch: an event in each chain, the decision's first.
            appendAuditMany(tx, [overdue(`append-a-${i}`, 'd-append'), overdue(`append-b-${i}`, null)]),
      ),
    );
    const fresh = await Promise.all(writes);
    expect(fresh.flat().every(Boolean)).toBe(true);

    const decision = await chain('decision:d-append');
    expect(decision.map((e) => e.scopeSeq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(decision.map((e) => e.idempotencyKey)).size).toBe(24);
    expect((await chain(CITY_SCOPE)).map((e) => e.scopeSeq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    for (const scope of ['decision:d-append', CITY_SCOPE])
      expect(await verifyAuditChain(db.prisma, { scope })).toMatchObject({ ok: true });
  });

  it('writes a stored key, or a key twice in one batch, once and says which were fresh', async () => {
    const before = await chain('decision:d-again');
    expect(before).toEqual([]);
    expect(await db.prisma.$transaction((tx) => appendAudit(tx, overdue('again-1', 'd-again')))).toBe(true);
    expect(await db.prisma.$transaction((tx) => appendAudit(tx, overdue('again-1', 'd-again')))).toBe(false);
    const fresh = await db.prisma.$transaction((tx) =>
      appendAuditMany(tx, [
        overdue('again-1', 'd-again'),
        overdue('again-2', 'd-again'),
        overdue('again-2', 'd-again'),
        overdue('again-3', 'd-again'),
      ]),
    );
    expect(fresh).toEqual([false, true, false, true]);
    const rows = await chain('decision:d-again');
    expect(rows).toEqual([
      { idempotencyKey: 'again-1', scopeSeq: 1 },
      { idempotencyKey: 'again-2', scopeSeq: 2 },
      { idempotencyKey: 'again-3', scopeSeq: 3 },
    ]);
    expect(await verifyAuditChain(db.prisma, { scope: 'decision:d-again' })).toMatchObject({ ok: true });
  });
});
