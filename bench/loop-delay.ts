/**
 * Event-loop delay of one Node process (perf_hooks.monitorEventLoopDelay): how long a timer due now waited
 * because the loop was busy. Sampled every RESOLUTION_MS; the sampling interval itself is taken off, so an idle
 * loop reads about 0 and a 200 ms synchronous stretch reads about 200.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export function loopDelayMonitor(): { reset(): void; read(): LoopDelay } {
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  h.enable();
  const ms = (ns: number) => (h.count ? Math.max(0, ns / 1e6 - RESOLUTION_MS) : Number.NaN);
  return {
    reset: () => h.reset(),
    read: () => ({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) }),
  };
}
