import type { PrismaClient } from '../../generated/prisma/client.js';
import { AppError } from '../errors.js';

/**
 * Failed sign-ins per user name and per client address, counted in the database so every API process shares
 * them. After `maxFailures` within the window the key is locked for `lockMinutes`; a locked key is refused
 * (429 with Retry-After) even with the right password.
 */
export interface ThrottleConfig {
  windowMinutes: number;
  lockMinutes: number;
  maxUserFailures: number;
  maxAddressFailures: number;
}

export function throttleConfig(env: NodeJS.ProcessEnv = process.env): ThrottleConfig {
  const n = (v: string | undefined, d: number) => (v && Number(v) > 0 ? Number(v) : d);
  return {
    windowMinutes: n(env.YIFA_SIGNIN_WINDOW_MINUTES, 15),
    lockMinutes: n(env.YIFA_SIGNIN_LOCK_MINUTES, 15),
    maxUserFailures: n(env.YIFA_SIGNIN_MAX_FAILURES, 5),
    maxAddressFailures: n(env.YIFA_SIGNIN_MAX_FAILURES_PER_ADDRESS, 30),
  };
}

export const userKey = (username: string) => `user:${username.toLowerCase()}`;
export const addressKey = (address: string) => `addr:${address}`;

export function lockedOut(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    429,
    'locked_out',
    'auth.locked_out',
    {
      zh: `登录失败次数过多，请${Math.ceil(seconds / 60)}分钟后再试`,
      en: `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} min`,
    },
    { retryAfterSeconds: seconds },
  );
}

/** The latest lock over these keys still in force, if any. */
export async function activeLock(prisma: PrismaClient, keys: string[], now: Date): Promise<Date | undefined> {
  const rows = await prisma.signInThrottle.findMany({
    where: { key: { in: keys }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  return rows.map((r) => r.lockedUntil!).sort((a, b) => b.getTime() - a.getTime())[0];
}

/** Counts one failure against a key atomically; returns the lock it caused, if any. */
export async function countFailure(
  prisma: PrismaClient,
  key: string,
  limit: number,
  cfg: ThrottleConfig,
  now: Date,
): Promise<Date | undefined> {
  const windowFloor = new Date(now.getTime() - cfg.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + cfg.lockMinutes * 60_000);
  const [row] = await prisma.$queryRaw<Array<{ lockedUntil: Date | null }>>`
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil")
    VALUES (${key}, 1, ${now}, CASE WHEN 1 >= ${limit}::int THEN ${lockUntil}::timestamp(3) ELSE NULL END)
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."windowStart" < ${windowFloor}::timestamp(3) THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "SignInThrottle"."windowStart" < ${windowFloor}::timestamp(3) THEN ${now}::timestamp(3) ELSE "SignInThrottle"."windowStart" END,
      "lockedUntil" = CASE
        WHEN (CASE WHEN "SignInThrottle"."windowStart" < ${windowFloor}::timestamp(3) THEN 1 ELSE "SignInThrottle"."failures" + 1 END) >= ${limit}::int
        THEN ${lockUntil}::timestamp(3) ELSE "SignInThrottle"."lockedUntil" END
    RETURNING "lockedUntil"`;
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
}

/** A successful sign-in clears the user name's count (the address keeps its own). */
export async function clearFailures(prisma: PrismaClient, key: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key } });
}
