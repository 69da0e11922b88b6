import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Role } from '../../domain/roles.js';
import { appendAudit } from '../../activities/audit.js';
import { AppError, unauthorized } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

const SESSION_HOURS = Number(process.env.YIFA_SESSION_HOURS ?? 12);
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Verifies a password and opens a session; the bearer token is returned once and stored only as a hash. */
export async function login(ctx: ServiceContext, username: string, password: string): Promise<{ token: string; expiresAt: string; user: SessionUser }> {
  const u = await ctx.prisma.user.findUnique({ where: { username }, include: { roles: true } });
  const ok = u?.active && (await verify(u.passwordHash, password).catch(() => false));
  if (!u || !ok) throw new AppError(401, 'bad_credentials', 'auth.bad_credentials', { zh: '用户名或密码错误', en: 'Wrong username or password' });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  const user = toSessionUser(u);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.session.create({ data: { tokenHash: tokenHash(token), userId: u.id, expiresAt } });
    await appendAudit(tx, {
      idempotencyKey: `auth.login:${tokenHash(token)}`,
      at: new Date(),
      actor: { userId: u.id, name: u.displayName, role: user.roles[0] ?? 'none', departmentId: u.departmentId },
      action: 'auth.login',
      subjectType: 'user',
      subjectId: u.id,
    });
  });
  return { token, expiresAt: expiresAt.toISOString(), user };
}

export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  await ctx.prisma.session.deleteMany({ where: { tokenHash: tokenHash(token) } });
}

/** The user behind a bearer token, or 401. */
export async function authenticate(ctx: ServiceContext, token: string | undefined): Promise<SessionUser> {
  if (!token) throw unauthorized();
  const s = await ctx.prisma.session.findUnique({ where: { tokenHash: tokenHash(token) }, include: { user: { include: { roles: true } } } });
  if (!s || s.expiresAt < new Date() || !s.user.active) throw unauthorized();
  return toSessionUser(s.user);
}

function toSessionUser(u: { id: string; username: string; displayName: string; departmentId: string; roles: Array<{ role: string }> }): SessionUser {
  return { id: u.id, username: u.username, displayName: u.displayName, departmentId: u.departmentId, roles: u.roles.map((r) => r.role as Role) };
}
