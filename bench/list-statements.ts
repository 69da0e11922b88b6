/**
 * Issue 13: where a list request's time goes, without HTTP and session (the services called directly). The read
 * model is seeded as `npm run bench` seeds it (three tasks per decision, one done, every reviewer task named to one
 * of 20 reviewers); then each list runs `runs` times and prints, per request: wall time (p50/p99), the SQL
 * statements PGlite executed and their summed time, the Prisma operations, and the rest (Prisma's client-engine
 * work and the service's own JavaScript). The statements of one inbox request are listed once, slowest first.
 * CPU ms is the process's CPU time per request (PGlite runs in this thread), steadier than wall time on a shared
 * machine. With EXPLAIN=1 the statements of the first inbox request are also shown with EXPLAIN ANALYZE.
 * Run: npx tsx bench/list-statements.ts [decisions=10000] [runs=30]
 */
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import type { PrismaClient } from '../generated/prisma/client.js';
import { openDatabase } from '../prisma/database.js';
import { applyMigrations } from '../prisma/migrate.js';
import { seedDemoOrganisation } from '../prisma/seed.js';
import { listInbox } from '../api/services/inbox.js';
import { listDecisions } from '../api/services/read-decisions.js';
import { listOverdue } from '../api/services/supervision-overdue.js';
import type { ServiceContext, SessionUser } from '../api/services/context.js';
import { DEFAULT_PROCEDURE_CONFIG } from '../domain/config.js';

const n = Number(process.argv[2] ?? 10000);
const runs = Number(process.argv[3] ?? 30);

/**
 * Every statement PGlite runs while `recording` is on: its text and time. PGlite runs one statement at a time, so
 * a statement issued while another runs waits; its own time starts when the one before it ended.
 */
const statements: Array<{ sql: string; params: unknown[]; ms: number }> = [];
let recording = false;
let lastEnd = 0;
let pglite: PGlite | undefined;
const query = PGlite.prototype.query;
PGlite.prototype.query = async function (this: PGlite, ...args: Parameters<typeof query>) {
  pglite = this;
  const t0 = performance.now();
  try {
    return await query.apply(this, args);
  } finally {
    const end = performance.now();
    if (recording) statements.push({ sql: String(args[0]), params: args[1] ?? [], ms: end - Math.max(t0, lastEnd) });
    lastEnd = end;
  }
} as typeof query;

const db = await openDatabase('pglite:memory');
await applyMigrations(db);
await seedDemoOrganisation(db.prisma);
let prismaOps = 0;
const prisma = db.prisma.$extends({
  query: {
    $allOperations: ({ args, query: run }) => {
      if (recording) prismaOps++;
      return run(args);
    },
  },
}) as unknown as PrismaClient;

const depts = ['fgw', 'sthjj', 'zjj', 'jtysj', 'jyj', 'scjgj', 'zrzyj', 'czj'];
const kinds = ['submit_draft', 'record_expert_opinions', 'submit_risk_assessment', 'submit_for_legality_review'];
const now = Date.now();
for (let i = 0; i < n; i += 500) {
  const batch = Array.from({ length: Math.min(500, n - i) }, (_, j) => i + j);
  await db.prisma.decision.createMany({
    data: batch.map((k) => ({
      id: `bench-d${k}`,
      number: `JC-2025-${String(k + 1).padStart(5, '0')}`,
      year: 2025,
      seq: k + 1,
      title: `规模测试决策${k + 1}`,
      matterType: 'public_services',
      summary: '规模测试',
      launch: {},
      leadDepartmentId: `dept-${depts[k % depts.length]}`,
      confidential: k % 10 === 0,
      stage: k % 3 === 0 ? 'legality_review' : 'public_participation',
      status: 'active',
      workflowId: `bench-wf-${k}`,
      workflowStarted: true,
      createdById: 'user-admin',
    })),
  });
  await db.prisma.task.createMany({
    data: batch.flatMap((k) =>
      [0, 1, 2].map((t) => ({
        id: `bench-wf-${k}:s${t}`,
        workflowId: `bench-wf-${k}`,
        decisionId: `bench-d${k}`,
        kind: kinds[(k + t) % kinds.length] as string,
        stage: k % 3 === 0 ? 'legality_review' : 'public_participation',
        role: (t === 2 ? 'reviewer' : 'drafter') as 'reviewer' | 'drafter',
        departmentId: t === 2 ? null : `dept-${depts[k % depts.length]}`,
        assigneeUserId: t === 2 ? `user-reviewer${String((k % 20) + 1).padStart(2, '0')}` : null,
        status: (t === 0 ? 'done' : 'open') as 'done' | 'open',
        openedAt: new Date(now - 40 * 86_400_000),
        dueAt: new Date(now + ((k % 40) - 10) * 86_400_000),
        dueRule: 'bench',
        ...(t === 0
          ? { completedAt: new Date(now - 86_400_000), completedById: `user-drafter.${depts[k % depts.length]}` }
          : {}),
      })),
    ),
  });
}
await db.prisma.$executeRawUnsafe('ANALYZE');

