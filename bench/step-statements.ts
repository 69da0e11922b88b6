/**
 * `npx tsx bench/step-statements.ts [steps]` (issue 13, a findings tool): what one human step — POST
 * /api/tasks/:id/complete for `submit_draft` with an Idempotency-Key, as the bench sends it — costs the API in
 * Prisma calls and SQL statements, from the request in to the answer out, and how many statements the worker
 * runs meanwhile. Embedded PGlite only (it reads the statements PGlite is given).
 *
 * How: every statement PGlite receives is read from its wire message (Parse / Query); a second HTTP server over
 * the same app and platform runs each request in an AsyncLocalStorage context, and its Prisma client is wrapped
 * so each statement is attributed to the Prisma call that issued it. Statements outside a request are the
 * worker's. Two warm-up steps (Prisma compiles each query shape once) are not counted; then `steps` (default 5)
 * are, and the last one's list is printed in order with the averages. Node CPU is given per step (API and worker
 * share this process) and per GET /api/tasks/:id (the API alone); compare before/after on the same machine load.
 * STEP_PROFILE=<file> also writes a CPU profile of the counted steps (the tool's own tracing is in it too).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { createApp } from '../api/app.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { demoCatalogEntryId } from '../prisma/seed-catalog.js';
import { ApiClient, startPlatform } from '../test/support/platform.js';
import { baseLaunch } from '../test/support/procedure-driver.js';

const STEPS = Number(process.argv[2] ?? 5);

interface Statement {
  sql: string;
  call: string;
}
interface Trace {
  calls: string[];
  statements: Statement[];
}
const request = new AsyncLocalStorage<Trace>();
const prismaCall = new AsyncLocalStorage<string>();
let outside: string[] | undefined;

/** The SQL text of a frontend message: Parse ('P': name, query) or simple Query ('Q': query); else undefined. */
function sqlOf(message: Uint8Array): string | undefined {
  const cstring = (from: number) => {
    const end = message.indexOf(0, from);
    return { text: Buffer.from(message.subarray(from, end)).toString('utf8'), next: end + 1 };
  };
  if (message[0] === 0x51) return cstring(5).text;
  if (message[0] === 0x50) return cstring(cstring(5).next).text;
  return undefined;
}

type StreamFn = PGlite['execProtocolStream'];
const original: StreamFn = PGlite.prototype.execProtocolStream;
PGlite.prototype.execProtocolStream = function (this: PGlite, message, options) {
  const sql = sqlOf(message);
  if (sql !== undefined) {
    const trace = request.getStore();
    if (trace) trace.statements.push({ sql, call: prismaCall.getStore() ?? '(outside a Prisma call)' });
    else outside?.push(sql);
  }
  return original.call(this, message, options);
} as StreamFn;

const RAW = new Set(['$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe']);

/** Runs a Prisma call (a lazy PrismaPromise) inside its label, so the statements it issues carry the label. */
function labelled(label: string, run: () => PromiseLike<unknown>): Promise<unknown> {
  request.getStore()?.calls.push(label);
  return prismaCall.run(label, async () => await run());
}

/** The Prisma client with each model call, raw query and transaction labelled (interactive transactions too). */
function traced<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof prop !== 'string') return value;
      if (prop === '$transaction' && typeof value === 'function')
        return (arg: unknown, options?: unknown) =>
          typeof arg === 'function'
            ? labelled('$transaction', () =>
                value.call(target, (tx: object) => (arg as (t: object) => unknown)(traced(tx)), options),
              )
            : labelled('$transaction[]', () => value.call(target, arg, options));
      if (RAW.has(prop) && typeof value === 'function')
        return (...args: unknown[]) => labelled(prop, () => value.apply(target, args));
      if (!prop.startsWith('$') && !prop.startsWith('_') && value && typeof value === 'object')
        return new Proxy(value, {
          get(model, method) {
            const fn = Reflect.get(model, method, model) as unknown;
            if (typeof fn !== 'function' || typeof method !== 'string') return fn;
            return (...args: unknown[]) => labelled(`${prop}.${method}`, () => fn.apply(model, args));
          },
        });
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** STEP_PROFILE=<file.cpuprofile>: a CPU profile of the counted steps only (`npx tsx bench/profile-summary.ts <file>`). */
const profiler = (() => {
  const file = process.env.STEP_PROFILE;
  const session = new Session();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (err, result) => (err ? reject(err) : resolve(result))),
    );
  return {
    async start() {
      if (!file) return;
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
    },
    async stop() {
      if (!file) return;
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
})();

const p = await startPlatform({ log: () => undefined });
const traces: Trace[] = [];
const app = createApp({ ...p.platform.ctx, prisma: traced(p.platform.ctx.prisma) as PrismaClient }, (line) =>
  console.error(line),
);
const server: Server = await new Promise((resolve) => {
  const s = createServer((req, res) => {
    const trace: Trace = { calls: [], statements: [] };
    if (req.method === 'POST' && /\/complete$/.test(req.url ?? '')) traces.push(trace);
    request.run(trace, () => app(req, res));
  }).listen(0, '127.0.0.1', () => resolve(s));
});
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

