/**
 * A task's rows in the read model (the one Task table) as a workflow step writes them: a task opening (its row, its
 * people told) and a person's completion (the row closed with its result, a decision's stage record), with the
 * audit events that key them. The one home of these writes: the transition (activities/transitions.ts
 * `recordTransition`) and the single task activities of workflows started before it (activities/tasks.ts
 * `openTask`, `recordTaskCompletion`) both call them, after their event was appended fresh.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Prisma } from '../generated/prisma/client.js';
import type { DocumentRef } from '../domain/document-policy.js';
import type { Due, TaskOwner, TaskView } from '../domain/procedure.js';
import type { Actor } from '../domain/roles.js';
import { auditActor, engineActor, type AuditInput, type Tx } from './audit.js';
import { notifyTasksOpened } from './progress-notices.js';

const json = (v: unknown) => v as Prisma.InputJsonValue;

export function dueColumns(due: Due | undefined, attention?: string) {
  return {
    dueAt: due ? new Date(due.dueAt) : null,
    dueRule: due?.rule ?? null,
    dueBasis: due ? `${due.days} ${due.basis}` : null,
    dueProvisional: due?.provisional ?? false,
    dueFrom: due?.from ? new Date(due.from) : null,
    dueAttention: attention ?? null,
  };
}

/** The owner's columns of a row, and how its audit events name it (a review's events carry its id in their data). */
export function taskOwner(a: { decisionId?: string; reviewId?: string }) {
  if (a.reviewId)
    return {
      columns: { decisionId: null, reviewId: a.reviewId },
      auditDecisionId: null,
      auditData: { reviewId: a.reviewId },
    };
  if (!a.decisionId) throw ApplicationFailure.nonRetryable('a task belongs to a decision or a review', 'NonRetryable');
  return { columns: { decisionId: a.decisionId, reviewId: null }, auditDecisionId: a.decisionId, auditData: {} };
}

/** A task that opens, owned by its decision or review. */
export type OpeningTask = TaskOwner & { task: TaskView };

export function taskOpenedEvent(a: OpeningTask): AuditInput {
  const t = a.task;
  const o = taskOwner(a);
  return {
    idempotencyKey: `task.opened:${t.id}`,
    at: new Date(t.openedAt),
    actor: engineActor,
    action: 'task.opened',
    decisionId: o.auditDecisionId,
    subjectType: 'task',
    subjectId: t.id,
    data: {
      ...o.auditData,
      kind: t.kind,
      role: t.role,
      departmentId: t.departmentId,
      assigneeUserId: t.assigneeUserId,
      due: t.due,
    },
  };
}

/** Creates the rows of tasks whose `task.opened` events were fresh, in one statement, and tells their people. */
export async function openTaskRows(tx: Tx, opening: OpeningTask[]): Promise<void> {
  if (!opening.length) return;
  const rows = opening.map(({ task: t, ...owner }) => ({
    id: t.id,
    workflowId: t.workflowId,
    ...taskOwner(owner).columns,
    kind: t.kind,
    stage: t.stage,
    role: t.role,
    departmentId: t.departmentId ?? null,
    assigneeUserId: t.assigneeUserId ?? null,
    openedAt: new Date(t.openedAt),
    ...dueColumns(t.due, t.dueAttention),
    context: json(t.context),
  }));
  await tx.task.createMany({ data: rows });
  // Issue 16 §3: their people are told (bell and mail as each chose), in this transaction.
  await notifyTasksOpened(
    tx,
    rows.map((r, i) => ({ ...r, context: opening[i]?.task.context })),
  );
}

/** A person's completion of a task. */
export type TaskCompletion = TaskOwner & { task: TaskView; actor: Actor; payload: unknown; completedAt: string };

/** Its audit event; a decision's step names the document versions it saw (see activities/records.ts `stepDocuments`). */
export function taskCompletedEvent(c: TaskCompletion, documents: DocumentRef[] | undefined): AuditInput {
  const t = c.task;
  const o = taskOwner(c);
  return {
    idempotencyKey: `task.completed:${t.id}`,
    at: new Date(c.completedAt),
    actor: auditActor(c.actor),
    action: `task.completed.${t.kind}`,
    decisionId: o.auditDecisionId,
    subjectType: 'task',
    subjectId: t.id,
    data: c.decisionId
      ? { kind: t.kind, stage: t.stage, payload: c.payload, documents }
      : { ...o.auditData, kind: t.kind, payload: c.payload },
  };
}

/**
 * Closes the task with its result (it must be open: it is created before it is completed); a decision's step also
 * gets its stage record with the document versions it saw. Nothing is read back.
 */
export async function completeTaskRow(tx: Tx, c: TaskCompletion, documents: DocumentRef[] | undefined): Promise<void> {
  const t = c.task;
  const at = new Date(c.completedAt);
  const updated = await tx.task.updateMany({
    where: { id: t.id, status: 'open' },
    data: { status: 'done', completedAt: at, completedById: c.actor.userId, result: json(c.payload) },
  });
  if (updated.count !== 1)
    throw ApplicationFailure.nonRetryable(`task ${t.id} is not open in the read model`, 'NonRetryable');
  if (c.decisionId)
    await tx.stageRecord.createMany({
      data: {
        id: `rec:${t.id}`,
        decisionId: c.decisionId,
        stage: t.stage,
        kind: t.kind,
        data: json(c.payload),
        documents: json(documents),
        recordedById: c.actor.userId,
        taskId: t.id,
        createdAt: at,
      },
    });
}
