/**
 * The workflow's "settled" state: when a task-completing update may answer. After a person completes a task the
 * workflow takes the result and moves on — it writes the read model (records activities), computes due times,
 * opens the next tasks — and comes to rest waiting for a person, a timer or a signal. The update answers only
 * then, so the caller reads the next step from the read model. The workflow is settled while no procedure
 * activity runs; the task engine adds that no task is being opened and the completed task's result was taken.
 *
 * The activities are observed where the SDK schedules them (an outbound interceptor, registered with the
 * worker's workflow bundle), not by wrapping the activity proxy. The escalation ladder's activities do not count:
 * a ladder step (its plan, its letters, their mail) runs detached and never holds up an answer.
 */
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';
import type { EscalationActivities } from '../../activities/escalation.js';

const LADDER_ACTIVITIES: ReadonlySet<string> = new Set<keyof EscalationActivities | 'deliverMail'>([
  'planEscalation',
  'runEscalationStep',
  'deliverMail',
]);

// Module state is per workflow execution in the TypeScript SDK's isolated workflow context.
let running = 0;

/** True when no procedure activity of this workflow is running. */
export function activitiesSettled(): boolean {
  return running === 0;
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      scheduleActivity(input, next) {
        if (LADDER_ACTIVITIES.has(input.activityType)) return next(input);
        running++;
        return next(input).finally(() => {
          running--;
        });
      },
    },
  ],
});
