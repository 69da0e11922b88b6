import type { Router } from 'express';
import { z } from 'zod';
import { parse, requireUser } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { cityFigures } from '../services/figures.js';
import { exportSheets, sheetsCsv, sheetsXlsx } from '../services/figures-export.js';
import { evidencePack } from '../services/evidence-pack.js';

/** Who reads the city's figures (R39): the supervising office, the leaders, the legal center's director, the admin. */
const READERS = ['supervisor', 'leader', 'director', 'admin'] as const;
const FigureQuery = registry.register(
  'FigureQuery',
  z.strictObject({
    year: z.coerce.number().int().min(2000).max(2100).describe('The year (China time)'),
    month: z.coerce.number().int().min(1).max(12).optional().describe('Only this month (1–12)'),
    departmentId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('Only this department (lead or submitting department)'),
  }),
);
const ExportQuery = FigureQuery.extend({ format: z.enum(['csv', 'xlsx']).describe('csv (UTF-8 with BOM) or xlsx') });

export function figureRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/figures',
    summary:
      'The city’s figures (R39) for a year, month and department: decisions by stage and result, on-time rates per step, reviews per kind and outcome with median working days, letters, overdue steps, participation, experts, meetings; per month and per department',
    tags: ['figures'],
    security,
    request: { query: FigureQuery },
    responses: {
      200: json(z.object({ scope: z.object({ year: z.number() }).loose() }).loose()),
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/figures', requireUser(ctx, ...READERS), async (req, res) => {
    res.json(await cityFigures(ctx, parse(FigureQuery, req.query)));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/figures/export',
    summary: 'The figures and the year’s assessment ledger per department (R40) as CSV or XLSX, one table per sheet',
    tags: ['figures'],
    security,
    request: { query: ExportQuery },
    responses: {
      200: { description: 'text/csv or the .xlsx workbook' },
      400: errors[400],
      401: errors[401],
      403: errors[403],
    },
  });
  r.get('/api/figures/export', requireUser(ctx, ...READERS), async (req, res) => {
    const q = parse(ExportQuery, req.query);
    const { format, ...scope } = q;
    const sheets = await exportSheets(ctx, scope);
    const base = `统计-${scope.year}${scope.month ? `-${String(scope.month).padStart(2, '0')}` : ''}${scope.departmentId ? `-${scope.departmentId}` : ''}`;
    if (format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${base}.csv`)}`);
      res.send(sheetsCsv(sheets));
      return;
    }
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${base}.xlsx`)}`);
    res.send(await sheetsXlsx(sheets));
  });
}

const PackQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

/** The year's evidence pack (issue 15 §6): one zip with a SHA-256 manifest and a GB/T 9704 index document. */
export function evidencePackRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/evidence-pack',
    summary:
      'The year’s evidence pack: the catalog items’ full process records, legality-review and archiving rates, the public pages’ addresses, the letters register and an index document (.docx), zipped with manifest.json of SHA-256s',
    tags: ['figures'],
    security,
    request: { query: PackQuery },
    responses: {
      200: { description: 'The .zip (X-Content-SHA256: its SHA-256)' },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
    },
  });
  r.get('/api/evidence-pack', requireUser(ctx, 'supervisor', 'leader', 'admin'), async (req, res) => {
    const { year } = parse(PackQuery, req.query);
    const pack = await evidencePack(ctx, year, `${req.protocol}://${req.get('host')}`);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(pack.fileName)}`);
    res.setHeader('X-Content-SHA256', pack.sha256);
    res.send(pack.content);
  });
}
