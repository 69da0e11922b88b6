/**
 * Opens the project's database: embedded PGlite (PostgreSQL in wasm, a data folder, no server) for a single
 * machine and the tests, or a real PostgreSQL server for CI and production. Both go through Prisma with a
 * driver adapter (the Prisma CLI never connects; migrations are applied by prisma/migrate.ts).
 *
 *   undefined            → process.env.DATABASE_URL, else PGlite in <project>/data/pglite
 *   'pglite:memory'      → in-memory PGlite (gone on close)
 *   'pglite:<path>'      → PGlite data folder (relative paths are relative to the project root; created if missing)
 *   'postgres://…' / 'postgresql://…' → PostgreSQL via @prisma/adapter-pg
 *
 * A PGlite data folder can be opened by one process at a time.
 */
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { adapterClient } from './pglite-client.js';
import { planCacheClientOptions } from './plan-cache.js';

/**
 * Interactive transactions queue behind advisory locks (the audit chain, numbering, assignment): under a burst
 * they wait for a connection and for the lock longer than Prisma's 2 s default, which would fail them.
 */
const transactionOptions = { maxWait: 30_000, timeout: 60_000 } as const;

/** Every client of the process: the transaction options above and the query-plan cache (prisma/plan-cache.ts). */
function prismaClient(adapter: AdapterFactory): PrismaClient {
  const options = { adapter, transactionOptions, ...planCacheClientOptions() };
  // The generated options type leaves out the runtime's `__internal` (it is there at run time, getPrismaClient.ts).
  return new PrismaClient(options as Omit<typeof options, '__internal'>);
}

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgres';
  /** What was opened: `pglite:memory`, `pglite:<absolute folder>` or the PostgreSQL URL as given. */
  url: string;
  close(): Promise<void>;
}

/** The driver-adapter factory type this Prisma Client accepts. */
type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof PrismaClient>[0]>['adapter']>;

/** The project root (this file is prisma/database.ts). */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The default PGlite data folder. */
export const defaultPgliteFolder = resolve(projectRoot, 'data', 'pglite');

/** The URL for logs: the password of a PostgreSQL URL replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.protocol.startsWith('postgres') ? u.toString() : url;
  } catch {
    return url;
  }
}

export async function openDatabase(url?: string): Promise<Database> {
  const target = url ?? (process.env.DATABASE_URL || `pglite:${defaultPgliteFolder}`);

  if (/^postgres(ql)?:\/\//i.test(target)) {
    const prisma = prismaClient(new PrismaPg({ connectionString: target }));
    await prisma.$connect();
    return {
      prisma,
      kind: 'postgres',
      url: target,
      close: () => prisma.$disconnect(),
    };
  }

  if (target.startsWith('pglite:')) {
    const where = target.slice('pglite:'.length);
    if (!where) throw new Error(`openDatabase: '${target}' names no folder (use 'pglite:memory' or 'pglite:<path>')`);
    let pglite: PGlite;
    let resolvedUrl: string;
    if (where === 'memory' || where === 'memory://') {
      pglite = await PGlite.create();
      resolvedUrl = 'pglite:memory';
    } else {
      const folder = isAbsolute(where) ? where : resolve(projectRoot, where);
      mkdirSync(folder, { recursive: true });
      pglite = await PGlite.create(folder);
      resolvedUrl = `pglite:${folder}`;
    }
    // pglite-prisma-adapter 0.6.1 is typed against @prisma/driver-adapter-utils 6.10 (its own nested copy), whose
    // declarations differ from Prisma 6.19's in argument-type details only; at run time it works with 6.19
    // (queries and interactive transactions are tested in test/database.test.ts). It is given the instance through
    // adapterClient, which installs its result parsers once instead of with every query (prisma/pglite-client.ts).
    const adapter = new PrismaPGlite(await adapterClient(pglite)) as unknown as AdapterFactory;
    const prisma = prismaClient(adapter);
    let closed = false;
    return {
      prisma,
      kind: 'pglite',
      url: resolvedUrl,
      close: async () => {
        if (closed) return;
        closed = true;
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }

  throw new Error(
    `openDatabase: unsupported database URL '${redactUrl(target)}' ` +
      `(expected postgresql://…, postgres://…, pglite:memory or pglite:<path>)`,
  );
}
