import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  isCancellation,
  log,
  patched,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CompleteTaskRequest, CompleteTaskResult } from '../../domain/messages.js';
import type { Due, TaskOwner, TaskView } from '../../domain/procedure.js';
import type { Role } from '../../domain/roles.js';
import type { Stage } from '../../domain/stages.js';
import { TASK_KINDS, type TaskKind, type TaskPayload } from '../../domain/tasks/kinds.js';
import { checkCompletion, taskClosedViolation, type CompletionContext } from '../../domain/tasks/validate.js';
import { RULE_VIOLATION_FAILURE, type RuleViolation } from '../../domain/violation.js';
import { acts } from './activities.js';
import { activitiesSettled } from './settled.js';
import type { ExtendTaskRequest } from '../../domain/escalation-messages.js';
import { climbLadder } from './escalation.js';
import { CALENDAR_FAILURE } from '../../domain/rules/working-days.js';
import { r34StillOverdue } from '../../domain/rules/extension.js';
import type { PlannedStep } from '../../domain/rules/escalation.js';
import { PATCH_ONE_RECORD_PER_TRANSITION, TransitionBatch } from './transition.js';

/** Patch ids (R32): a calendar change recomputes every due with a spec and re-plans every ladder; a due the calendar cannot compute needs attention. */
export const PATCH_RECOMPUTE_ALL_DUES = 'calendar-recompute-all-dues';
export const PATCH_DUE_NEEDS_ATTENTION = 'calendar-due-needs-attention';
/** Patch id (issue 12 §1): a review without a decision writes its tasks with the one task-activity set. */
export const PATCH_ONE_TASK_TABLE = 'one-task-table';
/** Patch id (R35): a task whose escalation ladder failed is marked "needs attention" for the supervising office. */
export const PATCH_LADDER_FAILURE_NEEDS_ATTENTION = 'ladder-failure-needs-attention';

/** The calendar's message when a deadline activity failed because of the calendar (R32), else undefined. */
export function calendarFailure(err: unknown): string | undefined {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === CALENDAR_FAILURE)
    return err.cause.message;
  return undefined;
}

export interface DueSpec {
  days: number;
  basis: 'working_days' | 'calendar_days';
  rule: string;
  /** Counting starts the day after this instant; default: when the task opens. */
  from?: string;
}

export interface TaskSpec<K extends TaskKind> {
  kind: K;
  /** Unique within the workflow: the task id is `<workflowId>:<step>`. */
  step: string;
  departmentId?: string;
  assigneeUserId?: string;
  /** A due computed by the calendar, or one already computed (a resumed clock). */
  due: DueSpec | { fixed: Due };
  context?: Record<string, unknown>;
  /** Overrides the task kind's stage (e.g. revising a draft after the meeting returned it). */
  stage?: Stage;
}

interface TaskRuntime extends TaskView {
  result?: unknown;
  consumed: boolean;
  dueVersion: number;
  /** R35: bumped by an extension, which starts the escalation ladder again from the new due time. */
  ladderRound: number;
  /** What the calendar counted from, so a provisional due can be recomputed (R32). */
  dueSpec?: DueSpec & { from: string };
  /** The spec of a due computed elsewhere (R17 review clock, R34 resumed clock, extension): recomputed too (R32). */
  fixedSpec?: DueSpec & { from: string };
  /** R32: bumped whenever the calendar changes, so the ladder is planned again even if the due did not move. */
  calendarVersion: number;
  /** R35: the ladder's fire times counted with the task's opening (one record per transition). */
  plannedFor?: { dueAt: string; plan: PlannedStep[] };
}

function specOf(due: Due | undefined): (DueSpec & { from: string }) | undefined {
  return due?.from && due.days > 0 ? { days: due.days, basis: due.basis, rule: due.rule, from: due.from } : undefined;
}

