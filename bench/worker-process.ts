/**
 * BENCH_WORKER=process: the Yifa worker in a process of its own, as production runs it — the unchanged
 * scripts/run-worker.ts (`npm run worker`), started by bench/worker-entry.ts so the bench can read the worker's
 * event-loop delay and memory over IPC.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoopDelay } from './loop-delay.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

export interface WorkerProcess {
  pid: number;
  /** Restarts the event-loop histogram; answers the delay so far (before the reset). */
  reset(): Promise<LoopDelay>;
  read(): Promise<{ loop: LoopDelay; memory: NodeJS.MemoryUsage }>;
  stop(): Promise<void>;
  kill(): void;
}

export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'worker-entry.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  // The worker bundles the workflow code before it polls.
  const until = Date.now() + 180_000;
  while (!output.join('').includes('[yifa-worker] polling')) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`the worker process did not start:\n${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  let next = 0;
  const ask = <T>(probe: 'reset' | 'read') =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => reject(new Error(`worker probe ${probe}: no answer`)), 30_000);
      const on = (m: { probe?: string; id?: number }) => {
        if (m.id !== id) return;
        clearTimeout(timer);
        child.off('message', on);
        resolve(m as T);
      };
      child.on('message', on);
      child.send({ probe, id });
    });
  return {
    pid: child.pid ?? 0,
    reset: async () => (await ask<{ loop: LoopDelay }>('reset')).loop,
    read: () => ask('read'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
    kill: () => child.kill('SIGKILL'),
  };
}
