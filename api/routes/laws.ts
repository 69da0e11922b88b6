import type { Router } from 'express';
import { z } from 'zod';
import { LawEntrySchema } from '../../domain/review/law-library.js';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { addLaw, listLaws, updateLaw } from '../services/law-library.js';

const tags = ['legal center'];
const IdParam = z.object({ id: z.string().min(1).max(200) });
const LawEntry = registry.register('LawEntry', LawEntrySchema);

/** The law library: read by the legal center, kept by the director or the admin (audited). */
export function lawRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/laws',
    summary: 'The law library the assisted review checks citations against',
    tags,
    security,
    responses: { 200: json(z.object({ items: z.array(z.object({}).loose()) })), 401: errors[401], 403: errors[403] },
  });
  r.get('/api/laws', requireUser(ctx, 'reviewer', 'director', 'admin'), async (_req, res) => {
    res.json(await listLaws(ctx));
  });
  registry.registerPath({
    method: 'post',
    path: '/api/laws',
    summary: 'Add an entry to the law library (director, admin; audited)',
    tags,
    security,
    request: { body: { content: { 'application/json': { schema: LawEntry } } } },
    responses: { 201: json(z.object({}).loose()), ...errors },
  });
  r.post('/api/laws', requireUser(ctx, 'director', 'admin'), async (req, res) => {
    res.status(201).json(await addLaw(ctx, userOf(req), parse(LawEntrySchema, req.body)));
  });
  registry.registerPath({
    method: 'put',
    path: '/api/laws/{id}',
    summary: 'Correct an entry, or retire it with its repeal date and replacement (director, admin; audited)',
    tags,
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: LawEntry } } } },
    responses: { 200: json(z.object({}).loose()), ...errors },
  });
  r.put('/api/laws/:id', requireUser(ctx, 'director', 'admin'), async (req, res) => {
    res.json(await updateLaw(ctx, userOf(req), parse(IdParam, req.params).id, parse(LawEntrySchema, req.body)));
  });
}
