/**
 * Issue 16 §1: the one query language of every list. A list names its sorts (an allow-list), its default order and
 * its filters; `listQuery` turns that into a strict zod schema (unknown parameter → 400 naming it), with page,
 * pageSize (at most 100), sort, dir and q shared by all. The same spec answers GET /api/lists/:name, so the web
 * builds its filter bar from the server's lists rather than a copy.
 */
import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** A filter with a closed set of values: the web shows one chip per value, with its count. */
export interface EnumFilter {
  values: readonly [string, ...string[]];
  /** The value when the parameter is absent (a list's natural view, e.g. the inbox's open tasks). */
  default?: string;
  /** Counted per value in the answer's `counts.<name>` (within the other filters). */
  counted?: boolean;
}

export interface ListSpec {
  sorts: readonly [string, ...string[]];
  defaultSort: string;
  defaultDir: SortDirection;
  defaultPageSize: number;
  /** Closed-value filters (chips). */
  enums: Record<string, EnumFilter>;
  /** Free filters (an id, a year): a zod schema each. */
  free?: Record<string, z.ZodType>;
  /** Whether `q` searches anything in this list (and over what, for the OpenAPI text). */
  search?: string;
}

const idLike = z.string().trim().min(1).max(100);
export const yearFilter = z.coerce.number().int().min(2000).max(2100);
export const idFilter = idLike;

/** The strict zod schema of one list's query string. */
export function listQuery<const S extends ListSpec>(spec: S) {
  const enums = Object.fromEntries(
    Object.entries(spec.enums).map(([name, f]) => {
      const e = z.enum(f.values as [string, ...string[]]);
      return [name, f.default !== undefined ? e.default(f.default) : e.optional()];
    }),
  );
  return z.strictObject({
    page: z.coerce.number().int().min(1).max(100_000).default(1).describe('1-based page number'),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_SIZE)
      .default(spec.defaultPageSize)
      .describe(`Items per page (at most ${MAX_PAGE_SIZE})`),
    sort: z
      .enum(spec.sorts as unknown as [string, ...string[]])
      .default(spec.defaultSort)
      .describe(`Order by (${spec.sorts.join(', ')})`),
    dir: z.enum(SORT_DIRECTIONS).default(spec.defaultDir).describe('Sort direction'),
    counts: z
      .enum(['true', 'false'])
      .optional()
      .describe('false: the answer may leave `counts` empty (the web asks so when only the page changes)'),
    ...(spec.search ? { q: z.string().trim().max(100).optional().describe(`Search ${spec.search}`) } : {}),
    ...enums,
    ...Object.fromEntries(Object.entries(spec.free ?? {}).map(([name, schema]) => [name, schema.optional()])),
  });
}

export type ListQueryOf<S extends ListSpec> = {
  page: number;
  pageSize: number;
  sort: S['sorts'][number];
  dir: SortDirection;
  counts?: 'true' | 'false';
  q?: string;
} & { [K in keyof S['enums']]?: S['enums'][K]['values'][number] } & {
  [K in keyof NonNullable<S['free']>]?: z.infer<NonNullable<S['free']>[K]>;
};

/** What GET /api/lists/:name answers: enough for a filter bar, sort select and pager. */
export function describeList(name: string, spec: ListSpec) {
  return {
    name,
    sorts: [...spec.sorts],
    defaultSort: spec.defaultSort,
    defaultDir: spec.defaultDir,
    defaultPageSize: spec.defaultPageSize,
    maxPageSize: MAX_PAGE_SIZE,
    search: Boolean(spec.search),
    filters: Object.entries(spec.enums).map(([filter, f]) => ({
      name: filter,
      values: [...f.values],
      default: f.default ?? null,
      counted: Boolean(f.counted),
    })),
    freeFilters: Object.keys(spec.free ?? {}),
  };
}
