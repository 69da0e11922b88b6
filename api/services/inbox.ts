/**
 * The one inbox (issue 12 §1, issue 16 §1): the caller's tasks of decisions and of reviews without a decision, from
 * the one Task table — open ones, or the ones they finished (status=done) — filtered by kind, stage, due and
 * subject, searched over the number, title and task kind, sorted by due, opened, decision number or completion,
 * one page at a time, with the true total and the counts per filter.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import { listQueryOf, type ListInput, type ListQuery } from '../../domain/lists.js';
import { TASK_KIND_NAMES, TASK_KINDS } from '../../domain/tasks/kinds.js';
import type { ServiceContext, SessionUser } from './context.js';
import { facetCounts, groupRows, listPage, skipTake, type FilterParts } from './list-page.js';
import { taskView, whoseTasks } from './read-decisions.js';
import { isPrincipalsTask } from '../../domain/absences.js';
import { chinaDate } from '../../domain/china-time.js';
import { principalsOf } from '../../records/absences.js';
import { personsTasks } from './access.js';
import { warningClassifier } from './task-warnings.js';

type W = Prisma.TaskWhereInput;
export type InboxQuery = ListQuery<'inbox'>;

const overdueNow = (now: Date): W => ({ status: 'open', pausedAt: null, dueAt: { lt: now } });
const notOverdue = (now: Date): W => ({
  OR: [{ status: { not: 'open' } }, { pausedAt: { not: null } }, { dueAt: null }, { dueAt: { gte: now } }],
});

/** The task kinds whose name or label (zh, en) holds the text. */
export function kindsMatching(text: string): string[] {
  const t = text.toLowerCase();
  return TASK_KIND_NAMES.filter((k) => {
    const { zh, en } = TASK_KINDS[k].label;
    return k.includes(t) || zh.includes(text) || en.toLowerCase().includes(t);
  });
}

async function searchWhere(ctx: ServiceContext, q: string): Promise<W> {
  const contains = { contains: q, mode: 'insensitive' as const };
  // A review without a decision is named by its submission: the matching ones, by id (at most a page's worth).
  const reviews = await ctx.prisma.review.findMany({
    where: { decisionId: null, OR: [{ subjectNumber: contains }, { title: contains }] },
    select: { id: true },
    take: 500,
  });
  return {
    OR: [
      { decision: { number: contains } },
      { decision: { title: contains } },
      { kind: { in: kindsMatching(q) } },
      ...(reviews.length ? [{ reviewId: { in: reviews.map((r) => r.id) } }] : []),
    ],
  };
}

function orderOf(q: InboxQuery): Prisma.TaskOrderByWithRelationInput[] {
  const dir = q.dir;
  switch (q.sort) {
    case 'opened':
      return [{ openedAt: dir }, { id: 'asc' }];
    case 'number':
      return [
        { decision: { year: dir } },
        { decision: { seq: dir } },
        { dueAt: { sort: 'asc', nulls: 'last' } },
        { id: 'asc' },
      ];
    case 'completed':
      return [{ completedAt: { sort: dir, nulls: 'last' } }, { id: 'asc' }];
    default:
      return [{ dueAt: { sort: dir, nulls: 'last' } }, { id: 'asc' }];
  }
}

export async function listInbox(ctx: ServiceContext, user: SessionUser, input: ListInput<'inbox'> = {}) {
  const q = listQueryOf('inbox', input);
  const now = new Date();
  const status = (s: string): W => (s === 'done' ? { status: 'done', completedById: user.id } : { status: 'open' });
  // A substitute (issue 16 §4) also sees the open tasks of the people they stand in for today, marked 代办.
  const principals = await principalsOf(ctx.prisma, user.id, chinaDate(now));
  const theirs: W[] = principals.map((p) => ({
    status: 'open',
    OR: personsTasks(p.id, p.roles, p.departmentId),
  }));
  const base: W[] = [{ OR: [...whoseTasks(user), ...theirs] }];
  const onBehalfOf = (t: { role: string; departmentId: string | null; assigneeUserId: string | null }) => {
    const own = isPrincipalsTask({ id: user.id, roles: user.roles, departmentId: user.departmentId }, t);
    const p = own ? undefined : principals.find((x) => isPrincipalsTask(x, t));
    return p ? { userId: p.id, name: p.name, endsOn: p.endsOn } : null;
  };
  const parts: FilterParts<W> = {
    status: status(q.status ?? 'open'),
    kind: q.kind ? { kind: q.kind } : undefined,
    stage: q.stage ? { stage: q.stage } : undefined,
    due: q.due === 'overdue' ? overdueNow(now) : q.due === 'on_time' ? notOverdue(now) : undefined,
    subject:
      q.subject === 'decision'
        ? { decisionId: { not: null } }
        : q.subject === 'review'
          ? { decisionId: null }
          : undefined,
    q: q.q ? await searchWhere(ctx, q.q) : undefined,
  };
  const where = { AND: [...base, ...Object.values(parts).flatMap((w) => (w ? [w] : []))] };
  const [total, counts, tasks] = await Promise.all([
    ctx.prisma.task.count({ where }),
    facetCounts(
      base,
      parts,
      {
        status: { values: ['open', 'done'], where: status },
        kind: { by: 'kind' },
        stage: { by: 'stage' },
        due: { values: ['overdue', 'on_time'], where: (v) => (v === 'overdue' ? overdueNow(now) : notOverdue(now)) },
        subject: {
          values: ['decision', 'review'],
          where: (v) => (v === 'decision' ? { decisionId: { not: null } } : { decisionId: null }),
        },
      },
      {
        count: (w) => ctx.prisma.task.count({ where: w }),
        groupBy: async (by, w) =>
          groupRows(
            (await ctx.prisma.task.groupBy({
              by: [by as 'kind' | 'stage'],
              where: w,
              _count: { _all: true },
            })) as unknown as Array<Record<string, unknown>>,
            by,
          ),
      },
    ),
    ctx.prisma.task.findMany({
      where,
      orderBy: orderOf(q),
      include: { decision: { select: { number: true, title: true } } },
      ...skipTake(q),
    }),
  ]);
  const reviews = await ctx.prisma.review.findMany({
    where: { id: { in: [...new Set(tasks.flatMap((t) => t.reviewId ?? []))] } },
    select: { id: true, kind: true, subjectNumber: true, title: true },
  });
  const reviewOf = new Map(
    reviews.map((r) => [
      r.id,
      { id: r.id, kind: r.kind, number: r.subjectNumber, subjectNumber: r.subjectNumber, title: r.title },
    ]),
  );
  const warn = await warningClassifier(ctx, now);
  const items = tasks.map((t) => {
    const view = taskView(t, now);
    const review = t.reviewId ? (reviewOf.get(t.reviewId) ?? null) : null;
    const subject =
      t.decisionId && t.decision
        ? { type: 'decision' as const, id: t.decisionId, number: t.decision.number, title: t.decision.title }
        : review
          ? { type: 'review' as const, id: review.id, number: review.number, title: review.title }
          : null;
    return {
      ...view,
      warning: warn(view),
      subject,
      decision: t.decision,
      review,
      completedAt: t.completedAt?.toISOString() ?? null,
      /** 代办: the absent person this task is done for, when it is not the caller's own. */
      onBehalfOf: onBehalfOf(t),
    };
  });
  // `overdue`: the overdue ones among the matches (the inbox's headline figure since issue 13).
  const overdue = q.due === 'on_time' ? 0 : (counts.due?.overdue ?? 0);
  return { ...listPage(q, total, items, counts), overdue };
}
