/**
 * What one query costs at each level of the database layer: the same reads through Prisma (findUnique, findFirst,
 * findMany with changing `take` and `in` lists, count, $queryRaw, an interactive transaction, an update), through
 * the driver adapter alone, and straight to PGlite or PostgreSQL — CPU µs of this process per query.
 *
 *   npx tsx bench/prisma-cost.ts                        PGlite in memory
 *   npx tsx bench/prisma-cost.ts postgresql://…/postgres PostgreSQL (a fresh database, dropped after)
 *
 * Two clients side by side, each in its own process (Prisma loads its query compiler once per process):
 * `plain` as prisma/database.ts opened the database before 1 Dec 2026 (a PrismaClient with the driver adapter),
 * and `layer`, opened by prisma/database.ts today (query-plan cache, PGlite's parsers installed once).
 * PRISMA_COST_N (400) queries per row after 50 to warm up. On PostgreSQL the server's own CPU is not counted.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { openDatabase, type Database } from '../prisma/database.js';
import { applyMigrations } from '../prisma/migrate.js';
import { planCacheStats } from '../prisma/plan-cache.js';
import { freshPostgresDatabase } from '../test/support/postgres.js';

const N = Number(process.env.PRISMA_COST_N ?? 400);
const WARM = 50;
const TASKS = 2000;
const VARIANTS = ['plain', 'layer'] as const;
type Variant = (typeof VARIANTS)[number];

interface Row {
  op: string;
  us: number;
}

const taskId = (i: number) => `GF-2026-${String(i % TASKS).padStart(4, '0')}:submit_draft`;

/** CPU µs of this process per call of `fn` (user + system), after a warm-up. */
async function measure(op: string, fn: (i: number) => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < WARM; i++) await fn(i);
  const start = process.cpuUsage();
  for (let i = 0; i < N; i++) await fn(WARM + i);
  const used = process.cpuUsage(start);
  return { op, us: (used.user + used.system) / N };
}

/** The database as the variant opens it; for `plain` also the driver-level handles. */
async function open(variant: Variant, url: string | undefined) {
  if (variant === 'layer') return { db: await openDatabase(url ?? 'pglite:memory') };
  const transactionOptions = { maxWait: 30_000, timeout: 60_000 } as const;
  if (url) {
    const factory = new PrismaPg({ connectionString: url });
    const prisma = new PrismaClient({ adapter: factory, transactionOptions });
    const db: Database = { prisma, kind: 'postgres', url, close: () => prisma.$disconnect() };
    return { db, factory, pool: new pg.Pool({ connectionString: url, max: 1 }) };
  }
  const pglite = await PGlite.create();
  const factory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: factory as never, transactionOptions });
  const db: Database = {
    prisma,
    kind: 'pglite',
    url: 'pglite:memory',
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
  return { db, factory, pglite };
}

