import { randomUUID } from 'node:crypto';
import { completeTask, type CompleteTaskResult } from '../../domain/messages.js';
import type { Actor, Role } from '../../domain/roles.js';
import { TASK_KINDS, isTaskKind } from '../../domain/tasks/kinds.js';
import { referencedDocumentIds } from '../../domain/tasks/fields.js';
import { taskClosedViolation } from '../../domain/tasks/validate.js';
import { r23ReportDateViolations } from '../../domain/rules/party-committee.js';
import type { ReportToPartyCommittee } from '../../domain/tasks/collective-discussion.js';
import { canReadDecisionTask } from './read-decisions.js';
import { visibleReviewTask } from './review-access.js';
import { completeReviewTaskService } from './review-actions.js';
import { AppError, fieldIssue, forbidden, fromTemporal, invalid, notFound, ruleRefusal, zodIssues } from '../errors.js';
import { checkChosenDocuments, decisionCurrentDraft } from './chosen-documents.js';
import type { ServiceContext, SessionUser } from './context.js';
import { dateZh, isPrincipalsTask } from '../../domain/absences.js';
import { chinaDate } from '../../domain/china-time.js';
import { principalsOf, substitutionsOf } from '../../records/absences.js';
import { argumentationSelectionViolations } from './expert-selections-check.js';

/**
 * A person completes one of their tasks: the payload is checked against the task kind's schema and the
 * records it references, then sent as the `completeTask` update, whose validator applies the rules.
 */
export async function completeTaskService(
  ctx: ServiceContext,
  user: SessionUser,
  taskId: string,
  payload: unknown,
  idempotencyKey?: string,
): Promise<CompleteTaskResult> {
  // One read of the row, with what the access decision and the completion need. A task the caller may not read
  // does not exist for them (404); one they read but may not do is a 403 below. A named substitute outside their
  // period learns why, rather than that the task does not exist.
  const task = await ctx.prisma.task.findUnique({ where: { id: taskId }, select: COMPLETION_FIELDS });
  const decisionId = task?.decisionId;
  try {
    if (!task) throw notFound('任务');
    if (!decisionId) await visibleReviewTask(ctx, user, taskId);
    else if (!(await canReadDecisionTask(ctx, user, { ...task, decisionId }))) throw notFound('任务');
  } catch (err) {
    throw (task && (await outsideSubstitution(ctx, user, task))) ?? err;
  }
  // A review's task (without a decision): its references are the review's documents.
  if (!decisionId) return completeReviewTaskService(ctx, user, taskId, payload, idempotencyKey);
  return completeTaskRow(ctx, user, task, payload, idempotencyKey, (data) =>
    checkReferences(ctx, decisionId, task.kind, data),
  );
}

/** The columns of a task row the completion reads. */
const COMPLETION_FIELDS = {
  id: true,
  kind: true,
  workflowId: true,
  status: true,
  role: true,
  departmentId: true,
  assigneeUserId: true,
  decisionId: true,
} as const;

/** A task row of any read model: who may act on it, where its workflow is, and its state. */
export interface CompletableTask {
  id: string;
  kind: string;
  workflowId: string;
  status: string;
  role: string;
  departmentId: string | null;
  assigneeUserId: string | null;
}

/**
 * The one completion path for every task, whichever table holds its row: the person's role, department and
 * assignment; the kind's schema; the records it references (`checkReferences`); then the `completeTask` update,
 * whose validator applies the rules.
 */
export async function completeTaskRow(
  ctx: ServiceContext,
  user: SessionUser,
  task: CompletableTask,
  payload: unknown,
  idempotencyKey: string | undefined,
  checkReferences: (data: unknown) => Promise<void>,
): Promise<CompleteTaskResult> {
  if (!isTaskKind(task.kind)) throw notFound('任务');
  const actor = await taskActor(ctx, user, task);
  // A closed task is refused here, unless this may be the retry of the completion that closed it: then the
  // workflow answers with that completion's result (updates are deduplicated by their id).
  const closed = task.status !== 'open';
  if (closed && !idempotencyKey) throw ruleRefusal([taskClosedViolation(task.id)]);

  const parsed = TASK_KINDS[task.kind].schema.safeParse(payload);
  if (!parsed.success) throw invalid(zodIssues(parsed.error.issues, ['payload']));
  await checkReferences(parsed.data);

  try {
    const handle = ctx.temporal.workflow.getHandle(task.workflowId);
    return await handle.executeUpdate(completeTask, {
      args: [{ taskId: task.id, actor, payload: parsed.data }],
      updateId: idempotencyKey ?? randomUUID(),
    });
  } catch (err) {
    const mapped = fromTemporal(err);
    if (closed && (!(mapped instanceof AppError) || mapped.code === 'workflow_not_running'))
      throw ruleRefusal([taskClosedViolation(task.id)]);
    throw mapped;
  }
}

/**
 * Who may act on a task: the named person, or a holder of its role (in its department, when it has one); or a
 * substitute, today, for the absent person whose task it is (issue 16 §4): recorded as "X for Y". A named
 * substitute outside their period is told the period (403).
 */
