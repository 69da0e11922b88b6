/** Meetings (R24): created, listed, read, attendance recorded, items ordered. Each change audited in its transaction. */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.js';
import { MEETING_WORKFLOW, meetingWorkflowId, type MeetingFacts } from '../../domain/messages.js';
import { r24LegalAdviserWarning, r24Quorum } from '../../domain/rules/meeting.js';
import { violation } from '../../domain/violation.js';
import { appendAudit } from '../../records/audit.js';
import { nextSequence, shanghaiYear } from '../../records/sequence.js';
import { loadMeeting, meetingTitle } from '../../records/documents/meeting-data.js';
import { AppError, invalid, fieldIssue, notFound, ruleRefusal } from '../errors.js';
import type { CreateMeeting } from '../routes/meetings.schema.js';
import type { ServiceContext, SessionUser } from './context.js';
import { readableMeetingWhere } from './access.js';
import { listQueryOf, type ListInput } from '../../domain/lists.js';
import { facetCounts, groupRows, listPage, skipTake, whereOf, type FilterParts } from './list-page.js';
import type { z } from 'zod';
import type { AttendeeSchema } from '../routes/meetings.schema.js';
import { chinaDate, chinaDateTimeEn, chinaDateTimeZh } from '../../domain/china-time.js';

export const secretaryActor = (user: SessionUser) => ({
  userId: user.id,
  name: user.displayName,
  role: 'secretary' as const,
  departmentId: user.departmentId,
});

const shanghaiIsoDate = chinaDate;

export async function createMeeting(ctx: ServiceContext, user: SessionUser, m: CreateMeeting) {
  const startsAt = new Date(m.startsAt);
  const year = shanghaiYear(startsAt);
  const meeting = await ctx.prisma.$transaction(async (tx) => {
    const sessionNo = await nextSequence(tx, `meeting_${m.kind}`, year);
    const number = `${year}-${m.kind}-${sessionNo}`;
    const id = randomUUID();
    const row = await tx.meeting.create({
      data: {
        id,
        number,
        kind: m.kind,
        year,
        sessionNo,
        startsAt,
        place: m.place,
        workflowId: meetingWorkflowId(number),
        createdById: user.id,
      },
    });
    await tx.meetingAttendee.createMany({
      data: m.attendees.map((a, i) => ({ id: randomUUID(), meetingId: id, position: i + 1, ...a })),
    });
    await appendAudit(tx, {
      idempotencyKey: `meeting.created:${id}`,
      at: new Date(),
      actor: secretaryActor(user),
      action: 'meeting.created',
      subjectType: 'meeting',
      subjectId: id,
      data: { number, kind: m.kind, startsAt: m.startsAt, place: m.place, attendees: m.attendees },
    });
    return row;
  });
  const facts: MeetingFacts = {
    meetingId: meeting.id,
    number: meeting.number,
    kind: m.kind,
    date: shanghaiIsoDate(startsAt),
  };
  await ctx.temporal.workflow.start(MEETING_WORKFLOW, {
    workflowId: meeting.workflowId,
    taskQueue: ctx.taskQueue,
    args: [facts],
  });
  return getMeeting(ctx, meeting.id);
}

