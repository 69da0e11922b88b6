import type { Router } from 'express';
import { z } from 'zod';
import { RoleSchema } from '../../domain/roles.js';
import { bearer, parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import { changePassword, login, logout, logoutEverywhere } from '../services/auth.js';
import { PASSWORD_MAX } from '../services/passwords.js';
import type { ServiceContext } from '../services/context.js';

const LoginSchema = registry.register(
  'LoginRequest',
  z.strictObject({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(PASSWORD_MAX) }),
);
const PasswordChange = registry.register(
  'PasswordChange',
  z.strictObject({
    oldPassword: z.string().min(1).max(PASSWORD_MAX),
    newPassword: z.string().min(1).max(PASSWORD_MAX),
  }),
);
const UserSchema = registry.register(
  'SessionUser',
  z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    departmentId: z.string(),
    roles: z.array(RoleSchema),
  }),
);
const LoginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: UserSchema });
const tooMany = { description: 'Locked out after too many failed sign-ins; Retry-After says for how long' };

export function authRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({
    method: 'post',
    path: '/api/auth/login',
    summary:
      'Sign in; returns a bearer token. Failures are counted per user name and address (429 with Retry-After when locked)',
    tags: ['auth'],
    request: { body: { content: { 'application/json': { schema: LoginSchema } } } },
    responses: { 200: json(LoginResponse), 400: errors[400], 401: errors[401], 429: tooMany },
  });
  r.post('/api/auth/login', async (req, res) => {
    const body = parse(LoginSchema, req.body);
    res.json(await login(ctx, body.username, body.password, req.ip ?? 'unknown'));
  });

  registry.registerPath({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'End this session',
    tags: ['auth'],
    security,
    responses: { 204: { description: 'Signed out' }, 401: errors[401] },
  });
  r.post('/api/auth/logout', requireUser(ctx), async (req, res) => {
    await logout(ctx, userOf(req), bearer(req)!);
    res.status(204).end();
  });

  registry.registerPath({
    method: 'post',
    path: '/api/auth/logout-everywhere',
    summary: 'Sign out everywhere: end every session of the signed-in user',
    tags: ['auth'],
    security,
    responses: { 204: { description: 'All sessions ended' }, 401: errors[401] },
  });
  r.post('/api/auth/logout-everywhere', requireUser(ctx), async (req, res) => {
    await logoutEverywhere(ctx, userOf(req));
    res.status(204).end();
  });

  registry.registerPath({
    method: 'post',
    path: '/api/auth/password',
    summary: 'Change the own password (the current one required); every session of the user ends',
    tags: ['auth'],
    security,
    request: { body: { content: { 'application/json': { schema: PasswordChange } } } },
    responses: { 204: { description: 'Changed; sign in again' }, 400: errors[400], 401: errors[401], 429: tooMany },
  });
  r.post('/api/auth/password', requireUser(ctx), async (req, res) => {
    const body = parse(PasswordChange, req.body);
    await changePassword(ctx, userOf(req), body.oldPassword, body.newPassword, req.ip ?? 'unknown');
    res.status(204).end();
  });

  registry.registerPath({
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in user',
    tags: ['auth'],
    security,
    responses: { 200: json(UserSchema), 401: errors[401] },
  });
  r.get('/api/me', requireUser(ctx), async (req, res) => {
    const u = userOf(req);
    const dept = await ctx.prisma.department.findUnique({ where: { id: u.departmentId } });
    res.json({ ...u, department: dept && { id: dept.id, nameZh: dept.nameZh, nameEn: dept.nameEn, kind: dept.kind } });
  });
}
