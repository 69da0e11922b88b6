/**
 * The access policy (domain/access-policy.ts) applied to the records: the actor's relationships loaded once, the
 * same grants as SQL filters for lists, and the checks that refuse with 404 (existence must not leak) or 403
 * (the resource is known to the caller, the action or the part is not theirs).
 */
import { Prisma } from '../../generated/prisma/client.js';
import {
  canReadMeeting,
  decisionGrants,
  reviewGrants,
  type AccessActor,
  type DecisionAccess,
} from '../../domain/access-policy.js';
import { forbidden, notFound } from '../errors.js';
import { principalsOf } from '../../records/absences.js';
import { chinaDate } from '../../domain/china-time.js';
import type { ServiceContext, SessionUser } from './context.js';
import type { Role } from '../../domain/roles.js';

export async function accessActor(ctx: ServiceContext, user: SessionUser): Promise<AccessActor> {
  const [principalOf, conflicts, actingFor] = await Promise.all([
    user.roles.includes('leader')
      ? ctx.prisma.department.findMany({ where: { principalLeaderId: user.id }, select: { id: true } })
      : [],
    user.roles.some((r) => r === 'reviewer' || r === 'director')
      ? ctx.prisma.reviewerConflict.findMany({
          where: { userId: user.id },
          select: { departmentId: true, subjectNumber: true },
        })
      : [],
    principalsOf(ctx.prisma, user.id, chinaDate(new Date())),
  ]);
  return {
    userId: user.id,
    roles: user.roles,
    departmentId: user.departmentId,
    principalOf: principalOf.map((d) => d.id),
    conflicts,
    actingFor: actingFor.map((p) => ({ id: p.id, roles: p.roles, departmentId: p.departmentId })),
  };
}

/** The task filter of "a task that is the actor's" (domain isOwnTask), for any task read model. */
export function ownTaskWhere(a: AccessActor) {
  return {
    OR: [
      ...personsTasks(a.userId, a.roles, a.departmentId),
      // A substitute: the absent person's open tasks, today.
      ...(a.actingFor ?? []).map((p) => ({ status: 'open' as const, OR: personsTasks(p.id, p.roles, p.departmentId) })),
    ],
  };
}

/** Tasks named to a person, or to a role they hold (in their department where the task has one). */
export function personsTasks(userId: string, roles: readonly Role[], departmentId: string): Prisma.TaskWhereInput[] {
  return [
    { assigneeUserId: userId },
    { assigneeUserId: null, role: { in: [...roles] }, OR: [{ departmentId: null }, { departmentId }] },
  ];
}

/** `personsTasks` as SQL over the Task table aliased `t` (for lists that count in one statement). */
export function personsTasksSql(userId: string, roles: readonly Role[], departmentId: string): Prisma.Sql {
  const role = roles.length
    ? Prisma.sql`(t."assigneeUserId" IS NULL AND t.role IN (${Prisma.join(roles.map((r) => Prisma.sql`CAST(${r} AS "Role")`))})
        AND (t."departmentId" IS NULL OR t."departmentId" = ${departmentId}))`
    : Prisma.sql`FALSE`;
  return Prisma.sql`(t."assigneeUserId" = ${userId} OR ${role})`;
}

/** `ownTaskWhere` as SQL over the Task table aliased `t`. */
export function ownTaskSql(a: Pick<AccessActor, 'userId' | 'roles' | 'departmentId' | 'actingFor'>): Prisma.Sql {
  const theirs = (a.actingFor ?? []).map(
    (p) => Prisma.sql`(t.status = 'open' AND ${personsTasksSql(p.id, p.roles, p.departmentId)})`,
  );
  return Prisma.sql`(${Prisma.join([personsTasksSql(a.userId, a.roles, a.departmentId), ...theirs], ' OR ')})`;
}

const PUBLISHED: Prisma.DecisionWhereInput = { stageStates: { path: ['publication', 'status'], equals: 'done' } };

/** Decisions the actor reads in full (domain decisionAccess = 'full'), as a SQL filter. */
export function fullDecisionWhere(a: AccessActor): Prisma.DecisionWhereInput {
  const g = decisionGrants(a);
  const grants: Prisma.DecisionWhereInput[] = [{ tasks: { some: ownTaskWhere(a) as Prisma.TaskWhereInput } }];
  if (g.departments.length) grants.push({ leadDepartmentId: { in: g.departments } });
  if (g.coDepartment) grants.push({ launch: { path: ['coDepartmentIds'], array_contains: [g.coDepartment] } });
  if (g.stages.length) grants.push({ tasks: { some: { stage: { in: g.stages } } } });
  if (g.allNonConfidential) grants.push({ confidential: false });
  return { AND: [notConflicted(a), { OR: grants }] };
}

/** Decisions the actor reads at all: in full, or their published parts. */
export function readableDecisionWhere(a: AccessActor): Prisma.DecisionWhereInput {
  return { AND: [notConflicted(a), { OR: [fullDecisionWhere(a), PUBLISHED] }] };
}

