import { r11SelectionViolations } from '../../domain/rules/expert-argumentation.js';
import type { ServiceContext } from './context.js';

/** R11 at the stage's completion: every expert chosen from the pool answered, or recorded as declined. */
export async function argumentationSelectionViolations(ctx: ServiceContext, decisionId: string) {
  const rows = await ctx.prisma.expertSelection.findMany({ where: { decisionId }, orderBy: { selectedAt: 'asc' } });
  const experts = await ctx.prisma.expert.findMany({
    where: { id: { in: rows.map((r) => r.expertId) } },
    select: { id: true, name: true },
  });
  return r11SelectionViolations(
    rows.map((r) => ({ ...r, expertName: experts.find((e) => e.id === r.expertId)?.name ?? r.expertId })),
  );
}