/** Meetings the caller may read: by body, status and year, searched over number and place, latest first by default. */
export async function listMeetings(ctx: ServiceContext, user: SessionUser, input: ListInput<'meetings'> = {}) {
  const f = listQueryOf('meetings', input);
  const base = [await readableMeetingWhere(ctx, user)];
  const contains = f.q ? { contains: f.q, mode: 'insensitive' as const } : undefined;
  const parts: FilterParts<Prisma.MeetingWhereInput> = {
    kind: f.kind ? { kind: f.kind } : undefined,
    status: f.status ? { status: f.status } : undefined,
    year: f.year ? { year: f.year } : undefined,
    q: contains ? { OR: [{ number: contains }, { place: contains }] } : undefined,
  };
  const where = whereOf(base, parts);
  const orderBy: Prisma.MeetingOrderByWithRelationInput[] =
    f.sort === 'number'
      ? [{ year: f.dir }, { kind: 'asc' }, { sessionNo: f.dir }]
      : [{ startsAt: f.dir }, { id: 'asc' }];
  const [total, counts, rows] = await Promise.all([
    ctx.prisma.meeting.count({ where }),
    facetCounts(
      base,
      parts,
      { kind: { by: 'kind' }, status: { by: 'status' } },
      {
        count: (w) => ctx.prisma.meeting.count({ where: w }),
        groupBy: async (by, w) =>
          groupRows(
            (await ctx.prisma.meeting.groupBy({
              by: [by as 'kind' | 'status'],
              where: w,
              _count: { _all: true },
            })) as unknown as Array<Record<string, unknown>>,
            by,
          ),
      },
    ),
    ctx.prisma.meeting.findMany({ where, orderBy, ...skipTake(f) }),
  ]);
  const ids = rows.map((r) => r.id);
  const [all, decided] = await Promise.all([
    ctx.prisma.meetingItem.groupBy({ by: ['meetingId'], _count: { _all: true }, where: { meetingId: { in: ids } } }),
    ctx.prisma.meetingItem.groupBy({
      by: ['meetingId'],
      _count: { _all: true },
      where: { meetingId: { in: ids }, decidedAt: { not: null } },
    }),
  ]);
  return listPage(
    f,
    total,
    rows.map((r) => ({
      ...meetingSummary(r, decided.find((c) => c.meetingId === r.id)?._count._all ?? 0),
      items: all.find((c) => c.meetingId === r.id)?._count._all ?? 0,
    })),
    counts,
  );
}

/** Where a meeting stands for people: 筹备中 before it starts, 进行中 from its start (or its first outcome), 已结束 once closed. */
export function meetingPhase(
  m: { startsAt: Date; status: string },
  decidedItems: number,
  now = new Date(),
): 'preparing' | 'in_progress' | 'closed' {
  if (m.status === 'closed') return 'closed';
  return m.startsAt <= now || decidedItems > 0 ? 'in_progress' : 'preparing';
}

/** R25: the discussion is recorded and the meeting closed only once it has begun. */
export function requireStarted(m: { startsAt: Date }, now = new Date()) {
  if (m.startsAt > now)
    throw ruleRefusal([
      violation(
        'R25',
        'r25.meeting_not_started',
        `会议定于${chinaDateTimeZh(m.startsAt)}召开，会议开始前不能记录讨论结果或结束会议`,
        `The meeting starts at ${chinaDateTimeEn(m.startsAt)}: outcomes are recorded and the meeting closed only once it has begun`,
      ),
    ]);
}

const meetingSummary = (
  m: {
    id: string;
    number: string;
    kind: string;
    year: number;
    sessionNo: number;
    startsAt: Date;
    place: string;
    status: string;
    workflowId: string;
    closedAt: Date | null;
  },
  decidedItems = 0,
) => ({
  id: m.id,
  number: m.number,
  /** 2026年第1次市政府常务会议: how people name it (the number stays for the API). */
  title: meetingTitle(m),
  phase: meetingPhase(m, decidedItems),
  kind: m.kind,
  year: m.year,
  sessionNo: m.sessionNo,
  startsAt: m.startsAt.toISOString(),
  place: m.place,
  status: m.status,
  workflowId: m.workflowId,
  closedAt: m.closedAt?.toISOString() ?? null,
});

