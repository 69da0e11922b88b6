/**
 * `npm start`: the whole platform on one machine. The Temporal dev server runs as a child process (SQLite under
 * data/); one Node process runs the worker and the API + web, because a PGlite data folder opens in one process
 * only. On PostgreSQL, YIFA_WORKER=process runs the worker as a child process of its own (scripts/run-worker.ts),
 * so the API's event loop carries only HTTP. Ctrl-C stops everything; a second start finds every decision and
 * workflow where it left them.
 */
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createApp } from '../api/app.js';
import { startPendingProcedures } from '../api/services/launch-decision.js';
import { startPendingReviews } from '../api/services/review-submit.js';
import { seedDemoOrganisation } from '../prisma/seed.js';
import { seedEscalation } from '../prisma/seed-escalation.js';
import { seedLegalCenter } from '../prisma/seed-legal-center.js';
import { appConfig } from './lib/config.js';
import { startDevServer, type DevServer } from './lib/dev-server.js';
import { openPlatform, startWorker } from './lib/platform.js';
import { devTemporalKeys } from './lib/temporal-security/keys.js';
import { spawnWorkerProcess, temporalKeysEnv, workerPlacement, type WorkerChild } from './lib/worker-process.js';
import { registerSearchAttributes } from './lib/search-attributes.js';
import { projectRoot } from './lib/tools.js';
import { ROLE_LABELS, type Role } from '../domain/roles.js';

const cfg = appConfig();
const placement = workerPlacement();
const temporalPort = Number(process.env.TEMPORAL_DEV_PORT ?? 7233);
const uiPort = Number(process.env.TEMPORAL_DEV_UI_PORT ?? 8233);
const say = (line: string) => console.log(`[yifa] ${line}`);

let dev: DevServer | undefined;
if (cfg.embeddedTemporal) {
  say(`starting the Temporal dev server on 127.0.0.1:${temporalPort} (data/temporal.db)…`);
  dev = await startDevServer({
    dbFile: join(projectRoot, 'data', 'temporal.db'),
    port: temporalPort,
    uiPort,
    uiCodecEndpoint: `http://127.0.0.1:${cfg.port}/api/temporal-codec`,
  });
}
const platform = await openPlatform(cfg, {
  migrate: true,
  temporalAddress: dev?.address,
  webUiUrl: dev?.uiUrl || undefined,
  devKeysDir: join(projectRoot, 'data'),
});
say(`database: ${platform.db.kind === 'pglite' ? platform.db.url : 'PostgreSQL'} (migrations applied)`);
const seeded = await seedDemoOrganisation(platform.db.prisma);
await seedEscalation(platform.db.prisma);
await seedLegalCenter(platform.db.prisma);
say(seeded.created ? 'demo organisation seeded (first run)' : 'demo organisation already present');
await registerSearchAttributes(platform.connection, platform.temporal.namespace);
let stopping = false;
let server: Server | undefined;
let inProcess: Awaited<ReturnType<typeof startWorker>> | undefined;
let child: WorkerChild | undefined;
if (placement === 'process') {
  // The same configuration, with the dev server's address and the keys this process uses (dev keys included).
  const keys = cfg.temporalKeys ?? devTemporalKeys(join(projectRoot, 'data')).keys;
  child = spawnWorkerProcess({
    env: { ...process.env, TEMPORAL_ADDRESS: platform.temporal.address, ...temporalKeysEnv(keys) },
    output: 'inherit',
  });
  const pid = child.process.pid;
  say(`worker: starting in its own process ${pid} (YIFA_WORKER=process), task queue ${platform.temporal.taskQueue}`);
  // Without its worker nothing would move: a worker that dies stops the platform (a supervisor restarts it).
  child.process.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[yifa] the worker process ${pid} exited (${signal ?? code}): stopping`);
    void stop('worker exit', 1);
  });
} else {
  inProcess = await startWorker(platform, cfg);
  say(`worker polling task queue ${platform.temporal.taskQueue}`);
}
const restarted = await startPendingProcedures(platform.ctx);
if (restarted) say(`started ${restarted} procedure(s) recorded while the engine was down`);
await startPendingReviews(platform.ctx);

const app = createApp(platform.ctx, (l) => console.error(l));
server = await new Promise<Server>((resolve, reject) => {
  const s = app.listen(cfg.port, cfg.host, () => resolve(s));
  s.once('error', reject);
});
const base = `http://${cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host}:${cfg.port}`;

const byRole = new Map<string, string[]>();
for (const l of seeded.logins) for (const r of l.roles) byRole.set(r, [...(byRole.get(r) ?? []), l.username]);
console.log(`
  Yifa 依法 is running
  ─────────────────────────────────────────────
  Web          ${base}/
  API          ${base}/api   (reference: ${base}/api/docs, OpenAPI: ${base}/api/openapi.json)
  Temporal UI  ${platform.temporal.webUiUrl}
  Health       ${base}/api/health

  Demo logins (password for all: ${seeded.logins.length ? 'yifa-demo' : '-'})
${[...byRole.entries()].map(([r, users]) => `  ${(ROLE_LABELS[r as Role]?.zh ?? r).padEnd(8, '　')} ${users.length > 4 ? `${users.slice(0, 3).join(', ')} … ${users.at(-1)} (${users.length})` : users.join(', ')}`).join('\n')}

  Ctrl-C stops everything.
`);

async function stop(signal: string, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping…`);
  server?.close();
  inProcess?.worker.shutdown();
  await inProcess?.running.catch(() => undefined);
  await child?.stop();
  await platform.close().catch(() => undefined);
  await dev?.stop();
  say('stopped');
  process.exit(exitCode);
}
process.on('SIGINT', () => void stop('SIGINT'));
// If this process dies any other way, never leave the dev server or the worker process behind.
process.on('exit', () => {
  dev?.process.kill('SIGKILL');
  child?.process.kill('SIGKILL');
});
process.on('SIGTERM', () => void stop('SIGTERM'));
