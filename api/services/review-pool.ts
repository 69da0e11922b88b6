/**
 * The director (or the admin) keeps the pool as data (R20): reviewers' active flag and former department,
 * leave periods, declared conflicts (a reviewer may declare their own), and each kind's weight, target days,
 * second check, sign-off and number prefix. Every change is audited with before and after (R38).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { appendAudit, auditActor } from '../../records/audit.js';
import type { AuditAction } from '../../domain/audit-events.js';
import { loadPool } from '../../records/review-pool.js';
import { reviewSettings } from '../../records/review-settings.js';
import type { ReviewKind } from '../../domain/review/kinds.js';
import type {
  ReviewerConflictSchema,
  ReviewerLeaveSchema,
  ReviewerProfileSchema,
  ReviewKindSettingInput,
} from '../../domain/review/pool-schemas.js';
import type { Role } from '../../domain/roles.js';
import { fieldIssue, forbidden, invalid, notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { recordAbsence } from './absences.js';

const MANAGERS: Role[] = ['director', 'admin'];

function managerRole(user: SessionUser): Role {
  const role = user.roles.find((r) => MANAGERS.includes(r));
  if (!role)
    throw forbidden(
      '只有法务中心主任或系统管理员可以维护审查员库',
      'Only the director or the admin maintains the pool',
    );
  return role;
}

async function reviewerExists(ctx: ServiceContext, userId: string): Promise<void> {
  const u = await ctx.prisma.user.findFirst({
    where: { id: userId, roles: { some: { role: 'reviewer' } } },
    select: { id: true },
  });
  if (!u) throw notFound('审查员');
}

async function audited(
  ctx: ServiceContext,
  user: SessionUser,
  role: Role,
  action: AuditAction,
  subjectId: string,
  data: Record<string, unknown>,
  write: (tx: Parameters<Parameters<ServiceContext['prisma']['$transaction']>[0]>[0]) => Promise<unknown>,
) {
  return ctx.prisma.$transaction(async (tx) => {
    const result = await write(tx);
    await appendAudit(tx, {
      idempotencyKey: `${action}:${randomUUID()}`,
      at: new Date(),
      actor: auditActor(user, role),
      action,
      subjectType: 'reviewer',
      subjectId,
      data: { rule: 'R20', ...data },
    });
    return result;
  });
}

export async function listPool(ctx: ServiceContext, user: SessionUser) {
  if (!user.roles.some((r) => r === 'director' || r === 'admin' || r === 'supervisor'))
    throw forbidden('无权查看审查员库', 'You may not see the pool');
  const [members, users, notes, settings] = await Promise.all([
    loadPool(ctx.prisma),
    ctx.prisma.user.findMany({
      where: { roles: { some: { role: 'reviewer' } } },
      select: { id: true, username: true, displayName: true },
    }),
    ctx.prisma.reviewerProfile.findMany({ where: { note: { not: null } }, select: { userId: true, note: true } }),
    Promise.all(
      (['decision', 'normative_document', 'contract'] as const).map(async (kind) => ({
        kind,
        ...(await reviewSettings(ctx.prisma, kind)),
      })),
    ),
  ]);
  return {
    members: members
      .map((m) => ({
        ...m,
        ...users.find((u) => u.id === m.userId),
        note: notes.find((n) => n.userId === m.userId)?.note ?? null,
      }))
      .sort((a, b) => a.userId.localeCompare(b.userId)),
    settings,
  };
}

export async function updateReviewerProfile(
  ctx: ServiceContext,
  user: SessionUser,
  userId: string,
  p: z.infer<typeof ReviewerProfileSchema>,
) {
  const role = managerRole(user);
  await reviewerExists(ctx, userId);
  if (p.formerDepartmentId && !(await ctx.prisma.department.findUnique({ where: { id: p.formerDepartmentId } })))
    throw invalid([fieldIssue('formerDepartmentId', '未知的单位', 'Unknown department', 'error.unknown_department')]);
  const before = await ctx.prisma.reviewerProfile.findUnique({ where: { userId } });
  return audited(ctx, user, role, 'review.pool_profile_changed', userId, { before, after: p }, (tx) =>
    tx.reviewerProfile.upsert({
      where: { userId },
      create: {
        userId,
        active: p.active ?? true,
        formerDepartmentId: p.formerDepartmentId ?? null,
        note: p.note ?? null,
      },
      update: p,
    }),
  );
}

/** A reviewer's leave is an absence (issue 16 §4), optionally with a substitute; the pool skips them meanwhile. */
export async function addLeave(
  ctx: ServiceContext,
  user: SessionUser,
  userId: string,
  l: z.infer<typeof ReviewerLeaveSchema>,
) {
  managerRole(user);
  await reviewerExists(ctx, userId);
  const a = await recordAbsence(
    ctx,
    user,
    { ...l, userId },
    { action: 'review.pool_leave_recorded', subjectType: 'reviewer', data: (id) => ({ rule: 'R20', leaveId: id }) },
  );
  return {
    id: a.id,
    userId,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    reason: a.reason,
    substitute: a.substitute,
    warned: a.warned,
  };
}

/** A reviewer declares their own conflict; the director may record one for any reviewer. */
export async function declareConflict(
  ctx: ServiceContext,
  user: SessionUser,
  userId: string,
  c: z.infer<typeof ReviewerConflictSchema>,
) {
  const role: Role = user.id === userId && user.roles.includes('reviewer') ? 'reviewer' : managerRole(user);
  await reviewerExists(ctx, userId);
  if (c.departmentId && !(await ctx.prisma.department.findUnique({ where: { id: c.departmentId } })))
    throw invalid([fieldIssue('departmentId', '未知的单位', 'Unknown department', 'error.unknown_department')]);
  const id = randomUUID();
  return audited(ctx, user, role, 'review.pool_conflict_declared', userId, { conflictId: id, ...c }, (tx) =>
    tx.reviewerConflict.create({
      data: {
        id,
        userId,
        departmentId: c.departmentId ?? null,
        subjectNumber: c.subjectNumber ?? null,
        reason: c.reason,
      },
    }),
  );
}

export async function updateKindSetting(
  ctx: ServiceContext,
  user: SessionUser,
  kind: ReviewKind,
  s: ReviewKindSettingInput,
) {
  const role = managerRole(user);
  const before = await reviewSettings(ctx.prisma, kind);
  return audited(ctx, user, role, 'review.settings_changed', kind, { kind, before, after: s }, (tx) =>
    tx.reviewKindSetting.upsert({ where: { kind }, create: { kind, ...s }, update: s }),
  );
}
