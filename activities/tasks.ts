/**
 * The one task-activity set (issue 12 §1): opens, completes, marks overdue, moves and cancels the rows of the one
 * Task table, keyed by what the task belongs to — a decision (`decisionId`), or a review without a decision
 * (`reviewId`: a normative document's or contract's). Each write is keyed by task id and carries its audit event
 * in the same transaction, so a retried activity never writes twice.
 *
 * `openReviewTask`, `recordReviewTaskCompletion`, `markReviewTaskOverdue`, `updateReviewTaskDue` and
 * `cancelReviewTasks` are the names review workflows started before the one table used (their histories schedule
 * them); they are the same activities under the old names and arguments.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Actor } from '../domain/roles.js';
import type { Due, TaskOwner, TaskView } from '../domain/procedure.js';
import { appendAudit, auditActor, engineActor } from '../records/audit.js';
import { stepDocuments } from './records.js';
import { notifyTaskOpened } from '../records/progress-notices.js';

const json = (v: unknown) => v as Prisma.InputJsonValue;

export function dueColumns(due: Due | undefined, attention?: string) {
  return {
    dueAt: due ? new Date(due.dueAt) : null,
    dueRule: due?.rule ?? null,
    dueBasis: due ? `${due.days} ${due.basis}` : null,
    dueProvisional: due?.provisional ?? false,
    dueFrom: due?.from ? new Date(due.from) : null,
    dueAttention: attention ?? null,
  };
}

/** The owner's columns of a row, and how its audit events name it (a review's events carry its id in their data). */
export function ownerOf(a: { decisionId?: string; reviewId?: string }) {
  if (a.reviewId)
    return {
      columns: { decisionId: null, reviewId: a.reviewId },
      auditDecisionId: null,
      auditData: { reviewId: a.reviewId },
    };
  if (!a.decisionId) throw ApplicationFailure.nonRetryable('a task belongs to a decision or a review', 'NonRetryable');
  return { columns: { decisionId: a.decisionId, reviewId: null }, auditDecisionId: a.decisionId, auditData: {} };
}

