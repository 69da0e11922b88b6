import { z } from 'zod';

/** The OpenAPI shape of every list's answer (api/services/list-page.ts): a page of items, the total and the counts. */
export function listAnswer<T extends z.ZodType>(item: T, extra: z.ZodRawShape = {}) {
  return z
    .object({
      total: z.number().describe('Every match, not the page'),
      page: z.number(),
      pageSize: z.number(),
      pages: z.number(),
      sort: z.string(),
      dir: z.enum(['asc', 'desc']),
      counts: z
        .record(z.string(), z.record(z.string(), z.number()))
        .describe('Per counted filter, the matches of each value within the other filters'),
      items: z.array(item),
      ...extra,
    })
    .loose();
}
