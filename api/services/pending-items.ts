/** What the meeting secretaries have in hand: ready for the agenda, on an agenda awaiting the outcome, approved awaiting publication, overdue. */
import { taskView } from './read-decisions.js';
import { meetingTitle } from '../../records/documents/meeting-data.js';
import type { ServiceContext, SessionUser } from './context.js';
import { accessActor, fullDecisionWhere } from './access.js';

const SECRETARY_KINDS = [
  'place_on_agenda',
  'report_to_party_committee',
  'publish_decision',
  'name_implementing_unit',
  'archive_decision',
  'evaluate_decision',
];

export async function pendingItems(ctx: ServiceContext, user: SessionUser) {
  const now = new Date();
  const [ready, publication, overdue, undecided] = await Promise.all([
    ctx.prisma.task.findMany({ where: { kind: 'place_on_agenda', status: 'open' }, orderBy: { openedAt: 'asc' } }),
    ctx.prisma.task.findMany({ where: { kind: 'publish_decision', status: 'open' }, orderBy: { dueAt: 'asc' } }),
    ctx.prisma.task.findMany({
      where: {
        kind: { in: SECRETARY_KINDS },
        status: 'open',
        pausedAt: null,
        OR: [{ dueAt: { lt: now } }, { overdueAt: { not: null } }],
      },
      orderBy: { dueAt: 'asc' },
    }),
    ctx.prisma.meetingItem.findMany({
      where: { decidedAt: null },
      orderBy: [{ meetingId: 'asc' }, { position: 'asc' }],
    }),
  ]);
  const decisionIds = [
    ...new Set([...ready, ...publication, ...overdue, ...undecided].flatMap((x) => x.decisionId ?? [])),
  ];
  // Only decisions the caller reads in full (a supervisor does not see confidential ones here either).
  const decisions = await ctx.prisma.decision.findMany({
    where: { AND: [{ id: { in: decisionIds } }, fullDecisionWhere(await accessActor(ctx, user))] },
    select: { id: true, number: true, title: true, status: true, leadDepartmentId: true },
  });
  const meetings = await ctx.prisma.meeting.findMany({ where: { id: { in: undecided.map((i) => i.meetingId) } } });
  const d = (id: string | null) => decisions.find((x) => x.id === id);
  const withDecision = <T extends { decisionId: string | null }>(t: T) => ({ ...t, decision: d(t.decisionId) });
  const readable = <T extends { decisionId: string | null }>(t: T) => Boolean(d(t.decisionId));
  return {
    readyForAgenda: ready.filter(readable).map((t) => withDecision(taskView(t, now))),
    awaitingOutcome: undecided
      .filter((i) => d(i.decisionId)?.status === 'active')
      .map((i) => {
        const m = meetings.find((x) => x.id === i.meetingId)!;
        return {
          itemId: i.id,
          position: i.position,
          decisionId: i.decisionId,
          decision: d(i.decisionId),
          meeting: {
            id: m.id,
            number: m.number,
            title: meetingTitle(m),
            kind: m.kind,
            startsAt: m.startsAt.toISOString(),
            status: m.status,
          },
          overdue: m.startsAt < now,
        };
      }),
    awaitingPublication: publication.filter(readable).map((t) => withDecision(taskView(t, now))),
    overdue: overdue.filter(readable).map((t) => ({ ...withDecision(taskView(t, now)), overdue: true })),
  };
}
