/**
 * Escalation activities (R35–R37, R40). `planEscalation` turns a due time into the ladder's fire times over the
 * stored calendar; `runEscalationStep` does one fired step in one transaction (records/escalation-step.ts, which
 * the office's bulk 提示 uses too): a retry or a restarted worker finds the step done and returns what it wrote.
 */
import { ApplicationFailure } from '@temporalio/common';
import { nonRetryableOnCalendarError } from './deadlines.js';
import { ladderFor } from '../domain/escalation-config.js';
import { r35PlanLadder, type PlannedStep } from '../domain/rules/escalation.js';
import { runEscalationStep, type EscalationStepDeps, type RunStepInput } from '../records/escalation-step.js';

export type { RunStepInput, StepTask } from '../records/escalation-step.js';
export type EscalationDeps = EscalationStepDeps;

export function createEscalationActivities(deps: EscalationDeps) {
  return {
    /** R35: the fire times of the task kind's ladder for this due time. */
    async planEscalation(a: { kind: string; dueAt: string }): Promise<PlannedStep[]> {
      return nonRetryableOnCalendarError(async () =>
        r35PlanLadder(ladderFor(deps.config, a.kind), new Date(a.dueAt), await deps.calendar.calendar()),
      );
    },

    /** One fired step, done once. Returns the outbox rows for delivery. */
    async runEscalationStep(a: RunStepInput): Promise<{ mailIds: string[]; letterId?: string; skipped: boolean }> {
      const cfgStep = ladderFor(deps.config, a.task.kind).find((s) => s.id === a.step.id);
      if (!cfgStep)
        throw ApplicationFailure.nonRetryable(`no ladder step ${a.step.id} for ${a.task.kind}`, 'NonRetryable');
      const { mailIds, letterId, skipped } = await runEscalationStep(deps, cfgStep, a);
      return { mailIds, letterId, skipped };
    },
  };
}

export type EscalationActivities = ReturnType<typeof createEscalationActivities>;
