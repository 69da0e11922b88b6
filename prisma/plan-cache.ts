/**
 * A query-plan cache for Prisma 6.19's client engine (`engineType = "client"`). That engine compiles every query —
 * its JSON-protocol text — into a plan in WebAssembly on each call and keeps nothing (`ClientEngine.request` marks plan caching as
 * not yet implemented, Prisma's ticket ORM-508); compilation was 18 % of the Node process's busy CPU in the benchmark
 * (bench/results/2026-12-01-dbcore.md). The plan is a pure function of that text and the schema: values are inlined,
 * and what must be fresh at each run — `now()` for `@default(now())` / `@updatedAt`, generated ids — stays a
 * generator call the interpreter evaluates when it runs the plan. So the same text may reuse the plan compiled
 * before. About six in ten compilations in a benchmark run repeat an earlier text exactly (the calendar's version
 * check, the session lookup, absences, catalog and settings reads, list pages); a changed value, `take`, `in` list
 * or `select` is another text and compiles afresh.
 *
 * The cache lives in each query-compiler instance (one per connected client, so one schema), holds at most
 * `maxEntries` plans in least-recently-used order and skips texts longer than `maxQueryLength` (writes carrying
 * documents). A plan is kept the second time its text is compiled, so the many texts that never come back (writes
 * with their ids and times) cost no copy. A hit returns a structured clone, so nothing the interpreter or a caller does to a plan or a value
 * taken from it can change the cached one. Errors (a refused query) are not cached. Installed through the client's
 * `__internal.configOverride` (the generated client's `compilerWasm.getRuntime`), which Prisma 6.19 reads once per
 * client; the version is pinned in package.json.
 */

/** What a Prisma 6.19 query compiler instance offers (`@prisma/client-common`'s QueryCompiler). */
interface QueryCompiler {
  compile(request: string): unknown;
  compileBatch(batchRequest: string): unknown;
  free(): void;
}
type QueryCompilerClass = new (options: never) => QueryCompiler;

/** The generated client's `compilerWasm` (internal/class.ts). */
interface CompilerWasm {
  getRuntime(): Promise<{ QueryCompiler: QueryCompilerClass } & Record<string, unknown>>;
  getQueryCompilerWasmModule(): Promise<unknown>;
}

export interface PlanCacheOptions {
  /** Plans kept per client (least recently used dropped first). */
  maxEntries: number;
  /** Longer query texts are compiled every time and not kept. */
  maxQueryLength: number;
}

export const defaultPlanCacheOptions: PlanCacheOptions = { maxEntries: 1000, maxQueryLength: 4096 };

/** How often a compilation was answered from the cache. */
export interface PlanCacheStats {
  hits: number;
  misses: number;
  /** Compiled without being kept: longer than `maxQueryLength`. */
  skipped: number;
}

/** A map in least-recently-used order: a hit moves to the end, the first is dropped when full. */
class Lru<V> {
  readonly #map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.#map.set(key, v);
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value as string);
  }
  clear(): void {
    this.#map.clear();
  }
}

/** The query compiler class with a plan cache in front of `compile` and `compileBatch`. */
export function cachingQueryCompiler(
  Base: QueryCompilerClass,
  options: PlanCacheOptions,
  stats: PlanCacheStats,
): QueryCompilerClass {
  return class CachingQueryCompiler extends Base {
    readonly #plans = new Lru<unknown>(options.maxEntries);
    readonly #batches = new Lru<unknown>(options.maxEntries);
    /** Texts compiled once: a plan is kept from the second time on, so a text seen once costs no copy. */
    readonly #seen = new Lru<true>(options.maxEntries * 2);

    override compile(request: string): unknown {
      return this.#cached(this.#plans, request, () => super.compile(request));
    }

    override compileBatch(batchRequest: string): unknown {
      return this.#cached(this.#batches, `batch ${batchRequest}`, () => super.compileBatch(batchRequest));
    }

    override free(): void {
      this.#plans.clear();
      this.#batches.clear();
      this.#seen.clear();
      super.free();
    }

    #cached(lru: Lru<unknown>, key: string, compile: () => unknown): unknown {
      if (key.length > options.maxQueryLength) {
        stats.skipped++;
        return compile();
      }
      const hit = lru.get(key);
      if (hit !== undefined) {
        stats.hits++;
        return structuredClone(hit);
      }
      stats.misses++;
      const plan = compile();
      if (this.#seen.get(key)) lru.set(key, structuredClone(plan));
      else this.#seen.set(key, true);
      return plan;
    }
  };
}

/** Counts for the whole process (see `planCacheClientOptions`). */
export const planCacheStats: PlanCacheStats = { hits: 0, misses: 0, skipped: 0 };

/**
 * The `__internal` client option that puts the cache in front of the client's query compiler:
 * `new PrismaClient({ adapter, ...planCacheClientOptions() })`. Prisma loads the compiler's WebAssembly once per
 * process and provider and keeps the class the first client's `getRuntime` returned, so every client of the process
 * shares the options and counts of the first (each compiler instance still has its own cache); a client created
 * without this option before it would leave the process uncached (prisma/database.ts creates them all).
 */
export function planCacheClientOptions(options: PlanCacheOptions = defaultPlanCacheOptions): {
  __internal: { configOverride: <C>(config: C) => C };
} {
  const configOverride = <C>(config: C): C => {
    const c = config as C & { compilerWasm?: CompilerWasm };
    const wasm = c.compilerWasm;
    if (!wasm) throw new Error('planCache: this Prisma client has no query compiler (engineType must be "client")');
    return {
      ...c,
      compilerWasm: {
        ...wasm,
        getRuntime: async () => {
          const runtime = await wasm.getRuntime();
          return { ...runtime, QueryCompiler: cachingQueryCompiler(runtime.QueryCompiler, options, planCacheStats) };
        },
      },
    };
  };
  return { __internal: { configOverride } };
}
