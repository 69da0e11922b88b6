import type { Prisma } from '../../generated/prisma/client.js';
import { catalogEntryOfDecision } from './catalog-read.js';
import { describeAuditAction } from '../../domain/audit-actions.js';
import { STAGES, STAGE_LABELS, type Stage, type StageState } from '../../domain/stages.js';
import { TASK_KINDS, isTaskKind } from '../../domain/tasks/kinds.js';
import { canReadTask, type AccessActor } from '../../domain/access-policy.js';
import { notFound } from '../errors.js';
import {
  accessActor,
  decisionAccessOf,
  fullDecisionWhere,
  notInProcedure,
  personsTasks,
  readableDecisionWhere,
} from './access.js';
import { warningClassifier } from './task-warnings.js';
import type { ServiceContext, SessionUser } from './context.js';
import { listQueryOf, type ListInput } from '../../domain/lists.js';
import { cubeCounts, listPage, skipTake, whereOf, type FilterParts } from './list-page.js';
import { visibleReviewTask } from './review-access.js';

export type DecisionFilter = ListInput<'decisions'>;

/** A row of the one Task table: a decision's task, or a review's (without a decision). */
export type TaskRowFields = {
  id: string;
  kind: string;
  stage: string;
  role: string;
  departmentId: string | null;
  assigneeUserId: string | null;
  status: string;
  openedAt: Date;
  dueAt: Date | null;
  dueRule: string | null;
  dueBasis: string | null;
  dueProvisional: boolean;
  dueAttention?: string | null;
  pausedAt: Date | null;
  context: unknown;
};
type TaskRow = TaskRowFields & { decisionId: string | null; reviewId?: string | null };

/** A decision's task as the API shows it. */
export function taskView(t: TaskRow, now = new Date()) {
  return { ...taskFields(t, now), decisionId: t.decisionId, reviewId: t.reviewId ?? null };
}

/** A task as the API shows it, whatever it is about: the due time with the rule that set it, and whether it is overdue now. */
export function taskFields(t: TaskRowFields, now = new Date()) {
  const kind = isTaskKind(t.kind) ? TASK_KINDS[t.kind] : undefined;
  return {
    id: t.id,
    kind: t.kind,
    label: kind?.label ?? { zh: t.kind, en: t.kind },
    stage: t.stage,
    role: t.role,
    departmentId: t.departmentId,
    assigneeUserId: t.assigneeUserId,
    status: t.status,
    openedAt: t.openedAt.toISOString(),
    due: t.dueAt
      ? { dueAt: t.dueAt.toISOString(), rule: t.dueRule, basis: t.dueBasis, provisional: t.dueProvisional }
      : null,
    /** R32: the calendar could not compute this due; the administrator must load or fix the calendar. */
    dueAttention: t.dueAttention ?? null,
    paused: Boolean(t.pausedAt),
    overdue: t.status === 'open' && !t.pausedAt && Boolean(t.dueAt && t.dueAt < now),
    context: t.context,
  };
}

export async function listDecisions(ctx: ServiceContext, user: SessionUser, input: DecisionFilter = {}) {
  const f = listQueryOf('decisions', input);
  const actor = await accessActor(ctx, user);
  const base: Prisma.DecisionWhereInput[] = [readableDecisionWhere(actor)];
  const contains = f.q ? { contains: f.q, mode: 'insensitive' as const } : undefined;
  const parts: FilterParts<Prisma.DecisionWhereInput> = {
    stage: f.stage ? { stage: f.stage } : undefined,
    status: f.status ? { status: f.status } : undefined,
    departmentId: f.departmentId ? { leadDepartmentId: f.departmentId } : undefined,
    q: contains ? { OR: [{ title: contains }, { number: contains }] } : undefined,
  };
  const where = whereOf(base, parts);
  const orderBy: Prisma.DecisionOrderByWithRelationInput[] =
    f.sort === 'created'
      ? [{ createdAt: f.dir }, { id: 'asc' }]
      : f.sort === 'title'
        ? [{ title: f.dir }, { id: 'asc' }]
        : [{ year: f.dir }, { seq: f.dir }];
  // Issue 13: the total and the counts per stage and status from one grouped count (the other filters and the
  // search in its where); skipped with counts=false but for the total.
  const within = whereOf(base, { departmentId: parts.departmentId, q: parts.q });
  const withCounts = f.counts !== 'false';
  const [{ total, counts }, rows] = await Promise.all([
    withCounts
      ? ctx.prisma.decision.groupBy({ by: ['stage', 'status'], where: within, _count: { _all: true } }).then((g) =>
          cubeCounts(
            g.map((r) => ({ stage: r.stage, status: r.status, n: r._count._all })),
            { stage: f.stage, status: f.status },
          ),
        )
      : ctx.prisma.decision.count({ where }).then((total) => ({ total, counts: {} })),
    ctx.prisma.decision.findMany({
      where,
      orderBy,
      ...skipTake(f),
      include: { leadDepartment: true, tasks: { where: { status: 'open' } } },
    }),
  ]);
  // Another department's published decision is listed with its published parts only: no tasks, no deadlines.
  const full = new Set(
    (
      await ctx.prisma.decision.findMany({
        where: { AND: [{ id: { in: rows.map((d) => d.id) } }, fullDecisionWhere(actor)] },
        select: { id: true },
      })
    ).map((d) => d.id),
  );
  const now = new Date();
  return listPage(
    f,
    total,
    rows.map((d) => {
      const open = full.has(d.id) ? d.tasks.map((t) => taskView(t, now)) : [];
      const next = open.filter((t) => t.due).sort((a, b) => a.due!.dueAt.localeCompare(b.due!.dueAt))[0];
      return {
        id: d.id,
        number: d.number,
        title: d.title,
        stage: d.stage,
        stageLabel: STAGE_LABELS[d.stage as Stage] ?? { zh: d.stage, en: d.stage },
        status: d.status,
        confidential: d.confidential,
        leadDepartment: { id: d.leadDepartment.id, nameZh: d.leadDepartment.nameZh, nameEn: d.leadDepartment.nameEn },
        openTasks: open.length,
        overdue: open.some((t) => t.overdue),
        nextDue: next?.due ?? null,
        createdAt: d.createdAt.toISOString(),
        access: full.has(d.id) ? 'full' : 'published',
      };
    }),
    counts,
  );
}

