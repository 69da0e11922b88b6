import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError, invalid } from './errors.js';
import type { ServiceContext, SessionUser } from './services/context.js';

/** A first request still running after this long is taken as crashed: a retry with its key may run again. */
const STALE_MS = 120_000;
const KEY = /^[\x21-\x7e]{1,200}$/;
/** How often a process deletes expired records (on a keyed request, at most this often). */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * YIFA_IDEMPOTENCY_DAYS (default 7): how long a key's answer is kept. A client retries within minutes; after
 * this the key is forgotten and the same key runs the request anew.
 */
export function idempotencyRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.YIFA_IDEMPOTENCY_DAYS;
  if (raw === undefined || raw === '') return 7;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`YIFA_IDEMPOTENCY_DAYS must be a whole number of days, at least 1 (got '${raw}')`);
  return days;
}
const RETENTION_DAYS = idempotencyRetentionDays();

/** Deletes idempotency records created more than `days` days before `now`; returns how many. */
export function pruneIdempotencyRecords(
  prisma: ServiceContext['prisma'],
  now = new Date(),
  days = RETENTION_DAYS,
): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000);
  return prisma.$executeRaw`DELETE FROM "IdempotencyRecord" WHERE "createdAt" < ${before}`;
}

const lastPruned = new WeakMap<ServiceContext, number>();
/** Prunes in the background when this app has not for PRUNE_EVERY_MS (its first keyed request prunes too). */
function pruneWhenDue(ctx: ServiceContext) {
  const now = Date.now();
  if ((lastPruned.get(ctx) ?? 0) + PRUNE_EVERY_MS > now) return;
  lastPruned.set(ctx, now);
  pruneIdempotencyRecords(ctx.prisma).catch((err: unknown) =>
    console.error(`idempotency records not pruned: ${(err as Error).message}`),
  );
}

const requestHash = (req: Request) =>
  createHash('sha256')
    .update(JSON.stringify([req.method, req.path, req.body ?? null]))
    .digest('hex');

/**
 * Idempotency-Key on POST (every creating POST: launch, reviews, meetings, uploads, task steps...), per user:
 * the first answer (2xx) is stored; the same key with the same request gets that answer again (same ids,
 * header Idempotent-Replayed); with another request 422; while the first still runs 409. A refused first
 * request stores nothing, so the client may fix it and retry with the same key. Returns true when the answer
 * has been sent here.
 */
export async function idempotent(
  ctx: ServiceContext,
  req: Request,
  res: Response,
  user: SessionUser,
): Promise<boolean> {
  const key = req.header('Idempotency-Key');
  if (req.method !== 'POST' || key === undefined) return false;
  if (!KEY.test(key))
    throw invalid([
      {
        path: '(header) Idempotency-Key',
        messageKey: 'error.idempotency_key',
        message: {
          zh: 'Idempotency-Key 须为1至200个可见ASCII字符',
          en: 'Idempotency-Key must be 1 to 200 visible ASCII characters',
        },
      },
    ]);
  const id = { userId_key: { userId: user.id, key } };
  const hash = requestHash(req);
  pruneWhenDue(ctx);
  const inserted = await ctx.prisma.$executeRaw`
    INSERT INTO "IdempotencyRecord" ("userId", "key", "method", "path", "requestHash", "status")
    VALUES (${user.id}, ${key}, ${req.method}, ${req.path}, ${hash}, 0)
    ON CONFLICT ("userId", "key") DO NOTHING`;
  if (inserted === 0) {
    const rec = await ctx.prisma.idempotencyRecord.findUnique({ where: id });
    if (rec && rec.requestHash !== hash)
      throw new AppError(422, 'idempotency_key_reused', 'error.idempotency_key_reused', {
        zh: '该 Idempotency-Key 已用于另一个请求',
        en: 'This Idempotency-Key was used for a different request',
      });
    const stale = rec && rec.status === 0 && rec.createdAt.getTime() + STALE_MS < Date.now();
    if (!rec || (rec.status === 0 && !stale))
      throw new AppError(
        409,
        'idempotency_in_progress',
        'error.idempotency_in_progress',
        { zh: '相同请求正在处理中，请稍后再试', en: 'The same request is still being processed; retry shortly' },
        { retryAfterSeconds: 1 },
      );
    if (rec.status !== 0) {
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(rec.status);
      if (rec.body === null) res.end();
      else res.json(rec.body);
      return true;
    }
    await ctx.prisma.idempotencyRecord.update({ where: id, data: { createdAt: new Date() } });
  }
  capture(ctx, res, id);
  return false;
}

/** Stores the first 2xx answer before it is sent; any other answer frees the key. */
function capture(ctx: ServiceContext, res: Response, id: { userId_key: { userId: string; key: string } }) {
  const json = res.json.bind(res);
  const end = res.end.bind(res) as (...a: unknown[]) => Response;
  const settle = async (body: unknown) => {
    res.json = json;
    res.end = end as typeof res.end;
    const status = res.statusCode;
    if (status >= 200 && status < 300) {
      // As sent: the JSON text of the answer (null without a body); one statement, no query to compile.
      const stored = body === undefined ? null : JSON.stringify(body);
      const { userId, key } = id.userId_key;
      await ctx.prisma.$executeRaw`
        UPDATE "IdempotencyRecord" SET "status" = ${status}, "body" = ${stored}::jsonb
        WHERE "userId" = ${userId} AND "key" = ${key}`;
    } else await ctx.prisma.idempotencyRecord.deleteMany({ where: id.userId_key });
  };
  res.json = ((body: unknown) => {
    void settle(body)
      .catch(() => undefined)
      .then(() => json(body));
    return res;
  }) as typeof res.json;
  res.end = ((...args: unknown[]) => {
    void settle(undefined)
      .catch(() => undefined)
      .then(() => end(...args));
    return res;
  }) as typeof res.end;
}
