import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { Role } from '../domain/roles.js';
import { authenticate } from './services/auth.js';
import type { ServiceContext, SessionUser } from './services/context.js';
import { forbidden, invalid, zodIssues } from './errors.js';
import { idempotent } from './idempotency.js';

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
  return async (req: Request, res: Response, next: NextFunction) => {
    req.user = await authenticate(ctx, bearer(req));
    if (roles.length && !req.user.roles.some((r) => roles.includes(r)))
      throw forbidden(`需要以下角色之一：${roles.join('、')}`, `Requires one of the roles: ${roles.join(', ')}`);
    if (await idempotent(ctx, req, res, req.user)) return;
    next();
  };
}

export const userOf = (req: Request): SessionUser => req.user!;

export const idempotencyKey = (req: Request): string | undefined => {
  const k = req.header('Idempotency-Key');
  return k && k.length <= 200 ? k : undefined;
};

/** Text PostgreSQL cannot store: NUL characters and unpaired UTF-16 surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL (which PostgreSQL text cannot store) is the point.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first unstorable string (or key) in a parsed value: iterative, so any depth is safe. */
export function unstorablePath(root: unknown, prefix: string[] = []): string[] | undefined {
  const stack: Array<{ v: unknown; path: string[] }> = [{ v: root, path: prefix }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, String(i)] });
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      for (const [k] of entries) if (UNSTORABLE.test(k)) return [...path, k];
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i][1], path: [...path, entries[i][0]] });
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
    throw invalid([
      { path: '(url)', messageKey: 'error.bad_url', message: { zh: '网址编码有误', en: 'Malformed URL encoding' } },
    ]);
  }
  const p =
    (UNSTORABLE.test(decodedPath) ? ['(url)'] : undefined) ??
    unstorablePath(req.body) ??
    unstorablePath(req.query, ['query']);
  if (p)
    throw invalid([
      {
        path: p.join('.') || '(body)',
        messageKey: 'error.unstorable_text',
        message: { zh: '包含无法保存的字符（如空字符）', en: 'Contains characters that cannot be stored (e.g. NUL)' },
      },
    ]);
  next();
}
