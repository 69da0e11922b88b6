import { randomUUID } from 'node:crypto';
import { appendAudit, auditActor } from '../../records/audit.js';
import { extendTaskDue } from '../../domain/escalation-messages.js';
import { r34CanExtend, r34DeadlineHour, r34ExtendedDue } from '../../domain/rules/extension.js';
import { AppError, forbidden, notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { serviceCalendar } from './supervision-calendar.js';

/**
 * R34: the supervising office extends a task's due time by working days, with a reason. The extension and its
 * audit event commit together; then the workflow owning the task is signalled and moves its overdue timer and
 * escalation ladder to the new due time. With an Idempotency-Key a repeated request grants nothing new. The task
 * is a decision's or a legality review's without a decision (normative documents, contracts); both are in Task.
 */
export async function grantExtension(
  ctx: ServiceContext,
  user: SessionUser,
  taskId: string,
  body: { workingDays: number; reason: string },
  idempotencyKey?: string,
) {
  if (!user.roles.includes('supervisor'))
    throw forbidden('只有依法治市办可以批准延期', 'Only the supervising office can grant an extension');
  const id = idempotencyKey ? `ext:${taskId}:${idempotencyKey}` : `ext:${taskId}:${randomUUID()}`;
  const existing = await ctx.prisma.taskExtension.findUnique({ where: { id } });
  const task = await findSupervisedTask(ctx, taskId);
  if (!task) throw notFound('任务');
  if (existing) return { ...view(existing), signalled: true };
  if (!r34CanExtend(task))
    throw new AppError(
      409,
      'rule_violation',
      'error.task_closed',
      { zh: '任务已办结或没有期限，不能延期', en: 'The task is closed or has no due time' },
      { rule: 'R34' },
    );

  // Same hour of day as the due in force (R33's deadline hour).
  const cal = await serviceCalendar(ctx.prisma, r34DeadlineHour(task.dueAt)).calendar();
  const due = r34ExtendedDue(task.dueAt, body.workingDays, cal);
  const grantedAt = new Date();
  const row = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.taskExtension.create({
      data: {
        id,
        taskId,
        decisionId: task.decisionId,
        reviewId: task.reviewId,
        workingDays: body.workingDays,
        reason: body.reason,
        previousDueAt: task.dueAt,
        newDueAt: new Date(due.dueAt),
        grantedById: user.id,
        grantedAt,
      },
    });
    await appendAudit(tx, {
      idempotencyKey: `task.extended:${id}`,
      at: grantedAt,
      actor: auditActor(user, 'supervisor'),
      action: 'task.extended',
      decisionId: task.decisionId,
      subjectType: 'task',
      subjectId: taskId,
      data: {
        rule: 'R34',
        reason: body.reason,
        workingDays: body.workingDays,
        before: { dueAt: task.dueAt.toISOString() },
        after: due,
        ...(task.reviewId ? { reviewId: task.reviewId } : {}),
      },
    });
    return created;
  });
  const signalled = await ctx.temporal.workflow
    .getHandle(task.workflowId)
    .signal(extendTaskDue, { taskId, extensionId: id, due })
    .then(
      () => true,
      () => false,
    );
  return { ...view(row), signalled };
}

/** The task, a decision's or a review's (without a decision). */
async function findSupervisedTask(ctx: ServiceContext, taskId: string) {
  return ctx.prisma.task.findUnique({
    where: { id: taskId },
    select: { status: true, dueAt: true, workflowId: true, decisionId: true, reviewId: true },
  });
}

function view(e: {
  id: string;
  taskId: string;
  workingDays: number;
  reason: string;
  previousDueAt: Date;
  newDueAt: Date;
  grantedById: string;
  grantedAt: Date;
}) {
  return {
    id: e.id,
    taskId: e.taskId,
    workingDays: e.workingDays,
    reason: e.reason,
    previousDueAt: e.previousDueAt.toISOString(),
    newDueAt: e.newDueAt.toISOString(),
    grantedById: e.grantedById,
    grantedAt: e.grantedAt.toISOString(),
  };
}