export function createTaskActivities(prisma: PrismaClient) {
  const acts = {
    /** Opens (creates once) a human task in the read model. */
    async openTask(a: TaskOwner & { task: TaskView }): Promise<void> {
      const t = a.task;
      const o = ownerOf(a);
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, {
          idempotencyKey: `task.opened:${t.id}`,
          at: new Date(t.openedAt),
          actor: engineActor,
          action: 'task.opened',
          decisionId: o.auditDecisionId,
          subjectType: 'task',
          subjectId: t.id,
          data: {
            ...o.auditData,
            kind: t.kind,
            role: t.role,
            departmentId: t.departmentId,
            assigneeUserId: t.assigneeUserId,
            due: t.due,
          },
        });
        if (!fresh) return;
        await tx.task.create({
          data: {
            id: t.id,
            workflowId: t.workflowId,
            ...o.columns,
            kind: t.kind,
            stage: t.stage,
            role: t.role,
            departmentId: t.departmentId ?? null,
            assigneeUserId: t.assigneeUserId ?? null,
            openedAt: new Date(t.openedAt),
            ...dueColumns(t.due, t.dueAttention),
            context: json(t.context),
          },
        });
        // Issue 16 §3: its people are told (bell and mail as each chose), in this transaction.
        await notifyTaskOpened(tx, {
          id: t.id,
          kind: t.kind,
          role: t.role,
          departmentId: t.departmentId ?? null,
          assigneeUserId: t.assigneeUserId ?? null,
          ...o.columns,
          openedAt: new Date(t.openedAt),
          dueAt: t.due ? new Date(t.due.dueAt) : null,
          context: t.context,
        });
      });
    },

    /** A person's completion: the task closes with its result; a decision's step also gets its stage record with the document versions it saw. */
    async recordTaskCompletion(
      a: TaskOwner & { task: TaskView; actor: Actor; payload: unknown; completedAt: string },
    ): Promise<void> {
      const t = a.task;
      const o = ownerOf(a);
      const at = new Date(a.completedAt);
      await prisma.$transaction(async (tx) => {
        const documents = a.decisionId ? await stepDocuments(tx, a.decisionId, t, a.payload) : undefined;
        const fresh = await appendAudit(tx, {
          idempotencyKey: `task.completed:${t.id}`,
          at,
          actor: auditActor(a.actor),
          action: `task.completed.${t.kind}`,
          decisionId: o.auditDecisionId,
          subjectType: 'task',
          subjectId: t.id,
          data: a.decisionId
            ? { kind: t.kind, stage: t.stage, payload: a.payload, documents }
            : { ...o.auditData, kind: t.kind, payload: a.payload },
        });
        if (!fresh) return;
        const updated = await tx.task.updateMany({
          where: { id: t.id, status: 'open' },
          data: { status: 'done', completedAt: at, completedById: a.actor.userId, result: json(a.payload) },
        });
        if (updated.count !== 1)
          throw ApplicationFailure.nonRetryable(`task ${t.id} is not open in the read model`, 'NonRetryable');
        if (a.decisionId)
          await tx.stageRecord.create({
            data: {
              id: `rec:${t.id}`,
              decisionId: a.decisionId,
              stage: t.stage,
              kind: t.kind,
              data: json(a.payload),
              documents: json(documents),
              recordedById: a.actor.userId,
              taskId: t.id,
              createdAt: at,
            },
          });
      });
    },

    /** The due time passed with the task still open: it shows as overdue. */
    async markTaskOverdue(a: TaskOwner & { taskId: string; dueAt: string }): Promise<void> {
      const o = ownerOf(a);
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, {
          idempotencyKey: `task.overdue:${a.taskId}:${a.dueAt}`,
          at: new Date(),
          actor: engineActor,
          action: 'task.overdue',
          decisionId: o.auditDecisionId,
          subjectType: 'task',
          subjectId: a.taskId,
          data: { ...o.auditData, dueAt: a.dueAt },
        });
        if (fresh)
          await tx.task.updateMany({ where: { id: a.taskId, status: 'open' }, data: { overdueAt: new Date() } });
      });
    },

    /** A moved due time (R32 recomputation, R34 clock stop and extension, a ladder that needs attention). */
    async updateTaskDue(a: {
      taskId: string;
      due?: Due;
      pausedAt?: string;
      attention?: string;
      version?: string;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const task = await tx.task.findUnique({
          where: { id: a.taskId },
          select: { decisionId: true, reviewId: true, kind: true, dueAt: true, dueProvisional: true },
        });
        if (!task) return;
        const fresh = await appendAudit(tx, {
          idempotencyKey: `task.due_moved:${a.taskId}:${a.due?.dueAt}:${a.due?.provisional}:${a.pausedAt ?? ''}${a.attention ? `:attention:${a.attention}` : ''}${a.version ? `:v${a.version}` : ''}`,
          at: new Date(),
          actor: engineActor,
          action: 'task.due_moved',
          decisionId: task.decisionId,
          subjectType: 'task',
          subjectId: a.taskId,
          data: {
            ...(task.reviewId
              ? { reviewId: task.reviewId, before: { dueAt: task.dueAt?.toISOString() } }
              : { before: { dueAt: task.dueAt?.toISOString(), provisional: task.dueProvisional } }),
            after: a.due,
            pausedAt: a.pausedAt,
            ...(a.attention ? { attention: a.attention } : {}),
          },
        });
        if (!fresh) return;
        await tx.task.update({
          where: { id: a.taskId },
          data: {
            ...dueColumns(a.due, a.attention),
            pausedAt: a.pausedAt ? new Date(a.pausedAt) : null,
            overdueAt: null,
          },
        });
        // R32: a review's own due (the R17 clock shown in the legal center's queue) follows its review task.
        if (task.reviewId && a.due && task.kind === 'review_legality')
          await tx.review.updateMany({
            where: { id: task.reviewId, status: 'in_review' },
            data: { dueAt: new Date(a.due.dueAt) },
          });
      });
    },

    /** Closes open tasks (withdrawal, a stage ended by something else) with the reason. */
    async cancelTasks(a: TaskOwner & { taskIds: string[]; reason: string }): Promise<void> {
      const o = ownerOf(a);
      await prisma.$transaction(async (tx) => {
        for (const id of a.taskIds) {
          const fresh = await appendAudit(tx, {
            idempotencyKey: `task.cancelled:${id}`,
            at: new Date(),
            actor: engineActor,
            action: 'task.cancelled',
            decisionId: o.auditDecisionId,
            subjectType: 'task',
            subjectId: id,
            data: { ...o.auditData, reason: a.reason },
          });
          if (fresh)
            await tx.task.updateMany({
              where: { id, status: 'open' },
              data: { status: 'cancelled', completedAt: new Date() },
            });
        }
      });
    },
  };
  return {
    ...acts,
    // The names and arguments of review workflows started before the one table (see the file's comment).
    openReviewTask: (a: { reviewId: string; task: TaskView }) => acts.openTask({ reviewId: a.reviewId, task: a.task }),
    recordReviewTaskCompletion: (a: {
      reviewId: string;
      task: TaskView;
      actor: Actor;
      payload: unknown;
      completedAt: string;
    }) => acts.recordTaskCompletion({ ...a, reviewId: a.reviewId }),
    markReviewTaskOverdue: (a: { reviewId: string; taskId: string; dueAt: string }) =>
      acts.markTaskOverdue({ reviewId: a.reviewId, taskId: a.taskId, dueAt: a.dueAt }),
    updateReviewTaskDue: (a: { taskId: string; due?: Due; pausedAt?: string; attention?: string; version?: string }) =>
      acts.updateTaskDue(a),
    cancelReviewTasks: (a: { reviewId: string; taskIds: string[]; reason: string }) =>
      acts.cancelTasks({ reviewId: a.reviewId, taskIds: a.taskIds, reason: a.reason }),
  };
}
