/**
 * The review queue's read model (R20); the reviews' tasks are in the one Task table (activities/tasks.ts). Each
 * write is keyed and carries its audit event in the same transaction (R38).
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Actor } from '../domain/roles.js';
import type { ReviewKind } from '../domain/review/kinds.js';
import { appendAudit, engineActor, auditActor, type Tx } from '../records/audit.js';
import { auditAction } from '../domain/audit-events.js';
import { shanghaiYear } from '../records/sequence.js';
import { reviewSettings } from '../records/review-settings.js';
import type { ReviewSettings } from '../domain/rules/legality-review.js';

async function reviewOf(tx: Tx, reviewId: string) {
  return tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { id: true, decisionId: true } });
}

export function createReviewRecordActivities(prisma: PrismaClient) {
  return {
    /** Puts the review in the queue (a decision's review; a submission's row exists already) and returns its kind's settings. */
    async openReview(a: {
      reviewId: string;
      kind: ReviewKind;
      subjectNumber: string;
      title: string;
      departmentId: string;
      decisionId?: string;
    }): Promise<ReviewSettings> {
      const settings = await reviewSettings(prisma, a.kind);
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, {
          idempotencyKey: `review.opened:${a.reviewId}`,
          at: new Date(),
          actor: engineActor,
          action: 'review.opened',
          decisionId: a.decisionId ?? null,
          subjectType: 'review',
          subjectId: a.reviewId,
          data: { kind: a.kind, subjectNumber: a.subjectNumber, settings },
        });
        if (!fresh) return;
        const existing = await tx.review.findUnique({ where: { id: a.reviewId }, select: { id: true } });
        if (existing) await tx.review.update({ where: { id: a.reviewId }, data: { weight: settings.weight } });
        else
          await tx.review.create({
            data: {
              id: a.reviewId,
              kind: a.kind,
              subjectNumber: a.subjectNumber,
              title: a.title,
              departmentId: a.departmentId,
              decisionId: a.decisionId ?? null,
              year: shanghaiYear(new Date()),
              status: 'intake',
              weight: settings.weight,
            },
          });
      });
      return settings;
    },

    /** Mirrors where the review stands (status, due time, clock start) into the queue. */
    async syncReview(a: {
      reviewId: string;
      status: string;
      dueAt?: string;
      completeAt?: string;
      outcome?: string;
      closed?: boolean;
    }): Promise<void> {
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
    async recordReviewEvent(a: {
      reviewId: string;
      key: string;
      action: string;
      actor?: Actor;
      data: Record<string, unknown>;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const review = await reviewOf(tx, a.reviewId);
        await appendAudit(tx, {
          idempotencyKey: a.key,
          at: new Date(),
          actor: a.actor ? auditActor(a.actor) : engineActor,
          action: auditAction(a.action),
          decisionId: review.decisionId,
          subjectType: 'review',
          subjectId: a.reviewId,
          data: a.data,
        });
      });
    },
  };
}
