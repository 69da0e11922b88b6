import type { Router } from 'express';
import { z } from 'zod';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { verifyAudit } from '../services/verify-audit.js';
import { cityAudit } from '../services/audit-trail.js';
import { LIST_QUERIES } from '../../domain/lists.js';
import { listAnswer } from './list-answer.js';

const VerifyQuery = z.object({ decisionId: z.string().min(1).max(200).optional() }).strict();
const Break = z.object({
  seq: z.number(),
  scope: z.string(),
  scopeSeq: z.number().nullable(),
  action: z.string(),
  reason: z.enum(['hash_mismatch', 'broken_link', 'missing_event', 'missing_tail', 'not_migrated']),
  expectedHash: z.string().nullable(),
  actualHash: z.string().nullable(),
  message: z.object({ zh: z.string(), en: z.string() }),
});
const Verification = z.object({
  ok: z.boolean(),
  rule: z.literal('R38'),
  checkedAt: z.string(),
  scope: z.string().nullable(),
  events: z.number(),
  chains: z.number(),
  breaks: z.number(),
  firstBreak: Break.nullable(),
  head: z.object({ scope: z.string(), scopeSeq: z.number(), hash: z.string(), seq: z.number() }).nullable(),
  breakGlass: z.array(
    z.object({ id: z.number(), at: z.string(), role: z.string(), command: z.string(), object: z.string() }),
  ),
});

/** R38: verification of the audit hash chain. */
export function auditRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/audit/verify',
    summary:
      "Verify the audit hash chain: every chain (admin, supervisor) or one decision's (its readers); names the first broken event",
    tags: ['audit'],
    security,
    request: { query: VerifyQuery },
    responses: { 200: json(Verification), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
  });
  r.get('/api/audit/verify', requireUser(ctx), async (req, res) => {
    res.json(await verifyAudit(ctx, userOf(req), parse(VerifyQuery, req.query)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/audit/events',
    summary:
      'The city-wide audit trail (R38; admin, supervisor — not the events of confidential decisions for the office): by person or engine, chain, action (prefix), actor and Beijing days, searched over the action, actor’s name and subject; newest first by default, paged with counts per filter',
    tags: ['audit'],
    security,
    request: { query: LIST_QUERIES.cityAudit },
    responses: { 200: json(listAnswer(z.object({}).loose())), 400: errors[400], 401: errors[401], 403: errors[403] },
  });
  r.get('/api/audit/events', requireUser(ctx, 'admin', 'supervisor'), async (req, res) => {
    res.json(await cityAudit(ctx, userOf(req), parse(LIST_QUERIES.cityAudit, req.query)));
  });
}
