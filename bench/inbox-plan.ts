/**
 * The plan PostgreSQL chooses for the reviewer's inbox page (issue 13: 110 ms at 10,000 open decisions): the
 * read model seeded like `npm run bench` (three tasks per decision, every reviewer task named to one of 20
 * reviewers), then EXPLAIN ANALYZE of the page query the inbox runs. Run: npx tsx bench/inbox-plan.ts [decisions=10000]
 */
import { openDatabase } from '../prisma/database.js';
import { applyMigrations } from '../prisma/migrate.js';
import { seedDemoOrganisation } from '../prisma/seed.js';

const n = Number(process.argv[2] ?? 10000);
const db = await openDatabase(process.env.DATABASE_URL ?? 'pglite:memory');
await applyMigrations(db);
await seedDemoOrganisation(db.prisma);
const depts = ['fgw', 'sthjj', 'zjj', 'jtysj', 'jyj', 'scjgj', 'zrzyj', 'czj'];
const now = Date.now();
for (let i = 0; i < n; i += 1000) {
  const batch = Array.from({ length: Math.min(1000, n - i) }, (_, j) => i + j);
  await db.prisma.decision.createMany({
    data: batch.map((k) => ({
      id: `plan-d${k}`,
      number: `JC-2025-${String(k + 1).padStart(5, '0')}`,
      year: 2025,
      seq: k + 1,
      title: `规模测试决策${k + 1}`,
      matterType: 'public_services',
      summary: '规模测试',
      launch: {},
      leadDepartmentId: `dept-${depts[k % depts.length]}`,
      confidential: false,
      stage: 'launch',
      status: 'active',
      workflowId: `plan-wf-${k}`,
      createdById: 'user-admin',
    })),
  });
  await db.prisma.task.createMany({
    data: batch.flatMap((k) =>
      [0, 1, 2].map((t) => ({
        id: `plan-wf-${k}:s${t}`,
        workflowId: `plan-wf-${k}`,
        decisionId: `plan-d${k}`,
        kind: 'submit_draft',
        stage: 'launch',
        role: t === 2 ? 'reviewer' : 'drafter',
        departmentId: t === 2 ? null : `dept-${depts[k % depts.length]}`,
        assigneeUserId: t === 2 ? `user-reviewer${String((k % 20) + 1).padStart(2, '0')}` : null,
        status: t === 0 ? 'done' : 'open',
        openedAt: new Date(now),
        dueAt: new Date(now + ((k % 40) - 10) * 86_400_000),
      })),
    ),
  });
}
await db.prisma.$executeRawUnsafe('ANALYZE "Task"');
// The inbox's page query as the API sends it (api/services/read-decisions.ts `inbox`, `whoseTasks`).
const page = `SELECT "id" FROM "Task" WHERE "status" = 'open' AND ("assigneeUserId" = 'user-reviewer01' OR
  ("assigneeUserId" IS NULL AND "role" IN ('reviewer') AND ("departmentId" IS NULL OR "departmentId" = 'dept-sfj')))
  ORDER BY "dueAt" ASC, "id" ASC LIMIT 50 OFFSET 0`;
const count = `SELECT COUNT(*) FROM "Task" WHERE "status" = 'open' AND ("assigneeUserId" = 'user-reviewer01' OR
  ("assigneeUserId" IS NULL AND "role" IN ('reviewer') AND ("departmentId" IS NULL OR "departmentId" = 'dept-sfj')))`;
for (const [name, sql] of [
  ['page', page],
  ['count', count],
]) {
  const plan = await db.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN ANALYZE ${sql}`);
  console.log(`-- ${name} (${n * 3} tasks on ${db.kind})`);
  for (const line of plan) console.log(line['QUERY PLAN']);
}
await db.close();
