/**
 * The one inbox (issue 12 §1, issue 16 §1): the caller's tasks of decisions and of reviews without a decision, from
 * the one Task table — open ones, or the ones they finished (status=done) — filtered by kind, stage, due and
 * subject, searched over the number, title and task kind, sorted by due, opened, decision number or completion,
 * one page at a time, with the true total and the counts per filter.
 *
 * Issue 13: two SQL statements whatever the filters — one grouped count (every counted filter's value per group,
 * so the total and all faceted counts come from it: `cubeCounts`) and the page with its decision and review
 * joined. With `counts=false` (the web's page turns) the grouped count is skipped and the page carries the total
 * and the overdue figure as window counts.
 */
import { Prisma } from '../../generated/prisma/client.js';
import { listQueryOf, type ListInput, type ListQuery } from '../../domain/lists.js';
import { TASK_KIND_NAMES, TASK_KINDS } from '../../domain/tasks/kinds.js';
import type { ServiceContext, SessionUser } from './context.js';
import { containsPattern, cubeCounts, listPage, type CubeRow } from './list-page.js';
import { taskView, type TaskRowFields } from './read-decisions.js';
import { isPrincipalsTask } from '../../domain/absences.js';
import { chinaDate } from '../../domain/china-time.js';
import { principalsOf } from '../../records/absences.js';
import { ownTaskSql } from './access.js';
import { warningClassifier } from './task-warnings.js';

export type InboxQuery = ListQuery<'inbox'>;

/** A page row: the task with its decision's number and title and its review's kind, number and title. */
type Row = TaskRowFields & {
  decisionId: string | null;
  reviewId: string | null;
  dueAttention: string | null;
  completedAt: Date | null;
  decisionNumber: string | null;
  decisionTitle: string | null;
  reviewKind: string | null;
  reviewNumber: string | null;
  reviewTitle: string | null;
  total?: bigint | number;
  overdue?: bigint | number;
};

/** The task kinds whose name or label (zh, en) holds the text. */
export function kindsMatching(text: string): string[] {
  const t = text.toLowerCase();
  return TASK_KIND_NAMES.filter((k) => {
    const { zh, en } = TASK_KINDS[k].label;
    return k.includes(t) || zh.includes(text) || en.toLowerCase().includes(t);
  });
}

/** Each counted filter's value of a task, as SQL over `t` (a task that is not open is one the caller finished). */
const keyOf = (now: Date) => ({
  status: Prisma.sql`CASE WHEN t.status = 'open' THEN 'open' ELSE 'done' END`,
  kind: Prisma.sql`t.kind`,
  stage: Prisma.sql`t.stage`,
  due: Prisma.sql`CASE WHEN ${overdueSql(now)} THEN 'overdue' ELSE 'on_time' END`,
  subject: Prisma.sql`CASE WHEN t."decisionId" IS NULL THEN 'review' ELSE 'decision' END`,
});

const overdueSql = (now: Date) => Prisma.sql`(t.status = 'open' AND t."pausedAt" IS NULL AND t."dueAt" < ${now})`;

/** Each chosen filter value as a condition the indexes can answer. */
function filterSql(user: SessionUser, now: Date, name: string, value: string): Prisma.Sql {
  switch (name) {
    case 'status':
      return value === 'done'
        ? Prisma.sql`t.status = 'done' AND t."completedById" = ${user.id}`
        : Prisma.sql`t.status = 'open'`;
    case 'due':
      return value === 'overdue' ? overdueSql(now) : Prisma.sql`NOT ${overdueSql(now)}`;
    case 'subject':
      return value === 'review' ? Prisma.sql`t."decisionId" IS NULL` : Prisma.sql`t."decisionId" IS NOT NULL`;
    case 'kind':
      return Prisma.sql`t.kind = ${value}`;
    default:
      return Prisma.sql`t.stage = ${value}`;
  }
}

/** The search: decision number or title, a review's (without a decision) number or title, a task kind's name. */
function searchSql(q: string): Prisma.Sql {
  const like = containsPattern(q);
  const kinds = kindsMatching(q);
  return Prisma.sql`(d.number ILIKE ${like} OR d.title ILIKE ${like}
    ${kinds.length ? Prisma.sql`OR t.kind IN (${Prisma.join(kinds)})` : Prisma.empty}
    OR (r.id IS NOT NULL AND r."decisionId" IS NULL AND (r."subjectNumber" ILIKE ${like} OR r.title ILIKE ${like})))`;
}

function orderOf(q: InboxQuery): Prisma.Sql {
  const dir = q.dir === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  switch (q.sort) {
    case 'opened':
      return Prisma.sql`t."openedAt" ${dir}, t.id ASC`;
    case 'number':
      return Prisma.sql`d.year ${dir}, d.seq ${dir}, t."dueAt" ASC NULLS LAST, t.id ASC`;
    case 'completed':
      return Prisma.sql`t."completedAt" ${dir} NULLS LAST, t.id ASC`;
    default:
      return Prisma.sql`t."dueAt" ${dir} NULLS LAST, t.id ASC`;
  }
}

const JOINS = Prisma.sql`LEFT JOIN "Decision" d ON d.id = t."decisionId" LEFT JOIN "Review" r ON r.id = t."reviewId"`;

