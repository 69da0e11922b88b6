/**
 * `npm run bench` (issue 13): Yifa's latency beside the bare Temporal engine on the same dev server, in one run.
 *
 *   (a) bare engine: a trivial workflow (bench/bare/workflow.ts) taking one update, sequential and 10 clients;
 *   (b) a human step through the HTTP API (complete `submit_draft`; the answer carries the next open tasks),
 *       sequential and with 10 and 50 concurrent users;
 *   (c) launch → first task visible in the drafter's inbox;
 *   (d) scale: the read model filled to each size of open decisions, then inbox, lists (paged, filtered, searched),
 *       decision detail, overdue board and task completion latency, with the RSS of this Node process (API, worker,
 *       PGlite) and of the Temporal server at each size.
 * Per phase: the event-loop delay of the API's process (and of the worker's, when it runs apart) and the CPU per
 * operation of each process (API, worker, Temporal server, PostgreSQL backends).
 *
 * Loopback only; bounded in count. Sizes and counts from the environment:
 *   BENCH_SIZES=1000,5000,10000   open decisions for (d)          BENCH_STEPS=20   sequential steps in (b)
 *   BENCH_DATABASE_URL=postgresql://…  PostgreSQL instead of in-memory PGlite (a fresh database is created and dropped)
 *   BENCH_WORKER=process   with PostgreSQL: the worker in its own process (scripts/run-worker.ts, as `npm run worker`),
 *                          so the API's process carries only HTTP; default `in-process` (one process, as `npm start`)
 *   BENCH_OUT=bench/results/<date>.md  where the results go ('-' : print only)
 * Quick run: BENCH_SIZES=200,1000 BENCH_STEPS=10 npm run bench
 *
 * The scale sizes are reached by the documented faster equivalent: decisions and their open tasks are written to the
 * read model in batches (the rows a launch writes: Decision, and two open tasks and one done task each, some
 * overdue), while the workflows actually running are those this run launched through the API. The Temporal side of
 * scale (memory per open workflow) is measured on those, and the worker's cache bound (YIFA_MAX_CACHED_WORKFLOWS)
 * is what keeps it flat.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ApiClient, startPlatform, type RunningPlatform } from '../test/support/platform.js';
import { baseLaunch } from '../test/support/procedure-driver.js';
import { TEST_FIXTURE_KEY_ENV } from '../test/support/test-temporal-keys.js';
import { workflowCacheSize } from '../scripts/lib/worker.js';
import { demoCatalogEntryId } from '../prisma/seed-catalog.js';
import { HEAD, f1, pool, row, stats, timed, type Stats } from './stats.js';
import { cpuBetween, postgresBackends, rssMb, sampleCpu, type ProcessGroup } from './processes.js';
import { loopDelayMonitor, type LoopDelay } from './loop-delay.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

const here = dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const STEPS = Number(process.env.BENCH_STEPS ?? 20);
const WORKER_APART = process.env.BENCH_WORKER === 'process';
if (process.env.BENCH_WORKER && !['process', 'in-process'].includes(process.env.BENCH_WORKER))
  throw new Error(`BENCH_WORKER is 'process' or 'in-process', not '${process.env.BENCH_WORKER}'`);
if (WORKER_APART && !process.env.BENCH_DATABASE_URL)
  throw new Error('BENCH_WORKER=process needs BENCH_DATABASE_URL: a PGlite database opens in one process only');
const PER_SIZE_STEPS = 10;
const DEPTS = ['fgw', 'sthjj', 'zjj', 'jtysj', 'jyj', 'scjgj', 'zrzyj', 'czj'];
const out: string[] = [];
const say = (line = '') => {
  console.log(line);
  out.push(line);
};

// ---------- the platform ----------
const startedAt = new Date();
const load0 = loadavg();
say(`# Yifa benchmark ${startedAt.toISOString()}`);
say();
say(
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB, load average at start ${load0.map((l) => l.toFixed(2)).join(' / ')}; Node ${process.version}.`,
);
const p: RunningPlatform = await startPlatform({
  postgres: process.env.BENCH_DATABASE_URL,
  log: () => undefined,
  worker: !WORKER_APART,
});
const temporalPid = p.dev.process.pid ?? 0;
let workerProcess: WorkerProcess | undefined;
// A failed run must not leave its Temporal dev server or worker process behind.
const abort = (err: unknown) => {
  console.error(err);
  workerProcess?.kill();
  p.dev.process.kill('SIGKILL');
  process.exit(1);
};
process.on('uncaughtException', abort);
process.on('unhandledRejection', abort);
const progress = (what: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${what}`);
if (WORKER_APART) {
  progress('starting the worker process');
  workerProcess = await startWorkerProcess({
    DATABASE_URL: p.platform.db.url,
    TEMPORAL_ADDRESS: p.dev.address,
    TEMPORAL_NAMESPACE: p.platform.temporal.namespace,
    TEMPORAL_TASK_QUEUE: p.platform.temporal.taskQueue,
    ...TEST_FIXTURE_KEY_ENV,
  });
}
const pgDatabase = p.platform.db.kind === 'postgres' ? new URL(p.platform.db.url).pathname.slice(1) : undefined;
say(
  `Database: ${pgDatabase ? 'PostgreSQL (BENCH_DATABASE_URL; its server shares the machine)' : 'PGlite (in memory, in this Node process)'}; Temporal CLI dev server (SQLite) on loopback; worker ${workerProcess ? 'in its own process (scripts/run-worker.ts, BENCH_WORKER=process): the API process carries only HTTP' : 'in the API process (one Node process, as `npm start`)'}; workflow cache ${workflowCacheSize()} (YIFA_MAX_CACHED_WORKFLOWS).`,
);
say(`Sizes: ${SIZES.join(', ')} open decisions; ${STEPS} sequential steps.`);
say();

// ---------- per phase: event-loop delay and CPU of each process ----------
const apiLoop = loopDelayMonitor();
const groups: ProcessGroup[] = [
  { name: 'API', pids: () => [process.pid] },
  { name: 'of it API main thread', pids: () => [process.pid], mainThread: true },
  ...(workerProcess
    ? [
        { name: 'worker', pids: () => [workerProcess!.pid] },
        { name: 'of it worker main thread', pids: () => [workerProcess!.pid], mainThread: true },
      ]
    : []),
  { name: 'Temporal', pids: () => [temporalPid] },
  ...(pgDatabase ? [{ name: 'PostgreSQL', pids: () => postgresBackends(pgDatabase) }] : []),
];
const phases: string[] = [
  `| phase | ops | API loop delay p50 / p99 / max ms | API GC ms per op, longest pause | worker loop delay p50 / p99 / max ms | worker GC ms per op, longest pause | ${groups.map((g) => `CPU ms per op: ${g.name}`).join(' | ')} |`,
  `|---|---|---|---|---|---|${groups.map(() => '---|').join('')}`,
];
const delay = (d: LoopDelay) => `${f1(d.p50)} / ${f1(d.p99)} / ${f1(d.max)}`;
const gcPer = (d: LoopDelay, ops: number) => `${f1(d.gcMs / ops)}, ${f1(d.gcMaxMs)}`;
/** CPU ms per operation by process group, kept by phase name for the summary lines. */
const cpuPerOp = new Map<string, Map<string, number>>();
/** Runs one measured phase; `ops` counts the operations it timed (for CPU per op). */
async function phase<T extends Stats>(name: string, fn: () => Promise<T>): Promise<T>;
async function phase(name: string, fn: () => Promise<number>): Promise<number>;
async function phase(name: string, fn: () => Promise<Stats | number>): Promise<Stats | number> {
  apiLoop.reset();
  await workerProcess?.reset();
  const cpu0 = sampleCpu(groups);
  const result = await fn();
  const cpu = cpuBetween(cpu0, sampleCpu(groups));
  const api = apiLoop.read();
  const worker = workerProcess ? (await workerProcess.read()).loop : undefined;
  const ops = typeof result === 'number' ? result : result.n;
  const per = new Map([...cpu].map(([g, s]) => [g, (s * 1000) / ops]));
  cpuPerOp.set(name, per);
  phases.push(
    `| ${name} | ${ops} | ${delay(api)} | ${gcPer(api, ops)} | ${worker ? `${delay(worker)} | ${gcPer(worker, ops)}` : '(in the API process) | '} | ${[...per.values()].map(f1).join(' | ')} |`,
  );
  return result;
}

