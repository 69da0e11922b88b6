// The app first: its OpenAPI registry extends zod before any schema is built.
import { createApp } from '../../api/app.js';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, auditActor, engineActor, type AuditInput } from '../../records/audit.js';
import { verifyAuditChain } from '../../records/audit-verify.js';
import { runAuditWatch, startAuditWatch } from '../../records/audit-watch.js';
import { recordLaunchedDecision } from '../../records/decisions.js';
import type { ServiceContext } from '../../api/services/context.js';
import type { LaunchDecision } from '../../domain/decision/launch.js';
import { AUDIT_ACTIONS } from '../../domain/audit-events.js';
import { openDatabase, type Database } from '../../prisma/database.js';
import { applyMigrations, migrationsFolder } from '../../prisma/migrate.js';
import { seedDemoOrganisation, userId } from '../../prisma/seed.js';
import { freshPostgresDatabase } from '../support/postgres.js';

const run = promisify(execFile);
const drafter = { id: userId('drafter.jtysj'), displayName: '交通局经办人', departmentId: 'dept-jtysj' };
const launch = {
  title: '关于调整市区公交票价的决定',
  matterType: 'public_service_price',
  legalBasis: ['《价格法》第二十三条'],
  summary: '票价 1.5 元调整为 2 元',
  coDepartmentIds: [],
  plannedMeetingQuarter: '2026-Q4',
  inCatalog: true,
  catalogEntry: '2026-03',
  confidential: false,
  touchesMarketActors: false,
  specificGroups: [],
  widePublicConcern: true,
  expertArgumentation: { required: true },
  riskAssessment: { required: true },
  partyCommitteeReportRequired: true,
} as unknown as LaunchDecision;

/** A few events of a decision, with data whose key order, numbers and text jsonb does not keep as given. */
async function writeDecision(db: Database): Promise<string> {
  const d = await db.prisma.$transaction((tx) =>
    recordLaunchedDecision(tx, {
      launch,
      leadDepartmentId: drafter.departmentId,
      createdById: drafter.id,
      actor: auditActor(drafter, 'drafter'),
    }),
  );
  const events: Array<Omit<AuditInput, 'decisionId'>> = [
    {
      idempotencyKey: `task.opened:${d.id}:1`,
      at: new Date(),
      actor: engineActor,
      action: 'task.opened',
      subjectType: 'task',
      subjectId: `${d.id}:1`,
      data: {
        role: 'drafter',
        kind: 'submit_draft',
        departmentId: drafter.departmentId,
        assigneeUserId: undefined,
        due: { rule: 'config:submit_draft', provisional: false, dueAt: '2026-12-10T09:00:00.000Z' },
      },
    },
    {
      idempotencyKey: `task.completed:${d.id}:1`,
      at: new Date(),
      actor: auditActor(drafter, 'drafter'),
      action: 'task.completed.submit_draft',
      subjectType: 'task',
      subjectId: `${d.id}:1`,
      data: {
        stage: 'launch',
        kind: 'submit_draft',
        payload: {
          zeta: 1,
          alpha: [3, 1.5, 1e21, -0, null, undefined],
          é: '票价\u2028',
          nested: { b: true, a: 0.1 },
          when: new Date('2026-12-01T08:00:00Z'),
        },
      },
    },
  ];
  for (const e of events) await db.prisma.$transaction((tx) => appendAudit(tx, { ...e, decisionId: d.id }));
  return d.id;
}

/** The statement fails (PGlite's Prisma adapter drops the database's message; on PostgreSQL it is checked). */
async function refused(db: Database, sql: string, message: RegExp): Promise<void> {
  const err = await db.prisma.$executeRawUnsafe(sql).then(
    () => null,
    (e: Error) => e,
  );
  expect(err, `${sql} must be refused`).not.toBeNull();
  if (db.kind === 'postgres') expect(err!.message).toMatch(message);
}

/** Runs a change with the append-only trigger switched off, as a database owner could (break glass). */
async function tamper(db: Database, sql: string): Promise<void> {
  await db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
  try {
    await db.prisma.$executeRawUnsafe(sql);
  } finally {
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
  }
}