export async function listInbox(ctx: ServiceContext, user: SessionUser, input: ListInput<'inbox'> = {}) {
  const q = listQueryOf('inbox', input);
  const now = new Date();
  // A substitute (issue 16 §4) also sees the open tasks of the people they stand in for today, marked 代办.
  const principals = await principalsOf(ctx.prisma, user.id, chinaDate(now));
  const own = ownTaskSql({
    userId: user.id,
    roles: user.roles,
    departmentId: user.departmentId,
    actingFor: principals,
  });
  const onBehalfOf = (t: { role: string; departmentId: string | null; assigneeUserId: string | null }) => {
    const mine = isPrincipalsTask({ id: user.id, roles: user.roles, departmentId: user.departmentId }, t);
    const p = mine ? undefined : principals.find((x) => isPrincipalsTask(x, t));
    return p ? { userId: p.id, name: p.name, endsOn: p.endsOn } : null;
  };
  const key = keyOf(now);
  // Every count and the page: the caller's tasks, open or done by them, within the search.
  const within = [
    own,
    Prisma.sql`(t.status = 'open' OR (t.status = 'done' AND t."completedById" = ${user.id}))`,
    ...(q.q ? [searchSql(q.q)] : []),
  ];
  const chosen = { status: q.status ?? 'open', kind: q.kind, stage: q.stage, due: q.due, subject: q.subject };
  const filters = Object.entries(chosen).flatMap(([name, v]) =>
    v === undefined ? [] : [filterSql(user, now, name, v)],
  );
  // The page: the caller's tasks within the chosen filters (the status filter says open or done by them).
  const where = Prisma.join([own, ...filters, ...(q.q ? [searchSql(q.q)] : [])], ' AND ');
  const withCounts = q.counts !== 'false';
  const cube = withCounts
    ? await ctx.prisma.$queryRaw<CubeRow[]>`
        SELECT ${key.status} AS status, ${key.kind} AS kind, ${key.stage} AS stage, ${key.due} AS due,
          ${key.subject} AS subject, COUNT(*) AS n
        FROM "Task" t ${q.q ? JOINS : Prisma.empty} WHERE ${Prisma.join(within, ' AND ')} GROUP BY 1, 2, 3, 4, 5`
    : [];
  const windowCounts = withCounts
    ? Prisma.empty
    : Prisma.sql`, COUNT(*) OVER () AS total, COUNT(*) FILTER (WHERE ${overdueSql(now)}) OVER () AS overdue`;
  // The decision and review are joined to the page's rows only, unless the search or the order needs them.
  const joinFirst = Boolean(q.q) || q.sort === 'number';
  const order = orderOf(q);
  const limit = Prisma.sql`ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
  const tasks = joinFirst
    ? Prisma.sql`SELECT t.* ${windowCounts} FROM "Task" t ${JOINS} WHERE ${where} ${limit}`
    : // OFFSET 0 keeps the planner from walking the due-order index and filtering every other person's tasks
      // (7,500–9,750 rows read at 10,000 for 50): the caller's tasks come from their own indexes, as for the count.
      Prisma.sql`SELECT t.* ${windowCounts} FROM (SELECT t.* FROM "Task" t WHERE ${where} OFFSET 0) t ${limit}`;
  const rows = await ctx.prisma.$queryRaw<Row[]>`
    SELECT t.id, t."decisionId", t."reviewId", t.kind, t.stage, t.role::text AS role, t."departmentId",
      t."assigneeUserId", t.status::text AS status, t."openedAt", t."dueAt", t."dueRule", t."dueBasis",
      t."dueProvisional", t."dueAttention", t."pausedAt", t."completedAt", t.context,
      d.number AS "decisionNumber", d.title AS "decisionTitle",
      r.kind AS "reviewKind", r."subjectNumber" AS "reviewNumber", r.title AS "reviewTitle"
      ${withCounts ? Prisma.empty : Prisma.sql`, t.total, t.overdue`}
    FROM (${tasks}) t ${JOINS} ORDER BY ${order}`;
  let total: number;
  let counts: Record<string, Record<string, number>> = {};
  let overdue: number;
  if (withCounts) {
    ({ total, counts } = cubeCounts(cube, chosen, {
      status: ['open', 'done'],
      due: ['overdue', 'on_time'],
      subject: ['decision', 'review'],
    }));
    overdue = counts.due?.overdue ?? 0;
  } else if (rows.length || q.page === 1) {
    total = Number(rows[0]?.total ?? 0);
    overdue = Number(rows[0]?.overdue ?? 0);
  } else {
    // A page past the end: the total and the overdue figure without the page.
    const [c] = await ctx.prisma.$queryRaw<Array<{ total: bigint; overdue: bigint }>>`
      SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE ${overdueSql(now)}) AS overdue
      FROM "Task" t ${JOINS} WHERE ${where}`;
    total = Number(c?.total ?? 0);
    overdue = Number(c?.overdue ?? 0);
  }
  const warn = await warningClassifier(ctx, now);
  const items = rows.map((t) => {
    const view = taskView(t, now);
    const decision = t.decisionId ? { number: t.decisionNumber ?? '', title: t.decisionTitle ?? '' } : null;
    const review =
      t.reviewId && t.reviewKind !== null
        ? {
            id: t.reviewId,
            kind: t.reviewKind,
            number: t.reviewNumber,
            subjectNumber: t.reviewNumber,
            title: t.reviewTitle,
          }
        : null;
    const subject =
      t.decisionId && decision
        ? { type: 'decision' as const, id: t.decisionId, number: decision.number, title: decision.title }
        : review
          ? { type: 'review' as const, id: review.id, number: review.number, title: review.title }
          : null;
    return {
      ...view,
      warning: warn(view),
      subject,
      decision,
      review,
      completedAt: t.completedAt?.toISOString() ?? null,
      /** 代办: the absent person this task is done for, when it is not the caller's own. */
      onBehalfOf: onBehalfOf(t),
    };
  });
  // `overdue`: the overdue ones among the matches (the inbox's headline figure since issue 13).
  return { ...listPage(q, total, items, counts), overdue: q.due === 'on_time' ? 0 : overdue };
}
