import type { Router } from 'express';
import { z } from 'zod';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import {
  dossierIndexDocx,
  dossierInfo,
  dossierZip,
  implementationOverview,
  reportImplementationNow,
  requestEvaluationService,
  suspendImplementationService,
} from '../services/archive.js';
import { ReportImplementationSchema } from '../../domain/tasks/publication.js';
import { EmergencySuspensionSchema, RequestEvaluationSchema } from './meetings.schema.js';
import { sendFile } from './meetings.js';

const IdParam = z.object({ id: z.string().min(1).max(100) });
const file = (description: string, type: string) => ({
  description,
  content: { [type]: { schema: z.string().meta({ format: 'binary' }) } },
});

export function archiveRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}/dossier',
    summary: 'The sealed dossier (R28): reference, SHA-256, index of every entry',
    tags: ['archive'],
    security,
    request: { params: IdParam },
    responses: {
      200: json(
        z
          .object({
            reference: z.string(),
            sha256: z.string(),
            size: z.number(),
            sealedAt: z.string(),
            index: z.array(z.object({}).loose()),
          })
          .loose(),
      ),
      401: errors[401],
      404: errors[404],
    },
  });
  r.get('/api/decisions/:id/dossier', requireUser(ctx), async (req, res) => {
    res.json(await dossierInfo(ctx, userOf(req), parse(IdParam, req.params).id));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}/dossier/download',
    summary: 'The dossier as one zip (header X-Checksum-SHA256 = the sealed checksum)',
    tags: ['archive'],
    security,
    request: { params: IdParam },
    responses: { 200: file('The dossier', 'application/zip'), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/decisions/:id/dossier/download', requireUser(ctx), async (req, res) => {
    const z = await dossierZip(ctx, userOf(req), parse(IdParam, req.params).id);
    sendFile(res, { ...z, mimeType: 'application/zip' }, { 'X-Checksum-SHA256': z.sha256 });
  });

  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}/dossier/index.docx',
    summary: 'The dossier index (决策档案目录), GB/T 9704 layout',
    tags: ['archive'],
    security,
    request: { params: IdParam },
    responses: {
      200: file('The index', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      401: errors[401],
      404: errors[404],
    },
  });
  r.get('/api/decisions/:id/dossier/index.docx', requireUser(ctx), async (req, res) => {
    sendFile(res, {
      ...(await dossierIndexDocx(ctx, userOf(req), parse(IdParam, req.params).id)),
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
  });

  registry.registerPath({
    method: 'get',
    path: '/api/decisions/{id}/implementation',
    summary: 'Implementation (R29): the unit, its reports, the evaluations (R30) and linked decisions (R31)',
    tags: ['archive'],
    security,
    request: { params: IdParam },
    responses: { 200: json(z.object({}).loose()), 401: errors[401], 404: errors[404] },
  });
  r.get('/api/decisions/:id/implementation', requireUser(ctx), async (req, res) => {
    res.json(await implementationOverview(ctx, userOf(req), parse(IdParam, req.params).id));
  });

  const Report = registry.register('ImplementationReport', ReportImplementationSchema);
  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/implementation-reports',
    summary:
      'The implementing unit reports at once (R29: problems, major change, force majeure); a major change or a request asks for an evaluation',
    tags: ['archive'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: Report } } } },
    responses: { 200: json(z.object({ recorded: z.boolean(), evaluationRequested: z.boolean() })), ...errors },
  });
  r.post('/api/decisions/:id/implementation-reports', requireUser(ctx, 'drafter', 'dept_head'), async (req, res) => {
    res.json(
      await reportImplementationNow(
        ctx,
        userOf(req),
        parse(IdParam, req.params).id,
        parse(ReportImplementationSchema, req.body),
      ),
    );
  });

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/evaluation-requests',
    summary: 'Ask for a post-decision evaluation now (R30)',
    tags: ['archive'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: RequestEvaluationSchema } } } },
    responses: { 202: json(z.object({ requested: z.boolean() }).loose()), ...errors },
  });
  r.post(
    '/api/decisions/:id/evaluation-requests',
    requireUser(ctx, 'secretary', 'leader', 'supervisor'),
    async (req, res) => {
      const { trigger, reason } = parse(RequestEvaluationSchema, req.body);
      res
        .status(202)
        .json(await requestEvaluationService(ctx, userOf(req), parse(IdParam, req.params).id, trigger, reason));
    },
  );

  registry.registerPath({
    method: 'post',
    path: '/api/decisions/{id}/emergency-suspension',
    summary:
      'The chief executive suspends implementation in an emergency (R31, Decree 713 Art. 37); an evaluation then decides to resume or adjust',
    tags: ['archive'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: EmergencySuspensionSchema } } } },
    responses: { 200: json(z.object({ suspended: z.boolean(), evaluationRequested: z.boolean() })), ...errors },
  });
  r.post('/api/decisions/:id/emergency-suspension', requireUser(ctx, 'leader'), async (req, res) => {
    const { reason } = parse(EmergencySuspensionSchema, req.body);
    res.json(await suspendImplementationService(ctx, userOf(req), parse(IdParam, req.params).id, reason));
  });
}