const serverUrl = process.env.TEST_DATABASE_URL;
const backends: Array<{ name: string; open: () => Promise<{ url: string; drop(): Promise<void> }> }> = [
  {
    name: 'PGlite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'yifa-audit-'));
      return { url: `pglite:${dir}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(serverUrl ? [{ name: 'PostgreSQL', open: () => freshPostgresDatabase(serverUrl) }] : []),
];

describe.each(backends)('the audit chain on $name', ({ open }) => {
  let where: { url: string; drop(): Promise<void> };
  let db: Database;
  let decisionId: string;
  let otherDecisionId: string;
  beforeAll(async () => {
    where = await open();
    db = await openDatabase(where.url);
    await applyMigrations(db);
    await seedDemoOrganisation(db.prisma);
    decisionId = await writeDecision(db);
    otherDecisionId = await writeDecision(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await where?.drop();
  });

  it('recomputes every hash from the rows read back from the database', async () => {
    const r = await verifyAuditChain(db.prisma);
    expect(r.firstBreak).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.events).toBeGreaterThanOrEqual(6);
    const one = await verifyAuditChain(db.prisma, { scope: `decision:${decisionId}` });
    expect(one).toMatchObject({
      ok: true,
      events: 3,
      chains: 1,
      head: { scope: `decision:${decisionId}`, scopeSeq: 3 },
    });
  });

  it('refuses an action that is not listed, data of the wrong type and a malformed actor, writing nothing', async () => {
    const before = await db.prisma.auditEvent.count();
    const base = {
      idempotencyKey: `x:${Math.random()}`,
      at: new Date(),
      actor: engineActor,
      decisionId,
      subjectType: 'decision',
      subjectId: decisionId,
    };
    await expect(
      db.prisma.$transaction((tx) => appendAudit(tx, { ...base, action: 'decision.erased' as never, data: {} })),
    ).rejects.toThrow(/not in the list of audit actions/);
    await expect(
      db.prisma.$transaction((tx) =>
        appendAudit(tx, { ...base, action: 'task.completed.no_such_kind' as never, data: {} }),
      ),
    ).rejects.toThrow(/not in the list/);
    await expect(
      db.prisma.$transaction((tx) => appendAudit(tx, { ...base, action: 'task.overdue', data: { dueAt: 42 } })),
    ).rejects.toThrow(/invalid data: dueAt/);
    await expect(
      db.prisma.$transaction((tx) =>
        appendAudit(tx, {
          ...base,
          action: 'auth.login',
          actor: { userId: null, name: 'x', role: 'drafter', departmentId: null } as never,
        }),
      ),
    ).rejects.toThrow(/invalid actor/);
    expect(await db.prisma.auditEvent.count()).toBe(before);
    expect(AUDIT_ACTIONS).toContain('procedure.stage:legality_review:done');
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table, the break-glass log and TRUNCATE on the sealed dossier', async () => {
    const before = await db.prisma.auditEvent.count();
    await refused(
      db,
      `UPDATE "AuditEvent" SET "actorName" = 'x' WHERE "decisionId" = '${decisionId}'`,
      /R38: UPDATE on table "AuditEvent" is refused/,
    );
    await refused(
      db,
      `DELETE FROM "AuditEvent" WHERE "decisionId" = '${decisionId}'`,
      /R38: DELETE on table "AuditEvent" is refused/,
    );
    await refused(db, `TRUNCATE "AuditEvent"`, /R38: TRUNCATE on table "AuditEvent" is refused/);
    await refused(db, `TRUNCATE "Dossier"`, /R28: TRUNCATE on table "Dossier" is refused/);
    await refused(db, `TRUNCATE "AuditBreakGlass"`, /TRUNCATE on table "AuditBreakGlass" is refused/);
    // Re-hashing is allowed only for a row written before 0007 (scope empty): a migrated row cannot be "re-migrated".
    await refused(
      db,
      `UPDATE "AuditEvent" SET "legacyHash" = "hash", "hash" = 'x' WHERE "decisionId" = '${decisionId}'`,
      /R38: UPDATE/,
    );
    expect(await db.prisma.auditEvent.count()).toBe(before);
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });

  it('names the event changed directly in the database, in the API, the script and a notice to the admin and supervisors', async () => {
    const target = await db.prisma.auditEvent.findFirstOrThrow({
      where: { decisionId: otherDecisionId, action: 'task.completed.submit_draft' },
    });
    await tamper(
      db,
      `UPDATE "AuditEvent" SET "data" = jsonb_set("data", '{payload,zeta}', '2') WHERE "seq" = ${target.seq}`,
    );

    const r = await verifyAuditChain(db.prisma);
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({
      seq: Number(target.seq),
      action: 'task.completed.submit_draft',
      reason: 'hash_mismatch',
      actualHash: target.hash,
    });
    expect(r.firstBreak!.expectedHash).not.toBe(target.hash);
    // The other decision's chain is intact.
    expect((await verifyAuditChain(db.prisma, { scope: `decision:${decisionId}` })).ok).toBe(true);

    // The API: the whole chain for the admin and supervisors, one decision for its readers; 403 for others.
    const ctx = {
      prisma: db.prisma,
      temporal: undefined as never,
      taskQueue: 'x',
      procedureConfig: undefined as never,
      webUiUrl: 'http://127.0.0.1:8233',
      namespace: 'default',
    } as ServiceContext;
    const server: Server = await new Promise((resolve) => {
      const s = createApp(ctx).listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const login = async (username: string) =>
        (
          (await (
            await fetch(`${base}/api/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ username, password: 'yifa-demo' }),
            })
          ).json()) as { token: string }
        ).token;
      const get = async (path: string, token: string) =>
        fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const admin = await login('admin');
      const whole = await get('/api/audit/verify', admin);
      expect(whole.status).toBe(200);
      expect(await whole.json()).toMatchObject({
        ok: false,
        rule: 'R38',
        firstBreak: {
          seq: Number(target.seq),
          action: 'task.completed.submit_draft',
          message: { zh: expect.stringContaining(`第 ${target.seq} 号`) },
        },
      });
      const drafterToken = await login('drafter.jtysj');
      expect((await get('/api/audit/verify', drafterToken)).status).toBe(403);
      const mine = await get(`/api/audit/verify?decisionId=${otherDecisionId}`, drafterToken);
      expect(await mine.json()).toMatchObject({
        ok: false,
        scope: `decision:${otherDecisionId}`,
        firstBreak: { seq: Number(target.seq) },
      });
      expect((await get('/api/audit/verify?decisionId=nope', drafterToken)).status).toBe(404);
      expect((await get('/api/audit/verify?other=1', admin)).status).toBe(400);
    } finally {
      server.close();
    }

    // The watch records the break once and tells every admin and supervisor.
    await runAuditWatch(db.prisma);
    await runAuditWatch(db.prisma);
    const notices = await db.prisma.notice.findMany({ where: { action: 'audit.break_detected' } });
    expect(notices.map((n) => n.userId).sort()).toEqual([
      userId('admin'),
      userId('supervisor1'),
      userId('supervisor2'),
    ]);
    expect(notices[0].bodyZh).toContain(`第 ${target.seq} 号`);

    // The script, on the database as stored (its own process): exit code 1 and the event's seq.
    await db.close();
    try {
      const out = await run(join('node_modules', '.bin', 'tsx'), ['scripts/audit-verify.ts', where.url]).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(`first broken event seq=${target.seq} action=task.completed.submit_draft`);
    } finally {
      db = await openDatabase(where.url);
    }
  }, 120_000);
});

