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
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Actor } from '../domain/roles.js';
import type { Due, TaskOwner, TaskView } from '../domain/procedure.js';
import { appendAudit, engineActor } from '../records/audit.js';
import {
  completeTaskRow,
  dueColumns,
  openTaskRows,
  taskCompletedEvent,
  taskOpenedEvent,
  taskOwner as ownerOf,
} from '../records/task-rows.js';
import { stepDocuments } from './records.js';

export function createTaskActivities(prisma: PrismaClient) {
  const acts = {
    /** Opens (creates once) a human task in the read model (records/task-rows.ts, as a transition opens one). */
    async openTask(a: TaskOwner & { task: TaskView }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        if (await appendAudit(tx, taskOpenedEvent(a))) await openTaskRows(tx, [a]);
      });
    },

    /** A person's completion: the task closes with its result; a decision's step also gets its stage record with the document versions it saw. */
    async recordTaskCompletion(
      a: TaskOwner & { task: TaskView; actor: Actor; payload: unknown; completedAt: string },
    ): Promise<void> {
      ownerOf(a);
      await prisma.$transaction(async (tx) => {
        const documents = a.decisionId ? await stepDocuments(tx, a.decisionId, a.task, a.payload) : undefined;
        if (await appendAudit(tx, taskCompletedEvent(a, documents))) await completeTaskRow(tx, a, documents);
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
