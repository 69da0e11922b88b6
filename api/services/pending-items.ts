/** What the meeting secretaries have in hand: ready for the agenda, on an agenda awaiting the outcome, approved awaiting publication, overdue. */
import { taskView } from './read-decisions.js';
import { meetingTitle } from '../../records/documents/meeting-data.js';
import type { ServiceContext, SessionUser } from './context.js';
import { accessActor, fullDecisionWhere } from './access.js';
import { listQueryOf, type ListInput } from '../../domain/lists.js';
import { listPage } from './list-page.js';

const pageRange = (q: { page: number; pageSize: number }) => [(q.page - 1) * q.pageSize, q.page * q.pageSize] as const;

const SECRETARY_KINDS = [
  'place_on_agenda',
  'report_to_party_committee',
  'publish_decision',
  'name_implementing_unit',
  'archive_decision',
  'evaluate_decision',
];

/**
 * The secretaries' board in four sections, each searched (decision number and title), sorted (due or number) and
 * paged alike; `counts.section` holds each section's matches. With `section`, only that section is filled.
 */
export async function pendingItems(ctx: ServiceContext, user: SessionUser, input: ListInput<'meetingsPending'> = {}) {
  const f = listQueryOf('meetingsPending', input);
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
  const sections = {
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
  const text = f.q?.toLowerCase();
  const matches = (x: { decision?: { number: string; title: string } }) =>
    !text || Boolean(x.decision && `${x.decision.number}\u0000${x.decision.title}`.toLowerCase().includes(text));
  const dueOf = (x: object) =>
    'due' in x && x.due
      ? (x.due as { dueAt: string }).dueAt
      : 'meeting' in x
        ? (x.meeting as { startsAt: string }).startsAt
        : '';
  const key = (x: object) =>
    f.sort === 'number' ? ((x as { decision?: { number: string } }).decision?.number ?? '') : dueOf(x);
  const arrange = <T extends { decision?: { number: string; title: string } }>(
    name: keyof typeof sections,
    xs: T[],
  ) => {
    const hits = xs.filter(matches);
    hits.sort((a, b) => key(a).localeCompare(key(b)) * (f.dir === 'desc' ? -1 : 1));
    return { count: hits.length, page: f.section && f.section !== name ? [] : hits.slice(...pageRange(f)) };
  };
  const shown = {
    readyForAgenda: arrange('readyForAgenda', sections.readyForAgenda),
    awaitingOutcome: arrange('awaitingOutcome', sections.awaitingOutcome),
    awaitingPublication: arrange('awaitingPublication', sections.awaitingPublication),
    overdue: arrange('overdue', sections.overdue),
  };
  const section = {
    readyForAgenda: shown.readyForAgenda.count,
    awaitingOutcome: shown.awaitingOutcome.count,
    awaitingPublication: shown.awaitingPublication.count,
    overdue: shown.overdue.count,
  };
  // `total`: the chosen section's matches, or all four's; `pages` follows the longest section shown.
  const total = f.section ? section[f.section] : Object.values(section).reduce((a, b) => a + b, 0);
  const longest = f.section ? section[f.section] : Math.max(...Object.values(section));
  return {
    ...listPage(f, total, [], { section }),
    pages: Math.max(1, Math.ceil(longest / f.pageSize)),
    readyForAgenda: shown.readyForAgenda.page,
    awaitingOutcome: shown.awaitingOutcome.page,
    awaitingPublication: shown.awaitingPublication.page,
    overdue: shown.overdue.page,
  };
}
