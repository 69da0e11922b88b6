/**
 * The read model under a year's load: list decisions and an inbox with thousands of tasks on PGlite
 * (or PostgreSQL with DATABASE_URL). Run: npx tsx bench/inbox.ts [decisions=2000]
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../prisma/database.js';
import { applyMigrations } from '../prisma/migrate.js';
import { seedDemoOrganisation } from '../prisma/seed.js';
import { listDecisions } from '../api/services/read-decisions.js';
import { listInbox } from '../api/services/inbox.js';
import { listOverdue } from '../api/services/supervision-overdue.js';
import type { ServiceContext, SessionUser } from '../api/services/context.js';
import { DEFAULT_PROCEDURE_CONFIG } from '../domain/config.js';

const n = Number(process.argv[2] ?? 2000);
const db = await openDatabase(process.env.DATABASE_URL ?? 'pglite:memory');
await applyMigrations(db);
await seedDemoOrganisation(db.prisma);
const depts = ['fgw', 'sthjj', 'zjj', 'jtysj', 'jyj', 'scjgj', 'zrzyj', 'czj'];
const kinds = ['submit_draft', 'record_expert_opinions', 'review_legality', 'publish_decision'];
for (let i = 0; i < n; i += 500) {
  const batch = Array.from({ length: Math.min(500, n - i) }, (_, j) => i + j);
  await db.prisma.decision.createMany({
    data: batch.map((k) => ({
      id: `d${k}`,
      number: `JC-2026-${String(k + 1).padStart(4, '0')}`,
      year: 2026,
      seq: k + 1,
      title: `决策${k}`,
      matterType: 'public_services',
      summary: '…',
      launch: {},
      leadDepartmentId: `dept-${depts[k % 8]}`,
      confidential: k % 10 === 0,
      stage: 'legality_review',
      status: 'active',
      workflowId: `JC-2026-${k}`,
      createdById: 'user-admin',
    })),
  });
  await db.prisma.task.createMany({
    data: batch.flatMap((k) =>
      [0, 1, 2].map((t) => ({
        id: `JC-2026-${k}:s${t}`,
        workflowId: `JC-2026-${k}`,
        decisionId: `d${k}`,
        kind: kinds[(k + t) % 4],
        stage: 'legality_review',
        role: (t === 2 ? 'reviewer' : 'drafter') as 'reviewer' | 'drafter',
        departmentId: t === 2 ? null : `dept-${depts[k % 8]}`,
        assigneeUserId: t === 2 ? `user-reviewer${String((k % 20) + 1).padStart(2, '0')}` : null,
        status: (t === 0 ? 'done' : 'open') as 'done' | 'open',
        openedAt: new Date(),
        dueAt: new Date(Date.now() + ((k % 30) - 10) * 86400_000),
      })),
    ),
  });
}
const ctx = { prisma: db.prisma, procedureConfig: DEFAULT_PROCEDURE_CONFIG } as unknown as ServiceContext;
const drafter: SessionUser = {
  id: 'user-drafter.fgw',
  username: 'drafter.fgw',
  displayName: '',
  departmentId: 'dept-fgw',
  roles: ['drafter'],
};
const reviewer: SessionUser = {
  id: 'user-reviewer01',
  username: 'reviewer01',
  displayName: '',
  departmentId: 'dept-sfj',
  roles: ['reviewer'],
};

async function time(name: string, runs: number, fn: () => Promise<unknown>) {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  console.log(`${name.padEnd(40)} ${((performance.now() - t0) / runs).toFixed(1).padStart(7)} ms`);
}
console.log(`${n} decisions, ${n * 3} tasks on ${db.kind}`);
await time('list decisions, page 1 (drafter)', 20, () => listDecisions(ctx, drafter, { page: 1, pageSize: 50 }));
await time('list decisions, search "决策12"', 20, () =>
  listDecisions(ctx, drafter, { page: 1, pageSize: 50, q: '决策12' }),
);
await time('inbox (drafter, department tasks)', 20, () => listInbox(ctx, drafter));
await time('inbox (reviewer, assigned tasks)', 20, () => listInbox(ctx, reviewer));
// Issue 16 §1: the lists' filters, sorts and counts.
await time('inbox, done, by completion (drafter)', 20, () =>
  listInbox(ctx, drafter, { status: 'done', sort: 'completed', dir: 'desc' }),
);
await time('inbox, overdue, by number (drafter)', 20, () =>
  listInbox(ctx, drafter, { due: 'overdue', sort: 'number', dir: 'desc' }),
);
await time('inbox, search "决策12" (drafter)', 20, () => listInbox(ctx, drafter, { q: '决策12' }));
await time('decisions, stage filter, page 20 (drafter)', 20, () =>
  listDecisions(ctx, drafter, { stage: 'legality_review', page: 20 }),
);
await time('overdue board, page 1 of 50', 20, () => listOverdue(ctx, { pageSize: 50 }));
await time('overdue board, ≥ 5 working days, by number', 20, () =>
  listOverdue(ctx, { minWorkingDaysOverdue: 5, sort: 'number' }),
);
// What the planner does with the filters and orders migration 0025 indexed.
for (const sql of [
  `SELECT id FROM "Decision" WHERE stage = 'legality_review' ORDER BY year DESC, seq DESC LIMIT 20`,
  `SELECT id FROM "Task" WHERE "completedById" = 'user-drafter.fgw' ORDER BY "completedAt" DESC LIMIT 20`,
  `SELECT id FROM "Task" WHERE kind = 'publish_decision' AND status = 'open'`,
  `SELECT seq FROM "AuditEvent" WHERE "actorUserId" = 'user-admin' ORDER BY seq DESC LIMIT 50`,
]) {
  const plan = await db.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN ${sql}`);
  console.log(`${sql}\n  ${plan.map((p) => p['QUERY PLAN']).join('\n  ')}`);
}
await db.close();