export interface EngineHost {
  decisionId: string;
  /** Facts and configuration the completion rules consult. */
  completionContext(): Omit<CompletionContext, 'now' | 'context'>;
  /** Rules that depend on the whole procedure (e.g. R21 for the meeting outcome). */
  extraViolations?(kind: TaskKind, payload: unknown): RuleViolation[];
  summary(): { stage: string; status: string };
  /** Set for a review without a decision: its tasks belong to the review (`decisionId` is then the review's id too, for the ladder). */
  reviewId?: string;
}

type TaskRecords = Pick<
  typeof acts,
  'openTask' | 'recordTaskCompletion' | 'markTaskOverdue' | 'updateTaskDue' | 'cancelTasks'
>;

/** The same activities under the names review workflows started before the one Task table scheduled. */
const legacyReviewTaskRecords: TaskRecords = {
  openTask: (a) => acts.openReviewTask({ reviewId: a.reviewId!, task: a.task }),
  recordTaskCompletion: (a) =>
    acts.recordReviewTaskCompletion({
      reviewId: a.reviewId!,
      task: a.task,
      actor: a.actor,
      payload: a.payload,
      completedAt: a.completedAt,
    }),
  markTaskOverdue: (a) => acts.markReviewTaskOverdue({ reviewId: a.reviewId!, taskId: a.taskId, dueAt: a.dueAt }),
  updateTaskDue: (a) => acts.updateReviewTaskDue(a),
  cancelTasks: (a) => acts.cancelReviewTasks({ reviewId: a.reviewId!, taskIds: a.taskIds, reason: a.reason }),
};

export function ruleFailure(violations: RuleViolation[]): ApplicationFailure {
  const first = violations[0];
  return ApplicationFailure.create({
    type: RULE_VIOLATION_FAILURE,
    message: `${first.rule}: ${first.message.en}`,
    nonRetryable: true,
    details: violations,
  });
}

/**
 * The human steps of one workflow: opens tasks (with due times from the calendar activity), accepts their
 * completion as a validated update, watches their deadlines and closes them. Shared by the decision workflow,
 * the legality-review workflow and the evaluation workflow.
 *
 * The contract with the workflow that owns it:
 * - the workflow registers the engine's handlers in its own file (`setHandler(completeTask, (r) => engine.complete(r),
 *   { validator: (r) => engine.validate(r) })`, and likewise `openTasks`, `extendTaskDue`, `recomputeDeadlines`);
 * - `run(spec)` opens a task and resolves with its validated payload; the update that completed it answers once
 *   the workflow has **settled** (`settled()`: the result was taken, no task is being opened, no procedure
 *   activity runs — see settled.ts), so the answer and the read model show the next step;
 * - the assignee of an open task changes only through `reassign` (R20);
 * - a task's escalation ladder (R35) runs detached; if it fails, the failure is logged and the task is marked
 *   "needs attention", which the supervising office sees with the overdue tasks.
 */
export class TaskEngine {
  private readonly tasks = new Map<string, TaskRuntime>();
  /** Tasks being opened right now (their due computed, their record written). */
  private opening = 0;
  private readonly workflowId = workflowInfo().workflowId;
  private readonly records: TaskRecords;
  /** What the tasks belong to in the one Task table: the decision, or a review without a decision. */
  private readonly owner: TaskOwner;
  /** Set with the patch `one-record-per-transition`: the step's writes go out together (transition.ts). */
  readonly transition?: TransitionBatch;

  constructor(private readonly host: EngineHost) {
    this.owner = host.reviewId ? { reviewId: host.reviewId } : { decisionId: host.decisionId };
    // A review without a decision started before the one Task table calls the activities by their old names.
    this.records = host.reviewId && !patched(PATCH_ONE_TASK_TABLE) ? legacyReviewTaskRecords : acts;
    if (this.records === acts && patched(PATCH_ONE_RECORD_PER_TRANSITION)) this.transition = new TransitionBatch();
  }

