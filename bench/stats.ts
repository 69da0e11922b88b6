/** Latency statistics and the bench's Markdown rows (bench/run.ts). */
import { performance } from 'node:perf_hooks';

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

export function stats(ms: number[], wallMs: number): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const p = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((q / 100) * s.length) - 1))] ?? Number.NaN;
  return { n: s.length, p50: p(50), p95: p(95), p99: p(99), perSecond: (s.length / wallMs) * 1000 };
}

/** Runs fn over items with at most `concurrency` at a time. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i] as T, i);
      }
    }),
  );
}

/** pool(), timing each call. */
export async function timed<T>(
  items: T[],
  concurrency: number,
  fn: (item: T, i: number) => Promise<void>,
): Promise<Stats> {
  const ms: number[] = [];
  const t0 = performance.now();
  await pool(items, concurrency, async (item, i) => {
    const s = performance.now();
    await fn(item, i);
    ms.push(performance.now() - s);
  });
  return stats(ms, performance.now() - t0);
}

export const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

export const row = (name: string, s: Stats, base?: Stats) =>
  `| ${name} | ${s.n} | ${f1(s.p50)} | ${f1(s.p95)} | ${f1(s.p99)} | ${f1(s.perSecond)} | ${base ? `${f1(s.p50 / base.p50)}× / ${f1(s.p99 / base.p99)}×` : ''} |`;

export const HEAD = [
  '| measure | n | p50 ms | p95 ms | p99 ms | per s | p50 / p99 vs bare |',
  '|---|---|---|---|---|---|---|',
];
