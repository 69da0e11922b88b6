import type { Router } from 'express';
import { z } from 'zod';
import { idempotencyKey, parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import { bulkAgenda, bulkReassign } from '../services/bulk-actions.js';
import { bulkReminders } from '../services/bulk-reminders.js';
import type { ServiceContext } from '../services/context.js';
import { BulkAgendaSchema, BulkReassignSchema, BulkRemindersSchema } from './bulk.schema.js';

const IdParam = z.object({ id: z.string().min(1).max(100) });
const BulkAnswer = registry.register(
  'BulkAnswer',
  z.object({
    total: z.number().int(),
    done: z.number().int().describe('Preview: items that would be done; execution: items done'),
    refused: z.number().int(),
    items: z.array(
      z.object({
        id: z.string(),
        outcome: z.enum(['will_do', 'done', 'refused']),
        rule: z.string().optional().describe('The rule (R-id) a refusal names, or its kind (forbidden, not_found)'),
        reason: z.object({ zh: z.string(), en: z.string() }).optional(),
        effect: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  }),
);
const key = { headers: z.object({ 'Idempotency-Key': z.string().max(200).optional() }) };

/** Bulk actions with preview (issue 16 §5): preview changes nothing; execution does each item on its own. */
export function bulkRoutes(r: Router, ctx: ServiceContext) {
  for (const execute of [false, true]) {
    const suffix = execute ? '' : '/preview';
    const verb = execute
      ? 'Executes item by item (each its own update and audit event; Idempotency-Key makes each item’s retry safe) and answers per item done or refused with the rule and reason'
      : 'Answers per item what would happen (will do, or refused with the rule and the reason in Chinese) and the counts, changing nothing';
    registry.registerPath({
      method: 'post',
      path: `/api/reviews/bulk${suffix}`,
      summary: `The director reassigns several reviews (R20). ${verb}`,
      tags: ['reviews'],
      security,
      request: { ...key, body: { content: { 'application/json': { schema: BulkReassignSchema } } } },
      responses: { 200: json(BulkAnswer), ...errors },
    });
    r.post(`/api/reviews/bulk${suffix}`, requireUser(ctx, 'director'), async (req, res) => {
      res.json(await bulkReassign(ctx, userOf(req), parse(BulkReassignSchema, req.body), execute, idempotencyKey(req)));
    });

    registry.registerPath({
      method: 'post',
      path: `/api/meetings/{id}/items/bulk${suffix}`,
      summary: `A secretary places several ready decisions on the meeting’s agenda (R21, R22). ${verb}`,
      tags: ['meetings'],
      security,
      request: { ...key, params: IdParam, body: { content: { 'application/json': { schema: BulkAgendaSchema } } } },
      responses: { 200: json(BulkAnswer), ...errors },
    });
    r.post(`/api/meetings/:id/items/bulk${suffix}`, requireUser(ctx, 'secretary'), async (req, res) => {
      const { id } = parse(IdParam, req.params);
      res.json(await bulkAgenda(ctx, userOf(req), id, parse(BulkAgendaSchema, req.body), execute, idempotencyKey(req)));
    });

    registry.registerPath({
      method: 'post',
      path: `/api/supervision/reminders/bulk${suffix}`,
      summary: `The supervising office sends a 提示函 to each of several overdue tasks (R35 overdue and open; R37 one per task and due). ${verb}`,
      tags: ['supervision'],
      security,
      request: { ...key, body: { content: { 'application/json': { schema: BulkRemindersSchema } } } },
      responses: { 200: json(BulkAnswer), ...errors },
    });
    r.post(`/api/supervision/reminders/bulk${suffix}`, requireUser(ctx, 'supervisor'), async (req, res) => {
      res.json(
        await bulkReminders(ctx, userOf(req), parse(BulkRemindersSchema, req.body), execute, idempotencyKey(req)),
      );
    });
  }
}
