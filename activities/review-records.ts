/**
 * The review queue's read model (R20) and, for reviews without a decision (normative documents, contracts),
 * their own task records. Each write is keyed and carries its audit event in the same transaction (R38).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Due, TaskView } from '../domain/procedure.js';
import type { Actor } from '../domain/roles.js';
import type { ReviewKind } from '../domain/review/kinds.js';
import { appendAudit, engineActor, auditActor, type Tx } from '../records/audit.js';
import { auditAction } from '../domain/audit-events.js';
import { shanghaiYear } from '../records/sequence.js';
import { reviewSettings } from '../records/review-settings.js';
import type { ReviewSettings } from '../domain/rules/legality-review.js';

const json = (v: unknown) => v as Prisma.InputJsonValue;

function dueColumns(due: Due | undefined, attention?: string) {
  return { dueAt: due ? new Date(due.dueAt) : null, dueRule: due?.rule ?? null, dueBasis: due ? `${due.days} ${due.basis}` : null, dueProvisional: due?.provisional ?? false, dueFrom: due?.from ? new Date(due.from) : null, dueAttention: attention ?? null };
}

async function reviewOf(tx: Tx, reviewId: string) {
  return tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { id: true, decisionId: true } });
}

export function createReviewRecordActivities(prisma: PrismaClient) {
  return {
    /** Puts the review in the queue (a decision's review; a submission's row exists already) and returns its kind's settings. */
    async openReview(a: { reviewId: string; kind: ReviewKind; subjectNumber: string; title: string; departmentId: string; decisionId?: string }): Promise<ReviewSettings> {
      const settings = await reviewSettings(prisma, a.kind);
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, { idempotencyKey: `review.opened:${a.reviewId}`, at: new Date(), actor: engineActor, action: 'review.opened', decisionId: a.decisionId ?? null, subjectType: 'review', subjectId: a.reviewId, data: { kind: a.kind, subjectNumber: a.subjectNumber, settings } });
        if (!fresh) return;
        const existing = await tx.review.findUnique({ where: { id: a.reviewId }, select: { id: true } });
        if (existing) await tx.review.update({ where: { id: a.reviewId }, data: { weight: settings.weight } });
        else
          await tx.review.create({
            data: { id: a.reviewId, kind: a.kind, subjectNumber: a.subjectNumber, title: a.title, departmentId: a.departmentId, decisionId: a.decisionId ?? null, year: shanghaiYear(new Date()), status: 'intake', weight: settings.weight },
          });
      });
      return settings;
    },

    /** Mirrors where the review stands (status, due time, clock start) into the queue. */
    async syncReview(a: { reviewId: string; status: string; dueAt?: string; completeAt?: string; outcome?: string; closed?: boolean }): Promise<void> {
      await prisma.review.update({
        where: { id: a.reviewId },
        data: {
          status: a.status,
          ...(a.dueAt ? { dueAt: new Date(a.dueAt) } : {}),
          ...(a.completeAt ? { completeAt: new Date(a.completeAt) } : {}),
          ...(a.outcome ? { outcome: a.outcome } : {}),
          ...(a.closed ? { closedAt: new Date() } : {}),
        },
      });
    },

    /** A step the engine or a person took on a review (returned for supplement, second check refused, …), recorded once. */
    async recordReviewEvent(a: { reviewId: string; key: string; action: string; actor?: Actor; data: Record<string, unknown> }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const review = await reviewOf(tx, a.reviewId);
        await appendAudit(tx, { idempotencyKey: a.key, at: new Date(), actor: a.actor ? auditActor(a.actor) : engineActor, action: auditAction(a.action), decisionId: review.decisionId, subjectType: 'review', subjectId: a.reviewId, data: a.data });
      });
    },

    // --- tasks of reviews without a decision: the same records as the decision's Task table, in ReviewTask ---

    async openReviewTask(a: { reviewId: string; task: TaskView }): Promise<void> {
      const t = a.task;
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, { idempotencyKey: `task.opened:${t.id}`, at: new Date(t.openedAt), actor: engineActor, action: 'task.opened', subjectType: 'task', subjectId: t.id, data: { reviewId: a.reviewId, kind: t.kind, role: t.role, departmentId: t.departmentId, assigneeUserId: t.assigneeUserId, due: t.due } });
        if (!fresh) return;
        await tx.reviewTask.create({
          data: { id: t.id, workflowId: t.workflowId, reviewId: a.reviewId, kind: t.kind, stage: t.stage, role: t.role, departmentId: t.departmentId ?? null, assigneeUserId: t.assigneeUserId ?? null, openedAt: new Date(t.openedAt), ...dueColumns(t.due, t.dueAttention), context: json(t.context) },
        });
      });
    },

    async recordReviewTaskCompletion(a: { reviewId: string; task: TaskView; actor: Actor; payload: unknown; completedAt: string }): Promise<void> {
      const t = a.task;
      const at = new Date(a.completedAt);
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, { idempotencyKey: `task.completed:${t.id}`, at, actor: auditActor(a.actor), action: `task.completed.${t.kind}`, subjectType: 'task', subjectId: t.id, data: { reviewId: a.reviewId, kind: t.kind, payload: a.payload } });
        if (!fresh) return;
        const updated = await tx.reviewTask.updateMany({ where: { id: t.id, status: 'open' }, data: { status: 'done', completedAt: at, completedById: a.actor.userId, result: json(a.payload) } });
        if (updated.count !== 1) throw ApplicationFailure.nonRetryable(`review task ${t.id} is not open`, 'NonRetryable');
      });
    },

    async markReviewTaskOverdue(a: { reviewId: string; taskId: string; dueAt: string }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, { idempotencyKey: `task.overdue:${a.taskId}:${a.dueAt}`, at: new Date(), actor: engineActor, action: 'task.overdue', subjectType: 'task', subjectId: a.taskId, data: { reviewId: a.reviewId, dueAt: a.dueAt } });
        if (fresh) await tx.reviewTask.updateMany({ where: { id: a.taskId, status: 'open' }, data: { overdueAt: new Date() } });
      });
    },

    async updateReviewTaskDue(a: { taskId: string; due?: Due; pausedAt?: string; attention?: string; version?: string }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const task = await tx.reviewTask.findUnique({ where: { id: a.taskId } });
        if (!task) return;
        const fresh = await appendAudit(tx, { idempotencyKey: `task.due_moved:${a.taskId}:${a.due?.dueAt}:${a.due?.provisional}:${a.pausedAt ?? ''}${a.attention ? `:attention:${a.attention}` : ''}${a.version ? `:v${a.version}` : ''}`, at: new Date(), actor: engineActor, action: 'task.due_moved', subjectType: 'task', subjectId: a.taskId, data: { reviewId: task.reviewId, before: { dueAt: task.dueAt?.toISOString() }, after: a.due, pausedAt: a.pausedAt, ...(a.attention ? { attention: a.attention } : {}) } });
        if (!fresh) return;
        await tx.reviewTask.update({ where: { id: a.taskId }, data: { ...dueColumns(a.due, a.attention), pausedAt: a.pausedAt ? new Date(a.pausedAt) : null, overdueAt: null } });
        // R32: the review's own due (the R17 clock shown in the legal center's queue) follows its review task.
        if (a.due && task.kind === 'review_legality') await tx.review.updateMany({ where: { id: task.reviewId, status: 'in_review' }, data: { dueAt: new Date(a.due.dueAt) } });
      });
    },

    async cancelReviewTasks(a: { reviewId: string; taskIds: string[]; reason: string }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        for (const id of a.taskIds) {
          const fresh = await appendAudit(tx, { idempotencyKey: `task.cancelled:${id}`, at: new Date(), actor: engineActor, action: 'task.cancelled', subjectType: 'task', subjectId: id, data: { reviewId: a.reviewId, reason: a.reason } });
          if (fresh) await tx.reviewTask.updateMany({ where: { id, status: 'open' }, data: { status: 'cancelled', completedAt: new Date() } });
        }
      });
    },
  };
}
