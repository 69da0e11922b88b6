import type { Router } from 'express';
import { z } from 'zod';
import { codeLabels } from '../../domain/labels.js';
import { json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { parse, requireUser } from '../http.js';
import { RoleSchema } from '../../domain/roles.js';
import { formJsonSchema } from '../../domain/form-schema.js';
import { FORMS } from './forms.schema.js';

const FormParam = z.strictObject({ name: z.enum(Object.keys(FORMS) as [keyof typeof FORMS]) });

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'down']),
  temporal: z.enum(['ok', 'down']),
  time: z.string(),
});

export function systemRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness of the API, its database and Temporal',
    tags: ['system'],
    responses: { 200: json(Health), 503: json(Health, 'A dependency is down') },
  });
  r.get('/api/health', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      ctx.prisma.$queryRaw`SELECT 1`.then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
      ctx.temporal.connection.workflowService.getSystemInfo({}).then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
    ]);
    const ok = database === 'ok' && temporal === 'ok';
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ok' : 'degraded', database, temporal, time: new Date().toISOString() });
  });

  registry.registerPath({
    method: 'get',
    path: '/api/labels',
    summary: 'Labels of every code the API returns (roles, stages, statuses, task kinds…) in Chinese and English',
    tags: ['system'],
    responses: { 200: json(z.record(z.string(), z.record(z.string(), z.object({ zh: z.string(), en: z.string() })))) },
  });
  r.get('/api/labels', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(codeLabels());
  });

  registry.registerPath({
    method: 'get',
    path: '/api/forms/{name}',
    summary:
      'The JSON Schema of a form’s input as the API parses it (launch a decision, create a meeting, record an agenda item’s outcome, reassign or decline a review, dismiss a flag), each field labelled in Chinese and English',
    tags: ['system'],
    request: { params: FormParam },
    responses: { 200: json(z.object({}).loose()) },
  });
  r.get('/api/forms/:name', (req, res) => {
    const { name } = parse(FormParam, req.params);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(formJsonSchema(FORMS[name], name));
  });

  registry.registerPath({
    method: 'get',
    path: '/api/departments',
    summary: 'Departments (for forms)',
    tags: ['system'],
    responses: {
      200: json(z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), kind: z.string() }))),
    },
  });
  r.get('/api/departments', async (_req, res) => {
    res.json(
      await ctx.prisma.department.findMany({
        orderBy: { code: 'asc' },
        select: { id: true, code: true, nameZh: true, nameEn: true, kind: true },
      }),
    );
  });

  const UsersQuery = z.strictObject({ role: RoleSchema.optional() });
  registry.registerPath({
    method: 'get',
    path: '/api/users',
    summary: 'Active users, optionally holding a role (for pickers, e.g. reviewers)',
    tags: ['system'],
    security,
    request: { query: UsersQuery },
    responses: {
      200: json(
        z.array(
          z.object({
            id: z.string(),
            username: z.string(),
            displayName: z.string(),
            departmentId: z.string(),
            roles: z.array(z.string()),
          }),
        ),
      ),
    },
  });
  r.get('/api/users', requireUser(ctx), async (req, res) => {
    const { role } = parse(UsersQuery, req.query);
    const users = await ctx.prisma.user.findMany({
      where: { active: true, ...(role ? { roles: { some: { role } } } : {}) },
      orderBy: { username: 'asc' },
      include: { roles: true },
    });
    res.json(
      users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        departmentId: u.departmentId,
        roles: u.roles.map((x) => x.role),
      })),
    );
  });
}