  /** The workflow has settled: no task is being opened, no procedure activity runs, no write is queued. */
  settled(): boolean {
    return this.opening === 0 && activitiesSettled() && (this.transition?.idle() ?? true);
  }

  /** Resolves once every queued write is written (at once without the patch). */
  async drained(): Promise<void> {
    if (this.transition) await this.transition.written();
  }

  /** Handler of `extendTaskDue` (R34): an open task's due time and ladder move to the extension's due. */
  extendDue(req: ExtendTaskRequest): void {
    const t = this.tasks.get(req.taskId);
    if (t?.status === 'open') void this.extend(t, req);
  }

  /** Handler of `recomputeDeadlines` (R32): a calendar year was loaded or withdrawn. */
  recomputeDeadlines(): void {
    if (patched(PATCH_RECOMPUTE_ALL_DUES)) {
      for (const t of this.tasks.values()) if (t.status === 'open') void this.recomputeFromSpec(t);
      return;
    }
    for (const t of this.tasks.values()) if (t.status === 'open' && t.due?.provisional) void this.recompute(t);
  }

  /** The task `taskId` if it is open (waiting for its assignee). */
  openTask(taskId: string | undefined): TaskView | undefined {
    const t = taskId ? this.tasks.get(taskId) : undefined;
    return t?.status === 'open' ? view(t) : undefined;
  }

  /** R20: the open task now waits for `assigneeUserId` (its record was moved by the reassignment's activity). */
  reassign(taskId: string, assigneeUserId: string): void {
    const t = this.tasks.get(taskId);
    if (t?.status === 'open') t.assigneeUserId = assigneeUserId;
  }

  openViews(): TaskView[] {
    return [...this.tasks.values()].filter((t) => t.status === 'open' || t.status === 'completing').map(view);
  }

  get(taskId: string): TaskView | undefined {
    const t = this.tasks.get(taskId);
    return t && view(t);
  }

  /** Opens a task and resolves with its validated payload once the right person completes it. */
  async run<K extends TaskKind>(spec: TaskSpec<K>): Promise<TaskPayload<K>> {
    if (this.transition) return this.runInTransition(spec, this.transition);
    const id = `${this.workflowId}:${spec.step}`;
    const def = TASK_KINDS[spec.kind];
    this.opening++;
    let task: TaskRuntime;
    try {
      const openedAt = new Date().toISOString();
      const dueSpec = 'fixed' in spec.due ? undefined : { ...spec.due, from: spec.due.from ?? openedAt };
      let due: Due | undefined;
      let dueAttention: string | undefined;
      if (dueSpec) {
        try {
          due = await acts.computeDeadline(dueSpec);
        } catch (err) {
          // R32: a calendar that cannot count this due marks the task; the procedure goes on.
          dueAttention = calendarFailure(err);
          if (dueAttention === undefined || !patched(PATCH_DUE_NEEDS_ATTENTION)) throw err;
        }
      } else due = (spec.due as { fixed: Due }).fixed;
      task = {
        id,
        workflowId: this.workflowId,
        kind: spec.kind,
        stage: spec.stage ?? def.stage,
        role: def.role as Role,
        departmentId: spec.departmentId,
        assigneeUserId: spec.assigneeUserId,
        openedAt,
        due,
        ...(dueAttention !== undefined ? { dueAttention } : {}),
        overdue: false,
        status: 'open',
        context: spec.context ?? {},
        consumed: false,
        dueVersion: 0,
        ladderRound: 0,
        dueSpec,
        fixedSpec: dueSpec ? undefined : specOf(due),
        calendarVersion: 0,
      };
      this.tasks.set(id, task);
      await this.records.openTask({ ...this.owner, task: view(task) });
    } finally {
      this.opening--;
    }
    // R35: the escalation ladder races the task's completion (a detached branch that ends with the task).
    void climbLadder(this.host.decisionId, task).catch((err) => this.ladderFailed(task, err));
    await this.watch(task);
    task.consumed = true;
    return task.result as TaskPayload<K>;
  }

