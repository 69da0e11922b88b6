import type { Router } from 'express';
import { z } from 'zod';
import { describeList } from '../../domain/list-query.js';
import { LIST_NAMES, LIST_SPECS } from '../../domain/lists.js';
import { SavedViewSchema, SavedViewUpdateSchema } from '../../domain/saved-views.js';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { deleteView, getView, listViews, saveView, updateView } from '../services/saved-views.js';

const tags = ['lists'];
const ViewsQuery = z.strictObject({ list: z.enum(LIST_NAMES).optional() });
const IdParam = z.object({ id: z.string().min(1).max(100) });
const NameParam = z.object({ name: z.enum(LIST_NAMES) });
const Create = registry.register('SavedView', SavedViewSchema);
const Update = registry.register('SavedViewUpdate', SavedViewUpdateSchema);
const View = z.object({
  id: z.string(),
  list: z.enum(LIST_NAMES),
  title: z.string(),
  query: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ListDescription = z.object({
  name: z.string(),
  sorts: z.array(z.string()),
  defaultSort: z.string(),
  defaultDir: z.enum(['asc', 'desc']),
  defaultPageSize: z.number(),
  maxPageSize: z.number(),
  search: z.boolean(),
  filters: z.array(
    z.object({ name: z.string(), values: z.array(z.string()), default: z.string().nullable(), counted: z.boolean() }),
  ),
  freeFilters: z.array(z.string()),
});

/** Issue 16 §1: what each list accepts (for the web's filter bars) and each person's saved views. */
export function viewRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/lists/{name}',
    summary: 'What a list accepts: its sorts, default order and page size, filters with their values, search',
    tags,
    security,
    request: { params: NameParam },
    responses: { 200: json(ListDescription), 400: errors[400], 401: errors[401] },
  });
  r.get('/api/lists/:name', requireUser(ctx), async (req, res) => {
    const { name } = parse(NameParam, req.params);
    res.json(describeList(name, LIST_SPECS[name]));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/views',
    summary: 'My saved views (of one list with `list`)',
    tags,
    security,
    request: { query: ViewsQuery },
    responses: { 200: json(z.object({ items: z.array(View) })), 400: errors[400], 401: errors[401] },
  });
  r.get('/api/views', requireUser(ctx), async (req, res) => {
    res.json(await listViews(ctx, userOf(req), parse(ViewsQuery, req.query).list));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/views',
    summary: 'Save a view of a list: a title and the list’s query parameters, checked against the list (audited)',
    tags,
    security,
    request: { body: { content: { 'application/json': { schema: Create } } } },
    responses: { 201: json(View), 400: errors[400], 401: errors[401], 409: errors[409] },
  });
  r.post('/api/views', requireUser(ctx), async (req, res) => {
    res.status(201).json(await saveView(ctx, userOf(req), parse(SavedViewSchema, req.body)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/views/{id}',
    summary: 'One of my saved views (another person’s does not exist for me: 404)',
    tags,
    security,
    request: { params: IdParam },
    responses: { 200: json(View), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/views/:id', requireUser(ctx), async (req, res) => {
    res.json(await getView(ctx, userOf(req), parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'put',
    path: '/api/views/{id}',
    summary: 'Rename a saved view or change its query (audited)',
    tags,
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: Update } } } },
    responses: { 200: json(View), 400: errors[400], 401: errors[401], 404: errors[404], 409: errors[409] },
  });
  r.put('/api/views/:id', requireUser(ctx), async (req, res) => {
    res.json(await updateView(ctx, userOf(req), parse(IdParam, req.params).id, parse(SavedViewUpdateSchema, req.body)));
  });

  registry.registerPath({
    method: 'delete',
    path: '/api/views/{id}',
    summary: 'Delete a saved view (audited)',
    tags,
    security,
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, 401: errors[401], 404: errors[404] },
  });
  r.delete('/api/views/:id', requireUser(ctx), async (req, res) => {
    await deleteView(ctx, userOf(req), parse(IdParam, req.params).id);
    res.status(204).end();
  });
}
