/**
 * R35: a task's escalation ladder as durable timers racing its completion. Each step's fire time comes from the
 * calendar (activity planEscalation); the workflow sleeps until it, unless the task finishes first (the timer
 * is cancelled: nothing not yet fired ever fires) or its due time moves (the ladder is planned again from the
 * new due time). A fired step is one idempotent activity keyed by task, extension round and step, and its mail
 * is delivered by activities Temporal retries; a restarted worker replays the timers and never repeats a step.
 */
import { condition, proxyActivities } from '@temporalio/workflow';
import type { EscalationActivities } from '../../activities/escalation.js';
import type { YifaActivities } from '../../activities/index.js';
import type { Due } from '../../domain/procedure.js';
import { r37StepKey, type PlannedStep } from '../../domain/rules/escalation.js';
import type { TaskKind } from '../../domain/tasks/kinds.js';

// Not counted in the engine's "settled" state: a running ladder step never holds up a task's completion.
const esc = proxyActivities<EscalationActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['NonRetryable'] },
});
const mail = proxyActivities<Pick<YifaActivities, 'deliverMail'>>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 12,
    nonRetryableErrorTypes: ['NonRetryable'],
  },
});

export interface LadderTask {
  id: string;
  kind: TaskKind;
  role: string;
  departmentId?: string;
  assigneeUserId?: string;
  due?: Due;
  pausedAt?: string;
  status: 'open' | 'completing' | 'done' | 'cancelled';
  /** Bumped whenever the due time moves. */
  dueVersion: number;
  /** R32: bumped when the calendar changed but the due did not move: the ladder is planned again. */
  calendarVersion?: number;
  /** Bumped by an extension: the ladder starts again, steps fired before it may fire again (new letters). */
  ladderRound: number;
  /** Fire times already counted for this due time (with the task's opening): used once instead of planEscalation. */
  plannedFor?: { dueAt: string; plan: PlannedStep[] };
}

/** Climbs the ladder of `t` until the task is done or cancelled. */
export async function climbLadder(decisionId: string, t: LadderTask): Promise<void> {
  const finished = () => t.status === 'done' || t.status === 'cancelled';
  const fired = new Set<string>();
  while (!finished()) {
    const version = t.dueVersion;
    const calendarVersion = t.calendarVersion;
    const moved = () => finished() || t.dueVersion !== version || t.calendarVersion !== calendarVersion;
    if (!t.due || t.pausedAt) {
      await condition(moved);
      continue;
    }
    const due = t.due;
    const planned = t.plannedFor?.dueAt === due.dueAt ? t.plannedFor.plan : undefined;
    t.plannedFor = undefined;
    const plan = planned ?? (await esc.planEscalation({ kind: t.kind, dueAt: due.dueAt }));
    for (const step of plan) {
      if (moved()) break;
      const key = r37StepKey(t.id, t.ladderRound, step.id);
      if (fired.has(key)) continue;
      const wait = Date.parse(step.fireAt) - Date.now();
      if (wait > 0 && (await condition(moved, wait))) break;
      if (t.status !== 'open') break;
      fired.add(key);
      const r = await esc.runEscalationStep({
        key,
        decisionId,
        task: { id: t.id, kind: t.kind, role: t.role, departmentId: t.departmentId, assigneeUserId: t.assigneeUserId },
        round: t.ladderRound,
        step,
        dueAt: due.dueAt,
        firedAt: new Date().toISOString(),
      });
      // A recipient whose mail keeps failing is recorded as failed (R36); the ladder goes on.
      await Promise.allSettled(r.mailIds.map((mailId) => mail.deliverMail({ mailId })));
    }
    await condition(moved);
  }
}
