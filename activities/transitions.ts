/**
 * One record activity per transition (issue 13): what a workflow's step writes — a person's completion, the
 * decision's read model moving on, the next tasks opening — written together in ONE transaction with all their
 * audit events, instead of one activity (and transaction) each. The due times of the opened tasks (R33) and their
 * escalation ladders' fire times (R35) are counted here too, on one load of the calendar, and returned to the
 * workflow.
 *
 * Each write is what the single activities write (tasks.ts `openTask` / `recordTaskCompletion`, records.ts
 * `syncDecision`): the same rows, the same audit events with the same keys, in the order the workflow asked for
 * them. A retried transition finds its keys stored and writes nothing twice.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { auditAction } from '../domain/audit-events.js';
import { ladderFor, type EscalationConfig } from '../domain/escalation-config.js';
import type { Due, TaskOwner, TaskView } from '../domain/procedure.js';
import type { Actor } from '../domain/roles.js';
import { r35PlanLadder, type PlannedStep } from '../domain/rules/escalation.js';
import { CALENDAR_FAILURE } from '../domain/rules/working-days.js';
import type { StageState } from '../domain/stages.js';
import { appendAuditMany, auditActor, engineActor, type AuditInput } from '../records/audit.js';
import type { CalendarSource } from '../records/calendar-source.js';
import { createDeadlineActivities, nonRetryableOnCalendarError, type ComputeDeadlineSpec } from './deadlines.js';
import { stepDocuments } from './records.js';
import { dueColumns, ownerOf } from './tasks.js';
import { notifyTaskOpened } from '../records/progress-notices.js';

/** A person completed a task (as `recordTaskCompletion`). */
export type CompletionWrite = TaskOwner & {
  op: 'complete';
  task: TaskView;
  actor: Actor;
  payload: unknown;
  completedAt: string;
};

/** Where the decision stands, for its read model (as `syncDecision`). */
export interface SyncWrite {
  op: 'sync';
  decisionId: string;
  eventKey: string;
  seq: number;
  event: string;
  data: Record<string, unknown>;
  stage: string;
  status: string;
  stageStates: Record<string, StageState>;
}

/** A task opens (as `openTask`); with `dueSpec` its due time is counted here first (as `computeDeadline`). */
export type OpenWrite = TaskOwner & { op: 'open'; task: TaskView; dueSpec?: ComputeDeadlineSpec };

export type TransitionWrite = CompletionWrite | SyncWrite | OpenWrite;

/** What an opened task learned: its due time (or why the calendar could not count it) and its ladder's fire times. */
export interface OpenedTask {
  taskId: string;
  due?: Due;
  /** R32: the calendar could not count the due; the task needs attention. */
  attention?: string;
  /** R35: the ladder for the due time; absent when the calendar could not plan it (the ladder then plans itself). */
  plan?: PlannedStep[];
}

