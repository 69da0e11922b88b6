/** Decisions' records: numbering and the launch record (R2), shared by the launch service and by R31's linked decision. */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.js';
import type { LaunchDecision } from '../domain/decision/launch.js';
import { initialStageStates } from '../domain/stages.js';
import type { AuditActor } from '../domain/audit-events.js';
import { appendAudit } from './audit.js';
import { shanghaiYear } from './sequence.js';

/**
 * R2: numbers and records a decision with its launch audit event, in the caller's transaction. Shared by the
 * launch above and by a substantive adjustment that starts a new, linked procedure (R31).
 */
export async function recordLaunchedDecision(
  tx: Prisma.TransactionClient,
  a: {
    launch: LaunchDecision;
    leadDepartmentId: string;
    createdById: string;
    actor: AuditActor;
    data?: Record<string, unknown>;
  },
) {
  const now = new Date();
  const year = shanghaiYear(now);
  const [{ lastSeq }] = await tx.$queryRaw<Array<{ lastSeq: number }>>`
    INSERT INTO "DecisionSequence" ("year", "lastSeq") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "lastSeq" = "DecisionSequence"."lastSeq" + 1
    RETURNING "lastSeq"`;
  const number = `JC-${year}-${String(lastSeq).padStart(4, '0')}`;
  const id = randomUUID();
  const launch = a.launch;
  const row = await tx.decision.create({
    data: {
      id,
      number,
      year,
      seq: lastSeq,
      title: launch.title,
      matterType: launch.matterType,
      summary: launch.summary,
      launch: launch as unknown as Prisma.InputJsonValue,
      leadDepartmentId: a.leadDepartmentId,
      confidential: launch.confidential,
      stage: 'launch',
      status: 'active',
      stageStates: initialStageStates() as unknown as Prisma.InputJsonValue,
      workflowId: number,
      createdById: a.createdById,
      createdAt: now,
    },
  });
  await appendAudit(tx, {
    idempotencyKey: `decision.launched:${id}`,
    at: now,
    actor: a.actor,
    action: 'decision.launched',
    decisionId: id,
    subjectType: 'decision',
    subjectId: id,
    data: { number, title: launch.title, launch, ...a.data },
  });
  return row;
}