const ctx = { prisma, procedureConfig: DEFAULT_PROCEDURE_CONFIG } as unknown as ServiceContext;
const user = async (username: string): Promise<SessionUser> => {
  const u = await db.prisma.user.findUniqueOrThrow({ where: { username }, include: { roles: true } });
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    departmentId: u.departmentId,
    roles: u.roles.map((r) => r.role) as SessionUser['roles'],
  };
};
const drafter = await user('drafter.fgw');
const reviewer = await user('reviewer01');
const supervisor = await user('supervisor1');

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const f1 = (x: number) => x.toFixed(1);

async function measure(name: string, fn: () => Promise<unknown>, show = false) {
  await fn();
  await fn();
  const walls: number[] = [];
  let cpu = 0;
  let stmtCount = 0;
  let stmtMs = 0;
  let ops = 0;
  for (let i = 0; i < runs; i++) {
    statements.length = 0;
    prismaOps = 0;
    recording = true;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000;
    recording = false;
    stmtCount += statements.length;
    stmtMs += statements.reduce((a, s) => a + s.ms, 0);
    ops += prismaOps;
  }
  const wallMean = walls.reduce((a, b) => a + b, 0) / runs;
  console.log(
    `| ${name} | ${f1(pct(walls, 50))} | ${f1(pct(walls, 99))} | ${f1(cpu / runs)} | ${f1(stmtCount / runs)} | ${f1(stmtMs / runs)} | ${f1(ops / runs)} | ${f1(wallMean - stmtMs / runs)} |`,
  );
  if (show) {
    for (const s of [...statements].sort((a, b) => b.ms - a.ms)) {
      detail.push(`  ${f1(s.ms).padStart(6)} ms  ${s.sql.replace(/\s+/g, ' ').slice(0, 220)}`);
      if (process.env.EXPLAIN && pglite) {
        const plan = await pglite.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${s.sql}`, s.params);
        for (const line of plan.rows) detail.push(`      ${line['QUERY PLAN']}`);
      }
    }
  }
}
const detail: string[] = [];

console.log(`${n} open decisions (${n * 3} tasks), PGlite in memory, ${runs} runs each, services called directly\n`);
console.log(
  '| request | p50 ms | p99 ms | CPU ms | statements | statement ms | Prisma ops | rest ms (mean wall − statements) |',
);
console.log('|---|---|---|---|---|---|---|---|');
await measure('inbox, page 1 of 50 (drafter)', () => listInbox(ctx, drafter, { pageSize: 50 }), true);
await measure('inbox, page 10 of 50 (drafter)', () => listInbox(ctx, drafter, { pageSize: 50, page: 10 }));
await measure('inbox, page 10, counts=false (drafter)', () =>
  listInbox(ctx, drafter, { pageSize: 50, page: 10, counts: 'false' }),
);
await measure('inbox (reviewer)', () => listInbox(ctx, reviewer, { pageSize: 50 }));
await measure('inbox, done, by completion (drafter)', () =>
  listInbox(ctx, drafter, { pageSize: 50, status: 'done', sort: 'completed', dir: 'desc' }),
);
await measure('inbox, search "决策12" (drafter)', () => listInbox(ctx, drafter, { pageSize: 50, q: '决策12' }));
await measure('decisions, page 1 (supervisor)', () => listDecisions(ctx, supervisor, { pageSize: 50 }));
await measure('decisions, search "决策12" (supervisor)', () =>
  listDecisions(ctx, supervisor, { pageSize: 50, q: '决策12' }),
);
await measure('overdue board, page 1 of 50', () => listOverdue(ctx, { pageSize: 50 }));
console.log('\nStatements of one inbox request (page 1 of 50, drafter), slowest first:');
console.log(detail.join('\n'));
await db.close();
