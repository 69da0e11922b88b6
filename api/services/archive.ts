/** R28: the sealed dossier; R29-R31: implementation reports, evaluations, linked decisions, evaluation on request. */
import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { appendAudit } from '../../records/audit.js';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  evaluationState,
  evaluationWorkflowId,
  requestEvaluation,
  submitImplementationReport,
  suspendImplementation,
} from '../../domain/messages.js';
import { r31EmergencySuspensionViolation } from '../../domain/rules/changes.js';
import { CHIEF_EXECUTIVE } from '../../domain/meeting-bodies.js';
import type { ReportImplementation } from '../../domain/tasks/publication.js';
import { violation } from '../../domain/violation.js';
import { AppError, forbidden, fromTemporal, ruleRefusal } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { requireFullDecision } from './access.js';

/** The archive and implementation follow the decision's read rule in full (404 / 403 as the access policy says). */
async function visibleDecision(ctx: ServiceContext, user: SessionUser, idOrNumber: string) {
  const { id } = await requireFullDecision(ctx, user, idOrNumber);
  return ctx.prisma.decision.findUniqueOrThrow({ where: { id } });
}

async function sealed(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  await visibleDecision(ctx, user, decisionId);
  const dossier = await ctx.prisma.dossier.findUnique({ where: { decisionId } });
  if (!dossier)
    throw new AppError(404, 'not_found', 'dossier.not_sealed', {
      zh: '决策档案尚未封存',
      en: 'The dossier has not been sealed yet',
    });
  return dossier;
}

export async function dossierInfo(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const { contentBase64: _c, ...rest } = await sealed(ctx, user, decisionId);
  return {
    ...rest,
    sealedAt: rest.sealedAt.toISOString(),
    download: `/api/decisions/${decisionId}/dossier/download`,
    indexDocx: `/api/decisions/${decisionId}/dossier/index.docx`,
  };
}

export async function dossierZip(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const d = await sealed(ctx, user, decisionId);
  return { fileName: d.fileName, sha256: d.sha256, content: Buffer.from(d.contentBase64, 'base64') };
}

export async function dossierIndexDocx(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const d = await sealed(ctx, user, decisionId);
  const zip = await JSZip.loadAsync(Buffer.from(d.contentBase64, 'base64'));
  return { fileName: `${d.reference}-目录.docx`, content: await zip.file('index.docx')!.async('nodebuffer') };
}

/** R29-R31: the implementing unit's reports, the evaluations, the evaluation workflow's state and the linked decisions. */
export async function implementationOverview(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const d = await visibleDecision(ctx, user, decisionId);
  const [records, adjustedBy, adjusts] = await Promise.all([
    ctx.prisma.stageRecord.findMany({
      where: {
        decisionId,
        kind: {
          in: [
            'name_implementing_unit',
            'report_implementation',
            'implementation.reported',
            'evaluate_decision',
            'evaluation.concluded',
          ],
        },
      },
      orderBy: { createdAt: 'asc' },
    }),
    ctx.prisma.decisionLink.findMany({ where: { previousDecisionId: decisionId } }),
    ctx.prisma.decisionLink.findUnique({ where: { decisionId } }),
  ]);
  const linked = await ctx.prisma.decision.findMany({
    where: { id: { in: [...adjustedBy.map((l) => l.decisionId), ...(adjusts ? [adjusts.previousDecisionId] : [])] } },
    select: { id: true, number: true, title: true },
  });
  let evaluation: unknown = null;
  try {
    evaluation = await ctx.temporal.workflow.getHandle(evaluationWorkflowId(d.workflowId)).query(evaluationState);
  } catch {
    evaluation = null;
  }
  const pick = (kind: string) =>
    records
      .filter((r) => r.kind === kind)
      .map((r) => ({ id: r.id, at: r.createdAt.toISOString(), recordedById: r.recordedById, data: r.data }));
  return {
    decisionId,
    number: d.number,
    implementingUnit: pick('name_implementing_unit')[0]?.data ?? null,
    reports: [...pick('report_implementation'), ...pick('implementation.reported')].sort((a, b) =>
      a.at.localeCompare(b.at),
    ),
    evaluations: pick('evaluate_decision'),
    evaluation,
    adjustedBy: adjustedBy.map((l) => ({ ...l, decision: linked.find((x) => x.id === l.decisionId) })),
    adjusts: adjusts ? { ...adjusts, decision: linked.find((x) => x.id === adjusts.previousDecisionId) } : null,
  };
}

