import type { Router } from 'express';
import { z } from 'zod';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { markNoticeRead, myNotices } from '../services/supervision-notices.js';
import { myNoticePreferences, setNoticePreferences } from '../services/notice-preferences.js';
import { NoticePreferencesSchema, PROGRESS_EVENTS } from '../../domain/notices/progress.js';

const NoticePreferencesBody = registry.register('NoticePreferences', NoticePreferencesSchema);
const NoticeQuery = z.strictObject({ unread: z.enum(['true', 'false']).optional() });
const IdParam = z.object({ id: z.string().min(1) });

/** In-app notices of escalation steps (R35) and progress (issue 16 §3) for the signed-in person, and their choices. */
export function noticeRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/notices',
    summary:
      'My notices: reminders, letters, ledger entries (R35), and progress (a task for me, a return, an opinion, an agenda, a decision)',
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

  const Preferences = z.object({
    preferences: NoticePreferencesBody,
    events: z.array(z.object({ event: z.enum(PROGRESS_EVENTS), label: z.object({ zh: z.string(), en: z.string() }) })),
    channels: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
    mailAddress: z.string().nullable(),
  });
  registry.registerPath({
    method: 'get',
    path: '/api/account/notice-preferences',
    summary:
      'My progress-notice choices: per event (a task assigned to me, my draft returned, an opinion issued, my decision on an agenda, decided) bell and mail, bell only, or off',
    tags: ['notices'],
    security,
    responses: { 200: json(Preferences), 401: errors[401] },
  });
  r.get('/api/account/notice-preferences', requireUser(ctx), async (req, res) => {
    res.json(await myNoticePreferences(ctx, userOf(req)));
  });

  registry.registerPath({
    method: 'put',
    path: '/api/account/notice-preferences',
    summary: 'Set my progress-notice choices, every event at once (audited)',
    tags: ['notices'],
    security,
    request: { body: { content: { 'application/json': { schema: NoticePreferencesBody } } } },
    responses: { 200: json(Preferences), 400: errors[400], 401: errors[401] },
  });
  r.put('/api/account/notice-preferences', requireUser(ctx), async (req, res) => {
    res.json(await setNoticePreferences(ctx, userOf(req), parse(NoticePreferencesSchema, req.body)));
  });
}
