/**
 * The bulk actions of issue 16 §5 over the single-item services: the director reassigns several reviews
 * (planReassign / reassignReviewService, R20); a secretary places several ready decisions on a meeting's agenda
 * (planAgendaItem / addAgendaItem, R21, R22). Preview and execution share each item's plan.
 */
import { loadPool } from '../../records/review-pool.js';
import { violation } from '../../domain/violation.js';
import { fieldIssue, invalid, ruleRefusal } from '../errors.js';
import { addAgendaItem, planAgendaItem } from './agenda-items.js';
import { runBulk, type BulkAnswer } from './bulk.js';
import type { ServiceContext, SessionUser } from './context.js';
import { planReassign, reassignReviewService } from './review-actions.js';

export async function bulkReassign(
  ctx: ServiceContext,
  user: SessionUser,
  body: { reviewIds: string[]; reviewerUserId: string; reason: string; targets?: ReviewTarget[] },
  execute: boolean,
  idempotencyKey?: string,
): Promise<BulkAnswer> {
  const targets = targetsOf(body);
  const itemBody = (id: string) => ({ ...body, reviewerUserId: targets.get(id) ?? body.reviewerUserId });
  // One pool for the whole batch: each pick adds its review's weight, so `auto` spreads the batch as assignment does.
  const pool = await loadPool(ctx.prisma);
  const names = new Map(
    (
      await ctx.prisma.user.findMany({
        where: { id: { in: pool.map((m) => m.userId) } },
        select: { id: true, displayName: true },
      })
    ).map((u) => [u.id, u.displayName]),
  );
  return runBulk(
    body.reviewIds,
    {
      plan: (id) => planReassign(ctx, user, id, itemBody(id), pool),
      effect: (p) => ({
        from: p.from,
        fromName: p.from ? (names.get(p.from) ?? null) : null,
        to: p.reviewerUserId,
        toName: names.get(p.reviewerUserId) ?? null,
      }),
      run: (id, p, key) => reassignReviewService(ctx, user, id, itemBody(id), p, key),
    },
    execute,
    idempotencyKey,
  );
}

interface ReviewTarget {
  reviewId: string;
  reviewerUserId: string;
}

/** The per-review reviewers; each names one review of the batch, once (else 400 naming the entry). */
function targetsOf(body: { reviewIds: string[]; targets?: ReviewTarget[] }): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [i, t] of (body.targets ?? []).entries()) {
    if (!body.reviewIds.includes(t.reviewId) || targets.has(t.reviewId))
      throw invalid([
        fieldIssue(
          `targets.${i}.reviewId`,
          '须为本次所选审查事项之一，且每项只能指定一次',
          'Must be one of the chosen reviews, each named once',
          'error.bulk_target_unknown',
        ),
      ]);
    targets.set(t.reviewId, t.reviewerUserId);
  }
  return targets;
}

export async function bulkAgenda(
  ctx: ServiceContext,
  user: SessionUser,
  meetingId: string,
  body: { decisionIds: string[] },
  execute: boolean,
  idempotencyKey?: string,
): Promise<BulkAnswer> {
  return runBulk(
    body.decisionIds,
    {
      plan: async (decisionId) => {
        const onIt = await ctx.prisma.meetingItem.findFirst({ where: { meetingId, decisionId }, select: { id: true } });
        if (onIt)
          throw ruleRefusal([
            violation(
              'R21',
              'r21.already_on_agenda',
              '该决策已列入本次会议议题',
              'The decision is already on this meeting’s agenda',
            ),
          ]);
        return planAgendaItem(ctx, user, meetingId, decisionId);
      },
      effect: (p) => ({ number: p.decision.number, title: p.decision.title, onBehalfOf: p.actor.onBehalfOf ?? null }),
      run: (decisionId, p, key) => addAgendaItem(ctx, user, meetingId, decisionId, key, p),
    },
    execute,
    idempotencyKey,
  );
}
