import type { Router } from 'express';
import { z } from 'zod';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import {
  listCalendarYears,
  loadCalendarYear,
  previewCalendarChange,
  withdrawCalendarYear,
} from '../services/load-calendar.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const YearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const CalendarYearBody = registry.register(
  'CalendarYearNotice',
  z.strictObject({
    holidays: z.array(date).max(60).describe('Statutory days off'),
    workdays: z.array(date).max(20).describe('Make-up working days (调休) on weekends'),
    source: z.string().trim().min(1).max(300).describe('The notice, e.g. 国办发明电〔2026〕7号'),
    reason: z.string().trim().min(1).max(500).optional().describe('Why a loaded year is replaced (required then)'),
  }),
);
const WithdrawBody = registry.register(
  'CalendarYearWithdrawal',
  z.strictObject({ reason: z.string().trim().min(1).max(500).describe('Why the year is withdrawn') }),
);
const DueMove = z.object({
  taskId: z.string(),
  kind: z.string(),
  decisionId: z.string().nullable(),
  reviewId: z.string().nullable(),
  oldDueAt: z.string().nullable(),
  newDueAt: z.string().nullable(),
  error: z.string().optional(),
});
const Preview = z.object({ year: z.number(), action: z.enum(['load', 'withdraw']), moves: z.array(DueMove) });

export function calendarRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/calendar',
    summary: 'Loaded working-day calendar years (R32)',
    tags: ['calendar'],
    security,
    responses: { 200: json(z.array(z.object({ year: z.number(), source: z.string() }).loose())), 401: errors[401] },
  });
  r.get('/api/calendar', requireUser(ctx), async (_req, res) => {
    res.json(await listCalendarYears(ctx));
  });

  registry.registerPath({
    method: 'put',
    path: '/api/calendar/{year}',
    summary: 'Load a year’s holiday notice (admin); provisional deadlines are recomputed (R32)',
    tags: ['calendar'],
    security,
    request: { params: YearParam, body: { content: { 'application/json': { schema: CalendarYearBody } } } },
    responses: {
      200: json(z.object({ year: z.number(), loadedAt: z.string(), workflowsSignalled: z.number() })),
      ...errors,
    },
  });
  r.put('/api/calendar/:year', requireUser(ctx, 'admin'), async (req, res) => {
    const { year } = parse(YearParam, req.params);
    res.json(await loadCalendarYear(ctx, userOf(req), year, parse(CalendarYearBody, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/calendar/{year}/preview',
    summary: 'The due times loading this notice would move, nothing stored (R32)',
    tags: ['calendar'],
    security,
    request: { params: YearParam, body: { content: { 'application/json': { schema: CalendarYearBody } } } },
    responses: { 200: json(Preview), ...errors },
  });
  r.post('/api/calendar/:year/preview', requireUser(ctx, 'admin'), async (req, res) => {
    const { year } = parse(YearParam, req.params);
    res.json(await previewCalendarChange(ctx, year, parse(CalendarYearBody, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/calendar/{year}/withdraw-preview',
    summary: 'The due times withdrawing this year would move back (R32)',
    tags: ['calendar'],
    security,
    request: { params: YearParam },
    responses: { 200: json(Preview), ...errors },
  });
  r.post('/api/calendar/:year/withdraw-preview', requireUser(ctx, 'admin'), async (req, res) => {
    const { year } = parse(YearParam, req.params);
    res.json(await previewCalendarChange(ctx, year, null));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/calendar/{year}/withdraw',
    summary: 'Withdraw a loaded year with a reason: it is provisional again and dues move back (R32)',
    tags: ['calendar'],
    security,
    request: { params: YearParam, body: { content: { 'application/json': { schema: WithdrawBody } } } },
    responses: {
      200: json(z.object({ year: z.number(), withdrawnAt: z.string(), workflowsSignalled: z.number() })),
      ...errors,
    },
  });
  r.post('/api/calendar/:year/withdraw', requireUser(ctx, 'admin'), async (req, res) => {
    const { year } = parse(YearParam, req.params);
    res.json(await withdrawCalendarYear(ctx, userOf(req), year, parse(WithdrawBody, req.body).reason));
  });
}