async function runVariant(variant: Variant, url: string | undefined): Promise<Row[]> {
  const opened = await open(variant, url);
  const { db } = opened;
  await applyMigrations(db);
  const prisma = db.prisma;
  for (let i = 0; i < TASKS; i += 500)
    await prisma.task.createMany({
      data: Array.from({ length: 500 }, (_, j) => ({
        id: taskId(i + j),
        workflowId: `GF-2026-${i + j}`,
        reviewId: `GF-2026-${i + j}`,
        kind: 'submit_draft',
        stage: 'drafting',
        role: 'drafter' as const,
        departmentId: 'dept-fgw',
        assigneeUserId: `user-${(i + j) % 20}`,
        openedAt: new Date(Date.UTC(2026, 10, 1, 0, i + j)),
        dueAt: new Date(Date.UTC(2026, 11, 1, 0, i + j)),
      })),
    });
  const rows: Row[] = [];
  const byId = 'SELECT "id", "kind", "dueAt" FROM "Task" WHERE "id" = $1';
  rows.push(
    await measure('findUnique, a new id each time', (i) => prisma.task.findUnique({ where: { id: taskId(i) } })),
  );
  rows.push(
    await measure('findUnique, the same id each time', () => prisma.task.findUnique({ where: { id: taskId(7) } })),
  );
  rows.push(await measure('findFirst, a new id each time', (i) => prisma.task.findFirst({ where: { id: taskId(i) } })));
  rows.push(
    await measure('findUnique with `select` of 3 fields, new id', (i) =>
      prisma.task.findUnique({ where: { id: taskId(i) }, select: { id: true, kind: true, dueAt: true } }),
    ),
  );
  const page = (take: number) =>
    prisma.task.findMany({ where: { status: 'open', assigneeUserId: 'user-3' }, orderBy: { dueAt: 'asc' }, take });
  rows.push(await measure('findMany page of 20, the same query', () => page(20)));
  rows.push(await measure('findMany page, `take` one of 20 values', (i) => page(10 + (i % 20))));
  rows.push(
    await measure('findMany page, `skip` new each time', (i) =>
      prisma.task.findMany({
        where: { status: 'open' },
        orderBy: { dueAt: 'asc' },
        skip: i,
        take: 20,
      }),
    ),
  );
  rows.push(
    await measure('findMany `id in` the first 1–40 ids (40 texts)', (i) =>
      prisma.task.findMany({ where: { id: { in: Array.from({ length: 1 + (i % 40) }, (_, k) => taskId(k)) } } }),
    ),
  );
  rows.push(
    await measure('findMany `id in` 20 ids, new ids each time', (i) =>
      prisma.task.findMany({ where: { id: { in: Array.from({ length: 20 }, (_, k) => taskId(i + k)) } } }),
    ),
  );
  rows.push(
    await measure('count, assignee among 20', (i) =>
      prisma.task.count({ where: { status: 'open', assigneeUserId: `user-${i % 20}` } }),
    ),
  );
  rows.push(
    await measure('$queryRaw by id, new id', (i) => {
      const id = taskId(i);
      return prisma.$queryRaw`SELECT "id", "kind", "dueAt" FROM "Task" WHERE "id" = ${id}`;
    }),
  );
  rows.push(
    await measure('update one row, a new row each time', (i) =>
      prisma.task.update({ where: { id: taskId(i) }, data: { dueAttention: `n${i}` } }),
    ),
  );
  rows.push(
    await measure('$transaction: findUnique + update', (i) =>
      prisma.$transaction(async (tx) => {
        await tx.task.findUnique({ where: { id: taskId(i) } });
        await tx.task.update({ where: { id: taskId(i) }, data: { dueAttention: `t${i}` } });
      }),
    ),
  );
  if ('factory' in opened && opened.factory) {
    const adapter = await opened.factory.connect();
    const argTypes = [{ scalarType: 'string', dbType: 'TEXT', arity: 'scalar' }];
    rows.push(
      await measure('driver adapter queryRaw by id (no Prisma)', (i) =>
        adapter.queryRaw({ sql: byId, args: [taskId(i)], argTypes } as never),
      ),
    );
  }
  if ('pglite' in opened && opened.pglite) {
    const pglite = opened.pglite;
    const parsers = { 1184: (x: string) => x, 1114: (x: string) => x, 114: (x: string) => x, 3802: (x: string) => x };
    rows.push(
      await measure('PGlite query by id, with per-query parsers (as the adapter)', (i) =>
        pglite.query(byId, [taskId(i)], { rowMode: 'array', parsers }),
      ),
    );
    rows.push(
      await measure('PGlite query by id, no per-query parsers', (i) =>
        pglite.query(byId, [taskId(i)], { rowMode: 'array' }),
      ),
    );
  }
  if ('pool' in opened && opened.pool) {
    const pool = opened.pool;
    rows.push(await measure('node-postgres query by id (no Prisma)', (i) => pool.query(byId, [taskId(i)])));
    await pool.end();
  }
  if (variant === 'layer') {
    const { hits, misses, skipped } = planCacheStats;
    rows.push({ op: `plan cache: ${hits} hits, ${misses} misses, ${skipped} not kept`, us: -1 });
  }
  await db.close();
  return rows;
}

const args = process.argv.slice(2);
if (args[0] === '--variant') {
  const rows = await runVariant(args[1] as Variant, args[2]);
  process.stdout.write(JSON.stringify(rows));
} else {
  const server = args[0];
  const results = new Map<Variant, Row[]>();
  for (const variant of VARIANTS) {
    const fresh = server ? await freshPostgresDatabase(server) : undefined;
    try {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url), '--variant', variant, ...(fresh ? [fresh.url] : [])],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
      );
      results.set(variant, JSON.parse(out.slice(out.indexOf('[{'))) as Row[]);
    } finally {
      await fresh?.drop();
    }
  }
  const plain = results.get('plain') ?? [];
  const layer = results.get('layer') ?? [];
  console.log(`# Prisma cost per query (${server ? 'PostgreSQL' : 'PGlite in memory'}, ${N} queries per row)\n`);
  console.log('| query | plain µs CPU | layer µs CPU | layer / plain |\n|---|---|---|---|');
  const ops = [...new Set([...plain, ...layer].map((r) => r.op))];
  for (const op of ops) {
    const a = plain.find((r) => r.op === op)?.us;
    const b = layer.find((r) => r.op === op)?.us;
    const f = (v: number | undefined) => (v === undefined || v < 0 ? '' : v.toFixed(0));
    const ratio = a && b && b > 0 ? `${(b / a).toFixed(2)}` : '';
    console.log(`| ${op} | ${f(a)} | ${f(b)} | ${ratio} |`);
  }
}
