import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Prisma } from '../../generated/prisma/client.js';
import type { LaunchDecision } from '../../domain/decision/launch.js';
import { DECISION_WORKFLOW } from '../../domain/messages.js';
import type { DecisionProcedureInput } from '../../domain/procedure.js';
import { initialStageStates } from '../../domain/stages.js';
import { appendAudit, auditActor } from '../../activities/audit.js';
import type { AuditActor } from '../../domain/audit-events.js';
import { shanghaiYear } from '../../activities/records.js';
import { AppError, fieldIssue, forbidden, invalid } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

/**
 * R2: a drafter launches a decision for their department. The number (JC-<year>-<seq>, gap-free per year),
 * the record and its audit event are written in one transaction; the procedure's workflow starts after commit.
 */
export async function launchDecision(ctx: ServiceContext, user: SessionUser, launch: LaunchDecision): Promise<{ id: string; number: string }> {
  if (!user.roles.includes('drafter')) throw forbidden('只有承办单位经办人可以启动决策', 'Only a drafter can launch a decision');
  const lead = await ctx.prisma.department.findUnique({ where: { id: user.departmentId } });
  if (lead?.kind !== 'drafting') throw forbidden('所在单位不是决策承办单位', 'Your department is not a drafting department');
  await checkCoDepartments(ctx, lead.id, launch.coDepartmentIds);

  const decision = await ctx.prisma.$transaction((tx) =>
    recordLaunchedDecision(tx, { launch, leadDepartmentId: lead.id, createdById: user.id, actor: auditActor(user, 'drafter') }),
  );
  await startProcedure(ctx, decision.id);
  return { id: decision.id, number: decision.number };
}

/**
 * R2: numbers and records a decision with its launch audit event, in the caller's transaction. Shared by the
 * launch above and by a substantive adjustment that starts a new, linked procedure (R31).
 */
export async function recordLaunchedDecision(
  tx: Prisma.TransactionClient,
  a: { launch: LaunchDecision; leadDepartmentId: string; createdById: string; actor: AuditActor; data?: Record<string, unknown> },
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

/** Starts a decision's workflow; starting one that already runs is not an error (restart recovery). */
export async function startProcedure(ctx: ServiceContext, decisionId: string): Promise<void> {
  const d = await ctx.prisma.decision.findUniqueOrThrow({ where: { id: decisionId } });
  const creator = await ctx.prisma.user.findUnique({ where: { id: d.createdById } });
  const input: DecisionProcedureInput = {
    decisionId: d.id,
    decisionNo: d.number,
    leadDepartmentId: d.leadDepartmentId,
    launchedAt: d.createdAt.toISOString(),
    launchedBy: { userId: d.createdById, name: creator?.displayName ?? d.createdById },
    launch: d.launch as unknown as LaunchDecision,
    config: ctx.procedureConfig,
  };
  try {
    await ctx.temporal.workflow.start(DECISION_WORKFLOW, { workflowId: d.workflowId, taskQueue: ctx.taskQueue, args: [input] });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    throw new AppError(503, 'temporal_unavailable', 'error.temporal_unavailable', {
      zh: `决策${d.number}已登记，但程序尚未启动；系统恢复后将自动启动`,
      en: `Decision ${d.number} is recorded but its procedure has not started; it starts when the engine is back`,
    });
  }
}

/** At start-up: starts the procedure of any decision recorded while Temporal was unreachable. */
export async function startPendingProcedures(ctx: ServiceContext): Promise<number> {
  const pending = await ctx.prisma.decision.findMany({ where: { workflowStarted: false }, select: { id: true } });
  for (const d of pending) await startProcedure(ctx, d.id).catch(() => undefined);
  return pending.length;
}

async function checkCoDepartments(ctx: ServiceContext, leadId: string, ids: string[]): Promise<void> {
  const found = await ctx.prisma.department.findMany({ where: { id: { in: ids }, kind: 'drafting' }, select: { id: true } });
  const known = new Set(found.map((d) => d.id));
  const issues = ids.flatMap((id, i) =>
    id === leadId
      ? [fieldIssue(`coDepartmentIds.${i}`, '牵头单位不能同时作为协办单位', 'The lead department cannot also co-draft')]
      : known.has(id)
        ? []
        : [fieldIssue(`coDepartmentIds.${i}`, `未知的承办单位：${id}`, `Unknown drafting department: ${id}`)],
  );
  if (issues.length) throw invalid(issues);
}
