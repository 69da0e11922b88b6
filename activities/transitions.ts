/**
 * One record activity per transition (issue 13): what a workflow's step writes — a person's completion, the
 * decision's read model moving on, the next tasks opening — written together in ONE transaction with all their
 * audit events, instead of one activity (and transaction) each. The due times of the opened tasks (R33) and their
 * escalation ladders' fire times (R35) are counted here too, on one load of the calendar, and returned to the
 * workflow.
 *
 * Each write is what the single activities write (tasks.ts `openTask` / `recordTaskCompletion` — both write
 * through records/task-rows.ts — and records.ts `syncDecision`): the same rows, the same audit events with the
 * same keys, in the order the workflow asked for them, each kind of row inserted in one statement. A retried
 * transition finds its keys stored and writes nothing twice.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { auditAction } from '../domain/audit-events.js';
import type { DocumentRef } from '../domain/document-policy.js';
import { ladderFor, type EscalationConfig } from '../domain/escalation-config.js';
import type { Due, TaskOwner, TaskView } from '../domain/procedure.js';
import type { Actor } from '../domain/roles.js';
import { r35PlanLadder, type PlannedStep } from '../domain/rules/escalation.js';
import { CALENDAR_FAILURE, type WorkingCalendar } from '../domain/rules/working-days.js';
import type { StageState } from '../domain/stages.js';
import { appendAuditMany, engineActor, type AuditInput } from '../records/audit.js';
import type { CalendarSource } from '../records/calendar-source.js';
import {
  completeTaskRow,
  openTaskRows,
  taskCompletedEvent,
  taskOpenedEvent,
  taskOwner,
  type OpeningTask,
} from '../records/task-rows.js';
import { createDeadlineActivities, nonRetryableOnCalendarError, type ComputeDeadlineSpec } from './deadlines.js';
import { stepDocuments } from './records.js';

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
  /**
   * Counts an opened task's due time and plans its ladder (R33, R35), before anything is written, on the
   * transition's one load of the calendar.
   */
  async function countOpened(w: OpenWrite, calendar: () => Promise<WorkingCalendar>): Promise<OpenedTask> {
    const opened: OpenedTask = { taskId: w.task.id };
    if (w.dueSpec) {
      try {
        opened.due = await createDeadlineActivities({ calendar }).computeDeadline(w.dueSpec);
      } catch (err) {
        opened.attention = calendarMessage(err);
      }
    } else opened.due = w.task.due;
    if (opened.due && !w.task.pausedAt) {
      const dueAt = new Date(opened.due.dueAt);
      try {
        opened.plan = await nonRetryableOnCalendarError(async () =>
          r35PlanLadder(ladderFor(deps.config, w.task.kind), dueAt, await calendar()),
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
      // The calendar is loaded (its version checked) once for the whole transition, and only if a task opens.
      let loaded: Promise<WorkingCalendar> | undefined;
      const calendar = () => {
        loaded ??= deps.calendar.calendar();
        return loaded;
      };
      const opened = new Map<string, OpenedTask>();
      for (const w of a.writes) if (w.op === 'open') opened.set(w.task.id, await countOpened(w, calendar));
      const openedTask = (w: OpenWrite): OpeningTask => {
        const o = opened.get(w.task.id);
        const task = w.dueSpec
          ? { ...w.task, due: o?.due, ...(o?.attention !== undefined ? { dueAttention: o.attention } : {}) }
          : w.task;
        return { ...w, task };
      };

      await deps.prisma.$transaction(async (tx) => {
        // What each write's audit event says; a completion first reads the document versions its step saw.
        const events: AuditInput[] = [];
        const documents = new Map<number, DocumentRef[] | undefined>();
        for (const [i, w] of a.writes.entries()) {
          if (w.op === 'complete') {
            taskOwner(w);
            const docs = w.decisionId ? await stepDocuments(tx, w.decisionId, w.task, w.payload) : undefined;
            documents.set(i, docs);
            events.push(taskCompletedEvent(w, docs));
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
          } else events.push(taskOpenedEvent(openedTask(w)));
        }
        const fresh = await appendAuditMany(tx, events);

        // The rows of the writes whose events were fresh (a retried transition writes none of them again).
        const latestSync = new Map<string, SyncWrite>();
        const opening: OpeningTask[] = [];
        for (const [i, w] of a.writes.entries()) {
          if (!fresh[i]) continue;
          if (w.op === 'complete') {
            // A task opened earlier in this transition exists before it is completed.
            await openTaskRows(tx, opening.splice(0));
            await completeTaskRow(tx, w, documents.get(i));
          } else if (w.op === 'sync') {
            // Each sync carries the whole state at its step: the newest one is the row's state.
            const prev = latestSync.get(w.decisionId);
            if (!prev || prev.seq < w.seq) latestSync.set(w.decisionId, w);
          } else opening.push(openedTask(w));
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
        await openTaskRows(tx, opening);
      });
      return { opened: [...opened.values()] };
    },
  };
}

export type TransitionActivities = ReturnType<typeof createTransitionActivities>;
