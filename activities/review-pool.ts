/**
 * The legal center's pool (R20): automatic assignment to the least-loaded eligible reviewer, the director's
 * reassignment and a reviewer's decline. Assignments are serialised by an advisory lock so two reviews
 * arriving together see each other's load; each is keyed, so a retry returns the first answer.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import { pickReviewer } from '../domain/review/assignment.js';
import { loadPool, localDate } from '../records/review-pool.js';
import type { Actor } from '../domain/roles.js';
import { appendAudit, engineActor, auditActor, type Tx } from '../records/audit.js';
import { notifyTaskReassigned } from '../records/progress-notices.js';

const ASSIGN_LOCK = 72_0020;
/** The open task of the review that names its reviewer moves to the new one. */
async function moveTask(tx: Tx, taskId: string | undefined, to: string): Promise<void> {
  if (!taskId) return;
  const moved = await tx.task.updateMany({ where: { id: taskId, status: 'open' }, data: { assigneeUserId: to } });
  if (moved.count) await notifyTaskReassigned(tx, taskId, to, new Date());
}

export function createReviewPoolActivities(prisma: PrismaClient) {
  return {
    /**
     * Picks a reviewer for a review (or a second checker) and records it; a decline names the reviewer
     * declining. Returns null when nobody in the pool may take it (recorded; the workflow waits and retries).
     */
    async assignReviewer(a: {
      reviewId: string;
      key: string;
      at: string;
      purpose: 'primary' | 'second_check';
      exclude: string[];
      preferUserId?: string;
      decline?: { actor: Actor; reason: string; taskId?: string };
    }): Promise<string | null> {
      return prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ASSIGN_LOCK}::bigint)`;
        const done = await tx.auditEvent.findUnique({ where: { idempotencyKey: a.key }, select: { data: true } });
        if (done) return ((done.data as { reviewerUserId?: string | null }).reviewerUserId ?? null) as string | null;
        const review = await tx.review.findUniqueOrThrow({ where: { id: a.reviewId } });
        const pool = await loadPool(tx);
        const subject = {
          departmentId: review.departmentId,
          subjectNumber: review.subjectNumber,
          onDate: localDate(new Date(a.at)),
          exclude: a.exclude,
        };
        const preferred = a.preferUserId
          ? pickReviewer(
              pool.filter((m) => m.userId === a.preferUserId),
              subject,
            )
          : undefined;
        const chosen = preferred ?? pickReviewer(pool, subject);
        const to = chosen?.userId ?? null;
        const action = !to
          ? 'review.no_eligible_reviewer'
          : a.decline
            ? 'review.declined'
            : a.purpose === 'second_check'
              ? 'review.second_checker_assigned'
              : 'review.assigned';
        await appendAudit(tx, {
          idempotencyKey: a.key,
          at: new Date(),
          actor: a.decline ? auditActor(a.decline.actor) : engineActor,
          action,
          decisionId: review.decisionId,
          subjectType: 'review',
          subjectId: review.id,
          data: {
            rule: 'R20',
            reviewerUserId: to,
            from: a.decline?.actor.userId,
            reason: a.decline?.reason,
            openLoad: chosen?.openLoad,
            previousReviewer: preferred ? true : undefined,
          },
        });
        if (to && a.purpose === 'primary') {
          await tx.review.update({
            where: { id: review.id },
            data: {
              reviewerUserId: to,
              assignedAt: new Date(),
              status: review.status === 'intake' || review.status === 'supplement' ? 'in_review' : review.status,
            },
          });
          await moveTask(tx, a.decline?.taskId, to);
        }
        return to;
      });
    },

    /** The director reassigns a review to a named reviewer, with a reason. */
    async reassignReviewer(a: {
      reviewId: string;
      key: string;
      to: string;
      actor: Actor;
      reason: string;
      taskId?: string;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ASSIGN_LOCK}::bigint)`;
        const review = await tx.review.findUniqueOrThrow({ where: { id: a.reviewId } });
        const fresh = await appendAudit(tx, {
          idempotencyKey: a.key,
          at: new Date(),
          actor: auditActor(a.actor),
          action: 'review.reassigned',
          decisionId: review.decisionId,
          subjectType: 'review',
          subjectId: review.id,
          data: { rule: 'R20', from: review.reviewerUserId, reviewerUserId: a.to, reason: a.reason },
        });
        if (!fresh) return;
        await tx.review.update({
          where: { id: review.id },
          data: {
            reviewerUserId: a.to,
            assignedAt: new Date(),
            status: review.status === 'intake' || review.status === 'supplement' ? 'in_review' : review.status,
          },
        });
        await moveTask(tx, a.taskId, a.to);
      });
    },
  };
}
