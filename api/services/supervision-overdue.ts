import { r40WorkingDaysOverdue } from '../../domain/rules/escalation.js';
import { taskWarning } from '../../domain/tasks/early-warning.js';
import { TASK_KINDS, isTaskKind } from '../../domain/tasks/kinds.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { WorkingCalendar } from '../../domain/rules/working-days.js';
import { listQueryOf, type ListInput } from '../../domain/lists.js';
import type { ServiceContext } from './context.js';
import { listPage } from './list-page.js';
import { serviceCalendar } from './supervision-calendar.js';
import { subjectKey, supervisedSubjects } from './supervision-subjects.js';

export type OverdueFilter = ListInput<'overdue'>;

type Row = {
  id: string;
  kind: string;
  stage: string;
  dueAt: Date;
  dueRule: string | null;
  assigneeUserId: string | null;
  decisionId: string | null;
  reviewId: string | null;
  departmentId: string;
};
type CountRow = { departmentId: string; stage: string; subject: 'decision' | 'review'; n: number | bigint };

/** Working days overdue (R40), counted once per due instant (dues share their 18:00, R33); null without a calendar. */
function overdueCounter(cal: WorkingCalendar | undefined, now: Date) {
  const counted = new Map<number, number | null>();
  return (due: Date) => {
    if (!cal) return null;
    const known = counted.get(due.getTime());
    if (known !== undefined) return known;
    let days: number | null;
    try {
      days = r40WorkingDaysOverdue(due, now, cal);
    } catch {
      days = null;
    }
    counted.set(due.getTime(), days);
    return days;
  };
}

/**
 * R35/R39: open tasks past their due time across the government, with working days overdue and letters so far:
 * the decisions' tasks and those of legality reviews without a decision (normative documents, contracts, whose
 * tasks answer to the submitting department unless they name their own). One SQL query counts per department,
 * stage and subject; another reads the page; the subjects, letters and working days are looked up for the page
 * only. "At least N working days overdue" is a due on or before the latest due instant that is N days overdue
 * (working days overdue only grow as the due moves back).
 */
