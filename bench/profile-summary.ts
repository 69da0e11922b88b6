/**
 * Where a CPU profile's time went, by component: `npx tsx bench/profile-summary.ts <file.cpuprofile>…`.
 * Take the profile with `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/run.ts` (with BENCH_WORKER=process
 * the worker process is profiled too; Node refuses --cpu-prof in NODE_OPTIONS).
 * Self time of each sampled frame is summed by where its code lives (PGlite, Prisma, the Temporal SDK, Yifa's own
 * code, GC, …) and printed as a Markdown table of the busy (non-idle) time. WebAssembly and native frames count for
 * the nearest JavaScript caller with a source (PGlite's and Prisma's wasm for PGlite and Prisma).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const COMPONENTS: Array<[string, (url: string, fn: string) => boolean]> = [
  ['idle', (_u, f) => f === '(idle)'],
  ['garbage collector', (_u, f) => f === '(garbage collector)'],
  [
    'PGlite (PostgreSQL in WebAssembly)',
    (u) => u.includes('@electric-sql/pglite') || u.includes('pglite-prisma-adapter'),
  ],
  [
    'Prisma client and engine',
    (u) => u.includes('@prisma/') || u.includes('/generated/prisma/') || u.includes('.prisma'),
  ],
  ['Temporal SDK', (u) => u.includes('@temporalio/')],
  [
    'Express and HTTP',
    (u) =>
      /node_modules\/(express|router|body-parser|helmet|express-rate-limit|raw-body|send|finalhandler)\//.test(u) ||
      u.startsWith('node:_http') ||
      u.startsWith('node:http'),
  ],
  ['zod', (u) => u.includes('node_modules/zod/')],
  ['tsx loader and esbuild', (u) => u.includes('node_modules/tsx/') || u.includes('esbuild')],
  ['webpack (workflow bundle)', (u) => u.includes('webpack') || u.includes('swc')],
  ['other dependencies', (u) => u.includes('node_modules/')],
  ['Node internals', (u) => u.startsWith('node:')],
  ['Yifa (api, activities, domain, workflows, bench)', (u) => u.startsWith('file://') || u.startsWith('/')],
  ['native and unattributed', () => true],
];

for (const file of process.argv.slice(2)) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const SPECIAL = new Set(['(idle)', '(garbage collector)', '(program)', '(root)']);
  /** The frame whose source names the code: itself, or for wasm and native frames the nearest caller with a file. */
  const attributed = (id: number): ProfileNode | undefined => {
    let n = byId.get(id);
    const start = n;
    while (n && !SPECIAL.has(n.callFrame.functionName) && (!n.callFrame.url || n.callFrame.url.startsWith('wasm://')))
      n = byId.get(parent.get(n.id) ?? -1);
    return n ?? start;
  };
  const ms = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const n = attributed(id);
    const url = n?.callFrame.url ?? '';
    const fn = n?.callFrame.functionName ?? '';
    const name = COMPONENTS.find(([, test]) => test(url, fn))?.[0] ?? 'native and unattributed';
    ms.set(name, (ms.get(name) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  const busy = [...ms.entries()].filter(([k]) => k !== 'idle').reduce((a, [, v]) => a + v, 0);
  console.log(`${file}: ${(busy / 1000).toFixed(1)} s busy, ${((ms.get('idle') ?? 0) / 1000).toFixed(1)} s idle`);
  console.log('| component | CPU s | share of busy |\n|---|---|---|');
  for (const [k, v] of [...ms.entries()].filter(([k]) => k !== 'idle').sort((a, b) => b[1] - a[1]))
    console.log(`| ${k} | ${(v / 1000).toFixed(1)} | ${((100 * v) / busy).toFixed(1)} % |`);
}
