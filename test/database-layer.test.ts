import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../generated/prisma/client.js';
import { openDatabase, type Database } from '../prisma/database.js';
import { applyMigrations } from '../prisma/migrate.js';
import { cachingQueryCompiler, planCacheStats, type PlanCacheStats } from '../prisma/plan-cache.js';

describe('the query-plan cache in front of the query compiler', () => {
  /** A stand-in compiler that counts what it compiles and fails on texts starting with "bad". */
  function compilerWith(options: { maxEntries: number; maxQueryLength: number }) {
    const compiled: string[] = [];
    class Counting {
      compile(q: string) {
        compiled.push(q);
        if (q.startsWith('bad')) throw new Error(`refused ${q}`);
        return { plan: q, args: [q.length] };
      }
      compileBatch(q: string) {
        compiled.push(`batch ${q}`);
        return { type: 'multi', plans: [q] };
      }
      free() {}
    }
    const stats: PlanCacheStats = { hits: 0, misses: 0, skipped: 0 };
    const Caching = cachingQueryCompiler(Counting, options, stats);
    return { compiler: new Caching(undefined as never), compiled, stats };
  }

  it('keeps a plan the second time its text comes and answers it from then on with an equal plan', () => {
    const { compiler, compiled, stats } = compilerWith({ maxEntries: 10, maxQueryLength: 100 });
    const plans = [compiler.compile('q1'), compiler.compile('q1'), compiler.compile('q1'), compiler.compile('q1')];
    for (const p of plans) expect(p).toEqual({ plan: 'q1', args: [2] });
    expect(compiled).toEqual(['q1', 'q1']);
    expect(stats).toEqual({ hits: 2, misses: 2, skipped: 0 });
    for (let i = 0; i < 3; i++) compiler.compileBatch('q1');
    expect(compiled).toEqual(['q1', 'q1', 'batch q1', 'batch q1']);
  });

  it('hands out copies: changing a plan it returned leaves the cached one as compiled', () => {
    const { compiler } = compilerWith({ maxEntries: 10, maxQueryLength: 100 });
    compiler.compile('q1');
    const kept = compiler.compile('q1') as { args: number[] };
    kept.args.push(99);
    const hit = compiler.compile('q1') as { args: number[] };
    hit.args[0] = -1;
    expect(compiler.compile('q1')).toEqual({ plan: 'q1', args: [2] });
  });

  it('drops the least recently used plan when full, and keeps no text longer than the limit', () => {
    const { compiler, compiled, stats } = compilerWith({ maxEntries: 2, maxQueryLength: 5 });
    for (const q of ['a', 'a', 'b', 'b']) compiler.compile(q); // a and b kept
    compiler.compile('a'); // a hit: b is now the least recent
    for (const q of ['c', 'c']) compiler.compile(q); // c kept, b dropped
    compiler.compile('a'); // a hit
    compiler.compile('b'); // compiled again
    expect(compiled).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'b']);
    for (let i = 0; i < 3; i++) compiler.compile('longer');
    expect(compiled.slice(7)).toEqual(['longer', 'longer', 'longer']);
    expect(stats.skipped).toBe(3);
  });

  it('does not keep a refusal: the same text is compiled (and refused) again', () => {
    const { compiler, compiled } = compilerWith({ maxEntries: 10, maxQueryLength: 100 });
    expect(() => compiler.compile('bad1')).toThrow('refused bad1');
    expect(() => compiler.compile('bad1')).toThrow('refused bad1');
    expect(compiled).toEqual(['bad1', 'bad1']);
  });
});