export async function taskActor(
  ctx: ServiceContext,
  user: SessionUser,
  task: { id: string; role: string; departmentId: string | null; assigneeUserId: string | null; status: string },
): Promise<Actor> {
  try {
    return actorFor(user, task);
  } catch (err) {
    const today = chinaDate(new Date());
    const principal = (await principalsOf(ctx.prisma, user.id, today)).find((p) => isPrincipalsTask(p, task));
    if (principal)
      return {
        userId: user.id,
        name: user.displayName,
        role: task.role as Role,
        departmentId: principal.departmentId,
        onBehalfOf: { userId: principal.id, name: principal.name },
      };
    throw (await outsideSubstitution(ctx, user, task, today)) ?? err;
  }
}

/** A 403 naming the period, when the caller is the substitute of this task's person but not today; else null. */
export async function outsideSubstitution(
  ctx: ServiceContext,
  user: SessionUser,
  task: { role: string; departmentId: string | null; assigneeUserId: string | null },
  today = chinaDate(new Date()),
) {
  const periods = (await substitutionsOf(ctx.prisma, user.id)).filter((p) => isPrincipalsTask(p, task));
  if (!periods.length) return null;
  const zh = periods.map((p) => `${dateZh(p.startsOn)}至${dateZh(p.endsOn)}`).join('、');
  const en = periods.map((p) => `${p.startsOn} to ${p.endsOn}`).join(', ');
  return forbidden(
    `您是${periods[0].name}的代办人，代办期间为${zh}；今天（${dateZh(today)}）不在代办期间内，不能代为办理`,
    `You substitute for ${periods[0].name} from ${en}; today (${today}) is outside that period`,
  );
}

/** Who may act on a task in their own right: the named person, or a holder of its role (in its department, when it has one). */
export function actorFor(
  user: SessionUser,
  task: { role: string; departmentId: string | null; assigneeUserId: string | null },
): Actor {
  const role = task.role as Role;
  if (!user.roles.includes(role)) throw forbidden('您没有办理该任务的角色', 'You do not hold the role this task needs');
  if (task.assigneeUserId && task.assigneeUserId !== user.id)
    throw forbidden('该任务已分配给其他人', 'This task is assigned to someone else');
  if (task.departmentId && task.departmentId !== user.departmentId)
    throw forbidden('该任务属于其他单位', 'This task belongs to another department');
  return { userId: user.id, name: user.displayName, role, departmentId: user.departmentId };
}

async function checkReferences(ctx: ServiceContext, decisionId: string, kind: string, payload: unknown): Promise<void> {
  const docIds = referencedDocumentIds(payload);
  if (docIds.length) {
    // One read serves both checks: the documents belong to the decision, and each chosen one is of its kind.
    const found = await ctx.prisma.document.findMany({
      where: { id: { in: docIds }, decisionId },
      select: { id: true, kind: true, version: true, sha256: true, fileName: true },
    });
    const known = new Set(found.map((d) => d.id));
    const missing = docIds.filter((id) => !known.has(id));
    if (missing.length)
      throw invalid(
        missing.map((id) =>
          fieldIssue(
            'payload',
            `文件${id}不属于本决策`,
            `Document ${id} does not belong to this decision`,
            'error.unknown_document',
          ),
        ),
      );
    await checkChosenDocuments(ctx, payload, () => decisionCurrentDraft(ctx, decisionId), found);
  }
  if (kind === 'place_on_agenda') {
    const { meetingId } = payload as { meetingId: string };
    const meeting = await ctx.prisma.meeting.findUnique({ where: { id: meetingId }, select: { status: true } });
    if (meeting?.status !== 'scheduled')
      throw invalid([
        fieldIssue(
          'payload.meetingId',
          '会议不存在或已结束',
          'No such meeting, or it is closed',
          'error.unknown_meeting',
        ),
      ]);
  }
  if (kind === 'record_expert_opinions') {
    // R11 (Art. 19): every expert chosen from the pool gave a signed opinion that was answered, or declined.
    const pending = await argumentationSelectionViolations(ctx, decisionId);
    if (pending.length) throw ruleRefusal(pending);
  }
  if (kind === 'report_to_party_committee') {
    // Checked against the real date here, not in the workflow's validator, so recorded histories replay as they were.
    const dates = r23ReportDateViolations(payload as ReportToPartyCommittee, new Date());
    if (dates.length) throw ruleRefusal(dates);
  }
  if (kind === 'name_implementing_unit') {
    const { implementingDepartmentId } = payload as { implementingDepartmentId: string };
    if (!(await ctx.prisma.department.findUnique({ where: { id: implementingDepartmentId } })))
      throw invalid([
        fieldIssue('payload.implementingDepartmentId', '未知的单位', 'Unknown department', 'error.unknown_department'),
      ]);
  }
  if (kind === 'submit_draft') {
    const { departmentOpinions } = payload as { departmentOpinions: Array<{ departmentId: string }> };
    const ids = new Set(departmentOpinions.map((o) => o.departmentId));
    if (ids.size && (await ctx.prisma.department.count({ where: { id: { in: [...ids] } } })) !== ids.size)
      throw invalid([
        fieldIssue(
          'payload.departmentOpinions',
          '包含未知的单位',
          'Names an unknown department',
          'error.unknown_department',
        ),
      ]);
  }
}
