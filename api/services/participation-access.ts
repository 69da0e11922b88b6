/** Who works on a decision's public participation (R5-R7): the lead department's drafters, while the stage runs. */
import { violation } from '../../domain/violation.js';
import type { Tx } from '../../records/audit.js';
import { forbidden, notFound, ruleRefusal } from '../errors.js';
import { requireFullDecision } from './access.js';
import type { ServiceContext, SessionUser } from './context.js';

/** The decision as its participation work needs it; 404/403 as the access policy says, 403 for anyone but the lead department's drafter. */
export async function requireParticipationDrafter(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const { id } = await requireFullDecision(ctx, user, decisionId);
  const d = await ctx.prisma.decision.findUnique({ where: { id }, select: { id: true, leadDepartmentId: true } });
  if (!d) throw notFound('决策');
  if (!user.roles.includes('drafter') || user.departmentId !== d.leadDepartmentId)
    throw forbidden('公众参与由决策承办单位组织', 'Public participation is organised by the lead department');
  return d;
}

/** R4-R7: participation work happens while the stage is in progress (not before, not after it concluded). */
export async function requireParticipationRunning(tx: Tx, decisionId: string, rule: string) {
  const d = await tx.decision.findUniqueOrThrow({
    where: { id: decisionId },
    select: { status: true, stageStates: true, confidential: true },
  });
  const stage = (d.stageStates as Record<string, { status?: string }>).public_participation?.status;
  if (d.status !== 'active' || stage !== 'in_progress')
    throw ruleRefusal([
      violation(
        rule,
        `${rule.toLowerCase()}.participation_not_running`,
        '该决策的公众参与阶段未在进行中',
        'The decision’s public participation is not in progress',
      ),
    ]);
  return d;
}
