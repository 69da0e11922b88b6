/**
 * BENCH_WORKER=process: the Yifa worker in a process of its own, as production runs it — scripts/run-worker.ts
 * started by bench/worker-entry.ts (spawned as `YIFA_WORKER=process npm start` spawns it), so the bench can read
 * the worker's event-loop delay and memory over IPC.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnWorkerProcess } from '../scripts/lib/worker-process.js';
import type { LoopDelay } from './loop-delay.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface WorkerProcess {
  pid: number;
  /** Restarts the worker's event-loop histogram. */
  reset(): Promise<void>;
  read(): Promise<{ loop: LoopDelay; memory: NodeJS.MemoryUsage }>;
  stop(): Promise<void>;
  kill(): void;
}

export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const w = spawnWorkerProcess({
    env: { ...process.env, ...env },
    output: 'pipe',
    entry: join(here, 'worker-entry.ts'),
    ipc: true,
    // `node --cpu-prof --cpu-prof-dir=… --import tsx bench/run.ts` profiles the worker process too.
    nodeArgs: process.execArgv.filter((a) => a.startsWith('--cpu-prof')),
  });
  const child = w.process;
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
    reset: async () => {
      await ask('reset');
    },
    read: () => ask('read'),
    stop: () => w.stop(),
    kill: () => child.kill('SIGKILL'),
  };
}
