/**
 * What one `recordTransition` costs the database (issue 13): the SQL statements and Prisma calls the local activity
 * runs for a `submit_draft` (the task completed, the stages moving on, three tasks opening with their dues, ladders,
 * audit events and notices). Decisions are launched and driven to that step with the real services, workflows and
 * activities on the time-skipping test server and an in-memory PGlite whose driver adapter counts every statement.
 *
 *   npx tsx bench/transition-statements.ts [decisions=5] [--sql] [--profile=<folder>]
 *
 * Prints the statements of the first transition (with --sql: each one's SQL), and for all of them the counts and the
 * activity's wall and Node CPU time (process CPU while it ran; the test server is another process). With --profile,
 * the main thread's CPU profile of each measured transition goes to the folder (`npx tsx bench/profile-summary.ts
 * <folder>/*.cpuprofile` sums it by component).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { createActivities } from '../activities/index.js';
import type { ServiceContext } from '../api/services/context.js';
import { DEFAULT_PROCEDURE_CONFIG } from '../domain/config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Database } from '../prisma/database.js';
import { applyMigrations } from '../prisma/migrate.js';
import { adapterClient } from '../prisma/pglite-client.js';
import { planCacheClientOptions } from '../prisma/plan-cache.js';
import { seedDemoOrganisation } from '../prisma/seed.js';
import { seedEscalation } from '../prisma/seed-escalation.js';
import { seedLegalCenter } from '../prisma/seed-legal-center.js';
import { databaseCalendarSource, seedCalendarYears } from '../records/calendar-source.js';
import { registerSearchAttributes } from '../scripts/lib/search-attributes.js';
import { temporalSecurity } from '../scripts/lib/temporal-security/client.js';
import { temporalTestServerPath } from '../scripts/lib/tools.js';
import { installRuntime, workflowBundle } from '../scripts/lib/worker.js';
import { payloads, ProcedureDriver } from '../test/support/procedure-driver.js';
import { sessionUser } from '../test/support/temporal.js';
import { TEST_FIXTURE_TEMPORAL_KEYS } from '../test/support/test-temporal-keys.js';

const DECISIONS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const SHOW_SQL = process.argv.includes('--sql');
const PROFILE_DIR = process.argv.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
const profiler = PROFILE_DIR ? new Session() : undefined;
if (profiler && PROFILE_DIR) {
  mkdirSync(PROFILE_DIR, { recursive: true });
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
}

// ---------- counting ----------
interface Window {
  statements: string[];
  prismaCalls: string[];
}
/** The transition being recorded, if any: every statement and Prisma call while it runs lands in it. */
let recording: Window | undefined;
const note = (sql: string) => recording?.statements.push(sql.replace(/\s+/g, ' ').trim());

