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

/** Text PostgreSQL cannot store: NUL characters and unpaired UTF-16 surrogates. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function unstorablePath(v: unknown, path: string[] = []): string[] | undefined {
  if (typeof v === 'string') return UNSTORABLE.test(v) ? path : undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = unstorablePath(v[i], [...path, String(i)]);
      if (p) return p;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = UNSTORABLE.test(k) ? [...path, k] : unstorablePath(x, [...path, k]);
      if (p) return p;
    }
  }
  return undefined;
}

/** Refuses bodies and queries holding text that cannot be stored, with a 400 naming the field, before any handler runs. */
export function rejectUnstorableText(req: Request, _res: Response, next: NextFunction) {
  let decodedPath = req.path;
  try {
    decodedPath = decodeURIComponent(req.path);
  } catch {
    throw invalid([{ path: '(url)', messageKey: 'error.bad_url', message: { zh: '网址编码有误', en: 'Malformed URL encoding' } }]);
  }
  const p = (UNSTORABLE.test(decodedPath) ? ['(url)'] : undefined) ?? unstorablePath(req.body) ?? unstorablePath(req.query, ['query']);
  if (p) throw invalid([{ path: p.join('.') || '(body)', messageKey: 'error.unstorable_text', message: { zh: '包含无法保存的字符（如空字符）', en: 'Contains characters that cannot be stored (e.g. NUL)' } }]);
  next();
}
