/**
 * Issue 16 §1: the one helper every list uses to turn its parsed query (domain/lists.ts) into a Prisma where,
 * orderBy and page, and to count per filter. Counts are faceted: each counted filter's values are counted within
 * every other filter (and the search), so a chip shows what choosing it would list.
 */
import type { SortDirection } from '../../domain/list-query.js';

export interface PageQuery {
  page: number;
  pageSize: number;
  sort: string;
  dir: SortDirection;
}

/** The answer of every list: the page's items, the true total, the counts per filter and the order applied. */
export interface ListPage<T> {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  sort: string;
  dir: SortDirection;
  counts: Record<string, Record<string, number>>;
  items: T[];
}

export const skipTake = (q: { page: number; pageSize: number }) => ({
  skip: (q.page - 1) * q.pageSize,
  take: q.pageSize,
});

/** `%text%` for ILIKE, the text's own `%`, `_` and `\` matched literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Each filter's part of the where, by filter name; `undefined` when the filter is not set. */
export type FilterParts<W> = Record<string, W | undefined>;

/** The where of every set filter (with the base), leaving one out for its own counts. */
export function whereOf<W>(base: W[], parts: FilterParts<W>, omit?: string): { AND: W[] } {
  return {
    AND: [...base, ...Object.entries(parts).flatMap(([name, w]) => (name === omit || w === undefined ? [] : [w]))],
  };
}

/**
 * A counted filter: grouped by a column (one query, every value it holds), or counted value by value when a
 * value is a condition rather than a column (overdue, what a task is about).
 */
export type Facet<W> = { by: string } | { values: readonly string[]; where: (value: string) => W };

export interface FacetSource<W> {
  count: (where: { AND: W[] }) => Promise<number>;
  groupBy: (by: string, where: { AND: W[] }) => Promise<Array<{ key: unknown; count: number }>>;
}

/** Counts per value of each facet, within the other filters. */
export async function facetCounts<W>(
  base: W[],
  parts: FilterParts<W>,
  facets: Record<string, Facet<W>>,
  source: FacetSource<W>,
): Promise<Record<string, Record<string, number>>> {
  const entries = await Promise.all(
    Object.entries(facets).map(async ([name, facet]) => {
      const where = whereOf(base, parts, name);
      if ('by' in facet) {
        const rows = await source.groupBy(facet.by, where);
        const counts: Record<string, number> = {};
        for (const r of rows) if (r.key !== null && r.key !== undefined) counts[String(r.key)] = r.count;
        return [name, counts] as const;
      }
      const counts = await Promise.all(
        facet.values.map(async (v) => [v, await source.count({ AND: [...where.AND, facet.where(v)] })] as const),
      );
      return [name, Object.fromEntries(counts)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** The answer's frame around a page of items. */
export function listPage<T>(
  q: PageQuery,
  total: number,
  items: T[],
  counts: Record<string, Record<string, number>> = {},
): ListPage<T> {
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    pages: Math.max(1, Math.ceil(total / q.pageSize)),
    sort: q.sort,
    dir: q.dir,
    counts,
    items,
  };
}

/** Prisma's `groupBy` rows (`{ <column>: value, _count: { _all: n } }`) as facet rows. */
export function groupRows(rows: Array<Record<string, unknown>>, by: string) {
  return rows.map((r) => ({ key: r[by], count: (r._count as { _all: number })._all }));
}

/** One row of a list's count cube: the value of each counted filter for a group of matches, and how many. */
export type CubeRow = Record<string, unknown> & { n: number | bigint };

/**
 * The total and the faceted counts from one grouped count (GROUP BY every counted filter, every other filter and
 * the search in its WHERE): a filter's values are summed over the groups matching the other filters' chosen
 * values, the total over the groups matching all of them. `zeros` names values answered even when none match.
 */
export function cubeCounts(
  rows: readonly CubeRow[],
  chosen: Record<string, string | undefined>,
  zeros: Record<string, readonly string[]> = {},
): { total: number; counts: Record<string, Record<string, number>> } {
  const names = Object.keys(chosen);
  const keeps = (r: CubeRow, omit?: string) =>
    names.every((k) => k === omit || chosen[k] === undefined || r[k] === chosen[k]);
  let total = 0;
  const counts: Record<string, Record<string, number>> = {};
  for (const name of names) counts[name] = Object.fromEntries((zeros[name] ?? []).map((v) => [v, 0]));
  for (const r of rows) {
    const n = Number(r.n);
    if (keeps(r)) total += n;
    for (const name of names) {
      const key = r[name];
      if (key === null || key === undefined || !keeps(r, name)) continue;
      const c = counts[name]!;
      c[String(key)] = (c[String(key)] ?? 0) + n;
    }
  }
  return { total, counts };
}
