import type { Router } from 'express';
import { z } from 'zod';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import rateLimit from 'express-rate-limit';
import {
  createExpert,
  declareInterest,
  leadDepartmentChooser,
  listExperts,
  listSelections,
  selectExpert,
  updateExpert,
} from '../services/expert-pool.js';
import { respondToOpinion, uploadOpinionByLink } from '../services/expert-opinions.js';
import {
  CreateExpertSchema,
  ExpertOpinionUploadSchema,
  InterestSchema,
  OpinionResponseSchema,
  SelectExpertSchema,
  UpdateExpertSchema,
} from './experts.schema.js';
import { argumentationRoutes } from './expert-argumentation.js';

const tags = ['experts'];
const ExpertParam = z.object({ id: z.string().min(1) });
const DecisionParam = z.object({ id: z.string().min(1) });
const TokenParam = z.object({ token: z.string().min(20).max(100) });
const SelectionParam = z.object({ id: z.string().min(1), selectionId: z.string().min(1) });
const ListQuery = z.strictObject({
  field: z.string().min(1).max(100).optional().describe('Only experts of this field'),
});

/** The expert pool (专家库, R10) and the experts chosen for a decision's argumentation. */
export function expertRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/experts',
    summary:
      'The expert pool: experts and institutions with fields, former employment and declared interests (R10; supervising office, admin, director)',
    tags,
    security,
    request: { query: ListQuery },
    responses: { 200: json(z.object({ items: z.array(z.object({}).loose()) })), 401: errors[401], 403: errors[403] },
  });
  // The pool holds people's addresses and interests: the office, the admin and the legal center's director read it;
  // the lead department sees candidates through its decision (without addresses).
  r.get('/api/experts', requireUser(ctx, 'supervisor', 'admin', 'director'), async (req, res) => {
    res.json(await listExperts(ctx, parse(ListQuery, req.query)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/experts',
    summary:
      'Add an expert or institution to the pool with fields, former employment and declared interests (supervising office, admin; audited)',
    tags,
    security,
    request: { body: { content: { 'application/json': { schema: CreateExpertSchema } } } },
    responses: {
      201: json(z.object({ id: z.string() }).loose()),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  r.post('/api/experts', requireUser(ctx, 'supervisor', 'admin'), async (req, res) => {
    res.status(201).json(await createExpert(ctx, userOf(req), parse(CreateExpertSchema, req.body)));
  });

  registry.registerPath({
    method: 'put',
    path: '/api/experts/{id}',
    summary:
      'Correct an expert’s entry, or take the expert out of the pool with `active: false` (supervising office, admin; audited)',
    tags,
    security,
    request: { params: ExpertParam, body: { content: { 'application/json': { schema: UpdateExpertSchema } } } },
    responses: {
      200: json(z.object({ id: z.string() }).loose()),
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
    },
  });
  r.put('/api/experts/:id', requireUser(ctx, 'supervisor', 'admin'), async (req, res) => {
    res.json(
      await updateExpert(ctx, userOf(req), parse(ExpertParam, req.params).id, parse(UpdateExpertSchema, req.body)),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/experts/{id}/interests',
    summary:
      'Record an expert’s declared interest in a department’s matters or a decision (R10: blocks selection; supervising office, admin; audited)',
    tags,
    security,
    request: { params: ExpertParam, body: { content: { 'application/json': { schema: InterestSchema } } } },
    responses: {
      201: json(z.object({ id: z.string() }).loose()),
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
    },
  });
  r.post('/api/experts/:id/interests', requireUser(ctx, 'supervisor', 'admin'), async (req, res) => {
    res
      .status(201)
      .json(
        await declareInterest(ctx, userOf(req), parse(ExpertParam, req.params).id, parse(InterestSchema, req.body)),
      );
  });

  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}/experts',
    summary: 'The experts chosen for the decision’s argumentation, with why and the invitation (the lead department)',
    tags,
    security,
    request: { params: DecisionParam },
    responses: { 200: json(z.object({ items: z.array(z.object({}).loose()) })), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/decisions/:id/experts', requireUser(ctx), async (req, res) => {
    res.json(await listSelections(ctx, userOf(req), parse(DecisionParam, req.params).id));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/experts',
    summary:
      'Choose an expert from the pool for the decision’s argumentation with the reason (the lead department’s drafter or head); a declared interest or former employment in the lead department is refused (409 R10); the invitation is queued in the outbox',
    tags,
    security,
    request: { params: DecisionParam, body: { content: { 'application/json': { schema: SelectExpertSchema } } } },
    responses: { 201: json(z.object({ id: z.string(), mailId: z.string().nullable() }).loose()), ...errors },
  });
  r.post('/api/decisions/:id/experts', requireUser(ctx, 'drafter', 'dept_head'), async (req, res) => {
    const { id } = parse(DecisionParam, req.params);
    // Another department's drafter learns nothing about the decision, not even what the body lacks.
    await leadDepartmentChooser(ctx, userOf(req), id);
    res
      .status(201)
      .json(
        await selectExpert(
          ctx,
          userOf(req),
          id,
          parse(SelectExpertSchema, req.body),
          `${req.protocol}://${req.get('host')}`,
        ),
      );
  });

  // No sign-in: the token is the credential. Few attempts per address, so tokens cannot be guessed by trying.
  const linkLimit = rateLimit({
    windowMs: 15 * 60_000,
    limit: 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json({
        error: 'rate_limited',
        messageKey: 'error.rate_limited',
        message: { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts; try again later' },
      });
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/expert-opinions/{token}',
    summary:
      'The expert uploads the signed written opinion through the one-time link in the invitation (no sign-in; the link works once and expires; rate-limited per address; R11)',
    tags,
    request: { params: TokenParam, body: { content: { 'application/json': { schema: ExpertOpinionUploadSchema } } } },
    responses: {
      201: json(z.object({ received: z.boolean(), sha256: z.string() })),
      400: errors[400],
      404: errors[404],
      409: errors[409],
      429: { description: 'Too many attempts from this address' },
    },
  });
  r.post('/api/expert-opinions/:token', linkLimit, async (req, res) => {
    const { token } = parse(TokenParam, req.params);
    res.status(201).json(await uploadOpinionByLink(ctx, token, parse(ExpertOpinionUploadSchema, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/experts/{selectionId}/response',
    summary:
      'The lead department answers an expert’s signed opinion: adopted, or not adopted with the reason (R11; audited)',
    tags,
    security,
    request: { params: SelectionParam, body: { content: { 'application/json': { schema: OpinionResponseSchema } } } },
    responses: { 200: json(z.object({}).loose()), ...errors },
  });
  r.post(
    '/api/decisions/:id/experts/:selectionId/response',
    requireUser(ctx, 'drafter', 'dept_head'),
    async (req, res) => {
      const { id, selectionId } = parse(SelectionParam, req.params);
      await leadDepartmentChooser(ctx, userOf(req), id);
      res.json(await respondToOpinion(ctx, userOf(req), id, selectionId, parse(OpinionResponseSchema, req.body)));
    },
  );
  argumentationRoutes(r, ctx);
}
