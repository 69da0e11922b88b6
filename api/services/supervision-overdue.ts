import { r40WorkingDaysOverdue } from '../../domain/rules/escalation.js';
import { taskWarning } from '../../domain/tasks/early-warning.js';
import { TASK_KINDS, isTaskKind } from '../../domain/tasks/kinds.js';
import type { ServiceContext } from './context.js';
import { serviceCalendar } from './supervision-calendar.js';
import { subjectKey, supervisedSubjects } from './supervision-subjects.js';

export interface OverdueFilter {
  departmentId?: string;
  stage?: string;
  minWorkingDaysOverdue?: number;
  /** A page of the board (1-based); without it, every item. `total` and the counts cover every match either way. */
  page?: number;
  pageSize?: number;
}

/**
 * R35/R39: open tasks past their due time across the government, with working days overdue and letters so far:
 * the decisions' tasks and those of legality reviews without a decision (normative documents, contracts, whose
 * tasks answer to the submitting department unless they name their own).
 */
export async function listOverdue(ctx: ServiceContext, f: OverdueFilter, now = new Date()) {
  const where = { status: 'open' as const, pausedAt: null, dueAt: { lt: now }, ...(f.stage ? { stage: f.stage } : {}) };
  // Only the columns the board shows: every overdue task is read (R40 counts working days per task).
  const tasks = await ctx.prisma.task.findMany({
    where,
    select: {
      id: true,
      kind: true,
      stage: true,
      dueAt: true,
      dueRule: true,
      departmentId: true,
      assigneeUserId: true,
      decisionId: true,
      reviewId: true,
      decision: { select: { leadDepartmentId: true } },
    },
    orderBy: { dueAt: 'asc' },
  });
  const reviews = await ctx.prisma.review.findMany({
    where: { id: { in: [...new Set(tasks.flatMap((t) => t.reviewId ?? []))] } },
    select: { id: true, departmentId: true },
  });
  const reviewDepartment = new Map(reviews.map((r) => [r.id, r.departmentId]));
  // A review's task answers to the submitting department unless it names its own.
  const rows = tasks.map((t) => ({
    t,
    decisionId: t.decisionId,
    reviewId: t.reviewId,
    departmentId: t.departmentId ?? t.decision?.leadDepartmentId ?? reviewDepartment.get(t.reviewId ?? '') ?? '',
  }));
  const cal = await serviceCalendar(ctx.prisma)
    .calendar()
    .catch(() => undefined);
  // Dues share their instants (18:00 of a working day, R33): each is counted once.
  const counted = new Map<number, number | null>();
  const overdueDays = (due: Date) => {
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
  // Filter and count over every row; subjects and letters are looked up for the page only (one query each).
  const matching = rows
    .map((r) => ({ ...r, workingDaysOverdue: overdueDays(r.t.dueAt!) }))
    .filter(
      (r) =>
        (!f.departmentId || r.departmentId === f.departmentId) &&
        (r.workingDaysOverdue ?? 0) >= (f.minWorkingDaysOverdue ?? 0),
    );
  const byDepartment: Record<string, number> = {};
  const byStage: Record<string, number> = {};
  for (const r of matching) {
    byDepartment[r.departmentId] = (byDepartment[r.departmentId] ?? 0) + 1;
    byStage[r.t.stage] = (byStage[r.t.stage] ?? 0) + 1;
  }
  const page = f.page && f.pageSize ? matching.slice((f.page - 1) * f.pageSize, f.page * f.pageSize) : matching;
  const subjects = await supervisedSubjects(ctx, page);
  const letters = await ctx.prisma.escalationLetter.groupBy({
    by: ['taskId', 'kind'],
    where: { taskId: { in: page.map((r) => r.t.id) } },
    _count: { _all: true },
  });
  const letterCount = new Map(letters.map((l) => [`${l.taskId}\u0000${l.kind}`, l._count._all]));
  const items = page.map(({ t, departmentId, workingDaysOverdue, ...ref }) => {
    const subject = subjects.get(subjectKey(ref));
    const count = (kind: string) => letterCount.get(`${t.id}\u0000${kind}`) ?? 0;
    return {
      taskId: t.id,
      kind: t.kind,
      label: isTaskKind(t.kind) ? TASK_KINDS[t.kind].label : { zh: t.kind, en: t.kind },
      stage: t.stage,
      subject,
      decisionId: ref.decisionId,
      decisionNo: ref.decisionId ? subject?.number : undefined,
      decisionTitle: ref.decisionId ? subject?.title : undefined,
      reviewId: ref.reviewId,
      departmentId,
      assigneeUserId: t.assigneeUserId,
      dueAt: t.dueAt!.toISOString(),
      dueRule: t.dueRule,
      // null when the calendar cannot count it (R32): the board still answers.
      workingDaysOverdue,
      warning: taskWarning({ dueAt: t.dueAt }, now, cal, ctx.yellowWorkingDays),
      letters: { reminder_letter: count('reminder_letter'), supervision_letter: count('supervision_letter') },
    };
  });
  return {
    total: matching.length,
    page: f.page ?? 1,
    pageSize: f.pageSize ?? matching.length,
    byDepartment,
    byStage,
    items,
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