type Query = { sql: string };
type Queryable = { queryRaw(q: Query): Promise<unknown>; executeRaw(q: Query): Promise<unknown> };
function countQueries<T extends Queryable>(q: T): T {
  return new Proxy(q, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (prop === 'queryRaw' || prop === 'executeRaw')
        return (query: Query) => {
          note(query.sql);
          return (v as (q: Query) => Promise<unknown>).call(target, query);
        };
      if (prop === 'startTransaction')
        return async (...args: unknown[]) => {
          note('BEGIN');
          const tx = await (v as (...a: unknown[]) => Promise<Queryable & { commit(): Promise<void> }>).apply(
            target,
            args,
          );
          return new Proxy(countQueries(tx), {
            get(t, p, r) {
              const f = Reflect.get(t, p, r);
              if (p === 'commit' || p === 'rollback')
                return () => {
                  note(p === 'commit' ? 'COMMIT' : 'ROLLBACK');
                  return (f as () => Promise<void>).call(t);
                };
              return typeof f === 'function' ? f.bind(t) : f;
            },
          });
        };
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** In-memory PGlite behind a driver adapter that reports each statement, and a client that reports each call. */
async function countedDatabase(): Promise<Database> {
  const pglite = await PGlite.create();
  // As prisma/database.ts opens PGlite (the adapter's parsers installed once, the query-plan cache), plus the count.
  const factory = new PrismaPGlite(await adapterClient(pglite));
  const connect = factory.connect.bind(factory);
  factory.connect = async () => countQueries(await connect()) as Awaited<ReturnType<typeof connect>>;
  const options = {
    adapter: factory as unknown as NonNullable<NonNullable<ConstructorParameters<typeof PrismaClient>[0]>['adapter']>,
    transactionOptions: { maxWait: 30_000, timeout: 60_000 },
    ...planCacheClientOptions(),
  };
  const base = new PrismaClient(options as Omit<typeof options, '__internal'>);
  const prisma = base.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        recording?.prismaCalls.push(model ? `${model}.${operation}` : operation);
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
  return {
    prisma,
    kind: 'pglite',
    url: 'pglite:memory',
    close: async () => {
      await base.$disconnect();
      await pglite.close();
    },
  };
}

// ---------- the platform on the time-skipping server ----------
installRuntime();
const db = await countedDatabase();
await applyMigrations(db);
await seedDemoOrganisation(db.prisma);
await seedEscalation(db.prisma);
await seedLegalCenter(db.prisma);
await seedCalendarYears(db.prisma);
const security = temporalSecurity(TEST_FIXTURE_TEMPORAL_KEYS);
const env = await TestWorkflowEnvironment.createTimeSkipping({
  server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  client: { dataConverter: security.dataConverter, interceptors: security.clientInterceptors },
});
await registerSearchAttributes(env.connection, env.namespace ?? 'default');
const taskQueue = 'yifa-transition-statements';

interface Measured extends Window {
  wallMs: number;
  cpuMs: number;
}
const transitions: Measured[] = [];
let measuring = false;
const activities = createActivities({ prisma: db.prisma, calendar: databaseCalendarSource(db.prisma) });
const recordTransition = activities.recordTransition;
activities.recordTransition = async (a) => {
  if (!measuring || !a.writes.some((w) => w.op === 'complete' && w.task.kind === 'submit_draft'))
    return recordTransition(a);
  const w: Window = { statements: [], prismaCalls: [] };
  recording = w;
  await profiler?.post('Profiler.start');
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  try {
    return await recordTransition(a);
  } finally {
    const used = process.cpuUsage(cpu);
    transitions.push({ ...w, wallMs: performance.now() - t0, cpuMs: (used.user + used.system) / 1000 });
    recording = undefined;
    if (profiler && PROFILE_DIR) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(join(PROFILE_DIR, `transition-${transitions.length}.cpuprofile`), JSON.stringify(profile));
    }
  }
};
const worker = await Worker.create({
  connection: env.nativeConnection,
  namespace: env.namespace ?? 'default',
  taskQueue,
  dataConverter: security.dataConverter,
  workflowBundle: await workflowBundle(security.messageKeys),
  activities,
});
const running = worker.run();
const ctx: ServiceContext = {
  prisma: db.prisma,
  temporal: env.client,
  taskQueue,
  procedureConfig: DEFAULT_PROCEDURE_CONFIG,
  webUiUrl: 'http://127.0.0.1:8233',
  namespace: env.namespace ?? 'default',
  payloadCodec: security.codec,
};
const drive = new ProcedureDriver(ctx, (username) => sessionUser(db.prisma, username));

// ---------- the steps ----------
try {
  for (let i = 0; i <= DECISIONS; i++) {
    const d = await drive.launch('drafter.jtysj');
    const draft = await drive.upload('drafter.jtysj', d.id, 'draft');
    const explanation = await drive.upload('drafter.jtysj', d.id, 'explanation');
    await drive.task(d.id, 'submit_draft');
    // The first decision warms the caches (calendar, Prisma's query plans) and is not counted.
    measuring = i > 0;
    await drive.complete(
      d.id,
      'submit_draft',
      'drafter.jtysj',
      payloads.submit_draft({ draft: draft.id, explanation: explanation.id }),
    );
    measuring = false;
  }
} finally {
  worker.shutdown();
  await running;
  await env.teardown();
  await db.close();
}

// ---------- report ----------
const first = transitions[0];
if (!first) throw new Error('no submit_draft transition was recorded');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const kindOf = (sql: string) => {
  const m =
    /^(BEGIN|COMMIT|ROLLBACK|SELECT pg_advisory_xact_lock|SELECT|INSERT INTO|UPDATE|DELETE FROM)\s*("[^"]+"\."[^"]+"|"[^"]+")?/i.exec(
      sql,
    );
  return m?.[2] || (m && m[1] !== 'SELECT') ? `${m[1]} ${m[2] ?? ''}`.trim() : `${sql.slice(0, 60)}…`;
};
const tally = (xs: string[]) => {
  const t = new Map<string, number>();
  for (const x of xs) t.set(x, (t.get(x) ?? 0) + 1);
  return [...t.entries()];
};
console.log(`# recordTransition for submit_draft (${transitions.length} decisions after one warm-up)\n`);
console.log(`statements: ${first.statements.length} (median ${median(transitions.map((t) => t.statements.length))})`);
console.log(
  `Prisma calls: ${first.prismaCalls.length} (median ${median(transitions.map((t) => t.prismaCalls.length))})`,
);
console.log(
  `wall ms median ${median(transitions.map((t) => t.wallMs)).toFixed(1)}, Node CPU ms median ${median(transitions.map((t) => t.cpuMs)).toFixed(1)}\n`,
);
console.log('| statement | count |\n|---|---|');
for (const [k, n] of tally(first.statements.map(kindOf))) console.log(`| ${k} | ${n} |`);
console.log('\n| Prisma call | count |\n|---|---|');
for (const [k, n] of tally(first.prismaCalls)) console.log(`| ${k} | ${n} |`);
if (SHOW_SQL) {
  console.log('\n## statements in order\n');
  first.statements.forEach((s, i) => console.log(`${i + 1}. ${s.length > 240 ? `${s.slice(0, 240)}…` : s}`));
}
