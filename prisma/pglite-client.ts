/**
 * The PGlite handle given to the Prisma driver adapter (pglite-prisma-adapter 0.6.1). The adapter passes its own
 * result parsers (timestamps and JSON as text, …) with every query, and PGlite 0.5 then builds the parser table of
 * that query by copying all of its own — one per type and array type, several hundred — into a new object
 * (`parseResults`: `{ ...this.parsers, ...options.parsers }`). That copy was 7 % of the Node process's busy CPU in
 * the benchmark (bench/results/2026-12-01-dbcore.md). Here the adapter's parsers are put into the instance's table
 * once, on the first query that brings them, and the query goes on without them: the same parsers parse the same
 * columns, without the copy. PGlite's array parsers look their element's parser up in the instance's table when
 * they run, so an array type whose element parser the adapter replaces but which it does not replace itself (e.g.
 * `timestamptz[]`, `jsonb[]`) keeps PGlite's element parser explicitly, as the copied table gave it. Only the
 * adapter uses this PGlite instance (prisma/database.ts), so no other caller sees the changed table.
 */
import { type PGlite, type QueryOptions, type Transaction, types } from '@electric-sql/pglite';

type Parsers = NonNullable<QueryOptions['parsers']>;

/** What the adapter calls on the instance and, inside an interactive transaction, on the transaction. */
export async function adapterClient(pglite: PGlite): Promise<PGlite> {
  const arrays = await pglite.query<{ oid: number; typarray: number }>(
    'SELECT oid, typarray FROM pg_catalog.pg_type WHERE typarray <> 0',
  );
  const arrayOf = new Map(arrays.rows.map((r) => [r.oid, r.typarray]));
  const install = (parsers: Parsers) => {
    for (const [oid, arrayOid] of arrayOf) {
      const element = pglite.parsers[oid] as types.Parser;
      if (parsers[oid] && !parsers[arrayOid] && pglite.parsers[arrayOid])
        pglite.parsers[arrayOid] = (x: string) => types.arrayParser(x, element, arrayOid);
    }
    Object.assign(pglite.parsers, parsers);
  };
  let installed: QueryOptions['parsers'];
  const withoutParsers = (options?: QueryOptions): QueryOptions | undefined => {
    if (!options?.parsers) return options;
    if (options.parsers !== installed) {
      if (installed) throw new Error('adapterClient: the driver adapter changed its result parsers');
      install(options.parsers);
      installed = options.parsers;
    }
    const { parsers: _installed, ...rest } = options;
    return rest;
  };
  const client = {
    query: (sql: string, params?: unknown[], options?: QueryOptions) =>
      pglite.query(sql, params, withoutParsers(options)),
    exec: (sql: string, options?: QueryOptions) => pglite.exec(sql, options),
    transaction: <T>(callback: (tx: Transaction) => Promise<T>) =>
      pglite.transaction((tx) =>
        callback(
          Object.create(tx, {
            query: {
              value: (sql: string, params?: unknown[], options?: QueryOptions) =>
                tx.query(sql, params, withoutParsers(options)),
            },
          }) as Transaction,
        ),
      ),
  };
  return client as unknown as PGlite;
}
