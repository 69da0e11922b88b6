import type { Router } from 'express';
import { z } from 'zod';
import { idempotencyKey, parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import {
  concludeArgumentation,
  declineSelection,
  expertCandidates,
  uploadOpinionByDrafter,
} from '../services/expert-opinions.js';
import { leadDepartmentChooser } from '../services/expert-pool.js';
import { ConcludeArgumentationSchema, DeclineSelectionSchema, ExpertOpinionUploadSchema } from './experts.schema.js';

const tags = ['experts'];
const DecisionParam = z.object({ id: z.string().min(1) });
const SelectionParam = z.object({ id: z.string().min(1), selectionId: z.string().min(1) });
const CandidateQuery = z.strictObject({
  field: z.string().min(1).max(100).optional().describe('Only experts of this field'),
});

/** The lead department's side of one decision's argumentation (R10, R11): candidates, declines, opinions, conclusion. */
export function argumentationRoutes(r: Router, ctx: ServiceContext) {
  const lead = requireUser(ctx, 'drafter', 'dept_head');

  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}/experts/candidates',
    summary:
      'The pool as candidates for the decision (the lead department): each conflicted expert carries its R10 refusal (Art. 20), a chosen one its selection',
    tags,
    security,
    request: { params: DecisionParam, query: CandidateQuery },
    responses: { 200: json(z.object({ items: z.array(z.object({}).loose()) })), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/decisions/:id/experts/candidates', lead, async (req, res) => {
    const { id } = parse(DecisionParam, req.params);
    res.json(await expertCandidates(ctx, userOf(req), id, parse(CandidateQuery, req.query)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/experts/{selectionId}/opinion',
    summary:
      'The lead department uploads a chosen expert’s signed written opinion received on paper or by mail (R11, Art. 19; the one-time link then stops working; audited)',
    tags,
    security,
    request: {
      params: SelectionParam,
      body: { content: { 'application/json': { schema: ExpertOpinionUploadSchema } } },
    },
    responses: { 201: json(z.object({ received: z.boolean(), sha256: z.string() }).loose()), ...errors },
  });
  r.post('/api/decisions/:id/experts/:selectionId/opinion', lead, async (req, res) => {
    const { id, selectionId } = parse(SelectionParam, req.params);
    await leadDepartmentChooser(ctx, userOf(req), id);
    res
      .status(201)
      .json(
        await uploadOpinionByDrafter(ctx, userOf(req), id, selectionId, parse(ExpertOpinionUploadSchema, req.body)),
      );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/experts/{selectionId}/decline',
    summary:
      'Record that a chosen expert gives no opinion (declined, unreachable), with the reason (R11; the link stops working; audited)',
    tags,
    security,
    request: {
      params: SelectionParam,
      body: { content: { 'application/json': { schema: DeclineSelectionSchema } } },
    },
    responses: { 200: json(z.object({}).loose()), ...errors },
  });
  r.post('/api/decisions/:id/experts/:selectionId/decline', lead, async (req, res) => {
    const { id, selectionId } = parse(SelectionParam, req.params);
    await leadDepartmentChooser(ctx, userOf(req), id);
    res.json(await declineSelection(ctx, userOf(req), id, selectionId, parse(DeclineSelectionSchema, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/experts/conclude',
    summary:
      'Complete the argumentation stage from the selections (R11, Art. 19): refused while a chosen expert’s opinion is missing or unanswered and the selection is not recorded as declined; the answered opinions become the `record_expert_opinions` step (Idempotency-Key honoured)',
    tags,
    security,
    request: {
      params: DecisionParam,
      body: { content: { 'application/json': { schema: ConcludeArgumentationSchema } } },
    },
    responses: { 200: json(z.object({}).loose()), ...errors },
  });
  r.post('/api/decisions/:id/experts/conclude', lead, async (req, res) => {
    const { id } = parse(DecisionParam, req.params);
    await leadDepartmentChooser(ctx, userOf(req), id);
    res.json(
      await concludeArgumentation(
        ctx,
        userOf(req),
        id,
        parse(ConcludeArgumentationSchema, req.body),
        idempotencyKey(req),
      ),
    );
  });
}