  /**
   * `run` with one record per transition: the task opens in the workflow at once and its opening is queued with
   * the step's other writes; the due time and the ladder's plan counted with it arrive when the transition is
   * written, and start the overdue timer and the ladder.
   */
  private async runInTransition<K extends TaskKind>(
    spec: TaskSpec<K>,
    transition: TransitionBatch,
  ): Promise<TaskPayload<K>> {
    const openedAt = new Date().toISOString();
    const dueSpec = 'fixed' in spec.due ? undefined : { ...spec.due, from: spec.due.from ?? openedAt };
    const fixed = 'fixed' in spec.due ? spec.due.fixed : undefined;
    const task: TaskRuntime = {
      id: `${this.workflowId}:${spec.step}`,
      workflowId: this.workflowId,
      kind: spec.kind,
      stage: spec.stage ?? TASK_KINDS[spec.kind].stage,
      role: TASK_KINDS[spec.kind].role as Role,
      departmentId: spec.departmentId,
      assigneeUserId: spec.assigneeUserId,
      openedAt,
      due: fixed,
      overdue: false,
      status: 'open',
      context: spec.context ?? {},
      consumed: false,
      dueVersion: 0,
      ladderRound: 0,
      dueSpec,
      fixedSpec: dueSpec ? undefined : specOf(fixed),
      calendarVersion: 0,
    };
    this.tasks.set(task.id, task);
    transition.open(
      {
        op: 'open',
        ...this.owner,
        task: view(task),
        ...(dueSpec
          ? { dueSpec: { from: dueSpec.from, days: dueSpec.days, basis: dueSpec.basis, rule: dueSpec.rule } }
          : {}),
      },
      (opened) => {
        // A due moved before the opening was written (R17, R34) stays moved; the ladder then plans from it.
        if (dueSpec && task.dueVersion === 0) {
          task.due = opened?.due;
          if (opened?.attention !== undefined) task.dueAttention = opened.attention;
          task.dueVersion++;
        }
        if (opened?.plan && opened.due && task.due?.dueAt === opened.due.dueAt)
          task.plannedFor = { dueAt: opened.due.dueAt, plan: opened.plan };
        if (task.status !== 'open') return;
        // R35: the escalation ladder races the task's completion (a detached branch that ends with the task).
        void climbLadder(this.host.decisionId, task).catch((err) => this.ladderFailed(task, err));
      },
    );
    await this.watch(task);
    task.consumed = true;
    return task.result as TaskPayload<K>;
  }

  /** Moves an open task's due time and its ladder (R17: the center granted a shortened review time). */
  async moveDue(taskId: string, due: Due): Promise<void> {
    const t = this.tasks.get(taskId);
    if (t?.status === 'open') await this.extend(t, { taskId, extensionId: 'r17', due });
  }

  /** Cancels every open task (withdrawal, or a stage ended by something else). */
  async cancelAll(reason: string): Promise<void> {
    const open = [...this.tasks.values()].filter((t) => t.status === 'open');
    for (const t of open) t.status = 'cancelled';
    if (open.length) await this.records.cancelTasks({ ...this.owner, taskIds: open.map((t) => t.id), reason });
  }

  /** Cancels the open tasks of one kind (R9/R12: the stage was turned off); their `run` resolves with no payload. */
  async cancelKind(kind: TaskKind, reason: string): Promise<void> {
    const open = [...this.tasks.values()].filter((t) => t.status === 'open' && t.kind === kind);
    for (const t of open) t.status = 'cancelled';
    if (open.length)
      await this.records.cancelTasks({ decisionId: this.host.decisionId, taskIds: open.map((t) => t.id), reason });
  }