/** R30: an evaluation on request (the decision misses its effect, many objections, or the government sees fit). */
export async function requestEvaluationService(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  trigger: 'requested' | 'ineffective' | 'public_objections',
  reason: string,
) {
  const d = await visibleDecision(ctx, user, decisionId);
  const role = (['secretary', 'leader', 'supervisor'] as const).find((r) => user.roles.includes(r))!;
  const actor = { userId: user.id, name: user.displayName, role, departmentId: user.departmentId };
  // Checked before anything is written: a refused request leaves no audit event.
  const handle = ctx.temporal.workflow.getHandle(evaluationWorkflowId(d.workflowId));
  const notImplementing = () =>
    ruleRefusal([
      violation(
        'R30',
        'r30.not_implementing',
        '该决策尚未进入执行或评估已结束',
        'The decision is not being implemented (or its evaluation has ended)',
      ),
    ]);
  const running = await handle.describe().then(
    (x) => x.status.name === 'RUNNING',
    (err) => {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    },
  );
  if (!running) throw notImplementing();
  await ctx.prisma.$transaction((tx) =>
    appendAudit(tx, {
      idempotencyKey: `evaluation.requested:${randomUUID()}`,
      at: new Date(),
      actor,
      action: 'evaluation.requested',
      decisionId,
      subjectType: 'decision',
      subjectId: decisionId,
      data: { rule: 'R30', trigger, reason },
    }),
  );
  try {
    await handle.signal(requestEvaluation, { trigger, reason, actor });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notImplementing();
    throw err;
  }
  return { requested: true, trigger, reason };
}

/** R29: the implementing unit reports at once (problems, a major change of circumstances, force majeure); such a report asks for an evaluation. */
export async function reportImplementationNow(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  report: ReportImplementation,
) {
  const d = await visibleDecision(ctx, user, decisionId);
  const unit = await ctx.prisma.stageRecord.findFirst({
    where: { decisionId, kind: 'name_implementing_unit' },
    orderBy: { createdAt: 'desc' },
  });
  const unitId = (unit?.data as { implementingDepartmentId?: string } | undefined)?.implementingDepartmentId;
  if (!unitId)
    throw ruleRefusal([
      violation('R29', 'r29.no_implementing_unit', '尚未明确决策执行单位', 'No implementing unit has been named'),
    ]);
  const role = (['drafter', 'dept_head'] as const).find((r) => user.roles.includes(r));
  if (!role || user.departmentId !== unitId)
    throw forbidden('只有决策执行单位可以报告执行情况', 'Only the implementing unit reports on implementation');
  try {
    return await ctx.temporal.workflow
      .getHandle(evaluationWorkflowId(d.workflowId))
      .executeUpdate(submitImplementationReport, {
        args: [{ actor: { userId: user.id, name: user.displayName, role, departmentId: user.departmentId }, report }],
      });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw ruleRefusal([
        violation(
          'R29',
          'r29.not_implementing',
          '该决策的执行跟踪已结束',
          'The decision’s implementation is no longer tracked',
        ),
      ]);
    throw fromTemporal(err);
  }
}

/**
 * R31 (Decree 713 Art. 37): in an emergency the chief executive — the mayor on the executive meeting's roster
 * (MeetingBodyMember, data) — suspends implementation first; the decision is suspended and an evaluation (R30)
 * decides to resume or adjust it. Refused for anyone else, and for a decision not being implemented.
 */
export async function suspendImplementationService(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  reason: string,
) {
  const d = await visibleDecision(ctx, user, decisionId);
  const chief = await ctx.prisma.meetingBodyMember.findFirst({ where: { ...CHIEF_EXECUTIVE, userId: user.id } });
  const refused = r31EmergencySuspensionViolation({ chiefExecutive: !!chief && user.roles.includes('leader'), reason });
  if (refused) throw ruleRefusal([refused]);
  try {
    return await ctx.temporal.workflow
      .getHandle(evaluationWorkflowId(d.workflowId))
      .executeUpdate(suspendImplementation, {
        args: [
          {
            actor: { userId: user.id, name: user.displayName, role: 'leader', departmentId: user.departmentId },
            reason,
          },
        ],
      });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError)
      throw ruleRefusal([r31EmergencySuspensionViolation({ implementation: 'ended' })!]);
    throw fromTemporal(err);
  }
}
