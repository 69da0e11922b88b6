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
import type { DeadlineActivities } from '../../activities/deadlines.js';
import type { EscalationActivities } from '../../activities/escalation.js';
import { runningJobs, transitionIdle, transitionWritten } from './transition.js';

const LADDER_ACTIVITIES: ReadonlySet<string> = new Set<keyof EscalationActivities | 'deliverMail'>([
  'planEscalation',
  'runEscalationStep',
  'deliverMail',
]);

/** Activities that only count on the calendar: they need not wait for a transition's writes. */
const COUNTING_ACTIVITIES: ReadonlySet<string> = new Set<keyof DeadlineActivities | 'planEscalation'>([
  'computeDeadline',
  'resumeDeadline',
  'planEscalation',
]);

// Module state is per workflow execution in the TypeScript SDK's isolated workflow context.
let running = 0;

/** True when no procedure activity of this workflow is running. */
export function activitiesSettled(): boolean {
  return running === 0;
}

/**
 * Besides counting activities: with one record per transition (transition.ts), an activity that writes, a child
 * workflow and a signal start only once the transition's queued writes are written, so records keep their order;
 * and the SDK's running of an activation's jobs is marked, so the transition is written only at rest.
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  internals: [
    {
      activate(input, next) {
        runningJobs(true);
        try {
          return next(input);
        } finally {
          runningJobs(false);
        }
      },
    },
  ],
  outbound: [
    {
      scheduleActivity(input, next) {
        const start = () =>
          COUNTING_ACTIVITIES.has(input.activityType) ? next(input) : afterWrites(() => next(input));
        if (LADDER_ACTIVITIES.has(input.activityType)) return start();
        running++;
        return start().finally(() => {
          running--;
        });
      },
      startChildWorkflowExecution: (input, next) => afterWrites(() => next(input)),
      signalWorkflow: (input, next) => afterWrites(() => next(input)),
    },
  ],
});

/** Runs `start` once the queued writes are written (at once, without waiting, when none are queued). */
function afterWrites<T>(start: () => Promise<T>): Promise<T> {
  return transitionIdle() ? start() : transitionWritten().then(start);
}