  /** Validator of `completeTask`: refuses (before history) a closed task, an invalid payload or a rule violation. */
  validate({ taskId, payload }: CompleteTaskRequest): void {
    const t = this.tasks.get(taskId);
    if (t?.status !== 'open') throw ruleFailure([taskClosedViolation(taskId)]);
    const check = checkCompletion(t.kind, payload, {
      ...this.host.completionContext(),
      now: new Date(),
      context: t.context,
    });
    if (!check.ok && check.kind === 'invalid')
      throw ApplicationFailure.create({
        type: 'InvalidPayload',
        message: 'invalid payload',
        nonRetryable: true,
        details: [check.issues],
      });
    if (!check.ok) throw ruleFailure(check.violations);
    const extra = this.host.extraViolations?.(t.kind, check.payload) ?? [];
    if (extra.length) throw ruleFailure(extra);
  }

  /** Handler of `completeTask`: records the completion, hands the payload to `run`, answers once settled. */
  async complete({ taskId, actor, payload }: CompleteTaskRequest): Promise<CompleteTaskResult> {
    const t = this.tasks.get(taskId);
    if (t?.status !== 'open') throw ruleFailure([taskClosedViolation(taskId)]);
    const check = checkCompletion(t.kind, payload, {
      ...this.host.completionContext(),
      now: new Date(),
      context: t.context,
    });
    if (!check.ok)
      throw ruleFailure(check.ok === false && check.kind === 'rule' ? check.violations : [taskClosedViolation(taskId)]);
    t.status = 'completing';
    if (this.transition) {
      // One record per transition: the workflow goes on at once; the answer waits until the step is written.
      const written = this.transition.complete({
        op: 'complete',
        ...this.owner,
        task: view(t),
        actor,
        payload: check.payload,
        completedAt: new Date().toISOString(),
      });
      t.result = check.payload;
      t.status = 'done';
      await written;
      await condition(() => t.consumed && this.settled());
      return { task: view(t), openTasks: this.openViews(), ...this.host.summary() };
    }
    try {
      await this.records.recordTaskCompletion({
        ...this.owner,
        task: view(t),
        actor,
        payload: check.payload,
        completedAt: new Date().toISOString(),
      });
    } catch (err) {
      t.status = 'open';
      throw err;
    }
    t.result = check.payload;
    t.status = 'done';
    await condition(() => t.consumed && this.settled());
    return { task: view(t), openTasks: this.openViews(), ...this.host.summary() };
  }

  /** Waits for completion; marks the task overdue when its due time passes; follows moved deadlines. */
  private async watch(t: TaskRuntime): Promise<void> {
    const finished = () => t.status === 'done' || t.status === 'cancelled';
    while (!finished()) {
      const version = t.dueVersion;
      const moved = () => finished() || t.dueVersion !== version;
      if (!t.due || t.pausedAt || t.overdue) {
        await condition(moved);
        continue;
      }
      const ms = Math.max(Date.parse(t.due.dueAt) - Date.now(), 1);
      const changed = await condition(moved, ms);
      if (!changed && t.status === 'open') {
        t.overdue = true;
        await this.records.markTaskOverdue({ ...this.owner, taskId: t.id, dueAt: t.due.dueAt });
        this.publishOverdue();
      }
    }
    if (t.overdue) this.publishOverdue();
  }

  /**
   * R35: the ladder stopped on an error nothing retries (a calendar that cannot plan it, a step refused). The
   * task goes on without reminders; the worker log says why and the task is marked "needs attention" for the
   * supervising office, which then reminds by hand.
   */
  private async ladderFailed(t: TaskRuntime, err: unknown): Promise<void> {
    // A withdrawn decision cancels its ladders with everything else: nothing went wrong.
    if (isCancellation(err)) return;
    const reason =
      err instanceof ActivityFailure && err.cause
        ? err.cause.message
        : err instanceof Error
          ? err.message
          : String(err);
    log.error('escalation ladder failed', { taskId: t.id, kind: t.kind, error: reason });
    if (t.status !== 'open' || !patched(PATCH_LADDER_FAILURE_NEEDS_ATTENTION)) return;
    const attention = `催办未能进行（${reason}），请督查机构人工催办`;
    t.dueAttention = attention;
    await this.records.updateTaskDue({
      taskId: t.id,
      due: t.due,
      pausedAt: t.pausedAt,
      attention,
      version: `ladder.${t.ladderRound}`,
    });
  }