export async function listOverdue(ctx: ServiceContext, input: OverdueFilter = {}, now = new Date()) {
  const f = listQueryOf('overdue', input);
  const cal = await serviceCalendar(ctx.prisma)
    .calendar()
    .catch(() => undefined);
  const overdueDays = overdueCounter(cal, now);
  const from = Prisma.sql`FROM "Task" t LEFT JOIN "Decision" d ON d.id = t."decisionId" LEFT JOIN "Review" r ON r.id = t."reviewId"`;
  const department = Prisma.sql`COALESCE(t."departmentId", d."leadDepartmentId", r."departmentId", '')`;
  const conditions = [Prisma.sql`t.status = 'open' AND t."pausedAt" IS NULL AND t."dueAt" < ${now}`];
  if (f.minWorkingDaysOverdue) {
    const dues = await ctx.prisma.$queryRaw<Array<{ dueAt: Date }>>`
      SELECT DISTINCT t."dueAt" ${from} WHERE ${conditions[0]} ORDER BY t."dueAt" DESC`;
    const min = f.minWorkingDaysOverdue;
    const latest = dues.find((d) => (overdueDays(d.dueAt) ?? 0) >= min)?.dueAt;
    conditions.push(latest ? Prisma.sql`t."dueAt" <= ${latest}` : Prisma.sql`FALSE`);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      Prisma.sql`(d.number ILIKE ${like} OR d.title ILIKE ${like} OR r."subjectNumber" ILIKE ${like} OR r.title ILIKE ${like})`,
    );
  }
  const where = Prisma.join(conditions, ' AND ');
  const cube = await ctx.prisma.$queryRaw<CountRow[]>`
    SELECT ${department} AS "departmentId", t.stage AS stage,
      CASE WHEN t."decisionId" IS NULL THEN 'review' ELSE 'decision' END AS subject, COUNT(*) AS n
    ${from} WHERE ${where} GROUP BY 1, 2, 3`;
  // Faceted counts: each filter's values within the other filters; the board's totals within all of them.
  const keep = (c: CountRow, omit?: 'departmentId' | 'stage' | 'subject') =>
    (omit === 'departmentId' || !f.departmentId || c.departmentId === f.departmentId) &&
    (omit === 'stage' || !f.stage || c.stage === f.stage) &&
    (omit === 'subject' || !f.subject || c.subject === f.subject);
  const tally = (omit: 'departmentId' | 'stage' | 'subject' | undefined, key: (c: CountRow) => string) => {
    const out: Record<string, number> = {};
    for (const c of cube) if (keep(c, omit)) out[key(c)] = (out[key(c)] ?? 0) + Number(c.n);
    return out;
  };
  const total = cube.filter((c) => keep(c)).reduce((sum, c) => sum + Number(c.n), 0);
  const counts = {
    departmentId: tally('departmentId', (c) => c.departmentId),
    stage: tally('stage', (c) => c.stage),
    subject: tally('subject', (c) => c.subject),
  };
  const filters = [where];
  if (f.departmentId) filters.push(Prisma.sql`${department} = ${f.departmentId}`);
  if (f.stage) filters.push(Prisma.sql`t.stage = ${f.stage}`);
  if (f.subject)
    filters.push(f.subject === 'review' ? Prisma.sql`t."decisionId" IS NULL` : Prisma.sql`t."decisionId" IS NOT NULL`);
  const dir = f.dir === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const order =
    f.sort === 'number'
      ? Prisma.sql`COALESCE(d.number, r."subjectNumber") ${dir}, t."dueAt" ASC, t.id ASC`
      : f.sort === 'opened'
        ? Prisma.sql`t."openedAt" ${dir}, t.id ASC`
        : Prisma.sql`t."dueAt" ${dir}, t.id ASC`;
  const page = await ctx.prisma.$queryRaw<Row[]>`
    SELECT t.id, t.kind, t.stage, t."dueAt", t."dueRule", t."assigneeUserId", t."decisionId", t."reviewId",
      ${department} AS "departmentId"
    ${from} WHERE ${Prisma.join(filters, ' AND ')}
    ORDER BY ${order} LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`;
  const subjects = await supervisedSubjects(ctx, page);
  const letters = await ctx.prisma.escalationLetter.groupBy({
    by: ['taskId', 'kind'],
    where: { taskId: { in: page.map((r) => r.id) } },
    _count: { _all: true },
  });
  const letterCount = new Map(letters.map((l) => [`${l.taskId}\u0000${l.kind}`, l._count._all]));
  const items = page.map((t) => {
    const subject = subjects.get(subjectKey(t));
    const count = (kind: string) => letterCount.get(`${t.id}\u0000${kind}`) ?? 0;
    return {
      taskId: t.id,
      kind: t.kind,
      label: isTaskKind(t.kind) ? TASK_KINDS[t.kind].label : { zh: t.kind, en: t.kind },
      stage: t.stage,
      subject,
      decisionId: t.decisionId,
      decisionNo: t.decisionId ? subject?.number : undefined,
      decisionTitle: t.decisionId ? subject?.title : undefined,
      reviewId: t.reviewId,
      departmentId: t.departmentId,
      assigneeUserId: t.assigneeUserId,
      dueAt: t.dueAt.toISOString(),
      dueRule: t.dueRule,
      // null when the calendar cannot count it (R32): the board still answers.
      workingDaysOverdue: overdueDays(t.dueAt),
      warning: taskWarning({ dueAt: t.dueAt }, now, cal, ctx.yellowWorkingDays),
      letters: { reminder_letter: count('reminder_letter'), supervision_letter: count('supervision_letter') },
    };
  });
  return {
    ...listPage(f, total, items, counts),
    /** Within every filter (the board's headline figures since issue 13). */
    byDepartment: tally(undefined, (c) => c.departmentId),
    byStage: tally(undefined, (c) => c.stage),
    needsAttention: await dueNeedsAttention(ctx),
  };
}

/** R32: open tasks whose due the calendar could not compute, for the supervising office to see. */
async function dueNeedsAttention(ctx: ServiceContext) {
  const where = { status: 'open' as const, dueAttention: { not: null } };
  const select = { id: true, kind: true, dueAt: true, dueAttention: true } as const;
  const tasks = await ctx.prisma.task.findMany({ where, select: { ...select, decisionId: true, reviewId: true } });
  return tasks.map((t) => ({
    taskId: t.id,
    kind: t.kind,
    label: isTaskKind(t.kind) ? TASK_KINDS[t.kind].label : { zh: t.kind, en: t.kind },
    decisionId: t.decisionId,
    reviewId: t.reviewId,
    dueAt: t.dueAt?.toISOString() ?? null,
    dueAttention: t.dueAttention,
  }));
}