/** A meeting with attendees, agenda in order, each item's outcome, and the R24 quorum and legal-adviser status. */
export async function getMeeting(ctx: ServiceContext, id: string) {
  const m = await loadMeeting(ctx.prisma, id);
  if (!m) throw notFound('会议');
  const quorum = r24Quorum(m.roster, m.attendees);
  const adviser = r24LegalAdviserWarning(m.attendees);
  return {
    ...meetingSummary(m.meeting, m.items.filter((i) => i.decidedAt).length),
    attendees: m.attendees.map(({ id: aid, name, title, userId, member, legalAdviser, present }) => ({
      id: aid,
      name,
      title,
      userId,
      member,
      legalAdviser,
      present,
    })),
    quorum,
    warnings: adviser ? [adviser] : [],
    items: m.items.map((i) => ({
      id: i.id,
      position: i.position,
      decisionId: i.decisionId,
      decisionNumber: i.decision.number,
      title: i.decision.title,
      /** withdrawn: the item is settled without a decision (R31), not left undecided. */
      decisionStatus: i.decision.status,
      presentingDepartmentId: i.presentingDepartmentId,
      presentingDepartment: i.department,
      reviewOpinionNo: i.reviewOpinionNo,
      chiefDecision: i.chiefDecision,
      decidedAt: i.decidedAt?.toISOString() ?? null,
      outcome: i.outcome,
    })),
  };
}

export async function requireOpenMeeting(ctx: ServiceContext, id: string) {
  const m = await ctx.prisma.meeting.findUnique({ where: { id } });
  if (!m) throw notFound('会议');
  if (m.status !== 'scheduled')
    throw ruleRefusal([violation('R25', 'meeting.closed', '会议已结束，不能再修改', 'The meeting is closed')]);
  return m;
}

/** R24: the attendance as recorded at the meeting (replaces the list; before and after audited). */
export async function recordAttendance(
  ctx: ServiceContext,
  user: SessionUser,
  meetingId: string,
  attendees: Array<z.infer<typeof AttendeeSchema>>,
) {
  await requireOpenMeeting(ctx, meetingId);
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.meetingAttendee.findMany({ where: { meetingId }, orderBy: { position: 'asc' } });
    await tx.meetingAttendee.deleteMany({ where: { meetingId } });
    await tx.meetingAttendee.createMany({
      data: attendees.map((a, i) => ({ id: randomUUID(), meetingId, position: i + 1, ...a })),
    });
    await appendAudit(tx, {
      idempotencyKey: `meeting.attendance:${meetingId}:${randomUUID()}`,
      at: new Date(),
      actor: secretaryActor(user),
      action: 'meeting.attendance_recorded',
      subjectType: 'meeting',
      subjectId: meetingId,
      data: {
        before: before.map(({ name, title, member, legalAdviser, present }) => ({
          name,
          title,
          member,
          legalAdviser,
          present,
        })),
        after: attendees,
      } as Prisma.InputJsonValue as Record<string, unknown>,
    });
  });
  return getMeeting(ctx, meetingId);
}

/** Orders the agenda: the ids must be exactly the meeting's items. */
export async function orderItems(ctx: ServiceContext, user: SessionUser, meetingId: string, itemIds: string[]) {
  await requireOpenMeeting(ctx, meetingId);
  const items = await ctx.prisma.meetingItem.findMany({ where: { meetingId }, orderBy: { position: 'asc' } });
  const known = new Set(items.map((i) => i.id));
  if (
    itemIds.length !== items.length ||
    new Set(itemIds).size !== itemIds.length ||
    itemIds.some((id) => !known.has(id))
  )
    throw invalid([
      fieldIssue(
        'itemIds',
        '应当列出本次会议的全部议题，且每项一次',
        'List every item of this meeting exactly once',
        'meeting.order_mismatch',
      ),
    ]);
  await ctx.prisma.$transaction(async (tx) => {
    for (const [i, id] of itemIds.entries()) await tx.meetingItem.update({ where: { id }, data: { position: i + 1 } });
    await appendAudit(tx, {
      idempotencyKey: `meeting.items_ordered:${meetingId}:${randomUUID()}`,
      at: new Date(),
      actor: secretaryActor(user),
      action: 'meeting.items_ordered',
      subjectType: 'meeting',
      subjectId: meetingId,
      data: { before: items.map((i) => i.id), after: itemIds },
    });
  });
  return getMeeting(ctx, meetingId);
}

export function assertSecretary(user: SessionUser) {
  if (!user.roles.includes('secretary'))
    throw new AppError(403, 'forbidden', 'error.forbidden', {
      zh: '只有常务会议秘书可以办理',
      en: 'Only a meeting secretary may do this',
    });
}
