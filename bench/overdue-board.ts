/**
 * The overdue board over many overdue tasks (R35/R40): `npx tsx bench/overdue-board.ts [decisions=10000]` on
 * in-memory PGlite (or DATABASE_URL). A quarter of the decisions' two open tasks each are overdue.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../prisma/database.js';
import { applyMigrations } from '../prisma/migrate.js';
import { seedDemoOrganisation } from '../prisma/seed.js';
import { listOverdue } from '../api/services/supervision-overdue.js';
import type { ServiceContext } from '../api/services/context.js';
import { DEFAULT_PROCEDURE_CONFIG } from '../domain/config.js';

const n = Number(process.argv[2] ?? 10_000);
const db = await openDatabase(process.env.DATABASE_URL ?? 'pglite:memory');
await applyMigrations(db);
await seedDemoOrganisation(db.prisma);
const depts = ['fgw', 'sthjj', 'zjj', 'jtysj', 'jyj', 'scjgj', 'zrzyj', 'czj'];
const now = Date.now();
for (let i = 0; i < n; i += 1000) {
  const batch = Array.from({ length: Math.min(1000, n - i) }, (_, j) => i + j);
  await db.prisma.decision.createMany({
    data: batch.map((k) => ({
      id: `d${k}`,
      number: `JC-2025-${String(k + 1).padStart(5, '0')}`,
      year: 2025,
      seq: k + 1,
      title: `决策${k}`,
      matterType: 'public_services',
      summary: '…',
      launch: {},
      leadDepartmentId: `dept-${depts[k % 8]}`,
      confidential: false,
      stage: 'legality_review',
      status: 'active',
      workflowId: `wf-${k}`,
      createdById: 'user-admin',
    })),
  });
  await db.prisma.task.createMany({
    data: batch.flatMap((k) =>
      [0, 1].map((t) => ({
        id: `wf-${k}:s${t}`,
        workflowId: `wf-${k}`,
        decisionId: `d${k}`,
        kind: 'submit_draft',
        stage: 'legality_review',
        role: 'drafter' as const,
        departmentId: `dept-${depts[k % 8]}`,
        status: 'open' as const,
        openedAt: new Date(now - 60 * 86_400_000),
        dueAt: new Date(now + ((k % 40) - 10) * 86_400_000),
        dueRule: 'bench',
      })),
    ),
  });
}
const ctx = { prisma: db.prisma, procedureConfig: DEFAULT_PROCEDURE_CONFIG } as unknown as ServiceContext;
const first = await listOverdue(ctx, { page: 1, pageSize: 50 });
const ms: number[] = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  await listOverdue(ctx, { page: 1, pageSize: 50 });
  ms.push(performance.now() - t0);
}
ms.sort((a, b) => a - b);
console.log(
  `${n} decisions on ${db.kind}: ${first.total} overdue tasks; board page of 50: median ${ms[5]?.toFixed(0)} ms, max ${ms[9]?.toFixed(0)} ms`,
);
await db.close();