export async function getDecision(ctx: ServiceContext, user: SessionUser, idOrNumber: string) {
  const { id, access } = await decisionAccessOf(ctx, await accessActor(ctx, user), idOrNumber);
  const d = await ctx.prisma.decision.findFirst({
    where: { id },
    include: {
      leadDepartment: true,
      tasks: { orderBy: { openedAt: 'asc' } },
      records: { orderBy: { createdAt: 'asc' } },
      documents: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          kind: true,
          fileName: true,
          mimeType: true,
          size: true,
          sha256: true,
          version: true,
          createdAt: true,
          uploadedById: true,
        },
      },
    },
  });
  if (!d) throw notFound('决策');
  const now = new Date();
  const stageStates = d.stageStates as unknown as Record<Stage, StageState>;
  const header = {
    id: d.id,
    number: d.number,
    title: d.title,
    matterType: d.matterType,
    summary: d.summary,
    status: d.status,
    stage: d.stage,
    confidential: d.confidential,
    leadDepartment: { id: d.leadDepartment.id, nameZh: d.leadDepartment.nameZh, nameEn: d.leadDepartment.nameEn },
    createdAt: d.createdAt.toISOString(),
    stages: STAGES.map((s) => ({ stage: s, label: STAGE_LABELS[s], ...(stageStates[s] ?? { status: 'pending' }) })),
  };
  if (access === 'published') {
    // R27 (Art. 32): what was published, not the department's working papers, tasks or audit trail.
    const published = d.records.filter((r) => r.kind === 'publish_decision' || r.stage === 'publication');
    return {
      ...header,
      access,
      openTasks: [],
      tasks: [],
      records: published.map((r) => ({
        id: r.id,
        stage: r.stage,
        kind: r.kind,
        reference: r.reference,
        data: r.data,
        createdAt: r.createdAt.toISOString(),
      })),
      documents: [],
      timeline: [],
    };
  }
  const events = await ctx.prisma.auditEvent.findMany({ where: { decisionId: d.id }, orderBy: { seq: 'asc' } });
  const warn = await warningClassifier(ctx, now);
  const shown = (t: (typeof d.tasks)[number]) => {
    const v = taskView(t, now);
    return { ...v, warning: warn(v) };
  };
  return {
    ...header,
    access,
    launch: d.launch,
    catalogEntry: await catalogEntryOfDecision(ctx, d.id),
    openTasks: d.tasks.filter((t) => t.status === 'open').map(shown),
    tasks: d.tasks.map((t) => ({
      ...shown(t),
      completedAt: t.completedAt?.toISOString() ?? null,
      completedById: t.completedById,
    })),
    records: d.records.map((r) => ({
      id: r.id,
      stage: r.stage,
      kind: r.kind,
      reference: r.reference,
      data: r.data,
      recordedById: r.recordedById,
      createdAt: r.createdAt.toISOString(),
    })),
    documents: d.documents.map((doc) => ({
      ...doc,
      createdAt: doc.createdAt.toISOString(),
      downloadUrl: `/api/documents/${doc.id}`,
    })),
    timeline: events.filter((e) => e.action !== 'task.opened').map(auditView),
    // The workflow engine's ids and its Web UI are for operators (admin); others know the decision by its number.
    ...(user.roles.includes('admin')
      ? {
          temporal: {
            workflowId: d.workflowId,
            webUiUrl: `${ctx.webUiUrl}/namespaces/${encodeURIComponent(ctx.namespace)}/workflows/${encodeURIComponent(d.workflowId)}`,
          },
        }
      : {}),
  };
}

