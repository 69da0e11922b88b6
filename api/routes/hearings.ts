import type { Router } from 'express';
import { z } from 'zod';
import {
  AnnounceHearingSchema,
  CancelHearingSchema,
  HearingMaterialsSchema,
  HearingRecordSchema,
} from '../../domain/participation/schemas.js';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import {
  announceHearing,
  cancelHearing,
  listHearings,
  recordHearing,
  recordHearingMaterials,
} from '../services/hearings.js';

const IdParam = z.object({ id: z.string().min(1).max(100) });
const HearingParam = z.object({ id: z.string().min(1).max(100), hearingId: z.string().min(1).max(100) });
const Any = json(z.object({}).loose());
const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });

/** R7 (Art. 16-17): hearings of a decision's public participation. */
export function hearingRoutes(r: Router, ctx: ServiceContext) {
  const tags = ['participation'];
  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}/hearings',
    summary: 'A decision’s hearings (R7)',
    tags,
    security,
    request: { params: IdParam },
    responses: { 200: Any, 401: errors[401], 403: errors[403], 404: errors[404] },
  });
  r.get('/api/decisions/:id/hearings', requireUser(ctx), async (req, res) => {
    res.json(await listHearings(ctx, userOf(req), parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/hearings',
    summary: 'Announce a hearing: time, place, selection method, participants (R7; lead department’s drafter)',
    tags,
    security,
    request: { params: IdParam, ...body(registry.register('AnnounceHearing', AnnounceHearingSchema)) },
    responses: { 201: Any, ...errors },
  });
  r.post('/api/decisions/:id/hearings', requireUser(ctx, 'drafter'), async (req, res) => {
    res
      .status(201)
      .json(
        await announceHearing(ctx, userOf(req), parse(IdParam, req.params).id, parse(AnnounceHearingSchema, req.body)),
      );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/hearings/{hearingId}/materials',
    summary: 'Record when the materials reached the participants: at least 7 days before (R7, Art. 17)',
    tags,
    security,
    request: { params: HearingParam, ...body(registry.register('HearingMaterials', HearingMaterialsSchema)) },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/decisions/:id/hearings/:hearingId/materials', requireUser(ctx, 'drafter'), async (req, res) => {
    const p = parse(HearingParam, req.params);
    res.json(
      await recordHearingMaterials(ctx, userOf(req), p.id, p.hearingId, parse(HearingMaterialsSchema, req.body).sentAt),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/hearings/{hearingId}/record',
    summary: 'The hearing record with every participant’s confirmation (R7)',
    tags,
    security,
    request: { params: HearingParam, ...body(registry.register('HearingRecord', HearingRecordSchema)) },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/decisions/:id/hearings/:hearingId/record', requireUser(ctx, 'drafter'), async (req, res) => {
    const p = parse(HearingParam, req.params);
    res.json(await recordHearing(ctx, userOf(req), p.id, p.hearingId, parse(HearingRecordSchema, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/hearings/{hearingId}/cancel',
    summary: 'Call off a hearing that will not take place, with the reason (R7; not one already held)',
    tags,
    security,
    request: { params: HearingParam, ...body(registry.register('CancelHearing', CancelHearingSchema)) },
    responses: { 200: Any, ...errors },
  });
  r.post('/api/decisions/:id/hearings/:hearingId/cancel', requireUser(ctx, 'drafter'), async (req, res) => {
    const p = parse(HearingParam, req.params);
    res.json(await cancelHearing(ctx, userOf(req), p.id, p.hearingId, parse(CancelHearingSchema, req.body).reason));
  });
}
