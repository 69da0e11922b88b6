import { r40WorkingDaysOverdue } from '../../domain/rules/escalation.js';
import { TASK_KINDS, isTaskKind } from '../../domain/tasks/kinds.js';
import type { ServiceContext } from './context.js';
import { serviceCalendar } from './supervision-calendar.js';
import { subjectKey, supervisedSubjects } from './supervision-subjects.js';

export interface OverdueFilter {
  departmentId?: string;
  stage?: string;
  minWorkingDaysOverdue?: number;
}

/**
 * R35/R39: open tasks past their due time across the government, with working days overdue and letters so far:
 * the decisions' tasks and those of legality reviews without a decision (normative documents, contracts, whose
 * tasks answer to the submitting department unless they name their own).
 */
export async function listOverdue(ctx: ServiceContext, f: OverdueFilter, now = new Date()) {
  const where = { status: 'open' as const, pausedAt: null, dueAt: { lt: now }, ...(f.stage ? { stage: f.stage } : {}) };
  const [decisionTasks, reviewTasks] = await Promise.all([
    ctx.prisma.task.findMany({ where, include: { decision: { select: { leadDepartmentId: true } } }, orderBy: { dueAt: 'asc' } }),
    ctx.prisma.reviewTask.findMany({ where, orderBy: { dueAt: 'asc' } }),
  ]);
  const reviews = await ctx.prisma.review.findMany({ where: { id: { in: [...new Set(reviewTasks.map((t) => t.reviewId))] } }, select: { id: true, departmentId: true } });
  const rows = [
    ...decisionTasks.map((t) => ({ t, decisionId: t.decisionId, reviewId: null, departmentId: t.departmentId ?? t.decision.leadDepartmentId })),
    ...reviewTasks.map((t) => ({ t, decisionId: null, reviewId: t.reviewId, departmentId: t.departmentId ?? reviews.find((r) => r.id === t.reviewId)?.departmentId ?? '' })),
  ].sort((a, b) => a.t.dueAt!.getTime() - b.t.dueAt!.getTime());
  const subjects = await supervisedSubjects(ctx, rows);
  const cal = await serviceCalendar(ctx.prisma).calendar().catch(() => undefined);
  const overdueDays = (due: Date) => {
    if (!cal) return null;
    try {
      return r40WorkingDaysOverdue(due, now, cal);
    } catch {
      return null;
    }
  };
  const letters = await ctx.prisma.escalationLetter.groupBy({ by: ['taskId', 'kind'], where: { taskId: { in: rows.map((r) => r.t.id) } }, _count: { _all: true } });
  const items = rows
    .map(({ t, departmentId, ...ref }) => {
      const subject = subjects.get(subjectKey(ref));
      const count = (kind: string) => letters.find((l) => l.taskId === t.id && l.kind === kind)?._count._all ?? 0;
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
        workingDaysOverdue: overdueDays(t.dueAt!),
        letters: { reminder_letter: count('reminder_letter'), supervision_letter: count('supervision_letter') },
      };
    })
    .filter((i) => (!f.departmentId || i.departmentId === f.departmentId) && (i.workingDaysOverdue ?? 0) >= (f.minWorkingDaysOverdue ?? 0));
  const byDepartment: Record<string, number> = {};
  const byStage: Record<string, number> = {};
  for (const i of items) {
    byDepartment[i.departmentId] = (byDepartment[i.departmentId] ?? 0) + 1;
    byStage[i.stage] = (byStage[i.stage] ?? 0) + 1;
  }
  return { total: items.length, byDepartment, byStage, items, needsAttention: await dueNeedsAttention(ctx) };
}

/** R32: open tasks whose due the calendar could not compute, for the supervising office to see. */
async function dueNeedsAttention(ctx: ServiceContext) {
  const where = { status: 'open' as const, dueAttention: { not: null } };
  const select = { id: true, kind: true, dueAt: true, dueAttention: true } as const;
  const [decisionTasks, reviewTasks] = await Promise.all([
    ctx.prisma.task.findMany({ where, select: { ...select, decisionId: true } }),
    ctx.prisma.reviewTask.findMany({ where, select: { ...select, reviewId: true } }),
  ]);
  return [...decisionTasks, ...reviewTasks].map((t) => ({
    taskId: t.id,
    kind: t.kind,
    label: isTaskKind(t.kind) ? TASK_KINDS[t.kind].label : { zh: t.kind, en: t.kind },
    decisionId: 'decisionId' in t ? t.decisionId : null,
    reviewId: 'reviewId' in t ? t.reviewId : null,
    dueAt: t.dueAt?.toISOString() ?? null,
    dueAttention: t.dueAttention,
  }));
}