/** An audit event as the trail and the timeline show it. */
export function auditView(e: {
  seq: bigint;
  at: Date;
  actorUserId: string | null;
  actorName: string;
  actorRole: string;
  actorDepartmentId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: unknown;
  hash: string;
  prevHash: string;
}) {
  const data = (e.data ?? {}) as Record<string, unknown>;
  return {
    seq: Number(e.seq),
    at: e.at.toISOString(),
    actor: {
      userId: e.actorUserId,
      name: e.actorName,
      role: e.actorRole,
      departmentId: e.actorDepartmentId,
      /** A substitute's principal: the event reads "X for Y" (X 代 Y). */
      onBehalfOf: (data.onBehalfOf as { userId: string; name: string } | undefined) ?? null,
    },
    action: e.action,
    label: describeAuditAction(e.action, data),
    subject: { type: e.subjectType, id: e.subjectId },
    data,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

/** Whose task it is: named to the user, or to a role they hold (in their department where the task has one). Any task read model. */
export function whoseTasks(user: SessionUser) {
  return personsTasks(user.id, user.roles, user.departmentId);
}

/**
 * Whether the caller reads a decision's task (domain canReadTask): their own task is known from the session alone;
 * only for another's are their relationships loaded and the decision checked.
 */
export async function canReadDecisionTask(
  ctx: ServiceContext,
  user: SessionUser,
  t: { decisionId: string; role: string; departmentId: string | null; assigneeUserId: string | null; status: string },
): Promise<boolean> {
  const self: AccessActor = {
    userId: user.id,
    roles: user.roles,
    departmentId: user.departmentId,
    principalOf: [],
    conflicts: [],
  };
  if (canReadTask(self, t, 'none')) return true;
  const actor = await accessActor(ctx, user);
  const full = await ctx.prisma.decision.findFirst({
    where: { AND: [{ id: t.decisionId }, fullDecisionWhere(actor)] },
    select: { id: true },
  });
  return canReadTask(actor, t, full ? 'full' : 'none');
}

/** One task: the caller's own, or one of a decision they read in full; otherwise it does not exist for them (404). */
export async function getTask(ctx: ServiceContext, user: SessionUser, id: string) {
  const t = await ctx.prisma.task.findUnique({
    where: { id },
    include: { decision: { select: { number: true, title: true } } },
  });
  if (!t) throw notFound('任务');
  if (!t.decisionId) {
    // A review's task (without a decision): readable as the legal center's review task is.
    const { task, review } = await visibleReviewTask(ctx, user, id);
    const subject = {
      id: review.id,
      kind: review.kind,
      number: review.subjectNumber,
      subjectNumber: review.subjectNumber,
      title: review.title,
    };
    const view = taskView(task);
    return {
      ...view,
      warning: (await warningClassifier(ctx))(view),
      subject: { type: 'review' as const, id: review.id, number: review.subjectNumber, title: review.title },
      decision: null,
      review: subject,
      result: task.result,
      completedAt: task.completedAt?.toISOString() ?? null,
    };
  }
  if (!(await canReadDecisionTask(ctx, user, { ...t, decisionId: t.decisionId }))) throw notFound('任务');
  const subject = t.decision
    ? { type: 'decision' as const, id: t.decisionId, number: t.decision.number, title: t.decision.title }
    : null;
  const view = taskView(t);
  return {
    ...view,
    warning: (await warningClassifier(ctx))(view),
    subject,
    decision: t.decision,
    review: null,
    result: t.result,
    completedAt: t.completedAt?.toISOString() ?? null,
  };
}

export async function downloadDocument(ctx: ServiceContext, user: SessionUser, id: string) {
  // A decision's document; a review's files are read under /api/reviews/{id}/documents.
  const found = await ctx.prisma.document.findUnique({ where: { id }, select: { decisionId: true } });
  if (!found?.decisionId) throw notFound('文件');
  const { access } = await decisionAccessOf(ctx, await accessActor(ctx, user), found.decisionId).catch(() => {
    throw notFound('文件');
  });
  if (access !== 'full') throw notInProcedure();
  const doc = await ctx.prisma.document.findUniqueOrThrow({ where: { id } });
  return {
    fileName: doc.fileName,
    mimeType: doc.mimeType,
    sha256: doc.sha256,
    content: Buffer.from(doc.contentBase64, 'base64'),
  };
}