  private publishOverdue(): void {
    const overdue = [...this.tasks.values()].some((x) => x.status === 'open' && x.overdue);
    upsertSearchAttributes({ YifaOverdue: [overdue] });
  }

  /** R34: the supervising office extended the due time: the overdue timer and the ladder follow it. */
  private async extend(t: TaskRuntime, req: ExtendTaskRequest): Promise<void> {
    t.due = req.due;
    t.dueSpec = undefined;
    t.fixedSpec = specOf(req.due);
    t.dueAttention = undefined;
    t.overdue = r34StillOverdue(t.overdue, req.due, Date.now());
    t.dueVersion++;
    t.ladderRound++;
    await this.records.updateTaskDue({ taskId: t.id, due: req.due, pausedAt: t.pausedAt });
    this.publishOverdue();
  }

  /** R32: a calendar year was loaded; a provisional due time is recomputed and its timer moved. */
  private async recompute(t: TaskRuntime): Promise<void> {
    if (!t.dueSpec) return;
    const due = await acts.computeDeadline(t.dueSpec);
    if (t.status !== 'open' || (due.dueAt === t.due?.dueAt && due.provisional === t.due?.provisional)) return;
    t.due = due;
    t.overdue = Date.parse(due.dueAt) <= Date.now() ? t.overdue : false;
    t.dueVersion++;
    await this.records.updateTaskDue({ taskId: t.id, due, pausedAt: t.pausedAt });
  }

  /**
   * R32 (patched): a calendar year was loaded or withdrawn. Every due with a spec — computed here, or fixed
   * elsewhere (R17 review clock, R34 resumed clock, extension) — is counted again; a due that moves moves its
   * overdue timer and ladder, one that does not still has its ladder planned again on the new calendar. A
   * calendar that cannot count the due marks the task "needs attention" instead of failing the workflow.
   */
  private async recomputeFromSpec(t: TaskRuntime): Promise<void> {
    const spec = t.dueSpec ?? t.fixedSpec;
    if (!spec) {
      t.calendarVersion++;
      return;
    }
    let due: Due;
    try {
      due = await acts.computeDeadline(spec);
    } catch (err) {
      const attention = calendarFailure(err);
      if (attention === undefined) throw err;
      if (t.status !== 'open' || t.dueAttention === attention) return;
      t.dueAttention = attention;
      await this.records.updateTaskDue({
        taskId: t.id,
        due: t.due,
        pausedAt: t.pausedAt,
        attention,
        version: `${t.dueVersion}.${t.calendarVersion}`,
      });
      return;
    }
    if (t.status !== 'open') return;
    const had = t.dueAttention;
    t.dueAttention = undefined;
    if (!had && due.dueAt === t.due?.dueAt && due.provisional === t.due?.provisional) {
      t.calendarVersion++;
      return;
    }
    t.due = due;
    t.overdue = Date.parse(due.dueAt) <= Date.now() ? t.overdue : false;
    t.dueVersion++;
    // Keyed by the version: a due that moves back to an earlier value (a withdrawn year) is recorded again.
    await this.records.updateTaskDue({ taskId: t.id, due, pausedAt: t.pausedAt, version: String(t.dueVersion) });
  }
}

function view(t: TaskRuntime): TaskView {
  const {
    result: _r,
    consumed: _c,
    dueVersion: _d,
    ladderRound: _l,
    dueSpec: _s,
    fixedSpec: _f,
    calendarVersion: _v,
    plannedFor: _p,
    ...rest
  } = t;
  return { ...rest, context: { ...rest.context } };
}
