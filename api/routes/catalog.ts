import type { Router } from 'express';
import { z } from 'zod';
import {
  AmendCatalogSchema,
  ApproveCatalogSchema,
  CatalogYearSchema,
  CreateCatalogSchema,
  OutsideCatalogDecisionSchema,
  OutsideCatalogRequestSchema,
  RefuseCatalogAmendmentSchema,
  SaveCatalogDraftSchema,
} from '../../domain/catalog/schemas.js';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import {
  approveAmendment,
  listAmendments,
  proposeAmendment,
  refuseAmendment,
  withdrawAmendment,
} from '../services/catalog-amendments.js';
import {
  approveCatalog,
  catalogVersions,
  createCatalog,
  publishCatalog,
  saveCatalogDraft,
} from '../services/catalog.js';
import { catalogDocument, listCatalogs, readCatalog } from '../services/catalog-read.js';
import { decideOutsideCatalog, listOutsideCatalog, requestOutsideCatalog } from '../services/outside-catalog.js';
import { sendFile } from './meetings.js';
import { listAnswer } from './list-answer.js';
import { LIST_QUERIES } from '../../domain/lists.js';
import { waitingApprovals } from '../services/approvals-waiting.js';

const YearParam = z.object({ year: CatalogYearSchema });
const IdParam = z.object({ id: z.string().min(1).max(100) });
const AmendmentParam = z.object({ year: CatalogYearSchema, id: z.string().min(1).max(100) });
const Any = json(z.object({}).loose());
const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** R1: the annual catalog (office drafts, leader approves with the party committee's agreement, office publishes; amendments proposed by the office and approved the same way) and outside-catalog approvals. */
export function catalogRoutes(r: Router, ctx: ServiceContext) {
  const year = (p: unknown) => parse(YearParam, p).year;
  const tags = ['catalog'];

  registry.registerPath({
    method: 'get',
    path: '/api/catalogs',
    summary: 'Annual catalogs (R1)',
    tags,
    security,
    responses: { 200: Any, 401: errors[401] },
  });
  r.get('/api/catalogs', requireUser(ctx), async (_req, res) => {
    res.json(await listCatalogs(ctx));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/catalogs',
    summary: 'Start a year’s catalog (R1; supervisor)',
    tags,
    security,
    request: body(registry.register('CreateCatalog', CreateCatalogSchema)),
    responses: { 201: Any, ...errors },
  });
  r.post('/api/catalogs', requireUser(ctx, 'supervisor'), async (req, res) => {
    res.status(201).json(await createCatalog(ctx, userOf(req), parse(CreateCatalogSchema, req.body).year));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/catalogs/{year}',
    summary: 'A catalog with its entries and each entry’s decision progress (R1)',
    tags,
    security,
    request: { params: YearParam },
    responses: { 200: Any, 401: errors[401], 404: errors[404] },
  });
  r.get('/api/catalogs/:year', requireUser(ctx), async (req, res) => {
    res.json(await readCatalog(ctx, year(req.params), userOf(req)));
  });

  registry.registerPath({
    method: 'put',
    path: '/api/catalogs/{year}/draft',
    summary: 'Save the draft entries while drafting (R1; supervisor)',
    tags,
    security,
    request: { params: YearParam, ...body(registry.register('SaveCatalogDraft', SaveCatalogDraftSchema)) },
    responses: { 200: Any, ...errors },
  });
  r.put('/api/catalogs/:year/draft', requireUser(ctx, 'supervisor'), async (req, res) => {
    res.json(
      await saveCatalogDraft(ctx, userOf(req), year(req.params), parse(SaveCatalogDraftSchema, req.body).entries),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/catalogs/{year}/approve',
    summary: 'Approve, recording the party committee’s agreement (R1; leader)',
    tags,
    security,
    request: { params: YearParam, ...body(registry.register('ApproveCatalog', ApproveCatalogSchema)) },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/catalogs/:year/approve', requireUser(ctx, 'leader'), async (req, res) => {
    res.json(await approveCatalog(ctx, userOf(req), year(req.params), parse(ApproveCatalogSchema, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/catalogs/{year}/publish',
    summary: 'Publish the approved catalog as version 1 (R1; supervisor)',
    tags,
    security,
    request: { params: YearParam },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/catalogs/:year/publish', requireUser(ctx, 'supervisor'), async (req, res) => {
    res.json(await publishCatalog(ctx, userOf(req), year(req.params)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/catalogs/{year}/amendments',
    summary: 'Amendments proposed, approved and refused, each with its reason and diff (R1)',
    tags,
    security,
    request: { params: YearParam },
    responses: { 200: Any, 401: errors[401], 404: errors[404] },
  });
  r.get('/api/catalogs/:year/amendments', requireUser(ctx), async (req, res) => {
    res.json(await listAmendments(ctx, userOf(req), year(req.params)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/catalogs/{year}/amendments',
    summary:
      'Propose an amendment of the published catalog with a reason; pending until a leader approves it (R1; supervisor)',
    tags,
    security,
    request: { params: YearParam, ...body(registry.register('AmendCatalog', AmendCatalogSchema)) },
    responses: { 201: Any, ...errors },
  });
  r.post('/api/catalogs/:year/amendments', requireUser(ctx, 'supervisor'), async (req, res) => {
    res
      .status(201)
      .json(await proposeAmendment(ctx, userOf(req), year(req.params), parse(AmendCatalogSchema, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/catalogs/{year}/amendments/{id}/approve',
    summary:
      'Approve a proposed amendment with the party committee’s agreement: the new published version (R1; leader)',
    tags,
    security,
    request: { params: AmendmentParam, ...body(ApproveCatalogSchema) },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/catalogs/:year/amendments/:id/approve', requireUser(ctx, 'leader'), async (req, res) => {
    const p = parse(AmendmentParam, req.params);
    res.json(await approveAmendment(ctx, userOf(req), p.year, p.id, parse(ApproveCatalogSchema, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/catalogs/{year}/amendments/{id}/refuse',
    summary: 'Refuse a proposed amendment with the reason (R1; leader)',
    tags,
    security,
    request: {
      params: AmendmentParam,
      ...body(registry.register('RefuseCatalogAmendment', RefuseCatalogAmendmentSchema)),
    },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/catalogs/:year/amendments/:id/refuse', requireUser(ctx, 'leader'), async (req, res) => {
    const p = parse(AmendmentParam, req.params);
    res.json(
      await refuseAmendment(ctx, userOf(req), p.year, p.id, parse(RefuseCatalogAmendmentSchema, req.body).reason),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/catalogs/{year}/amendments/{id}/withdraw',
    summary: 'Withdraw a pending amendment with the reason (R1; supervisor)',
    tags,
    security,
    request: { params: AmendmentParam, ...body(RefuseCatalogAmendmentSchema) },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/catalogs/:year/amendments/:id/withdraw', requireUser(ctx, 'supervisor'), async (req, res) => {
    const p = parse(AmendmentParam, req.params);
    res.json(
      await withdrawAmendment(ctx, userOf(req), p.year, p.id, parse(RefuseCatalogAmendmentSchema, req.body).reason),
    );
  });

  registry.registerPath({
    method: 'get',
    path: '/api/catalogs/{year}/versions',
    summary: 'Every published version with its reason and diff (R1)',
    tags,
    security,
    request: { params: YearParam },
    responses: { 200: Any, 401: errors[401], 404: errors[404] },
  });
  r.get('/api/catalogs/:year/versions', requireUser(ctx), async (req, res) => {
    res.json(await catalogVersions(ctx, year(req.params)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/catalogs/{year}/catalog.docx',
    summary: 'The published catalog, GB/T 9704 layout (R1)',
    tags,
    security,
    request: { params: YearParam },
    responses: {
      200: { description: 'The catalog', content: { [DOCX]: { schema: z.string().meta({ format: 'binary' }) } } },
      401: errors[401],
      404: errors[404],
    },
  });
  r.get('/api/catalogs/:year/catalog.docx', requireUser(ctx), async (req, res) => {
    sendFile(res, { ...(await catalogDocument(ctx, year(req.params))), mimeType: DOCX });
  });

  registry.registerPath({
    method: 'get',
    path: '/api/outside-catalog-requests',
    summary:
      'Requests to launch outside the catalog (R1): filtered by status, department and year, searched, sorted, paged, counted',
    tags,
    security,
    request: { query: LIST_QUERIES.outsideCatalog },
    responses: {
      200: json(listAnswer(z.object({ id: z.string(), status: z.string(), title: z.string() }).loose())),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/outside-catalog-requests', requireUser(ctx), async (req, res) => {
    res.json(await listOutsideCatalog(ctx, userOf(req), parse(LIST_QUERIES.outsideCatalog, req.query)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/approvals/waiting',
    summary:
      'What waits for me on the catalog page (R1): catalogs and amendments to approve and outside-catalog requests to decide (leaders), catalogs to publish (office)',
    tags,
    security,
    responses: {
      200: json(
        z.object({
          total: z.number(),
          items: z.array(
            z.object({
              kind: z.enum(['catalog', 'amendment', 'outside', 'publish']),
              year: z.number().nullable(),
              count: z.number(),
              label: z.object({ zh: z.string(), en: z.string() }),
              href: z.string(),
            }),
          ),
        }),
      ),
      401: errors[401],
    },
  });
  r.get('/api/approvals/waiting', requireUser(ctx), async (req, res) => {
    res.json(await waitingApprovals(ctx, userOf(req)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/outside-catalog-requests',
    summary: 'Ask to launch a decision outside the catalog, with the reason (R1; drafter)',
    tags,
    security,
    request: body(registry.register('OutsideCatalogRequest', OutsideCatalogRequestSchema)),
    responses: { 201: Any, ...errors },
  });
  r.post('/api/outside-catalog-requests', requireUser(ctx, 'drafter'), async (req, res) => {
    res.status(201).json(await requestOutsideCatalog(ctx, userOf(req), parse(OutsideCatalogRequestSchema, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/outside-catalog-requests/{id}/decision',
    summary: 'Approve or refuse an outside-catalog launch (R1; leader)',
    tags,
    security,
    request: { params: IdParam, ...body(registry.register('OutsideCatalogDecision', OutsideCatalogDecisionSchema)) },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/outside-catalog-requests/:id/decision', requireUser(ctx, 'leader'), async (req, res) => {
    res.json(
      await decideOutsideCatalog(
        ctx,
        userOf(req),
        parse(IdParam, req.params).id,
        parse(OutsideCatalogDecisionSchema, req.body),
      ),
    );
  });
}
