import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { LaunchDecision } from '../../domain/decision/launch.js';
import { DECISION_WORKFLOW } from '../../domain/messages.js';
import type { DecisionProcedureInput } from '../../domain/procedure.js';
import { auditActor } from '../../records/audit.js';
import { recordLaunchedDecision } from '../../records/decisions.js';
import { AppError, fieldIssue, forbidden, invalid } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { checkCatalogAnswer, linkCatalogAnswer } from './catalog-launch.js';

/**
 * R2: a drafter launches a decision for their department. The number (JC-<year>-<seq>, gap-free per year),
 * the record and its audit event are written in one transaction; the procedure's workflow starts after commit.
 */
export async function launchDecision(
  ctx: ServiceContext,
  user: SessionUser,
  launch: LaunchDecision,
): Promise<{ id: string; number: string }> {
  if (!user.roles.includes('drafter'))
    throw forbidden('只有承办单位经办人可以启动决策', 'Only a drafter can launch a decision');
  const lead = await ctx.prisma.department.findUnique({ where: { id: user.departmentId } });
  if (lead?.kind !== 'drafting')
    throw forbidden('所在单位不是决策承办单位', 'Your department is not a drafting department');
  await checkCoDepartments(ctx, lead.id, launch.coDepartmentIds);

  const decision = await ctx.prisma.$transaction(async (tx) => {
    await checkCatalogAnswer(tx, launch, lead.id);
    const row = await recordLaunchedDecision(tx, {
      launch,
      leadDepartmentId: lead.id,
      createdById: user.id,
      actor: auditActor(user, 'drafter'),
    });
    await linkCatalogAnswer(tx, launch, row.id);
    return row;
  });
  await startProcedure(ctx, decision.id);
  return { id: decision.id, number: decision.number };
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
    await ctx.temporal.workflow.start(DECISION_WORKFLOW, {
      workflowId: d.workflowId,
      taskQueue: ctx.taskQueue,
      args: [input],
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    const unavailable = new AppError(503, 'temporal_unavailable', 'error.temporal_unavailable', {
      zh: `决策${d.number}已登记，但程序尚未启动；系统恢复后将自动启动`,
      en: `Decision ${d.number} is recorded but its procedure has not started; it starts when the engine is back`,
    });
    unavailable.cause = err;
    throw unavailable;
  }
}

/**
 * At start-up: starts the procedure of any decision recorded while Temporal was unreachable. A start that fails
 * again is logged with the decision and its reason (the decision stays pending for the next start-up); the
 * others still start. Answers how many started.
 */
export async function startPendingProcedures(
  ctx: ServiceContext,
  log: (line: string) => void = (l) => console.error(l),
): Promise<number> {
  const pending = await ctx.prisma.decision.findMany({
    where: { workflowStarted: false },
    select: { id: true, number: true },
  });
  let started = 0;
  for (const d of pending) {
    try {
      await startProcedure(ctx, d.id);
      started++;
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
      const reason = `${err instanceof Error ? err.message : String(err)}${cause}`;
      log(`[yifa] decision ${d.number} (${d.id}): procedure not started: ${reason}`);
    }
  }
  return started;
}

async function checkCoDepartments(ctx: ServiceContext, leadId: string, ids: string[]): Promise<void> {
  const found = await ctx.prisma.department.findMany({
    where: { id: { in: ids }, kind: 'drafting' },
    select: { id: true },
  });
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
