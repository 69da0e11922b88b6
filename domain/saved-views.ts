/**
 * Issue 16 §1: a saved view — a person's named query of one list, stored on the server. The query is the list's
 * URL parameters (strings), checked against that list's schema; the page number is not part of a view.
 */
import { z } from 'zod';
import { LIST_NAMES } from './lists.js';

export const MAX_VIEWS_PER_LIST = 50;

const Param = z.string().max(200);

export const SavedViewSchema = z.strictObject({
  list: z.enum(LIST_NAMES).describe('The list the view belongs to'),
  title: z.string().trim().min(1).max(60).describe('The view’s name, unique per person and list'),
  query: z
    .record(z.string().max(40), Param)
    .default({})
    .describe('The list’s query parameters as in its URL (page excluded)'),
});
export const SavedViewUpdateSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(60).optional(),
    query: z.record(z.string().max(40), Param).optional(),
  })
  .refine((v) => v.title !== undefined || v.query !== undefined, { path: ['title'], message: 'Name title or query' });

export type SavedViewInput = z.infer<typeof SavedViewSchema>;
