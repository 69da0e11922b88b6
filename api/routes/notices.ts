import type { Router } from 'express';
import { z } from 'zod';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { markNoticeRead, myNotices } from '../services/supervision-notices.js';

const NoticeQuery = z.strictObject({ unread: z.enum(['true', 'false']).optional() });
const IdParam = z.object({ id: z.string().min(1) });

/** In-app notices of escalation steps (R35) for the signed-in person. */
export function noticeRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/notices',
    summary: 'My notices: reminders, letters, ledger entries (R35)',
    tags: ['notices'],
    security,
    request: { query: NoticeQuery },
    responses: { 200: json(z.object({ unread: z.number() }).loose()), 401: errors[401] },
  });
  r.get('/api/notices', requireUser(ctx), async (req, res) => {
    res.json(await myNotices(ctx, userOf(req), parse(NoticeQuery, req.query).unread === 'true'));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/notices/{id}/read',
    summary: 'Mark a notice read',
    tags: ['notices'],
    security,
    request: { params: IdParam },
    responses: { 200: json(z.object({ id: z.string(), readAt: z.string() })), 401: errors[401], 404: errors[404] },
  });
  r.post('/api/notices/:id/read', requireUser(ctx), async (req, res) => {
    res.json(await markNoticeRead(ctx, userOf(req), parse(IdParam, req.params).id));
  });
}