describe('the database layer on PGlite', () => {
  let db: Database;
  let stock: PrismaClient;
  let stockPglite: PGlite;

  beforeAll(async () => {
    db = await openDatabase('pglite:memory');
    await applyMigrations(db);
    // The driver adapter given the PGlite instance as it comes, as prisma/database.ts did before.
    stockPglite = await PGlite.create();
    stock = new PrismaClient({ adapter: new PrismaPGlite(stockPglite) as never });
  });
  afterAll(async () => {
    await db?.close();
    await stock?.$disconnect();
    await stockPglite?.close();
  });

  it('answers a repeated query from the plan cache and finds each row by its own value', async () => {
    await db.prisma.reviewerProfile.createMany({
      data: [
        { userId: 'u-a', note: 'A' },
        { userId: 'u-b', note: 'B' },
      ],
    });
    const before = planCacheStats.hits;
    const a1 = await db.prisma.reviewerProfile.findUnique({ where: { userId: 'u-a' } });
    await db.prisma.reviewerProfile.findUnique({ where: { userId: 'u-a' } });
    const a3 = await db.prisma.reviewerProfile.findUnique({ where: { userId: 'u-a' } });
    const b = await db.prisma.reviewerProfile.findUnique({ where: { userId: 'u-b' } });
    expect(planCacheStats.hits).toBe(before + 1);
    expect(a3).toEqual(a1);
    expect([a1?.note, b?.note]).toEqual(['A', 'B']);
  });

  it('gives a cached update a fresh @updatedAt each time it runs', async () => {
    await db.prisma.reviewerProfile.create({ data: { userId: 'u-c' } });
    const update = () => db.prisma.reviewerProfile.update({ where: { userId: 'u-c' }, data: { note: 'same' } });
    await update();
    const kept = await update();
    await new Promise((r) => setTimeout(r, 20));
    const before = planCacheStats.hits;
    const fromCache = await update();
    expect(planCacheStats.hits).toBe(before + 1);
    expect(fromCache.updatedAt.getTime()).toBeGreaterThan(kept.updatedAt.getTime());
  });

  it('returns the same rows again after a caller changed the rows it was given', async () => {
    const read = () =>
      db.prisma.reviewerProfile.findMany({ where: { userId: { in: ['u-a', 'u-b'] } }, orderBy: { userId: 'asc' } });
    const rows = await read();
    for (const r of rows) r.note = 'changed';
    rows.push(rows[0]!);
    expect((await read()).map((r) => r.note)).toEqual(['A', 'B']);
  });

  it('reads every column type as the driver adapter with its own per-query parsers does', async () => {
    const sql = `SELECT TIMESTAMPTZ '2026-12-01 09:30:00+08' AS tz, TIMESTAMP '2026-12-01 09:30:00' AS ts,
      DATE '2026-10-10' AS d, TIME '09:30' AS t, 12345678901234::int8 AS big, 12.50::numeric AS num,
      '{"a":[1,"二"]}'::jsonb AS jb, '{"b":null}'::json AS j, ARRAY['x','依法'] AS texts,
      ARRAY[DATE '2026-01-01'] AS ds,
      ARRAY[TIMESTAMP '2026-01-01 08:00'] AS tss, true AS yes, NULL::text AS nothing`;
    const ours = await db.prisma.$queryRawUnsafe(sql);
    const theirs = await stock.$queryRawUnsafe(sql);
    expect(ours).toEqual(theirs);
    // …also inside an interactive transaction, which runs on PGlite's transaction object.
    expect(await db.prisma.$transaction((tx) => tx.$queryRawUnsafe(sql))).toEqual(theirs);
    // Arrays whose elements PGlite parses to BigInt or objects are refused alike (Prisma 6.19 takes neither).
    for (const array of ['ARRAY[1::int8, 9007199254740993::int8]', `ARRAY['{"c":1}'::jsonb]`]) {
      const refusal = await stock.$queryRawUnsafe(`SELECT ${array} AS a`).catch((e: Error) => e.message);
      expect(refusal).toMatch(/Cannot serialize value of type (bigint|object)/);
      await expect(db.prisma.$queryRawUnsafe(`SELECT ${array} AS a`)).rejects.toThrow(refusal as string);
    }
  });
});