function notConflicted(a: AccessActor): Prisma.DecisionWhereInput {
  const g = decisionGrants(a);
  return {
    NOT: { OR: [{ leadDepartmentId: { in: g.conflictedDepartments } }, { number: { in: g.conflictedNumbers } }] },
  };
}

/** How the actor reads one decision (by id or number): 404 when not at all. */
export async function decisionAccessOf(
  ctx: ServiceContext,
  a: AccessActor,
  idOrNumber: string,
): Promise<{ id: string; access: Exclude<DecisionAccess, 'none'> }> {
  const match = { OR: [{ id: idOrNumber }, { number: idOrNumber }] };
  const full = await ctx.prisma.decision.findFirst({
    where: { AND: [match, fullDecisionWhere(a)] },
    select: { id: true },
  });
  if (full) return { id: full.id, access: 'full' };
  const pub = await ctx.prisma.decision.findFirst({
    where: { AND: [match, readableDecisionWhere(a)] },
    select: { id: true },
  });
  if (pub) return { id: pub.id, access: 'published' };
  throw notFound('决策');
}

/** The decision in full, or 404 (not readable) / 403 (only its published parts are). */
export async function requireFullDecision(
  ctx: ServiceContext,
  user: SessionUser,
  idOrNumber: string,
): Promise<{ id: string; actor: AccessActor }> {
  const actor = await accessActor(ctx, user);
  const { id, access } = await decisionAccessOf(ctx, actor, idOrNumber);
  if (access !== 'full') throw notInProcedure();
  return { id, actor };
}

export const notInProcedure = () =>
  forbidden(
    '您只能查看该决策已公开的内容（《重大行政决策程序暂行条例》第三十二条）',
    'Only the published parts of this decision are open to you (Decree 713, Art. 32)',
  );

/** Reviews the actor reads (domain canReadReview), as a SQL filter. */
export async function readableReviewWhere(ctx: ServiceContext, a: AccessActor): Promise<Prisma.ReviewWhereInput> {
  const g = reviewGrants(a);
  const grants: Prisma.ReviewWhereInput[] = [{ reviewerUserId: a.userId }];
  if (g.all) grants.push({ id: { not: '' } });
  if (g.department) grants.push({ departmentId: g.department });
  if (g.allNonConfidential) {
    const confidential = await ctx.prisma.decision.findMany({ where: { confidential: true }, select: { id: true } });
    grants.push({ OR: [{ decisionId: null }, { decisionId: { notIn: confidential.map((d) => d.id) } }] });
  }
  // Reviews with a task named to the actor, or (a substitute) an open one named to the person they stand in for.
  const named: Prisma.TaskWhereInput = {
    OR: [
      { assigneeUserId: a.userId },
      ...(a.actingFor ?? []).map((p) => ({ assigneeUserId: p.id, status: 'open' as const })),
    ],
  };
  const [decisionTasks, reviewTasks] = await Promise.all([
    ctx.prisma.task.findMany({
      where: { ...named, decisionId: { not: null }, stage: 'legality_review' },
      select: { workflowId: true },
      distinct: ['workflowId'],
    }),
    ctx.prisma.task.findMany({
      where: { ...named, reviewId: { not: null } },
      select: { reviewId: true },
      distinct: ['reviewId'],
    }),
  ]);
  const assigned = [...decisionTasks.map((t) => t.workflowId), ...reviewTasks.flatMap((t) => t.reviewId ?? [])];
  if (assigned.length) grants.push({ id: { in: assigned } });
  return {
    AND: [
      {
        NOT: {
          OR: [{ departmentId: { in: g.conflictedDepartments } }, { subjectNumber: { in: g.conflictedNumbers } }],
        },
      },
      { OR: grants },
    ],
  };
}

const MEETING_ROLES = ['secretary', 'leader', 'director', 'supervisor'] as const;

/** A meeting the caller may read (domain canReadMeeting): 404 when there is none, 403 when it is not theirs. */
export async function requireMeetingReader(
  ctx: ServiceContext,
  user: SessionUser,
  meetingId: string,
): Promise<{ attendee: boolean }> {
  const m = await ctx.prisma.meeting.findUnique({ where: { id: meetingId }, select: { id: true } });
  if (!m) throw notFound('会议');
  const attendees = await ctx.prisma.meetingAttendee.findMany({
    where: { meetingId, userId: { not: null } },
    select: { userId: true },
  });
  const ids = attendees.map((x) => x.userId!);
  if (!canReadMeeting(await accessActor(ctx, user), ids))
    throw forbidden(
      '只有会议秘书、政府领导、法务中心主任、督查人员和与会人员可以查看会议',
      'Only secretaries, leaders, the director, supervisors and attendees read a meeting',
    );
  return { attendee: ids.includes(user.id) };
}

/** Meetings listed to the caller: all for the meeting roles, otherwise the ones they attend. */
export async function readableMeetingWhere(ctx: ServiceContext, user: SessionUser): Promise<Prisma.MeetingWhereInput> {
  if (user.roles.some((r) => (MEETING_ROLES as readonly string[]).includes(r))) return {};
  const mine = await ctx.prisma.meetingAttendee.findMany({ where: { userId: user.id }, select: { meetingId: true } });
  return { id: { in: mine.map((x) => x.meetingId) } };
}
