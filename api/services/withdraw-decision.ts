import { randomUUID } from 'node:crypto';
import { withdrawDecision } from '../../domain/messages.js';
import type { ProcedureState } from '../../domain/procedure.js';
import { r31WithdrawalViolation } from '../../domain/rules/changes.js';
import { forbidden, fromTemporal, notFound, ruleRefusal } from '../errors.js';
import { requireFullDecision } from './access.js';
import type { ServiceContext, SessionUser } from './context.js';

/** The drafting department (its drafter or head) withdraws a decision with a reason; R31 refuses once approved. */
export async function withdrawDecisionService(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  reason: string,
  idempotencyKey?: string,
): Promise<ProcedureState> {
  await requireFullDecision(ctx, user, decisionId);
  const d = await ctx.prisma.decision.findUnique({ where: { id: decisionId } });
  if (!d) throw notFound('决策');
  const role = user.roles.find((r) => r === 'drafter' || r === 'dept_head');
  if (!role || user.departmentId !== d.leadDepartmentId)
    throw forbidden('只有承办单位可以撤回决策', 'Only the drafting department can withdraw');
  const ended = r31WithdrawalViolation({ status: d.status });
  if (ended) throw ruleRefusal([ended]);
  try {
    return await ctx.temporal.workflow.getHandle(d.workflowId).executeUpdate(withdrawDecision, {
      args: [{ actor: { userId: user.id, name: user.displayName, role, departmentId: user.departmentId }, reason }],
      updateId: idempotencyKey ?? randomUUID(),
    });
  } catch (err) {
    throw fromTemporal(err);
  }
}