try {
  const drafter = await ApiClient.login(baseUrl, 'drafter.fgw');
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const ready = async (i: number) => {
    const { id } = await drafter.ok<{ id: string }>(
      'POST',
      '/api/decisions',
      baseLaunch({ title: `语句计数决策${i + 1}`, catalogEntryId: demoCatalogEntryId('fgw') }),
    );
    const task = await drafter.taskOf(id, 'submit_draft', 60_000);
    const doc = (kind: string, fileName: string) =>
      drafter.ok<{ id: string }>('POST', `/api/decisions/${id}/documents`, {
        kind,
        fileName,
        mimeType: 'text/plain',
        contentBase64: b64(fileName),
      });
    const [draft, explanation] = [await doc('draft', '草案.txt'), await doc('explanation', '说明.txt')];
    return {
      taskId: task.id,
      payload: {
        draftDocumentId: draft.id,
        explanationDocumentId: explanation.id,
        contested: false,
        alternativeDocumentIds: [],
        departmentOpinions: [],
      },
    };
  };
  const prepared = [];
  for (let i = 0; i < STEPS + 2; i++) prepared.push(await ready(i));

  const worker: number[] = [];
  const cpu: number[] = [];
  for (const [i, x] of prepared.entries()) {
    if (i === 2) await profiler.start();
    outside = [];
    const before = process.cpuUsage();
    const r = await drafter.call(
      'POST',
      `/api/tasks/${encodeURIComponent(x.taskId)}/complete`,
      { payload: x.payload },
      { 'Idempotency-Key': `statements:${x.taskId}` },
    );
    if (r.status !== 200 || !r.body.openTasks?.length)
      throw new Error(`complete: ${r.status} ${JSON.stringify(r.body)}`);
    const used = process.cpuUsage(before);
    if (i >= 2) {
      worker.push(outside.length);
      cpu.push((used.user + used.system) / 1000);
    }
    outside = undefined;
  }
  await profiler.stop();

  // The API alone (no worker): reading a task, GET /api/tasks/:id, 100 times; its CPU per read.
  const readCpu = process.cpuUsage();
  const reads = 100;
  for (let i = 0; i < reads; i++) await drafter.ok('GET', `/api/tasks/${encodeURIComponent(prepared[0]!.taskId)}`);
  const readUsed = process.cpuUsage(readCpu);

  const measured = traces.slice(2);
  const avg = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1);
  const isTxControl = (sql: string) => /^(BEGIN|COMMIT|ROLLBACK)\b/i.test(sql.trim());
  const last = measured.at(-1)!;
  console.log(`# One human step (submit_draft, Idempotency-Key), API side: ${measured.length} steps measured\n`);
  console.log(`- Prisma calls per step: ${avg(measured.map((t) => t.calls.length))}`);
  console.log(
    `- SQL statements per step: ${avg(measured.map((t) => t.statements.length))} (of them BEGIN/COMMIT/ROLLBACK: ${avg(measured.map((t) => t.statements.filter((s) => isTxControl(s.sql)).length))})`,
  );
  console.log(
    `- transactions per step (interactive, plus statements run on their own): ${avg(measured.map(transactions))}`,
  );
  console.log(`- statements the worker ran meanwhile (outside the request): ${avg(worker)}`);
  console.log(`- Node CPU per step (API + worker, this process): ${avg(cpu)} ms`);
  console.log(
    `- Node CPU per GET /api/tasks/:id (the API alone, ${reads} reads): ${((readUsed.user + readUsed.system) / 1000 / reads).toFixed(1)} ms\n`,
  );
  console.log('## The last step, in order (Prisma call → its SQL)\n');
  console.log('| # | Prisma call | SQL (first 160 characters) |');
  console.log('|---|---|---|');
  last.statements.forEach((s, i) =>
    console.log(`| ${i + 1} | ${s.call} | \`${s.sql.replace(/\s+/g, ' ').slice(0, 160).replaceAll('|', '\\|')}\` |`),
  );
  console.log('\n## Prisma calls of the last step, counted\n');
  const counts = new Map<string, number>();
  for (const c of last.calls) counts.set(c, (counts.get(c) ?? 0) + 1);
  for (const [c, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`- ${n} × ${c}`);
} finally {
  server.close();
  await p.close();
}

/** Transactions the database ran for a request: each BEGIN … COMMIT block once, each statement outside one once. */
function transactions(t: Trace): number {
  let n = 0;
  let open = false;
  for (const s of t.statements) {
    const sql = s.sql.trim().toUpperCase();
    if (sql.startsWith('BEGIN')) {
      open = true;
      n++;
    } else if (sql.startsWith('COMMIT') || sql.startsWith('ROLLBACK')) open = false;
    else if (!open) n++;
  }
  return n;
}