export interface TransitionResult {
  opened: OpenedTask[];
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** The calendar's message when counting failed because of the calendar (R32), else the error is thrown on. */
function calendarMessage(err: unknown): string {
  if (err instanceof ApplicationFailure && err.type === CALENDAR_FAILURE) return err.message;
  throw err;
}

export function createTransitionActivities(deps: {
  prisma: PrismaClient;
  calendar: CalendarSource;
  config: EscalationConfig;
}) {
  const deadlines = createDeadlineActivities(deps.calendar);

  /** Counts an opened task's due time and plans its ladder (R33, R35), before anything is written. */
  async function countOpened(w: OpenWrite): Promise<OpenedTask> {
    const opened: OpenedTask = { taskId: w.task.id };
    if (w.dueSpec) {
      try {
        opened.due = await deadlines.computeDeadline(w.dueSpec);
      } catch (err) {
        opened.attention = calendarMessage(err);
      }
    } else opened.due = w.task.due;
    if (opened.due && !w.task.pausedAt) {
      const dueAt = new Date(opened.due.dueAt);
      try {
        opened.plan = await nonRetryableOnCalendarError(async () =>
          r35PlanLadder(ladderFor(deps.config, w.task.kind), dueAt, await deps.calendar.calendar()),
        );
      } catch (err) {
        calendarMessage(err);
      }
    }
    return opened;
  }

  return {
    /** Writes one transition of a workflow in one transaction (see the file's comment). */
    async recordTransition(a: { writes: TransitionWrite[] }): Promise<TransitionResult> {
      const opened = new Map<string, OpenedTask>();
      for (const w of a.writes) if (w.op === 'open') opened.set(w.task.id, await countOpened(w));
      const openedTask = (w: OpenWrite): TaskView => {
        const o = opened.get(w.task.id);
        if (!w.dueSpec) return w.task;
        return { ...w.task, due: o?.due, ...(o?.attention !== undefined ? { dueAttention: o.attention } : {}) };
      };

      await deps.prisma.$transaction(async (tx) => {
        // What each write's audit event says; a completion first reads the document versions its step saw.
        const events: AuditInput[] = [];
        const documents = new Map<number, unknown>();
        for (const [i, w] of a.writes.entries()) {
          if (w.op === 'complete') {
            const t = w.task;
            const o = ownerOf(w);
            const docs = w.decisionId ? await stepDocuments(tx, w.decisionId, t, w.payload) : undefined;
            documents.set(i, docs);
            events.push({
              idempotencyKey: `task.completed:${t.id}`,
              at: new Date(w.completedAt),
              actor: auditActor(w.actor),
              action: `task.completed.${t.kind}`,
              decisionId: o.auditDecisionId,
              subjectType: 'task',
              subjectId: t.id,
              data: w.decisionId
                ? { kind: t.kind, stage: t.stage, payload: w.payload, documents: docs }
                : { ...o.auditData, kind: t.kind, payload: w.payload },
            });
          } else if (w.op === 'sync') {
            events.push({
              idempotencyKey: w.eventKey,
              at: new Date(),
              actor: engineActor,
              action: auditAction(`procedure.${w.event}`),
              decisionId: w.decisionId,
              subjectType: 'decision',
              subjectId: w.decisionId,
              data: { ...w.data, stage: w.stage, status: w.status },
            });
          } else {
            const t = openedTask(w);
            const o = ownerOf(w);
            events.push({
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
            });
          }
        }
        const fresh = await appendAuditMany(tx, events);

        // The rows of the writes whose events were fresh (a retried transition writes none of them again).
        const latestSync = new Map<string, SyncWrite>();
        const tasks: Prisma.TaskCreateManyInput[] = [];
        const told: Array<Parameters<typeof notifyTaskOpened>[1]> = [];
        for (const [i, w] of a.writes.entries()) {
          if (!fresh[i]) continue;
          if (w.op === 'complete') {
            // A task opened earlier in this transition exists before it is completed.
            if (tasks.length) await tx.task.createMany({ data: tasks.splice(0) });
            const t = w.task;
            const at = new Date(w.completedAt);
            const updated = await tx.task.updateMany({
              where: { id: t.id, status: 'open' },
              data: { status: 'done', completedAt: at, completedById: w.actor.userId, result: json(w.payload) },
            });
            if (updated.count !== 1)
              throw ApplicationFailure.nonRetryable(`task ${t.id} is not open in the read model`, 'NonRetryable');
            if (w.decisionId)
              await tx.stageRecord.create({
                data: {
                  id: `rec:${t.id}`,
                  decisionId: w.decisionId,
                  stage: t.stage,
                  kind: t.kind,
                  data: json(w.payload),
                  documents: json(documents.get(i)),
                  recordedById: w.actor.userId,
                  taskId: t.id,
                  createdAt: at,
                },
              });
          } else if (w.op === 'sync') {
            // Each sync carries the whole state at its step: the newest one is the row's state.
            const prev = latestSync.get(w.decisionId);
            if (!prev || prev.seq < w.seq) latestSync.set(w.decisionId, w);
          } else {
            const t = openedTask(w);
            const row = {
              id: t.id,
              workflowId: t.workflowId,
              ...ownerOf(w).columns,
              kind: t.kind,
              stage: t.stage,
              role: t.role,
              departmentId: t.departmentId ?? null,
              assigneeUserId: t.assigneeUserId ?? null,
              openedAt: new Date(t.openedAt),
              ...dueColumns(t.due, t.dueAttention),
              context: json(t.context),
            };
            tasks.push(row);
            told.push({ ...row, context: t.context });
          }
        }
        for (const s of latestSync.values())
          await tx.decision.updateMany({
            where: { id: s.decisionId, syncSeq: { lt: s.seq } },
            data: {
              stage: s.stage,
              status: s.status,
              stageStates: json(s.stageStates),
              workflowStarted: true,
              syncSeq: s.seq,
            },
          });
        if (tasks.length) await tx.task.createMany({ data: tasks });
        // Issue 16 §3: the opened tasks' people are told (bell and mail as each chose), in this transaction.
        for (const t of told) await notifyTaskOpened(tx, t);
      });
      return { opened: [...opened.values()] };
    },
  };
}

export type TransitionActivities = ReturnType<typeof createTransitionActivities>;
