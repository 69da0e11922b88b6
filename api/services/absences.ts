/**
 * Absences and substitutes (issue 16 §4): a person, the legal center's director (for a reviewer) or a department
 * head (for the department's staff) records a period of absence, optionally naming a substitute of the same
 * department; the substitute holds the absent person's task rights in that period (api/services/access.ts,
 * complete-task.ts). An absence with no substitute warns the head with the open tasks nobody can act on. The
 * reviewer pool's leave is an absence recorded through the same function.
 */
import { randomUUID } from 'node:crypto';
import {
  absenceRecorderRole,
  dateZh,
  headRoleOf,
  periodsOverlap,
  type AbsenceInput,
  type AbsencePerson,
} from '../../domain/absences.js';
import type { AuditAction } from '../../domain/audit-events.js';
import { chinaDate } from '../../domain/china-time.js';
import type { Role } from '../../domain/roles.js';
import { TASK_KINDS, isTaskKind } from '../../domain/tasks/kinds.js';
import { appendAudit, auditActor, type Tx } from '../../records/audit.js';
import { fieldIssue, forbidden, invalid, notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

const PERSON = { id: true, displayName: true, departmentId: true, active: true, roles: { select: { role: true } } };

async function person(ctx: ServiceContext, id: string) {
  const u = await ctx.prisma.user.findUnique({ where: { id }, select: PERSON });
  return u && { ...u, roles: u.roles.map((r) => r.role as Role) };
}
type Person = NonNullable<Awaited<ReturnType<typeof person>>>;
const asPerson = (u: SessionUser): AbsencePerson => ({ id: u.id, roles: u.roles, departmentId: u.departmentId });

/** How the pool's leave differs from an absence recorded on the account page: its audit action and subject. */
export interface AbsenceRecording {
  action: AuditAction;
  subjectType: string;
  data: (absenceId: string) => Record<string, unknown>;
}

const ABSENCE_RECORDED: AbsenceRecording = { action: 'absence.recorded', subjectType: 'user', data: () => ({}) };

export async function recordAbsence(
  ctx: ServiceContext,
  user: SessionUser,
  input: AbsenceInput,
  how: AbsenceRecording = ABSENCE_RECORDED,
) {
  const absent = await person(ctx, input.userId ?? user.id);
  if (!absent) throw notFound('人员');
  const role = absenceRecorderRole(asPerson(user), absent);
  if (!role)
    throw forbidden(
      '只有本人、法务中心主任（为审查员）或单位负责人（为本单位人员）可以登记不在岗',
      'Only the person, the director (for a reviewer) or the department head (for their staff) records an absence',
    );
  const today = chinaDate(new Date());
  if (input.endsOn < today)
    throw invalid([fieldIssue('endsOn', `结束日期不得早于今天（${dateZh(today)}）`, 'endsOn is in the past')]);
  const own = await ctx.prisma.absence.findMany({ where: { userId: absent.id } });
  const clash = own.find((a) => periodsOverlap(a, input));
  if (clash)
    throw invalid([
      fieldIssue(
        'startsOn',
        `与已登记的不在岗期间（${dateZh(clash.startsOn)}至${dateZh(clash.endsOn)}）重叠`,
        `Overlaps the absence already recorded (${clash.startsOn} to ${clash.endsOn})`,
      ),
    ]);
  const sub = input.substituteUserId ? await checkSubstitute(ctx, absent, input) : null;
  const names = new Map([[absent.id, absent.displayName], ...(sub ? [[sub.id, sub.displayName] as const] : [])]);

  const id = randomUUID();
  return ctx.prisma.$transaction(async (tx) => {
    const row = await tx.absence.create({
      data: {
        id,
        userId: absent.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        reason: input.reason,
        substituteUserId: input.substituteUserId ?? null,
        createdById: user.id,
      },
    });
    await appendAudit(tx, {
      idempotencyKey: `${how.action}:${id}`,
      at: new Date(),
      actor: auditActor(user, role),
      action: how.action,
      subjectType: how.subjectType,
      subjectId: absent.id,
      data: {
        absenceId: id,
        userId: absent.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        reason: input.reason,
        substituteUserId: input.substituteUserId ?? null,
        ...how.data(id),
      },
    });
    const warned = input.substituteUserId ? [] : await warnHeads(tx, absent, row);
    return { ...view(row, names), warned };
  });
}

async function checkSubstitute(ctx: ServiceContext, absent: Person, input: AbsenceInput) {
  const sub = await person(ctx, input.substituteUserId!);
  const bad = (zh: string, en: string) => invalid([fieldIssue('substituteUserId', zh, en)]);
  if (!sub?.active) throw bad('未知或已停用的人员', 'Unknown or inactive person');
  if (sub.id === absent.id) throw bad('代办人不能是本人', 'The substitute cannot be the absent person');
  if (sub.departmentId !== absent.departmentId)
    throw bad('代办人须与不在岗人员同属一个单位', 'The substitute must belong to the same department');
  const away = (await ctx.prisma.absence.findMany({ where: { userId: sub.id } })).find((a) => periodsOverlap(a, input));
  if (away)
    throw bad(
      `代办人在${dateZh(away.startsOn)}至${dateZh(away.endsOn)}也不在岗`,
      `The substitute is away from ${away.startsOn} to ${away.endsOn}`,
    );
  return sub;
}

/** The head (director for a reviewer, else the department's heads) is told which open tasks nobody can act on. */
async function warnHeads(tx: Tx, absent: Person, a: { id: string; startsOn: string; endsOn: string }) {
  const headRole = headRoleOf(absent);
  const heads = await tx.user.findMany({
    where: {
      active: true,
      id: { not: absent.id },
      roles: { some: { role: headRole } },
      ...(headRole === 'dept_head' ? { departmentId: absent.departmentId } : {}),
    },
    select: { id: true },
  });
  const tasks = await tx.task.findMany({
    where: { assigneeUserId: absent.id, status: 'open' },
    include: { decision: { select: { number: true } } },
    orderBy: { dueAt: 'asc' },
  });
  const reviews = await tx.review.findMany({
    where: { id: { in: tasks.flatMap((t) => t.reviewId ?? []) } },
    select: { id: true, subjectNumber: true },
  });
  const line = (t: (typeof tasks)[number], en: boolean) => {
    const label = isTaskKind(t.kind) ? TASK_KINDS[t.kind].label[en ? 'en' : 'zh'] : t.kind;
    const number = t.decision?.number ?? reviews.find((r) => r.id === t.reviewId)?.subjectNumber ?? '';
    return `${number} ${label}`.trim();
  };
  const period = `${dateZh(a.startsOn)}至${dateZh(a.endsOn)}`;
  const bodyZh = tasks.length
    ? `${absent.displayName}${period}不在岗，未指定代办人。以下${tasks.length}项待办在此期间无人可以办理，请指定代办人或改派：${tasks.map((t) => line(t, false)).join('；')}。`
    : `${absent.displayName}${period}不在岗，未指定代办人。目前没有只能由其办理的待办；期间新分配给其本人的任务将无人办理。`;
  const bodyEn = tasks.length
    ? `${absent.displayName} is away from ${a.startsOn} to ${a.endsOn} with no substitute. ${tasks.length} open task(s) nobody can act on: ${tasks.map((t) => line(t, true)).join('; ')}.`
    : `${absent.displayName} is away from ${a.startsOn} to ${a.endsOn} with no substitute. No open task is named to them now.`;
  const now = new Date();
  for (const h of heads)
    await tx.notice.create({
      data: {
        id: `notice:absence:${a.id}:${h.id}`,
        userId: h.id,
        taskId: null,
        stepKey: `absence:${a.id}`,
        action: 'absence_without_substitute',
        titleZh: `【无人代办】${absent.displayName}${period}不在岗`,
        titleEn: `[No substitute] ${absent.displayName} away ${a.startsOn} to ${a.endsOn}`,
        bodyZh,
        bodyEn,
        createdAt: now,
      },
    });
  return heads.map((h) => h.id);
}

export async function withdrawAbsence(ctx: ServiceContext, user: SessionUser, id: string) {
  const a = await ctx.prisma.absence.findUnique({ where: { id } });
  const absent = a && (await person(ctx, a.userId));
  const role = absent && absenceRecorderRole(asPerson(user), absent);
  if (!a || !role) throw notFound('不在岗登记');
  await ctx.prisma.$transaction(async (tx) => {
    await tx.absence.delete({ where: { id } });
    await appendAudit(tx, {
      idempotencyKey: `absence.withdrawn:${id}`,
      at: new Date(),
      actor: auditActor(user, role),
      action: 'absence.withdrawn',
      subjectType: 'user',
      subjectId: a.userId,
      data: { absenceId: id, userId: a.userId, before: { ...a, createdAt: a.createdAt.toISOString() } },
    });
  });
  return { withdrawn: id };
}

/**
 * What the account page shows: the caller's absences, the periods they substitute for someone, the absences of
 * the people they manage, whom they may record an absence for, and who may substitute (their department).
 */
export async function listAbsences(ctx: ServiceContext, user: SessionUser) {
  const managed = await managedPeople(ctx, user);
  const rows = await ctx.prisma.absence.findMany({
    where: {
      OR: [{ userId: user.id }, { substituteUserId: user.id }, { userId: { in: managed.map((m) => m.id) } }],
    },
    orderBy: [{ startsOn: 'desc' }, { id: 'asc' }],
  });
  const colleagues = await ctx.prisma.user.findMany({
    where: { active: true, departmentId: user.departmentId },
    select: { id: true, displayName: true },
    orderBy: { username: 'asc' },
  });
  const ids = [...new Set(rows.flatMap((r) => [r.userId, r.substituteUserId ?? []].flat()))];
  const names = new Map(
    (await ctx.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map(
      (u) => [u.id, u.displayName],
    ),
  );
  return {
    today: chinaDate(new Date()),
    mine: rows.filter((r) => r.userId === user.id).map((r) => view(r, names)),
    substituting: rows.filter((r) => r.substituteUserId === user.id).map((r) => view(r, names)),
    managed: rows.filter((r) => r.userId !== user.id && r.substituteUserId !== user.id).map((r) => view(r, names)),
    people: [{ id: user.id, displayName: user.displayName }, ...managed.filter((m) => m.id !== user.id)],
    substitutes: colleagues,
  };
}

/** The people whose absences this person records besides their own (director: reviewers; head: their department). */
async function managedPeople(ctx: ServiceContext, user: SessionUser) {
  const or = [
    ...(user.roles.includes('director') ? [{ roles: { some: { role: 'reviewer' as const } } }] : []),
    ...(user.roles.includes('dept_head') ? [{ departmentId: user.departmentId }] : []),
  ];
  if (!or.length) return [];
  return ctx.prisma.user.findMany({
    where: { active: true, id: { not: user.id }, OR: or },
    select: { id: true, displayName: true },
    orderBy: { username: 'asc' },
  });
}

function view(
  r: { id: string; userId: string; startsOn: string; endsOn: string; reason: string; substituteUserId: string | null },
  names: Map<string, string>,
) {
  const today = chinaDate(new Date());
  return {
    id: r.id,
    user: { id: r.userId, name: names.get(r.userId) ?? r.userId },
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    reason: r.reason,
    substitute: r.substituteUserId
      ? { id: r.substituteUserId, name: names.get(r.substituteUserId) ?? r.substituteUserId }
      : null,
    current: r.startsOn <= today && today <= r.endsOn,
  };
}
