import { randomUUID } from 'node:crypto';
import type { Role } from '../../domain/roles.js';
import { appendAudit } from '../../records/audit.js';
import { AppError, fieldIssue, invalid, notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { PASSWORD_MIN, hashPassword } from './passwords.js';

/** A user as the administrator sees it (never the hash). */
export interface AdminUserView {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  roles: Role[];
  active: boolean;
  singleSignOn: boolean;
  createdAt: string;
}

const include = { roles: true } as const;
type Row = {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  active: boolean;
  oidcSubject: string | null;
  createdAt: Date;
  roles: Array<{ role: string }>;
};
const view = (u: Row): AdminUserView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  departmentId: u.departmentId,
  roles: u.roles.map((r) => r.role as Role).sort(),
  active: u.active,
  singleSignOn: u.oidcSubject !== null,
  createdAt: u.createdAt.toISOString(),
});

const adminActor = (a: SessionUser) => ({
  userId: a.id,
  name: a.displayName,
  role: 'admin',
  departmentId: a.departmentId,
});
const weakPassword = (path: string) =>
  invalid([
    fieldIssue(path, `密码不少于${PASSWORD_MIN}个字符`, `At least ${PASSWORD_MIN} characters`, 'auth.weak_password'),
  ]);

async function checkDepartment(ctx: ServiceContext, departmentId: string) {
  if (!(await ctx.prisma.department.findUnique({ where: { id: departmentId } })))
    throw invalid([fieldIssue('departmentId', `未知的单位：${departmentId}`, `Unknown department: ${departmentId}`)]);
}

export async function listUsers(ctx: ServiceContext): Promise<AdminUserView[]> {
  return (await ctx.prisma.user.findMany({ include, orderBy: { username: 'asc' } })).map(view);
}

export async function createUser(
  ctx: ServiceContext,
  admin: SessionUser,
  u: { username: string; displayName: string; departmentId: string; roles: Role[]; password: string },
): Promise<AdminUserView> {
  if (u.password.length < PASSWORD_MIN) throw weakPassword('password');
  await checkDepartment(ctx, u.departmentId);
  if (await ctx.prisma.user.findUnique({ where: { username: u.username } }))
    throw new AppError(
      409,
      'username_taken',
      'users.username_taken',
      { zh: `用户名${u.username}已被使用`, en: `The username ${u.username} is taken` },
      { issues: [fieldIssue('username', '用户名已被使用', 'The username is taken')] },
    );
  const passwordHash = await hashPassword(u.password);
  const id = `user-${randomUUID()}`;
  const row = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        id,
        username: u.username,
        displayName: u.displayName,
        departmentId: u.departmentId,
        passwordHash,
        roles: { create: [...new Set(u.roles)].map((role) => ({ role })) },
      },
      include,
    });
    await appendAudit(tx, {
      idempotencyKey: `user.created:${id}`,
      at: new Date(),
      actor: adminActor(admin),
      action: 'user.created',
      subjectType: 'user',
      subjectId: id,
      data: { username: u.username, displayName: u.displayName, departmentId: u.departmentId, roles: u.roles },
    });
    return created;
  });
  return view(row);
}

/**
 * Changes a user's name, department, roles or whether they may sign in; disabling ends their sessions. The
 * administrator cannot disable themselves or drop their own admin role (no one would be left to undo it).
 */
export async function updateUser(
  ctx: ServiceContext,
  admin: SessionUser,
  id: string,
  change: { displayName?: string; departmentId?: string; roles?: Role[]; active?: boolean },
): Promise<AdminUserView> {
  const before = await ctx.prisma.user.findUnique({ where: { id }, include });
  if (!before) throw notFound('用户');
  if (id === admin.id && (change.active === false || (change.roles && !change.roles.includes('admin'))))
    throw new AppError(409, 'self_lockout', 'users.self_lockout', {
      zh: '不能停用自己的账号或取消自己的管理员角色',
      en: 'You cannot disable yourself or remove your own admin role',
    });
  if (change.departmentId) await checkDepartment(ctx, change.departmentId);
  const row = await ctx.prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id },
      data: { displayName: change.displayName, departmentId: change.departmentId, active: change.active },
    });
    if (change.roles) {
      await tx.userRole.deleteMany({ where: { userId: id } });
      await tx.userRole.createMany({ data: [...new Set(change.roles)].map((role) => ({ userId: id, role })) });
    }
    const ended = change.active === false ? (await tx.session.deleteMany({ where: { userId: id } })).count : 0;
    const after = await tx.user.findUniqueOrThrow({ where: { id }, include });
    await appendAudit(tx, {
      idempotencyKey: `user.updated:${randomUUID()}`,
      at: new Date(),
      actor: adminActor(admin),
      action: 'user.updated',
      subjectType: 'user',
      subjectId: id,
      data: { before: strip(view(before)), after: strip(view(after)), sessionsEnded: ended },
    });
    return after;
  });
  return view(row);
}

const strip = (v: AdminUserView) => ({
  displayName: v.displayName,
  departmentId: v.departmentId,
  roles: v.roles,
  active: v.active,
});

/** Sets a new password for a user (they forgot theirs); every session of that user ends. */
export async function resetPassword(
  ctx: ServiceContext,
  admin: SessionUser,
  id: string,
  password: string,
): Promise<void> {
  if (password.length < PASSWORD_MIN) throw weakPassword('password');
  if (!(await ctx.prisma.user.findUnique({ where: { id } }))) throw notFound('用户');
  const passwordHash = await hashPassword(password);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { passwordHash, passwordChangedAt: new Date() } });
    const { count } = await tx.session.deleteMany({ where: { userId: id } });
    await appendAudit(tx, {
      idempotencyKey: `user.password_reset:${randomUUID()}`,
      at: new Date(),
      actor: adminActor(admin),
      action: 'user.password_reset',
      subjectType: 'user',
      subjectId: id,
      data: { sessionsEnded: count },
    });
  });
}