describe('a deleted tail after a checkpoint, and break-glass DDL', () => {
  let db: Database;
  afterAll(async () => db?.close());

  it('reports events missing after the head a checkpoint anchored, and logs the trigger being switched off', async () => {
    db = await openDatabase('pglite:memory');
    await applyMigrations(db);
    await seedDemoOrganisation(db.prisma);
    const id = await writeDecision(db);
    const clean = await runAuditWatch(db.prisma);
    expect(clean.ok).toBe(true);
    expect(await db.prisma.auditEvent.count({ where: { action: 'audit.checkpoint' } })).toBe(1);
    const last = await db.prisma.auditEvent.findFirstOrThrow({ where: { decisionId: id }, orderBy: { seq: 'desc' } });
    await tamper(db, `DELETE FROM "AuditEvent" WHERE "seq" = ${last.seq}`);
    const r = await verifyAuditChain(db.prisma, { scope: `decision:${id}` });
    expect(r.firstBreak).toMatchObject({
      reason: 'missing_tail',
      scope: `decision:${id}`,
      scopeSeq: last.scopeSeq,
      expectedHash: last.hash,
    });
    const glass = await db.prisma.auditBreakGlass.findMany();
    expect(glass.map((g) => g.command)).toEqual(['ALTER TABLE', 'ALTER TABLE']);
    expect(glass[0].statement).toContain('DISABLE TRIGGER');
    expect(r.breakGlass).toHaveLength(2);
    // What the worker runs at start-up (and daily) reports the break in its log.
    const lines: string[] = [];
    const stop = startAuditWatch(db.prisma, (l) => lines.push(l));
    await expect
      .poll(() => lines.join('\n'), { timeout: 20_000 })
      .toMatch(new RegExp(`AUDIT CHAIN BROKEN at event #${r.firstBreak!.seq} \\(audit.checkpoint, missing_tail\\)`));
    stop();
    await refused(db, `DELETE FROM "AuditBreakGlass"`, /R38: DELETE on table "AuditBreakGlass" is refused/);
    await refused(db, `UPDATE "AuditBreakGlass" SET "role" = 'nobody'`, /R38: UPDATE/);
  }, 60_000);
});