const memory: string[] = [
  '| point | open decisions (rows) | running workflows | API process RSS MB | of it JS heap MB | of it external + array buffers MB (PGlite’s WebAssembly memory, buffers) | worker process RSS MB (JS heap) | Temporal RSS MB |',
  '|---|---|---|---|---|---|---|---|',
];
let runningWorkflows = 0;
let rowsSeeded = 0;
const memoryPoint = async (label: string) => {
  const m = process.memoryUsage();
  const mb = (n: number) => f1(n / 2 ** 20);
  const w = workerProcess ? (await workerProcess.read()).memory : undefined;
  memory.push(
    `| ${label} | ${rowsSeeded + runningWorkflows} | ${runningWorkflows} | ${mb(m.rss)} | ${mb(m.heapUsed)} | ${mb(m.external + m.arrayBuffers)} | ${w ? `${f1(rssMb(workerProcess!.pid))} (${mb(w.heapUsed)})` : '(in the API process)'} | ${f1(rssMb(temporalPid))} |`,
  );
};
await memoryPoint('start');

// ---------- (a) bare engine ----------
progress('bare engine');
const namespace = p.platform.temporal.namespace;
const bareConnection = await NativeConnection.connect({ address: p.dev.address });
const bareWorker = await Worker.create({
  connection: bareConnection,
  namespace,
  taskQueue: 'bench-bare',
  workflowsPath: join(here, 'bare', 'workflow.ts'),
});
const bareRunning = bareWorker.run();
const bareClient = new Client({ connection: p.platform.connection, namespace });
/** Bare workflows started and past their first workflow task, ready for their one update. */
async function bareWorkflows(n: number, tag: string) {
  const handles = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      bareClient.workflow.start('bare', {
        taskQueue: 'bench-bare',
        workflowId: `bench-bare-${tag}-${i}-${Date.now()}`,
      }),
    ),
  );
  await Promise.all(handles.map((h) => h.describe())); // started and its first workflow task done or queued
  await new Promise((r) => setTimeout(r, 300));
  return handles;
}
const bump = (handles: Awaited<ReturnType<typeof bareWorkflows>>, concurrency: number) =>
  timed(handles, concurrency, async (h) => {
    await h.executeUpdate('bump', { args: [1] });
  });
