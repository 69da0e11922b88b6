import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { startDevServer, type DevServer } from '../../scripts/lib/dev-server.js';
import { projectRoot } from '../../scripts/lib/tools.js';
import { ApiClient, freePort } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { needs } from '../support/tools.js';
import { TEST_FIXTURE_KEY_ENV } from '../support/test-temporal-keys.js';

/**
 * `YIFA_WORKER=process npm start` on PostgreSQL: scripts/start.ts runs the API and spawns scripts/run-worker.ts as
 * a process of its own. The Temporal dev server is the test's (TEMPORAL_ADDRESS), so nothing is written under data/.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.log('[start-worker-process.test] skipped: TEST_DATABASE_URL is not set');

/** The pids of `pid`'s children (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};
const alive = (pid: number) => commandLine(pid) !== '';

describe.runIf(needs('postgresql', 'npm start with the worker in its own process'))(
  'YIFA_WORKER=process npm start on PostgreSQL',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'yifa-start-apart-'));
    const output: string[] = [];
    let dev: DevServer;
    let pg: { url: string; drop(): Promise<void> };
    let start: ChildProcess;
    let base: string;
    let workerPid: number;
    let exited: Promise<number | null>;

    beforeAll(async () => {
      dev = await startDevServer({ dbFile: join(dir, 'temporal.db'), port: await freePort() });
      pg = await freshPostgresDatabase(serverUrl!);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      // What `npm start` runs (tsx scripts/start.ts), in one process so the test can signal it.
      start = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
        cwd: projectRoot,
        env: {
          ...process.env,
          YIFA_WORKER: 'process',
          DATABASE_URL: pg.url,
          TEMPORAL_ADDRESS: dev.address,
          TEMPORAL_TASK_QUEUE: 'yifa-start-apart',
          PORT: String(port),
          HOST: '127.0.0.1',
          ...TEST_FIXTURE_KEY_ENV,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      exited = new Promise((resolve) => start.once('exit', (code) => resolve(code)));
      start.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
      start.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
      const until = Date.now() + 150_000;
      // The API answers and the worker (which bundles the workflow code first) polls.
      while (
        !output.join('').includes('[yifa-worker] polling') ||
        (await fetch(`${base}/api/health`).then(
          (r) => r.status,
          () => 0,
        )) !== 200
      ) {
        if (start.exitCode !== null || Date.now() > until)
          throw new Error(`npm start did not come up:\n${output.join('')}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }, 180_000);

    afterAll(async () => {
      if (start?.exitCode === null) {
        start.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
        start.kill('SIGKILL');
      }
      if (workerPid && alive(workerPid)) process.kill(workerPid, 'SIGKILL');
      await dev?.stop();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('runs the worker as a child process of its own, which carries a launched decision to its first task', async () => {
      const workers = childrenOf(start.pid!).filter((pid) => commandLine(pid).includes('scripts/run-worker.ts'));
      expect(workers, output.join('')).toHaveLength(1);
      workerPid = workers[0]!;
      expect(output.join('')).toContain(`worker: starting in its own process ${workerPid}`);

      const drafter = await ApiClient.login(base, 'drafter.fgw');
      const launched = await drafter.ok<{ id: string }>(
        'POST',
        '/api/decisions',
        baseLaunch({ title: '工作进程分离的决策', catalogEntryId: demoCatalogEntryId('fgw') }),
      );
      // Only a worker opens tasks: the one in its own process did.
      const task = await drafter.taskOf(launched.id, 'submit_draft', 60_000);
      expect(task.id).toContain(':');
    }, 90_000);

    it('stops the whole platform, exit code 1, when its worker process dies', async () => {
      expect(alive(workerPid)).toBe(true);
      process.kill(workerPid, 'SIGKILL');
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))]);
      expect(code, output.join('')).toBe(1);
      expect(output.join('')).toContain(`the worker process ${workerPid} exited (SIGKILL): stopping`);
      expect(
        await fetch(`${base}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      ).toBe(0);
    }, 60_000);
  },
);
