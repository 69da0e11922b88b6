import type { Router } from 'express';
import { z } from 'zod';
import { EarlyWarningSettingSchema, EARLY_WARNING_SETTERS } from '../../domain/settings/early-warning.js';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { readEarlyWarningSetting, setEarlyWarningSetting } from '../services/early-warning-setting.js';

const Setting = z.object({
  yellowWorkingDays: z.number(),
  source: z.enum(['stored', 'config']),
  configured: z.number(),
  min: z.number(),
  max: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

/** Settings the office or the administrator changes in the app: the early-warning N (issue 16 §2). */
export function settingRoutes(r: Router, ctx: ServiceContext) {
  const Body = registry.register('EarlyWarningSetting', EarlyWarningSettingSchema);
  registry.registerPath({
    method: 'get',
    path: '/api/settings/early-warning',
    summary: 'The early-warning N in force: a task turns yellow (临期) this many working days before its due',
    tags: ['supervision'],
    security,
    responses: { 200: json(Setting), 401: errors[401] },
  });
  r.get('/api/settings/early-warning', requireUser(ctx), async (_req, res) => {
    res.json(await readEarlyWarningSetting(ctx));
  });

  registry.registerPath({
    method: 'put',
    path: '/api/settings/early-warning',
    summary: 'Set the early-warning N, 1–10 working days (office or admin; audited with the old and new value)',
    tags: ['supervision'],
    security,
    request: { body: { content: { 'application/json': { schema: Body } } } },
    responses: { 200: json(Setting), 400: errors[400], 401: errors[401], 403: errors[403] },
  });
  r.put('/api/settings/early-warning', requireUser(ctx, ...EARLY_WARNING_SETTERS), async (req, res) => {
    res.json(await setEarlyWarningSetting(ctx, userOf(req), parse(EarlyWarningSettingSchema, req.body)));
  });
}