describe('migration 0007', () => {
  let db: Database;
  let dir: string;
  afterAll(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('re-hashes events written under the old scheme, keeps their old hashes and records the migration', async () => {
    dir = mkdtempSync(join(tmpdir(), 'yifa-migrations-'));
    for (const name of readdirSync(migrationsFolder).filter((n) => n < '0007'))
      cpSync(join(migrationsFolder, name), join(dir, name), { recursive: true });
    db = await openDatabase('pglite:memory');
    await applyMigrations(db, { folder: dir });
    // The old writer: one city-wide chain, hash over JSON.stringify in the caller's key order.
    let prevHash = '0'.repeat(64);
    const legacy: string[] = [];
    for (const [i, data] of [
      { z: 1, a: { y: 2, b: 1 } },
      { kind: 'submit_draft', due: { dueAt: '2026-12-10T09:00:00.000Z' } },
    ].entries()) {
      const e = {
        idempotencyKey: `old:${i}`,
        at: new Date(Date.UTC(2026, 10, 1 + i)),
        actor: engineActor,
        action: 'task.opened',
        decisionId: null,
        subjectType: 'task',
        subjectId: `t${i}`,
      };
      const hash = createHash('sha256')
        .update(
          JSON.stringify([
            prevHash,
            e.idempotencyKey,
            e.at.toISOString(),
            e.actor,
            e.action,
            e.decisionId,
            e.subjectType,
            e.subjectId,
            data,
          ]),
        )
        .digest('hex');
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "AuditEvent" ("idempotencyKey", "at", "actorUserId", "actorName", "actorRole", "actorDepartmentId", "action", "decisionId", "subjectType", "subjectId", "data", "prevHash", "hash") VALUES ($1, $2, NULL, '系统', 'engine', NULL, 'task.opened', NULL, 'task', $3, $4::jsonb, $5, $6)`,
        e.idempotencyKey,
        e.at,
        e.subjectId,
        JSON.stringify(data),
        prevHash,
        hash,
      );
      legacy.push(hash);
      prevHash = hash;
    }
    await applyMigrations(db);
    const rows = await db.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.legacyHash)).toEqual([...legacy, null]);
    expect(rows[2]).toMatchObject({
      action: 'audit.chain_migrated',
      data: { events: 2, legacyHead: { seq: Number(rows[1].seq), hash: legacy[1] } },
    });
    expect(rows.every((r) => r.scope === 'city')).toBe(true);
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
    // Applying again changes nothing.
    await applyMigrations(db);
    expect(await db.prisma.auditEvent.count()).toBe(3);
  }, 60_000);
});
