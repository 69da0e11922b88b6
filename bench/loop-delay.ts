/**
 * Event-loop delay of one Node process (perf_hooks.monitorEventLoopDelay): how long a timer due now waited
 * because the loop was busy. Sampled every RESOLUTION_MS; the sampling interval itself is taken off, so an idle
 * loop reads about 0 and a 200 ms synchronous stretch reads about 200. Beside it, the garbage collector's pauses
 * (PerformanceObserver 'gc'), to tell GC stalls from work.
 */
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  /** Garbage collection since the last reset: total and longest pause, ms. */
  gcMs: number;
  gcMaxMs: number;
}

export function loopDelayMonitor(): { reset(): void; read(): LoopDelay } {
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  h.enable();
  const gc = { total: 0, max: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.total += e.duration;
      gc.max = Math.max(gc.max, e.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  const ms = (ns: number) => (h.count ? Math.max(0, ns / 1e6 - RESOLUTION_MS) : Number.NaN);
  return {
    reset: () => {
      h.reset();
      gc.total = 0;
      gc.max = 0;
    },
    read: () => ({
      p50: ms(h.percentile(50)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
      gcMs: gc.total,
      gcMaxMs: gc.max,
    }),
  };
}
