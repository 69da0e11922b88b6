import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { Role } from '../domain/roles.js';
import { authenticate } from './services/auth.js';
import type { ServiceContext, SessionUser } from './services/context.js';
import { forbidden, invalid, zodIssues } from './errors.js';

/** Parses request input with its zod schema; a failure is a 400 naming each field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, prefix: string[] = []): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(zodIssues(r.error.issues, prefix));
  return r.data;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
  }
}

export function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

/** Requires a signed-in user (bearer token), optionally holding one of the roles. */
export function requireUser(ctx: ServiceContext, ...roles: Role[]) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.user = await authenticate(ctx, bearer(req));
    if (roles.length && !req.user.roles.some((r) => roles.includes(r)))
      throw forbidden(`需要以下角色之一：${roles.join('、')}`, `Requires one of the roles: ${roles.join(', ')}`);
    next();
  };
}

export const userOf = (req: Request): SessionUser => req.user!;

export const idempotencyKey = (req: Request): string | undefined => {
  const k = req.header('Idempotency-Key');
  return k && k.length <= 200 ? k : undefined;
};
