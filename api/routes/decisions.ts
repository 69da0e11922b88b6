import type { Router } from 'express';
import { z } from 'zod';
import { LaunchDecisionSchema } from '../../domain/decision/launch.js';
import { UploadDocumentSchema } from '../../domain/documents.js';
import { LIST_QUERIES } from '../../domain/lists.js';
import { listAnswer } from './list-answer.js';
import { idempotencyKey, parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { launchDecision } from '../services/launch-decision.js';
import { getDecision, listDecisions } from '../services/read-decisions.js';
import { decisionAudit } from '../services/audit-trail.js';
import { uploadDocument } from '../services/upload-document.js';
import { withdrawDecisionService } from '../services/withdraw-decision.js';
import { changeProcedureFlagsService } from '../services/procedure-flags.js';

const Launch = registry.register('LaunchDecision', LaunchDecisionSchema);
const Launched = z.object({ id: z.string(), number: z.string().describe('JC-<year>-<seq>') });
const ListQuery = LIST_QUERIES.decisions;
const Due = z
  .object({
    dueAt: z.string(),
    rule: z.string().nullable().describe('The rule (or configuration key) that set the due time'),
    basis: z.string().nullable(),
    provisional: z.boolean().describe('R32: reaches into a year whose holiday notice is not loaded'),
  })
  .nullable();
const DecisionSummary = registry.register(
  'DecisionSummary',
  z
    .object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      stage: z.string(),
      status: z.string(),
      openTasks: z.number(),
      overdue: z.boolean(),
      nextDue: Due,
    })
    .loose(),
);
const DecisionList = listAnswer(DecisionSummary);
const DecisionDetail = registry.register(
  'DecisionDetail',
  z
    .object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      stage: z.string(),
      status: z.string(),
      stages: z.array(z.object({ stage: z.string(), status: z.string(), reason: z.string().optional() }).loose()),
      openTasks: z.array(z.object({ id: z.string(), kind: z.string(), due: Due, overdue: z.boolean() }).loose()),
      timeline: z.array(z.object({}).loose()),
      documents: z.array(z.object({}).loose()),
      temporal: z.object({ workflowId: z.string(), webUiUrl: z.string() }).optional(),
    })
    .loose(),
);
const Withdraw = registry.register('WithdrawRequest', z.strictObject({ reason: z.string().trim().min(1).max(2000) }));
const ProcedureFlags = registry.register(
  'ProcedureFlagsChange',
  z
    .strictObject({
      expertArgumentation: z.boolean().optional().describe('R9: expert argumentation applies'),
      riskAssessment: z.boolean().optional().describe('R12: risk assessment applies'),
      reason: z.string().trim().min(1).max(500).describe('Why the flag changes (the skipped stage shows it)'),
    })
    .refine((v) => v.expertArgumentation !== undefined || v.riskAssessment !== undefined, {
      path: ['expertArgumentation'],
      message: 'Name expertArgumentation or riskAssessment',
    }),
);
const Upload = registry.register('UploadDocument', UploadDocumentSchema);
const IdParam = z.object({ id: z.string().min(1).max(100) });

export function decisionRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'post',
    path: '/api/decisions',
    summary: 'Launch a decision (R2; drafter)',
    tags: ['decisions'],
    security,
    request: { body: { content: { 'application/json': { schema: Launch } } } },
    responses: { 201: json(Launched, 'Launched; the procedure has started'), ...errors },
  });
  r.post('/api/decisions', requireUser(ctx, 'drafter'), async (req, res) => {
    res.status(201).json(await launchDecision(ctx, userOf(req), parse(LaunchDecisionSchema, req.body)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/decisions',
    summary:
      'Decisions visible to the caller: filtered by stage, status and lead department, searched over number and title, sorted by number, creation or title; paged with the true total and the counts per stage and status',
    tags: ['decisions'],
    security,
    request: { query: ListQuery },
    responses: { 200: json(DecisionList), 400: errors[400], 401: errors[401] },
  });
  r.get('/api/decisions', requireUser(ctx), async (req, res) => {
    res.json(await listDecisions(ctx, userOf(req), parse(ListQuery, req.query)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}',
    summary: 'One decision: stages, open tasks with deadlines, records, documents, timeline',
    tags: ['decisions'],
    security,
    request: { params: IdParam },
    responses: { 200: json(DecisionDetail), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/decisions/:id', requireUser(ctx), async (req, res) => {
    res.json(await getDecision(ctx, userOf(req), parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}/audit',
    summary:
      'The decision’s audit trail in order (R38), a page at a time (`events` = `items`): by person or engine, role and action (prefix), searched over the action and the actor’s name; counts per filter; the chain verified whole',
    tags: ['decisions'],
    security,
    request: { params: IdParam, query: LIST_QUERIES.audit },
    responses: {
      200: json(
        listAnswer(z.object({}).loose(), {
          decisionId: z.string(),
          number: z.string(),
          events: z.array(z.object({}).loose()),
          chain: z.object({ ok: z.boolean() }).loose(),
        }),
      ),
      400: errors[400],
      401: errors[401],
      404: errors[404],
    },
  });
  r.get('/api/decisions/:id/audit', requireUser(ctx), async (req, res) => {
    res.json(
      await decisionAudit(ctx, userOf(req), parse(IdParam, req.params).id, parse(LIST_QUERIES.audit, req.query)),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/withdraw',
    summary: 'Withdraw with a reason (drafting department; R31 refuses once approved)',
    tags: ['decisions'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: Withdraw } } } },
    responses: { 200: json(z.object({}).loose(), 'The procedure’s state after withdrawal'), ...errors },
  });
  r.post('/api/decisions/:id/withdraw', requireUser(ctx, 'drafter', 'dept_head'), async (req, res) => {
    const { reason } = parse(Withdraw, req.body);
    res.json(
      await withdrawDecisionService(ctx, userOf(req), parse(IdParam, req.params).id, reason, idempotencyKey(req)),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/procedure-flags',
    summary:
      'Change whether expert argumentation / risk assessment applies, with a reason (lead department; R9/R12 refuse once legality review is reached)',
    tags: ['decisions'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: ProcedureFlags } } } },
    responses: { 200: json(z.object({}).loose(), 'The procedure’s state after the change'), ...errors },
  });
  r.post('/api/decisions/:id/procedure-flags', requireUser(ctx, 'drafter', 'dept_head'), async (req, res) => {
    const change = parse(ProcedureFlags, req.body);
    res.json(
      await changeProcedureFlagsService(ctx, userOf(req), parse(IdParam, req.params).id, change, idempotencyKey(req)),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/documents',
    summary: 'Upload a document (base64); stored immutably with its SHA-256',
    tags: ['documents'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: Upload } } } },
    responses: { 201: json(z.object({ id: z.string(), sha256: z.string(), version: z.number() }).loose()), ...errors },
  });
  r.post('/api/decisions/:id/documents', requireUser(ctx), async (req, res) => {
    res
      .status(201)
      .json(
        await uploadDocument(ctx, userOf(req), parse(IdParam, req.params).id, parse(UploadDocumentSchema, req.body)),
      );
  });
}
