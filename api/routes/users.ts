import type { Router } from 'express';
import { z } from 'zod';
import { RoleSchema } from '../../domain/roles.js';
import { parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { PASSWORD_MAX } from '../services/passwords.js';
import { createUser, listUsers, resetPassword, updateUser } from '../services/users-admin.js';

const IdParam = z.object({ id: z.string().min(1).max(100) });
const AdminUser = registry.register(
  'AdminUser',
  z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    departmentId: z.string(),
    roles: z.array(RoleSchema),
    active: z.boolean(),
    singleSignOn: z.boolean(),
    createdAt: z.string(),
  }),
);
const roles = z.array(RoleSchema).min(1).max(8);
const NewUser = registry.register(
  'NewUser',
  z.strictObject({
    username: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ -'),
    displayName: z.string().trim().min(1).max(100),
    departmentId: z.string().min(1).max(100),
    roles,
    password: z.string().min(1).max(PASSWORD_MAX),
  }),
);
const UserChange = registry.register(
  'UserChange',
  z.strictObject({
    displayName: z.string().trim().min(1).max(100).optional(),
    departmentId: z.string().min(1).max(100).optional(),
    roles: roles.optional(),
    active: z.boolean().optional(),
  }),
);
const PasswordReset = registry.register(
  'PasswordReset',
  z.strictObject({ password: z.string().min(1).max(PASSWORD_MAX) }),
);

/** User administration (admin only); every change is audited. */
export function userRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'get',
    path: '/api/admin/users',
    summary: 'Every user with roles, department and status (admin)',
    tags: ['users'],
    security,
    responses: { 200: json(z.object({ items: z.array(AdminUser) })), 401: errors[401], 403: errors[403] },
  });
  r.get('/api/admin/users', requireUser(ctx, 'admin'), async (_req, res) => {
    res.json({ items: await listUsers(ctx) });
  });

  registry.registerPath({
    method: 'post',
    path: '/api/admin/users',
    summary: 'Create a user (admin)',
    tags: ['users'],
    security,
    request: { body: { content: { 'application/json': { schema: NewUser } } } },
    responses: { 201: json(AdminUser), ...errors },
  });
  r.post('/api/admin/users', requireUser(ctx, 'admin'), async (req, res) => {
    res.status(201).json(await createUser(ctx, userOf(req), parse(NewUser, req.body)));
  });

  registry.registerPath({
    method: 'patch',
    path: '/api/admin/users/{id}',
    summary: 'Change a user’s name, department, roles, or disable/enable them (admin); disabling ends their sessions',
    tags: ['users'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: UserChange } } } },
    responses: { 200: json(AdminUser), ...errors },
  });
  r.patch('/api/admin/users/:id', requireUser(ctx, 'admin'), async (req, res) => {
    res.json(await updateUser(ctx, userOf(req), parse(IdParam, req.params).id, parse(UserChange, req.body)));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/admin/users/{id}/password',
    summary: 'Reset a user’s password (admin); their sessions end',
    tags: ['users'],
    security,
    request: { params: IdParam, body: { content: { 'application/json': { schema: PasswordReset } } } },
    responses: { 204: { description: 'Password set' }, ...errors },
  });
  r.post('/api/admin/users/:id/password', requireUser(ctx, 'admin'), async (req, res) => {
    await resetPassword(ctx, userOf(req), parse(IdParam, req.params).id, parse(PasswordReset, req.body).password);
    res.status(204).end();
  });
}
