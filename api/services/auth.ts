import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../domain/roles.js';
import { appendAudit } from '../../records/audit.js';
import { AppError, unauthorized } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { PASSWORD_MIN, hashPassword, verifyPassword } from './passwords.js';
import {
  activeLock,
  addressKey,
  clearFailures,
  countFailure,
  lockedOut,
  throttleConfig,
  userKey,
} from './sign-in-throttle.js';

const SESSION_HOURS = Number(process.env.YIFA_SESSION_HOURS ?? 12);
/** A session unused this long ends (the next request is 401 auth.session_idle). */
const idleMinutes = () => Number(process.env.YIFA_IDLE_MINUTES ?? 30);
/** lastSeenAt is written at most this often per session, not on every request. */
const TOUCH_MS = 60_000;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const badCredentials = () =>
  new AppError(401, 'bad_credentials', 'auth.bad_credentials', {
    zh: '用户名或密码错误',
    en: 'Wrong username or password',
  });

type UserWithRoles = {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  roles: Array<{ role: string }>;
};

const personActor = (u: UserWithRoles) => ({
  userId: u.id,
  name: u.displayName,
  role: u.roles[0]?.role ?? 'none',
  departmentId: u.departmentId,
});

/**
 * Verifies a password and opens a session; the bearer token is returned once and stored only as a hash.
 * An unknown user costs one argon2 verification too (no timing difference); failures are counted per user
 * name and per address, and a locked name or address is refused with 429 and Retry-After even with the right
 * password. Every attempt, failed or not, is audited.
 */
export async function login(
  ctx: ServiceContext,
  username: string,
  password: string,
  address: string,
): Promise<{ token: string; expiresAt: string; user: SessionUser }> {
  const cfg = throttleConfig();
  const keys = [userKey(username), addressKey(address)];
  const lock = await activeLock(ctx.prisma, keys, new Date());
  const u = await ctx.prisma.user.findUnique({ where: { username }, include: { roles: true } });
  if (lock) {
    await auditFailure(ctx, username, u, address, 'locked');
    throw lockedOut(lock, new Date());
  }
  const matches = await verifyPassword(u?.passwordHash || undefined, password);
  const reason = !u ? 'unknown_user' : !matches ? 'bad_password' : !u.active ? 'disabled' : undefined;
  if (reason) {
    const now = new Date();
    await countFailure(ctx.prisma, keys[0], cfg.maxUserFailures, cfg, now);
    await countFailure(ctx.prisma, keys[1], cfg.maxAddressFailures, cfg, now);
    await auditFailure(ctx, username, u, address, reason);
    throw badCredentials();
  }
  // Attempts running in parallel may have locked the name while this one was verifying.
  const lateLock = await activeLock(ctx.prisma, keys, new Date());
  if (lateLock) {
    await auditFailure(ctx, username, u, address, 'locked');
    throw lockedOut(lateLock, new Date());
  }
  await clearFailures(ctx.prisma, keys[0]);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.session.create({ data: { tokenHash: tokenHash(token), userId: u!.id, expiresAt } });
    await appendAudit(tx, {
      idempotencyKey: `auth.login:${tokenHash(token)}`,
      at: new Date(),
      actor: personActor(u!),
      action: 'auth.login',
      subjectType: 'user',
      subjectId: u!.id,
      data: { address },
    });
  });
  return { token, expiresAt: expiresAt.toISOString(), user: toSessionUser(u!) };
}

async function auditFailure(
  ctx: ServiceContext,
  username: string,
  u: UserWithRoles | null,
  address: string,
  reason: string,
) {
  await ctx.prisma.$transaction((tx) =>
    appendAudit(tx, {
      idempotencyKey: `auth.login_failed:${randomUUID()}`,
      at: new Date(),
      actor: u ? personActor(u) : { userId: null, name: username, role: 'none', departmentId: null },
      action: 'auth.login_failed',
      subjectType: 'user',
      subjectId: u?.id ?? username,
      data: { username, address, reason },
    }),
  );
}

/** Opens a session for a user already identified (single sign-on), audited like a password sign-in. */
export async function openSession(
  ctx: ServiceContext,
  userId: string,
  data: Record<string, unknown>,
): Promise<{ token: string; expiresAt: string; user: SessionUser }> {
  const u = await ctx.prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { roles: true } });
  if (!u.active) throw badCredentials();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.session.create({ data: { tokenHash: tokenHash(token), userId: u.id, expiresAt } });
    await appendAudit(tx, {
      idempotencyKey: `auth.login:${tokenHash(token)}`,
      at: new Date(),
      actor: personActor(u),
      action: 'auth.login',
      subjectType: 'user',
      subjectId: u.id,
      data,
    });
  });
  return { token, expiresAt: expiresAt.toISOString(), user: toSessionUser(u) };
}

export async function logout(ctx: ServiceContext, user: SessionUser, token: string): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { tokenHash: tokenHash(token) } });
    await appendAudit(tx, {
      idempotencyKey: `auth.logout:${tokenHash(token)}`,
      at: new Date(),
      actor: sessionActor(user),
      action: 'auth.logout',
      subjectType: 'user',
      subjectId: user.id,
    });
  });
}

