import { r40WorkingDaysOverdue } from '../../domain/rules/escalation.js';
import { TASK_KINDS, isTaskKind } from '../../domain/tasks/kinds.js';
import type { ServiceContext } from './context.js';
import { serviceCalendar } from './supervision-calendar.js';

export interface OverdueFilter {
  departmentId?: string;
  stage?: string;
  minWorkingDaysOverdue?: number;
}

/** R35/R39: open tasks past their due time across the government, with working days overdue and letters so far. */
export async function listOverdue(ctx: ServiceContext, f: OverdueFilter, now = new Date()) {
  const rows = await ctx.prisma.task.findMany({
    where: { status: 'open', pausedAt: null, dueAt: { lt: now }, ...(f.stage ? { stage: f.stage } : {}) },
    include: { decision: { select: { number: true, title: true, leadDepartmentId: true } } },
    orderBy: { dueAt: 'asc' },
  });
  const cal = await serviceCalendar(ctx.prisma).calendar();
  const letters = await ctx.prisma.escalationLetter.groupBy({ by: ['taskId', 'kind'], where: { taskId: { in: rows.map((r) => r.id) } }, _count: { _all: true } });
  const items = rows
    .map((t) => {
      const departmentId = t.departmentId ?? t.decision.leadDepartmentId;
      const count = (kind: string) => letters.find((l) => l.taskId === t.id && l.kind === kind)?._count._all ?? 0;
      return {
        taskId: t.id,
        kind: t.kind,
        label: isTaskKind(t.kind) ? TASK_KINDS[t.kind].label : { zh: t.kind, en: t.kind },
        stage: t.stage,
        decisionId: t.decisionId,
        decisionNo: t.decision.number,
        decisionTitle: t.decision.title,
        departmentId,
        assigneeUserId: t.assigneeUserId,
        dueAt: t.dueAt!.toISOString(),
        dueRule: t.dueRule,
        workingDaysOverdue: r40WorkingDaysOverdue(t.dueAt!, now, cal),
        letters: { reminder_letter: count('reminder_letter'), supervision_letter: count('supervision_letter') },
      };
    })
    .filter((i) => (!f.departmentId || i.departmentId === f.departmentId) && i.workingDaysOverdue >= (f.minWorkingDaysOverdue ?? 0));
  const byDepartment: Record<string, number> = {};
  const byStage: Record<string, number> = {};
  for (const i of items) {
    byDepartment[i.departmentId] = (byDepartment[i.departmentId] ?? 0) + 1;
    byStage[i.stage] = (byStage[i.stage] ?? 0) + 1;
  }
  return { total: items.length, byDepartment, byStage, items };
}
