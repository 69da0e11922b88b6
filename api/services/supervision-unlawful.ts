import { r40ReturnedAsUnlawful } from '../../domain/rules/escalation.js';
import { shanghaiYear } from '../../records/sequence.js';
import type { ServiceContext } from './context.js';

export interface UnlawfulReturn {
  departmentId: string;
  year: number;
  decisionId: string | null;
  reviewId: string | null;
  taskId: string;
  returnedAt: string;
  reasons?: string;
}

/**
 * R40: every draft the legal center found not lawful (a decision's draft sent back for revision, or a normative
 * document's or contract's review failed), as ledger items of the submitting department, per year.
 */
export async function unlawfulReturns(
  ctx: ServiceContext,
  f: { year?: number; departmentId?: string },
): Promise<UnlawfulReturn[]> {
  const tasks = await ctx.prisma.task.findMany({
    where: { kind: 'review_legality', status: 'done' },
    select: {
      id: true,
      decisionId: true,
      reviewId: true,
      completedAt: true,
      result: true,
      decision: { select: { leadDepartmentId: true } },
    },
  });
  const reviews = await ctx.prisma.review.findMany({
    where: { id: { in: [...new Set(tasks.flatMap((t) => t.reviewId ?? []))] } },
    select: { id: true, departmentId: true },
  });
  const reviewDept = new Map(reviews.map((r) => [r.id, r.departmentId]));
  const outcomeOf = (r: unknown) => (r && typeof r === 'object' ? (r as { outcome?: unknown; reasons?: string }) : {});
  const rows: UnlawfulReturn[] = tasks
    .map((t) => ({
      t,
      departmentId: t.decision?.leadDepartmentId ?? reviewDept.get(t.reviewId ?? '') ?? '',
      decisionId: t.decisionId,
      reviewId: t.reviewId,
    }))
    .filter(({ t }) => r40ReturnedAsUnlawful(outcomeOf(t.result).outcome) && t.completedAt)
    .map(({ t, departmentId, decisionId, reviewId }) => ({
      departmentId,
      year: shanghaiYear(t.completedAt!),
      decisionId,
      reviewId,
      taskId: t.id,
      returnedAt: t.completedAt!.toISOString(),
      reasons: outcomeOf(t.result).reasons,
    }));
  return rows
    .filter((r) => (!f.year || r.year === f.year) && (!f.departmentId || r.departmentId === f.departmentId))
    .sort((a, b) => a.returnedAt.localeCompare(b.returnedAt));
}
