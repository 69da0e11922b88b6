import type { Router } from 'express';
import { z } from 'zod';
import { parse, requireUser, userOf } from '../http.js';
import { errors, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { downloadDocument } from '../services/read-decisions.js';

const IdParam = z.object({ id: z.string().uuid() });

export function documentRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/documents/{id}',
    summary: 'Download a document',
    tags: ['documents'],
    security,
    request: { params: IdParam },
    responses: { 200: { description: 'The file' }, 400: errors[400], 401: errors[401], 404: errors[404] },
  });
  r.get('/api/documents/:id', requireUser(ctx), async (req, res) => {
    const doc = await downloadDocument(ctx, userOf(req), parse(IdParam, req.params).id);
    res.setHeader('Content-Type', doc.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
    res.setHeader('X-Content-SHA256', doc.sha256);
    res.send(doc.content);
  });
}
