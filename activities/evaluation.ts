/** R31: a substantive adjustment found by the post-decision evaluation runs the procedure again as a new, linked decision. */
import type { Decision, PrismaClient } from '../generated/prisma/client.js';
import type { LaunchDecision } from '../domain/decision/launch.js';
import type { DecisionProcedureInput } from '../domain/procedure.js';
import { recordLaunchedDecision } from '../records/decisions.js';
import { appendAudit, engineActor } from '../records/audit.js';

export function createEvaluationActivities(prisma: PrismaClient) {
  return {
    /** Numbers and records the new decision (the launch logic of R2), linked to the old one; once per key. */
    async launchLinkedDecision(a: {
      key: string;
      previousDecisionId: string;
      description: string;
    }): Promise<Omit<DecisionProcedureInput, 'config'>> {
      return prisma.$transaction(async (tx) => {
        const link = await tx.decisionLink.findUnique({ where: { id: a.key } });
        let d: Decision;
        if (link) d = await tx.decision.findUniqueOrThrow({ where: { id: link.decisionId } });
        else {
          const prev = await tx.decision.findUniqueOrThrow({ where: { id: a.previousDecisionId } });
          const launch: LaunchDecision = {
            ...(prev.launch as unknown as LaunchDecision),
            title: `${prev.title}（调整）`.slice(0, 200),
            summary: `依据决策后评估对${prev.number}作实质性调整：${a.description}`.slice(0, 5000),
          };
          d = await recordLaunchedDecision(tx, {
            launch,
            leadDepartmentId: prev.leadDepartmentId,
            createdById: prev.createdById,
            actor: engineActor,
            data: { rule: 'R31', adjusts: prev.number },
          });
          await tx.decisionLink.create({
            data: {
              id: a.key,
              decisionId: d.id,
              previousDecisionId: prev.id,
              kind: 'adjustment',
              reason: a.description,
            },
          });
          await appendAudit(tx, {
            idempotencyKey: `decision.adjustment_started:${a.key}`,
            at: new Date(),
            actor: engineActor,
            action: 'decision.adjustment_started',
            decisionId: prev.id,
            subjectType: 'decision',
            subjectId: d.id,
            data: { rule: 'R31', newDecisionId: d.id, newNumber: d.number, description: a.description },
          });
        }
        const creator = await tx.user.findUnique({ where: { id: d.createdById }, select: { displayName: true } });
        return {
          decisionId: d.id,
          decisionNo: d.number,
          leadDepartmentId: d.leadDepartmentId,
          launchedAt: d.createdAt.toISOString(),
          launchedBy: { userId: d.createdById, name: creator?.displayName ?? d.createdById },
          launch: d.launch as unknown as LaunchDecision,
        };
      });
    },
  };
}
