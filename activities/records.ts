/**
 * Activities that write the procedure's records and read model. Each is keyed (task id, workflow step), so a
 * retried activity never writes twice, and writes its audit event in the same transaction.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Actor } from '../domain/roles.js';
import type { Due, TaskView } from '../domain/procedure.js';
import type { StageState } from '../domain/stages.js';
import { appendAudit, engineActor, auditActor } from '../records/audit.js';
import { auditAction } from '../domain/audit-events.js';
import { currentMaterials, type DocumentRef } from '../domain/document-policy.js';
import { referencedDocumentIds } from '../domain/tasks/fields.js';
import { documentRefs } from '../records/document-versions.js';
import type { Tx } from '../records/audit.js';

/** Steps that rely on the procedure's current materials (R21-R27): they record the versions they relied on. */
const RELIES_ON_MATERIALS = new Set(['approve_submission', 'report_to_party_committee', 'place_on_agenda', 'publish_decision']);

/**
 * The exact document versions a step saw (issue 9 §1): those its payload names, those its task showed (the
 * reviewer's materials), and for the steps that rely on them the current materials as last submitted.
 */
export async function stepDocuments(tx: Tx, decisionId: string, t: Pick<TaskView, 'kind' | 'context'>, payload: unknown): Promise<DocumentRef[]> {
  const named = await documentRefs(tx, [...referencedDocumentIds(t.context), ...referencedDocumentIds(payload)]);
  if (!RELIES_ON_MATERIALS.has(t.kind)) return named;
  const records = await tx.stageRecord.findMany({ where: { decisionId }, orderBy: { createdAt: 'asc' }, select: { documents: true } });
  const materials = currentMaterials(records.map((r) => ({ documents: r.documents as unknown as DocumentRef[] })));
  return [...materials, ...named.filter((n) => !materials.some((m) => m.id === n.id))];
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

export function createRecordActivities(prisma: PrismaClient) {
  return {
    /** Mirrors where the procedure stands into the decision's row (read model) with an engine audit event. */
    async syncDecision(a: { decisionId: string; eventKey: string; seq: number; event: string; data: Record<string, unknown>; stage: string; status: string; stageStates: Record<string, StageState> }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, {
          idempotencyKey: a.eventKey,
          at: new Date(),
          actor: engineActor,
          action: auditAction(`procedure.${a.event}`),
          decisionId: a.decisionId,
          subjectType: 'decision',
          subjectId: a.decisionId,
          data: { ...a.data, stage: a.stage, status: a.status },
        });
        // Concurrent stages sync concurrently: only a newer state than the one stored is written.
        if (fresh)
          await tx.decision.updateMany({
            where: { id: a.decisionId, syncSeq: { lt: a.seq } },
            data: { stage: a.stage, status: a.status, stageStates: json(a.stageStates), workflowStarted: true, syncSeq: a.seq },
          });
      });
    },

    /** Opens (upserts) a human task in the read model. */
    async openTask(a: { decisionId: string; task: TaskView }): Promise<void> {
      const t = a.task;
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, {
          idempotencyKey: `task.opened:${t.id}`,
          at: new Date(t.openedAt),
          actor: engineActor,
          action: 'task.opened',
          decisionId: a.decisionId,
          subjectType: 'task',
          subjectId: t.id,
          data: { kind: t.kind, role: t.role, departmentId: t.departmentId, assigneeUserId: t.assigneeUserId, due: t.due },
        });
        if (!fresh) return;
        await tx.task.create({
          data: {
            id: t.id,
            workflowId: t.workflowId,
            decisionId: a.decisionId,
            kind: t.kind,
            stage: t.stage,
            role: t.role,
            departmentId: t.departmentId ?? null,
            assigneeUserId: t.assigneeUserId ?? null,
            openedAt: new Date(t.openedAt),
            ...dueColumns(t.due, t.dueAttention),
            context: json(t.context),
          },
        });
      });
    },

    /** Records a person's completion of a task: the task closes, its stage record and audit event are written. */
    async recordTaskCompletion(a: { decisionId: string; task: TaskView; actor: Actor; payload: unknown; completedAt: string }): Promise<void> {
      const t = a.task;
      const at = new Date(a.completedAt);
      await prisma.$transaction(async (tx) => {
        const documents = await stepDocuments(tx, a.decisionId, t, a.payload);
        const fresh = await appendAudit(tx, {
          idempotencyKey: `task.completed:${t.id}`,
          at,
          actor: auditActor(a.actor),
          action: `task.completed.${t.kind}`,
          decisionId: a.decisionId,
          subjectType: 'task',
          subjectId: t.id,
          data: { kind: t.kind, stage: t.stage, payload: a.payload, documents },
        });
        if (!fresh) return;
        const updated = await tx.task.updateMany({
          where: { id: t.id, status: 'open' },
          data: { status: 'done', completedAt: at, completedById: a.actor.userId, result: json(a.payload) },
        });
        if (updated.count !== 1) throw ApplicationFailure.nonRetryable(`task ${t.id} is not open in the read model`, 'NonRetryable');
        await tx.stageRecord.create({
          data: { id: `rec:${t.id}`, decisionId: a.decisionId, stage: t.stage, kind: t.kind, data: json(a.payload), documents: json(documents), recordedById: a.actor.userId, taskId: t.id, createdAt: at },
        });
      });
    },

    /** The due time passed with the task still open: it shows as overdue (R35's ladder hangs on this later). */
    async markTaskOverdue(a: { decisionId: string; taskId: string; dueAt: string }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, {
          idempotencyKey: `task.overdue:${a.taskId}:${a.dueAt}`,
          at: new Date(),
          actor: engineActor,
          action: 'task.overdue',
          decisionId: a.decisionId,
          subjectType: 'task',
          subjectId: a.taskId,
          data: { dueAt: a.dueAt },
        });
        if (fresh) await tx.task.updateMany({ where: { id: a.taskId, status: 'open' }, data: { overdueAt: new Date() } });
      });
    },

    /** A moved due time (R32 recomputation, R34 clock stop). */
    async updateTaskDue(a: { taskId: string; due?: Due; pausedAt?: string; attention?: string; version?: string }): Promise<void> {
      const task = await prisma.task.findUnique({ where: { id: a.taskId }, select: { decisionId: true, dueAt: true, dueProvisional: true } });
      if (!task) return;
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, {
          idempotencyKey: `task.due_moved:${a.taskId}:${a.due?.dueAt}:${a.due?.provisional}:${a.pausedAt ?? ''}${a.attention ? `:attention:${a.attention}` : ''}${a.version ? `:v${a.version}` : ''}`,
          at: new Date(),
          actor: engineActor,
          action: 'task.due_moved',
          decisionId: task.decisionId,
          subjectType: 'task',
          subjectId: a.taskId,
          data: { before: { dueAt: task.dueAt?.toISOString(), provisional: task.dueProvisional }, after: a.due, pausedAt: a.pausedAt, ...(a.attention ? { attention: a.attention } : {}) },
        });
        if (fresh)
          await tx.task.update({ where: { id: a.taskId }, data: { ...dueColumns(a.due, a.attention), pausedAt: a.pausedAt ? new Date(a.pausedAt) : null, overdueAt: null } });
      });
    },

    async cancelTasks(a: { decisionId: string; taskIds: string[]; reason: string }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        for (const id of a.taskIds) {
          const fresh = await appendAudit(tx, { idempotencyKey: `task.cancelled:${id}`, at: new Date(), actor: engineActor, action: 'task.cancelled', decisionId: a.decisionId, subjectType: 'task', subjectId: id, data: { reason: a.reason } });
          if (fresh) await tx.task.updateMany({ where: { id, status: 'open' }, data: { status: 'cancelled', completedAt: new Date() } });
        }
      });
    },

    /** A step the engine took (e.g. materials returned for supplement), recorded once. */
    async recordEngineEvent(a: { decisionId: string; key: string; action: string; data: Record<string, unknown> }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, { idempotencyKey: a.key, at: new Date(), actor: engineActor, action: auditAction(a.action), decisionId: a.decisionId, subjectType: 'decision', subjectId: a.decisionId, data: a.data });
        if (fresh) await tx.stageRecord.create({ data: { id: `rec:${a.key}`, decisionId: a.decisionId, stage: String(a.data.stage ?? 'legality_review'), kind: a.action, data: json(a.data) } });
        // R30, R31: an evaluation that suspends or terminates the decision changes its status; continuing after a suspension restores it.
        if (fresh && a.action === 'evaluation.concluded') {
          const status = decisionStatusAfterEvaluation(a.data.status, (await tx.decision.findUniqueOrThrow({ where: { id: a.decisionId }, select: { status: true } })).status);
          if (status) await tx.decision.update({ where: { id: a.decisionId }, data: { status } });
        }
      });
    },

    /** A person's action the workflow accepted outside a task (e.g. withdrawal), recorded once. */
    async recordPersonEvent(a: { decisionId: string; key: string; actor: Actor; action: string; data: Record<string, unknown> }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, { idempotencyKey: a.key, at: new Date(), actor: auditActor(a.actor), action: auditAction(a.action), decisionId: a.decisionId, subjectType: 'decision', subjectId: a.decisionId, data: a.data });
        if (fresh) await tx.stageRecord.create({ data: { id: `rec:${a.key}`, decisionId: a.decisionId, stage: String(a.data.stage ?? ''), kind: a.action, data: json(a.data), recordedById: a.actor.userId } });
        // R31: the chief executive's emergency suspension: the decision is suspended until an evaluation resumes or adjusts it.
        if (fresh && a.action === 'implementation.emergency_suspended') await tx.decision.update({ where: { id: a.decisionId }, data: { status: 'suspended' } });
      });
    },
  };
}

function dueColumns(due: Due | undefined, attention?: string) {
  return {
    dueAt: due ? new Date(due.dueAt) : null,
    dueRule: due?.rule ?? null,
    dueBasis: due ? `${due.days} ${due.basis}` : null,
    dueProvisional: due?.provisional ?? false,
    dueFrom: due?.from ? new Date(due.from) : null,
    dueAttention: attention ?? null,
  };
}

/** The decision's status after an evaluation concluded with the given implementation status, if it changes. */
export function decisionStatusAfterEvaluation(implementation: unknown, current: string): 'suspended' | 'terminated' | 'closed' | undefined {
  if (implementation === 'suspended' || implementation === 'terminated') return implementation;
  if (implementation === 'implementing' && current === 'suspended') return 'closed';
  return undefined;
}
