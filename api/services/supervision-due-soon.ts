import { dueSoonHorizon, taskWarning } from '../../domain/tasks/early-warning.js';
import { TASK_KINDS, isTaskKind } from '../../domain/tasks/kinds.js';
import { forbidden } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { yellowWorkingDaysOf } from './early-warning-setting.js';
import { serviceCalendar } from './supervision-calendar.js';
import { subjectKey, supervisedSubjects } from './supervision-subjects.js';

export interface DueSoonFilter {
  departmentId?: string;
  stage?: string;
  page: number;
  pageSize: number;
}

/** Who reads every department's due-soon tasks; a drafting department's staff and head read their own only. */
const ALL_DEPARTMENTS = ['supervisor', 'leader', 'admin'] as const;
const OWN_DEPARTMENT = ['drafter', 'dept_head'] as const;

/**
 * The due-soon board 临期预警 (issue 16 §2): open tasks that are yellow now — within N working days of their due
 * (`ctx.yellowWorkingDays`), counted on the stored calendar — earliest due first, paged, with counts per
 * department and stage. The department answering for a task is named as on the overdue board: the task's own,
 * else the decision's lead department, else the department that submitted the review.
 */
export async function listDueSoon(ctx: ServiceContext, user: SessionUser, f: DueSoonFilter, now = new Date()) {
  const everyone = user.roles.some((r) => (ALL_DEPARTMENTS as readonly string[]).includes(r));
  if (!everyone && !user.roles.some((r) => (OWN_DEPARTMENT as readonly string[]).includes(r)))
    throw forbidden(
      '临期预警仅供依法治市办、政府领导和承办单位查看',
      'The due-soon board is for the office, leaders and drafting departments',
    );
  if (!everyone && f.departmentId && f.departmentId !== user.departmentId)
    throw forbidden('承办单位只能查看本单位的临期预警', 'A department sees only its own due-soon tasks');
  const departmentId = everyone ? f.departmentId : user.departmentId;
  const n = await yellowWorkingDaysOf(ctx);
  const cal = await serviceCalendar(ctx.prisma).calendar();
  const tasks = await ctx.prisma.task.findMany({
    where: {
      status: 'open',
      pausedAt: null,
      dueAttention: null,
      dueAt: { gt: now, lt: dueSoonHorizon(now, cal, n) },
      ...(f.stage ? { stage: f.stage } : {}),
    },
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
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
  });
  const reviews = await ctx.prisma.review.findMany({
    where: { id: { in: [...new Set(tasks.flatMap((t) => t.reviewId ?? []))] } },
    select: { id: true, departmentId: true },
  });
  const reviewDepartment = new Map(reviews.map((r) => [r.id, r.departmentId]));
  const matching = tasks
    .map((t) => ({
      t,
      decisionId: t.decisionId,
      reviewId: t.reviewId,
      departmentId: t.departmentId ?? t.decision?.leadDepartmentId ?? reviewDepartment.get(t.reviewId ?? '') ?? '',
      warning: taskWarning({ dueAt: t.dueAt }, now, cal, n),
    }))
    .filter((r) => r.warning.level === 'yellow' && (!departmentId || r.departmentId === departmentId));
  const byDepartment: Record<string, number> = {};
  const byStage: Record<string, number> = {};
  for (const r of matching) {
    byDepartment[r.departmentId] = (byDepartment[r.departmentId] ?? 0) + 1;
    byStage[r.t.stage] = (byStage[r.t.stage] ?? 0) + 1;
  }
  const page = matching.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  const subjects = await supervisedSubjects(ctx, page, everyone ? undefined : user);
  return {
    total: matching.length,
    page: f.page,
    pageSize: f.pageSize,
    yellowWorkingDays: n,
    byDepartment,
    byStage,
    items: page.map(({ t, departmentId, warning, ...ref }) => {
      const subject = subjects.get(subjectKey(ref));
      return {
        taskId: t.id,
        kind: t.kind,
        label: isTaskKind(t.kind) ? TASK_KINDS[t.kind].label : { zh: t.kind, en: t.kind },
        stage: t.stage,
        subject: subject ?? null,
        decisionId: ref.decisionId,
        reviewId: ref.reviewId,
        departmentId,
        assigneeUserId: t.assigneeUserId,
        dueAt: t.dueAt!.toISOString(),
        dueRule: t.dueRule,
        warning,
      };
    }),
  };
}
