/**
 * The agenda (R21, R24-R26): a ready decision is placed on a meeting (its `place_on_agenda` task, whose update
 * validator applies R21); each item's discussion and the chief's decision go to the meeting's workflow (R25 in
 * its validator), which signals the decision; the meeting closes once every item is decided.
 */
import { randomUUID } from 'node:crypto';
import { closeMeeting, completeTask, procedureState, recordItemOutcome } from '../../domain/messages.js';
import { r21ReadinessViolations } from '../../domain/rules/collective-discussion.js';
import {
  r22MissingMaterialsViolation,
  r24LegalAdviserWarning,
  r24QuorumViolation,
} from '../../domain/rules/meeting.js';
import { agendaMaterialsChecklist } from './agenda-materials.js';
import { bodyRosterSeats } from './meeting-roster.js';
import type { MeetingBody } from '../../domain/meeting-bodies.js';
import type { ItemOutcome } from '../../domain/tasks/collective-discussion.js';
import { violation } from '../../domain/violation.js';
import { fromTemporal, notFound, ruleRefusal } from '../errors.js';
import { taskActor } from './complete-task.js';
import type { ServiceContext, SessionUser } from './context.js';
import { getMeeting, requireOpenMeeting, requireStarted, secretaryActor } from './meetings.js';

/**
 * The checks of placing a decision on the agenda, without doing it: the meeting open, the decision waiting for the
 * agenda and ready (R21, as the procedure's own state says), its materials complete (R22), the caller the one
 * to do its task. The workflow's validator applies R21 again when it is done.
 */
export async function planAgendaItem(ctx: ServiceContext, user: SessionUser, meetingId: string, decisionId: string) {
  await requireOpenMeeting(ctx, meetingId);
  const decision = await ctx.prisma.decision.findUnique({ where: { id: decisionId } });
  if (!decision) throw notFound('决策');
  const task = await ctx.prisma.task.findFirst({ where: { decisionId, kind: 'place_on_agenda', status: 'open' } });
  if (!task) throw ruleRefusal(await whyNotReady(ctx, decision.workflowId));
  const missing = r22MissingMaterialsViolation(await agendaMaterialsChecklist(ctx, decisionId));
  if (missing) throw ruleRefusal([missing]);
  const actor = await taskActor(ctx, user, task);
  const unready = await readinessViolations(ctx, decision.workflowId);
  if (unready.length) throw ruleRefusal(unready);
  return { task, actor, decision: { id: decision.id, number: decision.number, title: decision.title } };
}

/** R21, R22: places a decision on the meeting's agenda, or refuses naming the rule that is not yet met (R22: a material missing). */
export async function addAgendaItem(
  ctx: ServiceContext,
  user: SessionUser,
  meetingId: string,
  decisionId: string,
  idempotencyKey?: string,
  planned?: Awaited<ReturnType<typeof planAgendaItem>>,
) {
  const { task, actor } = planned ?? (await planAgendaItem(ctx, user, meetingId, decisionId));
  try {
    await ctx.temporal.workflow.getHandle(task.workflowId).executeUpdate(completeTask, {
      args: [{ taskId: task.id, actor, payload: { meetingId } }],
      updateId: idempotencyKey ?? randomUUID(),
    });
  } catch (err) {
    throw fromTemporal(err);
  }
  const item = await ctx.prisma.meetingItem.findFirst({
    where: { meetingId, decisionId },
    orderBy: { addedAt: 'desc' },
  });
  return { item, meeting: await getMeeting(ctx, meetingId) };
}

async function whyNotReady(ctx: ServiceContext, workflowId: string) {
  const notAwaiting = violation(
    'R21',
    'r21.not_awaiting_agenda',
    '该决策当前不在待上会状态（已列入议题、已作出决定或程序已结束）',
    'The decision is not waiting for the agenda (already on one, decided, or ended)',
  );
  const v = await readinessViolations(ctx, workflowId);
  return v.length ? v : [notAwaiting];
}

/** R21 as the procedure's own state answers it (none when it cannot be asked: the workflow's validator still applies it). */
async function readinessViolations(ctx: ServiceContext, workflowId: string) {
  try {
    const state = await ctx.temporal.workflow.getHandle(workflowId).query(procedureState);
    if (state.status !== 'active') return [];
    return r21ReadinessViolations(state, ctx.procedureConfig.partyCommitteeReportTiming === 'before_meeting');
  } catch {
    return [];
  }
}

/** R24, R25: records one item's discussion and the chief's decision; refused without quorum or, departing from the majority, without the reason. */
export async function recordOutcome(
  ctx: ServiceContext,
  user: SessionUser,
  meetingId: string,
  itemId: string,
  outcome: ItemOutcome,
  idempotencyKey?: string,
) {
  const meeting = await requireOpenMeeting(ctx, meetingId);
  requireStarted(meeting);
  const item = await ctx.prisma.meetingItem.findFirst({ where: { id: itemId, meetingId } });
  if (!item) throw notFound('议题');
  const decision = await ctx.prisma.decision.findUniqueOrThrow({ where: { id: item.decisionId } });
  if (decision.status !== 'active')
    throw ruleRefusal([violation('R31', 'r31.not_active', '决策程序已结束，不能作出决定', 'The procedure has ended')]);
  const attendees = await ctx.prisma.meetingAttendee.findMany({ where: { meetingId } });
  const roster = await bodyRosterSeats(ctx, meeting.kind as MeetingBody);
  const quorum = r24QuorumViolation(roster, attendees);
  if (quorum) throw ruleRefusal([quorum]);
  try {
    await ctx.temporal.workflow.getHandle(meeting.workflowId).executeUpdate(recordItemOutcome, {
      args: [
        {
          itemId,
          decisionId: decision.id,
          decisionWorkflowId: decision.workflowId,
          actor: secretaryActor(user),
          outcome,
          attendance: attendees.map(({ id, name, userId, member, legalAdviser, present }) => ({
            id,
            name,
            userId,
            member,
            legalAdviser,
            present,
          })),
          roster,
        },
      ],
      updateId: idempotencyKey ?? randomUUID(),
    });
  } catch (err) {
    throw fromTemporal(err);
  }
  const warning = r24LegalAdviserWarning(attendees);
  return {
    item: await ctx.prisma.meetingItem.findUniqueOrThrow({ where: { id: itemId } }),
    warnings: warning ? [warning] : [],
  };
}

/** Closes the meeting once every item of a still-active decision is decided; the minutes are then final. */
export async function closeMeetingService(ctx: ServiceContext, user: SessionUser, meetingId: string) {
  const meeting = await requireOpenMeeting(ctx, meetingId);
  requireStarted(meeting);
  const items = await ctx.prisma.meetingItem.findMany({ where: { meetingId, decidedAt: null } });
  const active = await ctx.prisma.decision.findMany({
    where: { id: { in: items.map((i) => i.decisionId) }, status: 'active' },
    select: { id: true },
  });
  const undecidedItemIds = items.filter((i) => active.some((d) => d.id === i.decisionId)).map((i) => i.id);
  try {
    await ctx.temporal.workflow
      .getHandle(meeting.workflowId)
      .executeUpdate(closeMeeting, { args: [{ actor: secretaryActor(user), undecidedItemIds }] });
  } catch (err) {
    throw fromTemporal(err);
  }
  return getMeeting(ctx, meetingId);
}
