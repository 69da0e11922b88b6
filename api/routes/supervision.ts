import type { Router } from 'express';
import { z } from 'zod';
import { idempotencyKey, parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { grantExtension } from '../services/supervision-extension.js';
import { assessmentLedger, ledgerCsv, listOutbox } from '../services/supervision-ledger.js';
import { downloadLetter, letterRegister } from '../services/supervision-letters.js';
import { listOverdue } from '../services/supervision-overdue.js';
import { listDueSoon } from '../services/supervision-due-soon.js';
import { TaskWarningSchema } from '../../domain/tasks/early-warning.js';
import { ExtensionSchema } from './supervision.schema.js';
import { LIST_QUERIES } from '../../domain/lists.js';
import { listAnswer } from './list-answer.js';

const OVERSIGHT = ['supervisor', 'leader', 'admin'] as const;
const Year = z.coerce.number().int().min(2000).max(2100);
const OverdueQuery = LIST_QUERIES.overdue;
const DueSoonQuery = z.strictObject({
  departmentId: z.string().max(100).optional(),
  stage: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
const LetterQuery = LIST_QUERIES.letters;
const LedgerQuery = z.strictObject({
  year: Year.optional(),
  departmentId: z.string().optional(),
  format: z.enum(['json', 'csv']).optional(),
});
const OutboxQuery = z.strictObject({ state: z.enum(['queued', 'sending', 'sent', 'failed']).optional() });
const TaskParam = z.object({ taskId: z.string().min(1) });
const LetterParam = z.object({ id: z.string().min(1) });
const ExtensionBody = registry.register('TaskExtension', ExtensionSchema);

/** The supervising office (依法治市办): overdue items, the letter register, extensions (R34), the assessment ledger (R40), the outbox. */
export function supervisionRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/supervision/overdue',
    summary:
      'Overdue tasks across the government (decisions and legality reviews of normative documents and contracts), by department, stage, subject and working days overdue (R35), searched over number and title, sorted by due, number or opening; paged with counts per department, stage and subject',
    tags: ['supervision'],
    security,
    request: { query: OverdueQuery },
    responses: {
      200: json(
        listAnswer(z.object({ taskId: z.string(), workingDaysOverdue: z.number().nullable() }).loose(), {
          byDepartment: z.record(z.string(), z.number()),
          byStage: z.record(z.string(), z.number()),
        }),
      ),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/supervision/overdue', requireUser(ctx, ...OVERSIGHT), async (req, res) => {
    res.json(await listOverdue(ctx, parse(OverdueQuery, req.query)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/supervision/due-soon',
    summary:
      'The due-soon board 临期预警: open tasks within N working days of their due (yellow), earliest due first, paged, with counts per department and stage; the office, leaders and admin see every department, a drafting department’s staff and head their own',
    tags: ['supervision'],
    security,
    request: { query: DueSoonQuery },
    responses: {
      200: json(
        z
          .object({
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            yellowWorkingDays: z.number(),
            byDepartment: z.record(z.string(), z.number()),
            byStage: z.record(z.string(), z.number()),
            items: z.array(z.object({ taskId: z.string(), dueAt: z.string(), warning: TaskWarningSchema }).loose()),
          })
          .loose(),
      ),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/supervision/due-soon', requireUser(ctx), async (req, res) => {
    res.json(await listDueSoon(ctx, userOf(req), parse(DueSoonQuery, req.query)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/supervision/letters',
    summary:
      'The letter register (提示函/督办函) on decisions and on normative-document and contract reviews (R37): filtered by kind, year, department, decision or review, searched by letter number, sorted by issue, number or due; paged with counts per kind, the totals per kind and the breakdown per year, kind and department',
    tags: ['supervision'],
    security,
    request: { query: LetterQuery },
    responses: {
      200: json(
        listAnswer(z.object({ id: z.string(), number: z.string() }).loose(), {
          totals: z.object({ reminder_letter: z.number(), supervision_letter: z.number() }),
          breakdown: z.array(
            z.object({ year: z.number(), kind: z.string(), departmentId: z.string(), count: z.number() }),
          ),
        }),
      ),
      401: errors[401],
    },
  });
  r.get('/api/supervision/letters', requireUser(ctx), async (req, res) => {
    res.json(await letterRegister(ctx, userOf(req), parse(LetterQuery, req.query)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/supervision/letters/{id}/document',
    summary: 'Download a letter (.docx, GB/T 9704 layout)',
    tags: ['supervision'],
    security,
    request: { params: LetterParam },
    responses: { 200: { description: 'The .docx' }, 401: errors[401], 404: errors[404] },
  });
  r.get('/api/supervision/letters/:id/document', requireUser(ctx), async (req, res) => {
    const doc = await downloadLetter(ctx, userOf(req), parse(LetterParam, req.params).id);
    res.setHeader('Content-Type', doc.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
    res.setHeader('X-Content-SHA256', doc.sha256);
    res.send(doc.content);
  });

  registry.registerPath({
    method: 'post',
    path: '/api/supervision/tasks/{taskId}/extensions',
    summary: 'Grant an extension with a reason (supervisor; R34): the due time and the escalation ladder move',
    tags: ['supervision'],
    security,
    request: { params: TaskParam, body: { content: { 'application/json': { schema: ExtensionBody } } } },
    responses: {
      201: json(
        z.object({ id: z.string(), previousDueAt: z.string(), newDueAt: z.string(), signalled: z.boolean() }).loose(),
      ),
      ...errors,
    },
  });
  r.post('/api/supervision/tasks/:taskId/extensions', requireUser(ctx, 'supervisor'), async (req, res) => {
    const { taskId } = parse(TaskParam, req.params);
    res
      .status(201)
      .json(await grantExtension(ctx, userOf(req), taskId, parse(ExtensionBody, req.body), idempotencyKey(req)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/supervision/ledger',
    summary: 'The assessment ledger (考核台账) per department and year (R40); ?format=csv exports it',
    tags: ['supervision'],
    security,
    request: { query: LedgerQuery },
    responses: {
      200: json(z.object({ byDepartment: z.record(z.string(), z.unknown()) }).loose()),
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/supervision/ledger', requireUser(ctx, ...OVERSIGHT), async (req, res) => {
    const q = parse(LedgerQuery, req.query);
    const ledger = await assessmentLedger(ctx, q);
    if (q.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(`考核台账-${q.year ?? 'all'}.csv`)}`,
      );
      res.send(ledgerCsv(ledger.items, ledger.unlawful));
      return;
    }
    res.json(ledger);
  });

  registry.registerPath({
    method: 'get',
    path: '/api/supervision/outbox',
    summary: 'The mail outbox: delivery state, attempts and errors (queued while no SMTP server is configured)',
    tags: ['supervision'],
    security,
    request: { query: OutboxQuery },
    responses: {
      200: json(z.object({ counts: z.record(z.string(), z.number()) }).loose()),
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/supervision/outbox', requireUser(ctx, 'supervisor', 'admin'), async (req, res) => {
    res.json(await listOutbox(ctx, parse(OutboxQuery, req.query)));
  });
}