/** "Sign out everywhere": ends every session of the user, this one included. */
export async function logoutEverywhere(ctx: ServiceContext, user: SessionUser): Promise<number> {
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    await appendAudit(tx, {
      idempotencyKey: `auth.logout_everywhere:${randomUUID()}`,
      at: new Date(),
      actor: sessionActor(user),
      action: 'auth.logout_everywhere',
      subjectType: 'user',
      subjectId: user.id,
      data: { sessions: count },
    });
    return count;
  });
}

/**
 * Changes the signed-in user's password: the old one is required (a wrong one counts as a failed sign-in), the
 * new one differs and has at least PASSWORD_MIN characters; every session of the user ends.
 */
export async function changePassword(
  ctx: ServiceContext,
  user: SessionUser,
  oldPassword: string,
  newPassword: string,
  address: string,
): Promise<void> {
  const cfg = throttleConfig();
  const now = new Date();
  const lock = await activeLock(ctx.prisma, [userKey(user.username)], now);
  if (lock) throw lockedOut(lock, now);
  const u = await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
  if (!(await verifyPassword(u.passwordHash || undefined, oldPassword))) {
    await countFailure(ctx.prisma, userKey(user.username), cfg.maxUserFailures, cfg, new Date());
    await ctx.prisma.$transaction((tx) =>
      appendAudit(tx, {
        idempotencyKey: `auth.password_change_failed:${randomUUID()}`,
        at: new Date(),
        actor: sessionActor(user),
        action: 'auth.password_change_failed',
        subjectType: 'user',
        subjectId: user.id,
        data: { address },
      }),
    );
    throw new AppError(
      400,
      'invalid_request',
      'auth.old_password_wrong',
      { zh: '原密码不正确', en: 'The current password is wrong' },
      {
        issues: [
          {
            path: 'oldPassword',
            messageKey: 'auth.old_password_wrong',
            message: { zh: '原密码不正确', en: 'The current password is wrong' },
          },
        ],
      },
    );
  }
  if (newPassword === oldPassword || newPassword.length < PASSWORD_MIN)
    throw new AppError(
      400,
      'invalid_request',
      'auth.weak_password',
      {
        zh: `新密码须与原密码不同，且不少于${PASSWORD_MIN}个字符`,
        en: `The new password must differ from the old one and have at least ${PASSWORD_MIN} characters`,
      },
      {
        issues: [
          {
            path: 'newPassword',
            messageKey: 'auth.weak_password',
            message: {
              zh: `新密码须与原密码不同，且不少于${PASSWORD_MIN}个字符`,
              en: `Must differ from the old password and have at least ${PASSWORD_MIN} characters`,
            },
          },
        ],
      },
    );
  const passwordHash = await hashPassword(newPassword);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date() } });
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    await appendAudit(tx, {
      idempotencyKey: `auth.password_changed:${randomUUID()}`,
      at: new Date(),
      actor: sessionActor(user),
      action: 'auth.password_changed',
      subjectType: 'user',
      subjectId: user.id,
      data: { address, sessionsEnded: count },
    });
  });
}

/** The user behind a bearer token, or 401; a session idle longer than YIFA_IDLE_MINUTES ends here. */
export async function authenticate(ctx: ServiceContext, token: string | undefined): Promise<SessionUser> {
  if (!token) throw unauthorized();
  const s = await sessionOf(ctx, tokenHash(token));
  const now = Date.now();
  if (!s || s.expiresAt.getTime() < now || !s.active) throw unauthorized();
  if (s.lastSeenAt.getTime() + idleMinutes() * 60_000 < now) {
    await ctx.prisma.session.deleteMany({ where: { tokenHash: s.tokenHash } });
    throw new AppError(401, 'session_idle', 'auth.session_idle', {
      zh: '长时间未操作，请重新登录',
      en: 'Signed out after a period of inactivity; sign in again',
    });
  }
  if (s.lastSeenAt.getTime() + TOUCH_MS < now)
    await ctx.prisma.session.updateMany({ where: { tokenHash: s.tokenHash }, data: { lastSeenAt: new Date(now) } });
  return {
    id: s.id,
    username: s.username,
    displayName: s.displayName,
    departmentId: s.departmentId,
    roles: s.roles as Role[],
  };
}

interface SessionRow {
  tokenHash: string;
  expiresAt: Date;
  lastSeenAt: Date;
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  active: boolean;
  roles: string[];
}

/**
 * A session with its user and the user's roles, read fresh on every request (a sign-out, a disabled account or a
 * role change holds from the next request): one statement instead of Prisma's three for the nested include.
 * The roles come in the order the table gives them, as the include read them.
 */
async function sessionOf(ctx: ServiceContext, hash: string): Promise<SessionRow | undefined> {
  const rows = await ctx.prisma.$queryRaw<SessionRow[]>`
    SELECT s."tokenHash", s."expiresAt", s."lastSeenAt", u."id", u."username", u."displayName", u."departmentId",
      u."active", ARRAY(SELECT r."role"::text FROM "UserRole" r WHERE r."userId" = u."id") AS "roles"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."tokenHash" = ${hash}`;
  return rows[0];
}

/** The actor of an action a signed-in person takes about their own account. */
export const sessionActor = (u: SessionUser) => ({
  userId: u.id,
  name: u.displayName,
  role: u.roles[0] ?? 'none',
  departmentId: u.departmentId,
});

export function toSessionUser(u: UserWithRoles): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    departmentId: u.departmentId,
    roles: u.roles.map((r) => r.role as Role),
  };
}
