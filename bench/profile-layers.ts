/**
 * Where the database layer's CPU goes inside Prisma and PGlite: `npx tsx bench/profile-layers.ts <file.cpuprofile>…`.
 * Take the profile as for bench/profile-summary.ts. Each busy sample is given to the stage of the innermost frame
 * that names one: the frame's position is mapped through the package's own source map (Prisma's runtime and
 * PGlite ship theirs) to the source file it came from, so minified frames count for e.g. the query interpreter or
 * the data mapper. WebAssembly and native frames count for the nearest JavaScript caller, which puts Prisma's query
 * compiler (Rust in wasm) under "query compilation" and PostgreSQL itself under "PGlite: PostgreSQL".
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Stages by the original source path (after the source map) or, for unmapped files, the URL. */
const STAGES: Array<[string, RegExp]> = [
  ['Prisma: query compilation (query compiler, wasm)', /query_compiler_bg\./],
  ['Prisma: result mapping (data-mapper)', /client-engine-runtime\/src\/interpreter\/data-mapper/],
  [
    'Prisma: SQL rendering and parameters (render-query, serialize-sql)',
    /client-engine-runtime\/src\/interpreter\/(render-query|serialize-sql)/,
  ],
  [
    'Prisma: plan interpreter and transactions',
    /client-engine-runtime\/src\/(interpreter|transaction-manager|tracing|utils|json-protocol|batch)/,
  ],
  ['Prisma: arguments to JSON protocol (serializeJsonQuery)', /src\/runtime\/core\/jsonProtocol\//],
  ['Prisma: engine request path (ClientEngine, LocalExecutor)', /src\/runtime\/core\/engines\//],
  ['Prisma: client API (model proxies, promises, extensions)', /src\/runtime\/|client-common\/|generated\/prisma\//],
  ['Prisma: other runtime code', /@prisma\/client\/runtime\//],
  [
    'driver adapter (pglite-prisma-adapter, adapter-pg)',
    /pglite-prisma-adapter|@prisma\/adapter-pg|node_modules\/pg\//,
  ],
  ['PGlite: wire protocol (pg-protocol parse/serialize)', /pg-protocol\/src\//],
  ['PGlite: result values (parse.ts, types.ts)', /pglite\/src\/(parse|types)\.ts/],
  ['PGlite: query wrapper and mutexes (base.ts)', /pglite\/src\/base\.ts|async-mutex/],
  ['PGlite: PostgreSQL (wasm) and its glue', /pglite\/src\/|release\/pglite\.js|@electric-sql\/pglite\//],
];

/** A minimal source-map reader (VLQ "mappings", version 3): generated (line, column) → source index. */
class SourceMap {
  readonly sources: string[];
  private readonly lines: Array<Array<[number, number]>> = [];
  constructor(map: { sources: string[]; mappings: string }) {
    this.sources = map.sources;
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let source = 0;
    for (const line of map.mappings.split(';')) {
      const segments: Array<[number, number]> = [];
      let column = 0;
      for (const seg of line.split(',')) {
        if (!seg) continue;
        const values: number[] = [];
        let value = 0;
        let shift = 0;
        for (const ch of seg) {
          const digit = B64.indexOf(ch);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        column += values[0] ?? 0;
        if (values.length > 1) source += values[1] ?? 0;
        segments.push([column, source]);
      }
      this.lines.push(segments);
    }
  }
  /** The source file of a 0-based generated position. */
  sourceAt(line: number, column: number): string | undefined {
    const segs = this.lines[line];
    if (!segs?.length) return undefined;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segs[mid]?.[0] ?? 0) <= column) lo = mid;
      else hi = mid - 1;
    }
    const s = segs[lo];
    return s ? this.sources[s[1]] : undefined;
  }
}

const maps = new Map<string, SourceMap | null>();
function sourceMapOf(url: string): SourceMap | null {
  if (maps.has(url)) return maps.get(url) ?? null;
  let map: SourceMap | null = null;
  try {
    const file = url.startsWith('file://') ? fileURLToPath(url) : url;
    if (file.includes('node_modules') && existsSync(`${file}.map`))
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  } catch {
    map = null;
  }
  maps.set(url, map);
  return map;
}

/** The path that names a frame's code: its original source where the package maps it, else its URL. */
function origin(frame: ProfileNode['callFrame']): string {
  const map = sourceMapOf(frame.url);
  const src = map?.sourceAt(frame.lineNumber, frame.columnNumber);
  if (!src) return frame.url;
  // Keep the package in the name: PGlite's sources are `../src/…` inside @electric-sql/pglite.
  const pkg = frame.url.includes('@electric-sql/pglite') ? 'pglite/' : '';
  return `${frame.url} ${pkg}${src.replace(/^(\.\.\/)+/, '')}`;
}

for (const file of process.argv.slice(2)) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = new Map<number, string>();
  /** The stage of a node: the innermost frame with a source that matches one, walking up through wasm and native. */
  const stage = (id: number): string => {
    const known = stageOf.get(id);
    if (known) return known;
    const leaf = byId.get(id);
    let s = 'other';
    if (leaf?.callFrame.functionName === '(idle)') s = 'idle';
    else if (leaf?.callFrame.functionName === '(garbage collector)') s = 'garbage collector';
    else {
      let n = leaf;
      while (n) {
        const url = n.callFrame.url;
        if (url && !url.startsWith('wasm://')) {
          const o = origin(n.callFrame);
          s = STAGES.find(([, re]) => re.test(o))?.[0] ?? 'other';
          break;
        }
        n = byId.get(parent.get(n.id) ?? -1);
      }
    }
    stageOf.set(id, s);
    return s;
  };
  const ms = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const s = stage(id);
    ms.set(s, (ms.get(s) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  const busy = [...ms.entries()].filter(([k]) => k !== 'idle').reduce((a, [, v]) => a + v, 0);
  console.log(`${file}: ${(busy / 1000).toFixed(1)} s busy`);
  console.log('| stage | CPU s | share of busy |\n|---|---|---|');
  const rows = [...ms.entries()].filter(([k]) => k !== 'idle' && k !== 'other' && k !== 'garbage collector');
  for (const [k, v] of rows.sort((a, b) => b[1] - a[1]))
    console.log(`| ${k} | ${(v / 1000).toFixed(1)} | ${((100 * v) / busy).toFixed(1)} % |`);
  for (const k of ['garbage collector', 'other'])
    console.log(
      `| ${k} | ${((ms.get(k) ?? 0) / 1000).toFixed(1)} | ${((100 * (ms.get(k) ?? 0)) / busy).toFixed(1)} % |`,
    );
}
