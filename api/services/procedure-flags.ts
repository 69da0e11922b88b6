import { randomUUID } from 'node:crypto';
import { changeProcedureFlags, type ChangeProcedureFlagsRequest } from '../../domain/messages.js';
import type { ProcedureState } from '../../domain/procedure.js';
import { forbidden, fromTemporal, notFound } from '../errors.js';
import { requireFullDecision } from './access.js';
import type { ServiceContext, SessionUser } from './context.js';

/**
 * R9/R12 (Art. 19, 22): the lead department (its drafter or head) decides later whether expert argumentation or
 * risk assessment applies, with a reason; the workflow's validator refuses once legality review is reached.
 */
export async function changeProcedureFlagsService(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  change: Omit<ChangeProcedureFlagsRequest, 'actor'>,
  idempotencyKey?: string,
): Promise<ProcedureState> {
  await requireFullDecision(ctx, user, decisionId);
  const d = await ctx.prisma.decision.findUnique({ where: { id: decisionId } });
  if (!d) throw notFound('决策');
  const role = user.roles.find((r) => r === 'drafter' || r === 'dept_head');
  if (!role || user.departmentId !== d.leadDepartmentId)
    throw forbidden(
      '只有决策承办单位可以变更专家论证、风险评估的适用',
      'Only the lead department can change the expert / risk flags',
    );
  try {
    return await ctx.temporal.workflow.getHandle(d.workflowId).executeUpdate(changeProcedureFlags, {
      args: [{ actor: { userId: user.id, name: user.displayName, role, departmentId: user.departmentId }, ...change }],
      updateId: idempotencyKey ?? randomUUID(),
    });
  } catch (err) {
    throw fromTemporal(err);
  }
}
