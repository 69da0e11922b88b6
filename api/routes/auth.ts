import type { Router } from 'express';
import { z } from 'zod';
import { RoleSchema } from '../../domain/roles.js';
import { bearer, parse, requireUser, userOf } from '../http.js';
import { errors, json, registry, security } from '../openapi.js';
import { login, logout } from '../services/auth.js';
import type { ServiceContext } from '../services/context.js';

const LoginSchema = registry.register('LoginRequest', z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }));
const UserSchema = registry.register(
  'SessionUser',
  z.object({ id: z.string(), username: z.string(), displayName: z.string(), departmentId: z.string(), roles: z.array(RoleSchema) }),
);
const LoginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: UserSchema });

export function authRoutes(r: Router, ctx: ServiceContext) {
  registry.registerPath({ method: 'post', path: '/api/auth/login', summary: 'Sign in (demo users); returns a bearer token', tags: ['auth'], request: { body: { content: { 'application/json': { schema: LoginSchema } } } }, responses: { 200: json(LoginResponse), 400: errors[400], 401: errors[401] } });
  r.post('/api/auth/login', async (req, res) => {
    const body = parse(LoginSchema, req.body);
    res.json(await login(ctx, body.username, body.password));
  });

  registry.registerPath({ method: 'post', path: '/api/auth/logout', summary: 'End the session', tags: ['auth'], security, responses: { 204: { description: 'Signed out' }, 401: errors[401] } });
  r.post('/api/auth/logout', requireUser(ctx), async (req, res) => {
    await logout(ctx, bearer(req)!);
    res.status(204).end();
  });

  registry.registerPath({ method: 'get', path: '/api/me', summary: 'The signed-in user', tags: ['auth'], security, responses: { 200: json(UserSchema), 401: errors[401] } });
  r.get('/api/me', requireUser(ctx), async (req, res) => {
    const u = userOf(req);
    const dept = await ctx.prisma.department.findUnique({ where: { id: u.departmentId } });
    res.json({ ...u, department: dept && { id: dept.id, nameZh: dept.nameZh, nameEn: dept.nameEn, kind: dept.kind } });
  });
}
