/**
 * The worker in a Node process of its own (`YIFA_WORKER=process npm start` on PostgreSQL, and the bench's
 * BENCH_WORKER=process): scripts/run-worker.ts — what `npm run worker` runs — as a child process, so the API's
 * process carries only HTTP and the worker's work no longer stalls its event loop. A PGlite data folder opens in
 * one process only, so the embedded default keeps the worker in the API's process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { TemporalKeys, KeyRing } from './temporal-security/keys.js';
import { projectRoot } from './tools.js';

export type WorkerPlacement = 'in-process' | 'process';

/** YIFA_WORKER, checked against the database: `process` needs PostgreSQL (DATABASE_URL=postgresql://…). */
export function workerPlacement(env: NodeJS.ProcessEnv = process.env): WorkerPlacement {
  const v = env.YIFA_WORKER || 'in-process';
  if (v !== 'in-process' && v !== 'process')
    throw new Error(`YIFA_WORKER is 'in-process' (default) or 'process', not '${v}'`);
  if (v === 'process' && !/^postgres(ql)?:\/\//i.test(env.DATABASE_URL ?? ''))
    throw new Error(
      'YIFA_WORKER=process needs DATABASE_URL=postgresql://…: a PGlite data folder opens in one process only, so the embedded database keeps the worker in the API process',
    );
  return v;
}

/** Keys as YIFA_PAYLOAD_KEYS / YIFA_MESSAGE_KEYS carry them (`id:base64,…`, the current key first). */
export function temporalKeysEnv(keys: TemporalKeys): { YIFA_PAYLOAD_KEYS: string; YIFA_MESSAGE_KEYS: string } {
  const ring = (r: KeyRing) =>
    [r.current, ...Object.keys(r.keys).filter((id) => id !== r.current)].map((id) => `${id}:${r.keys[id]}`).join(',');
  return { YIFA_PAYLOAD_KEYS: ring(keys.payload), YIFA_MESSAGE_KEYS: ring(keys.message) };
}

export interface WorkerChild {
  process: ChildProcess;
  /** SIGTERM (the worker finishes its tasks in hand and closes), SIGKILL after `graceMs`; resolves on exit. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the worker process. `entry` defaults to scripts/run-worker.ts; `ipc` opens a message channel (the bench
 * reads the worker's event-loop delay through it).
 */
export function spawnWorkerProcess(opts: {
  env: NodeJS.ProcessEnv;
  output: 'inherit' | 'pipe';
  entry?: string;
  ipc?: boolean;
  /** Extra Node options (the bench passes on --cpu-prof). */
  nodeArgs?: string[];
}): WorkerChild {
  const args = [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.entry ?? join('scripts', 'run-worker.ts')];
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: opts.env,
    stdio: ['ignore', opts.output, opts.output, ...(opts.ipc ? (['ipc'] as const) : [])],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