await bump(await bareWorkflows(5, 'warm'), 1);
const bareSeqSet = await bareWorkflows(Math.max(STEPS, 30), 'seq');
const bareSeq = await phase('(a) bare update, sequential', () => bump(bareSeqSet, 1));
const bare10Set = await bareWorkflows(60, 'c10');
const bare10 = await phase('(a) bare update, 10 clients', () => bump(bare10Set, 10));

// ---------- prepared decisions (launched through the API) ----------
const logins = new Map<string, ApiClient>();
const as = async (username: string) => {
  const known = logins.get(username);
  if (known) return known;
  const c = await ApiClient.login(p.baseUrl, username);
  logins.set(username, c);
  return c;
};
const b64 = (s: string) => Buffer.from(s).toString('base64');
/**
 * One API call, retried when the connection was reset (undici reusing a keep-alive connection the server just
 * closed); writes carry an Idempotency-Key, so a retry is safe.
 */
async function send<T = unknown>(c: ApiClient, method: string, path: string, body?: unknown, key?: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await c.call<T>(method, path, body, key ? { 'Idempotency-Key': key } : {});
      if (r.status >= 300)
        throw Object.assign(new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`), { final: true });
      return r.body;
    } catch (err) {
      if ((err as { final?: boolean }).final || attempt >= 3) throw err;
    }
  }
}
interface Prepared {
  drafter: ApiClient;
  id: string;
  workflowId: string;
  taskId: string;
  payload: unknown;
}
async function openTaskOf(c: ApiClient, id: string, kind: string, timeoutMs = 60_000): Promise<{ id: string }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const d = await send<{ tasks: Array<{ id: string; kind: string; status: string }> }>(
      c,
      'GET',
      `/api/decisions/${encodeURIComponent(id)}`,
    );
    const t = d.tasks.find((x) => x.kind === kind && x.status === 'open');
    if (t) return t;
    if (Date.now() > until) throw new Error(`no open ${kind} on ${id}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
let launchCount = 0;
async function prepare(n: number, concurrency = 4): Promise<Prepared[]> {
  const ready: Prepared[] = [];
  await pool(
    Array.from({ length: n }, (_, i) => i),
    concurrency,
    async () => {
      const k = launchCount++;
      const drafter = await as(`drafter.${DEPTS[k % DEPTS.length]}`);
      const { id } = await send<{ id: string }>(
        drafter,
        'POST',
        '/api/decisions',
        baseLaunch({
          title: `基准测试决策${k + 1}`,
          catalogEntryId: demoCatalogEntryId(DEPTS[k % DEPTS.length] as string),
        }),
        `bench-launch-${k}`,
      );
      runningWorkflows++;
      const task = await openTaskOf(drafter, id, 'submit_draft');
      const draft = await send<{ id: string }>(
        drafter,
        'POST',
        `/api/decisions/${id}/documents`,
        { kind: 'draft', fileName: '草案.txt', mimeType: 'text/plain', contentBase64: b64('草案') },
        `bench-draft-${k}`,
      );
      const expl = await send<{ id: string }>(
        drafter,
        'POST',
        `/api/decisions/${id}/documents`,
        { kind: 'explanation', fileName: '说明.txt', mimeType: 'text/plain', contentBase64: b64('说明') },
        `bench-expl-${k}`,
      );
      // The workflow id is the decision's number (the `temporal` block of the detail is for admins only).
      const d = await send<{ number: string }>(drafter, 'GET', `/api/decisions/${id}`);
      ready.push({
        drafter,
        id,
        workflowId: d.number,
        taskId: task.id,
        payload: {
          draftDocumentId: draft.id,
          explanationDocumentId: expl.id,
          contested: false,
          alternativeDocumentIds: [],
          departmentOpinions: [],
        },
      });
    },
  );
  return ready;
}
async function step(x: Prepared): Promise<void> {
  const r = await send<{ openTasks?: unknown[] }>(
    x.drafter,
    'POST',
    `/api/tasks/${encodeURIComponent(x.taskId)}/complete`,
    { payload: x.payload },
    `bench:${x.taskId}`,
  );
  if (!r.openTasks?.length) throw new Error(`complete ${x.taskId}: no next task open in the answer`);
}

// ---------- (c) launch → first task visible ----------
progress('launch to first task');
const launch = await phase('(c) launch → first task in inbox', async () => {
  const launchMs: number[] = [];
  const launchT0 = performance.now();
  for (let i = 0; i < Math.max(5, Math.round(STEPS / 2)); i++) {
    const drafter = await as(`drafter.${DEPTS[i % DEPTS.length]}`);
    const t0 = performance.now();
    const { id } = await send<{ id: string }>(
      drafter,
      'POST',
      '/api/decisions',
      baseLaunch({
        title: `启动计时决策${i + 1}`,
        catalogEntryId: demoCatalogEntryId(DEPTS[i % DEPTS.length] as string),
      }),
      `bench-first-${i}`,
    );
    runningWorkflows++;
    for (;;) {
      const inbox = await send<{ items: Array<{ decisionId: string }> }>(
        drafter,
        'GET',
        '/api/tasks?sort=opened&dir=desc&pageSize=20',
      );
      if (inbox.items.some((t) => t.decisionId === id)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    launchMs.push(performance.now() - t0);
  }
  return stats(launchMs, performance.now() - launchT0);
});

// ---------- (b) human steps ----------
progress('human steps');
const seqSet = await prepare(STEPS);
const historyOf = async (workflowId: string) => {
  const h = await p.platform.ctx.temporal.workflow.getHandle(workflowId).fetchHistory();
  const events = h.events ?? [];
  const count = (type: string) => events.filter((e) => e[type as keyof typeof e]).length;
  return {
    events: events.length,
    activities: count('activityTaskScheduledEventAttributes'),
    // A local activity leaves a marker (Temporal core's `core_local_activity`) instead of scheduled/started/completed events.
    localActivities: events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
    workflowTasks: count('workflowTaskCompletedEventAttributes'),
    upserts: count('upsertWorkflowSearchAttributesEventAttributes'),
  };
};
const before = await historyOf(seqSet[0]!.workflowId);
const db0 = await dbCounters();
const humanSeq = await phase('(b) human step, sequential', () => timed(seqSet, 1, step));
const db1 = await dbCounters();
const after = await historyOf(seqSet[0]!.workflowId);
const c10Set = await prepare(Math.max(10, STEPS));
const human10 = await phase('(b) human step, 10 users', () => timed(c10Set, 10, step));
const c50Set = await prepare(50, 8);
const human50 = await phase('(b) human step, 50 users', () => timed(c50Set, 50, step));
await memoryPoint(`after (a)–(c), ${runningWorkflows} launched`);

say('## (a)–(c) Engine baseline, human step, launch');
say();
for (const l of HEAD) say(l);
say(row('(a) bare update, sequential', bareSeq));
say(row('(a) bare update, 10 clients', bare10));
say(row('(b) human step, sequential', humanSeq, bareSeq));
say(row('(b) human step, 10 users', human10, bare10));
say(row('(b) human step, 50 users', human50, bare10));
say(row('(c) launch → first task in inbox', launch, bareSeq));
say();
const cpuLine = (phaseName: string) =>
  [...(cpuPerOp.get(phaseName) ?? [])]
    .filter(([g]) => !g.startsWith('of it'))
    .map(([g, ms]) => `${f1(ms)} ms ${g}`)
    .join(' + ');
say(
  `CPU per operation: bare update (10 clients) ${cpuLine('(a) bare update, 10 clients')}; human step (sequential) ${cpuLine('(b) human step, sequential')}.`,
);
say(
  `History of one decision across \`submit_draft\` (Temporal): ${after.events - before.events} events, ${after.activities - before.activities} activities + ${after.localActivities - before.localActivities} local activities, ${after.workflowTasks - before.workflowTasks} workflow tasks, ${after.upserts - before.upserts} search-attribute writes (the whole history so far: ${after.events} events). A bare update: 1 workflow task, about 5 events, no activity.`,
);
say(
  `Database per human step (pg_stat_database; includes the bench's own few reads): ${f1((db1.xacts - db0.xacts) / seqSet.length)} transactions, ${f1((db1.inserted - db0.inserted) / seqSet.length)} rows inserted, ${f1((db1.updated - db0.updated) / seqSet.length)} rows updated.`,
);
say();

/**
 * The database's transaction and row counters so far (its statistics, flushed first). On PostgreSQL every backend
 * flushes its own counters, an idle one within about a second (PGSTAT_MIN_INTERVAL): wait that long first.
 */
async function dbCounters(): Promise<{ xacts: number; inserted: number; updated: number }> {
  const prisma = p.platform.db.prisma;
  await prisma.$queryRawUnsafe('SELECT pg_stat_force_next_flush()').catch(() => undefined);
  await new Promise((r) => setTimeout(r, pgDatabase ? 1500 : 50));
  await prisma.$queryRawUnsafe('SELECT pg_stat_clear_snapshot()').catch(() => undefined);
  const rows = await prisma.$queryRawUnsafe<Array<{ x: bigint; i: bigint; u: bigint }>>(
    'SELECT xact_commit + xact_rollback AS x, tup_inserted AS i, tup_updated AS u FROM pg_stat_database WHERE datname = current_database()',
  );
  const r = rows[0];
  return {
    xacts: Number(r?.x ?? Number.NaN),
    inserted: Number(r?.i ?? Number.NaN),
    updated: Number(r?.u ?? Number.NaN),
  };
}

// ---------- (d) scale ----------
const prisma = p.platform.db.prisma;
const kinds = ['submit_draft', 'record_expert_opinions', 'submit_risk_assessment', 'submit_for_legality_review'];
async function seedTo(n: number) {
  const now = Date.now();
  for (let i = rowsSeeded; i < n; i += 500) {
    const batch = Array.from({ length: Math.min(500, n - i) }, (_, j) => i + j);
    await prisma.decision.createMany({
      data: batch.map((k) => ({
        id: `bench-d${k}`,
        number: `JC-2025-${String(k + 1).padStart(5, '0')}`,
        year: 2025,
        seq: k + 1,
        title: `规模测试决策${k + 1}`,
        matterType: 'public_services',
        summary: '规模测试',
        launch: {},
        leadDepartmentId: `dept-${DEPTS[k % DEPTS.length]}`,
        confidential: k % 10 === 0,
        stage: k % 3 === 0 ? 'legality_review' : 'public_participation',
        status: 'active',
        workflowId: `bench-wf-${k}`,
        workflowStarted: true,
        createdById: 'user-admin',
      })),
    });
    await prisma.task.createMany({
      data: batch.flatMap((k) =>
        [0, 1, 2].map((t) => ({
          id: `bench-wf-${k}:s${t}`,
          workflowId: `bench-wf-${k}`,
          decisionId: `bench-d${k}`,
          kind: kinds[(k + t) % kinds.length] as string,
          stage: k % 3 === 0 ? 'legality_review' : 'public_participation',
          role: (t === 2 ? 'reviewer' : 'drafter') as 'reviewer' | 'drafter',
          departmentId: t === 2 ? null : `dept-${DEPTS[k % DEPTS.length]}`,
          assigneeUserId: t === 2 ? `user-reviewer${String((k % 20) + 1).padStart(2, '0')}` : null,
          status: (t === 0 ? 'done' : 'open') as 'done' | 'open',
          openedAt: new Date(now - 40 * 86_400_000),
          dueAt: new Date(now + ((k % 40) - 10) * 86_400_000),
          dueRule: 'bench',
          ...(t === 0
            ? { completedAt: new Date(now - 86_400_000), completedById: `user-drafter.${DEPTS[k % DEPTS.length]}` }
            : {}),
        })),
      ),
    });
  }
  rowsSeeded = n;
}

const scale: string[] = [];
const perRun = 30;
const timesOf = (n: number) => Array.from({ length: n }, (_, i) => i);
for (const size of SIZES) {
  const t0 = performance.now();
  await seedTo(Math.max(0, size - runningWorkflows));
  const seededMs = performance.now() - t0;
  const drafter = await as('drafter.fgw');
  const reviewer = await as('reviewer01');
  const supervisor = await as('supervisor1');
  const real = seqSet[0]!;
  const get = (c: ApiClient, path: string) => async () => {
    await send(c, 'GET', path);
  };
  const measures: Array<[string, () => Promise<void>]> = [
    ['inbox, page 1 of 50 (drafter)', get(drafter, '/api/tasks?pageSize=50')],
    ['inbox, page 10 of 50 (drafter)', get(drafter, '/api/tasks?pageSize=50&page=10')],
    ['inbox (reviewer)', get(reviewer, '/api/tasks?pageSize=50')],
    ['decisions, page 1', get(supervisor, '/api/decisions?pageSize=50')],
    ['decisions, page 20', get(supervisor, '/api/decisions?pageSize=50&page=20')],
    ['decisions, by stage', get(supervisor, '/api/decisions?stage=legality_review&pageSize=50')],
    ['decisions, search', get(supervisor, `/api/decisions?q=${encodeURIComponent('决策12')}&pageSize=50`)],
    ['decision detail', get(real.drafter, `/api/decisions/${real.id}`)],
    ['overdue board, page 1 of 50', get(supervisor, '/api/supervision/overdue?pageSize=50')],
  ];
  for (const [, fn] of measures) await fn(); // warm
  const results: Array<[string, Stats]> = [];
  await phase(`(d) ${size}: the reads above, one after another`, async () => {
    for (const [name, fn] of measures) results.push([name, await timed(timesOf(perRun), 1, fn)]);
    return results.reduce((n, [, r]) => n + r.n, 0);
  });
  const completions = await prepare(PER_SIZE_STEPS);
  results.push([
    'task completion (submit_draft)',
    await phase(`(d) ${size}: task completion, sequential`, () => timed(completions, 1, step)),
  ]);
  global.gc?.();
  await memoryPoint(`${size} open decisions`);
  const total = (await send<{ total: number }>(drafter, 'GET', '/api/tasks?pageSize=1')).total;
  scale.push(
    `### ${size} open decisions (${rowsSeeded} read-model rows seeded in ${f1(seededMs / 1000)} s; drafter.fgw's inbox total ${total})`,
    '',
    ...HEAD,
  );
  for (const [name, s] of results) scale.push(row(name, s, name.startsWith('task') ? bareSeq : undefined));
  scale.push('');
  progress(`scale ${size}: done`);
}
say('## (d) Scale');
say();
for (const l of scale) say(l);
say('## Memory');
say();
for (const l of memory) say(l);
say();
say('## Event-loop delay and CPU per process, by phase');
say();
say(
  'Event-loop delay: how long a timer due now waited because the process was busy or not scheduled (perf_hooks.monitorEventLoopDelay, 10 ms sampling taken off); GC: the garbage collector’s pauses in that process (PerformanceObserver). CPU: user + system of each process over the phase (/proc), divided by the operations the phase timed; "main thread": the share of the thread that runs the event loop (the rest: the SDK’s workflow threads and core, libuv, GC helpers)' +
    (pgDatabase
      ? '; PostgreSQL: the backends serving the bench database (a floor: a backend that ends inside a phase is not counted).'
      : '.'),
);
say();
for (const l of phases) say(l);
say();
const load1 = loadavg();
say(
  `Load average at the end ${load1.map((l) => l.toFixed(2)).join(' / ')}; run took ${f1((Date.now() - startedAt.getTime()) / 1000)} s.`,
);

bareWorker.shutdown();
await bareRunning;
await bareConnection.close();
await workerProcess?.stop();
await p.close();

const target = process.env.BENCH_OUT ?? join(here, 'results', `${startedAt.toISOString().slice(0, 10)}.md`);
if (target !== '-') {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${out.join('\n')}\n`);
  console.log(`\nwritten to ${target}`);
}
process.exit(0);
