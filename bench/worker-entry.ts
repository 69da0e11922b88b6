/**
 * The worker process the bench starts with BENCH_WORKER=process: the unchanged scripts/run-worker.ts (`npm run
 * worker`), plus answers to the bench's IPC messages with this process's event-loop delay since the last reset
 * and its memory.
 */
import { loopDelayMonitor } from './loop-delay.js';

const loop = loopDelayMonitor();
process.on('message', (m: { probe?: 'reset' | 'read'; id?: number }) => {
  if (m.probe !== 'reset' && m.probe !== 'read') return;
  const delay = loop.read();
  if (m.probe === 'reset') loop.reset();
  process.send?.({ probe: m.probe, id: m.id, loop: delay, memory: process.memoryUsage() });
});
// The IPC channel must not keep the worker alive once it has shut down.
process.channel?.unref();

await import('../scripts/run-worker.js');
