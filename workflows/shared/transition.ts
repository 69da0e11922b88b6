/**
 * One record activity per transition (issue 13, patch `one-record-per-transition`). A step of a workflow — a
 * person completes a task, the stages move on, the next tasks open — used to write each record with its own
 * activity (a completion, four read-model syncs, three due times, three task openings, three ladder plans for
 * `submit_draft`). With the patch the task engine and the procedure queue those writes here instead, and the
 * workflow goes on at once; when it comes to rest (every branch waits for a person, a timer or a write) the queue
 * is written by ONE local activity, `recordTransition`, in one transaction, which also counts the opened tasks'
 * due times and plans their ladders. The decision's search attributes are upserted once per transition.
 *
 * "At rest" is observed where the SDK looks at blocked conditions: after an activation's jobs ran and every
 * promise reaction they caused has run (see `interceptors` in settled.ts, which marks the jobs themselves). Any
 * other activity, child workflow or signal the workflow starts waits until the queue is written, so the records
 * keep the order the workflow made them in. A completion's update answers only after its transition is written.
 */
import { CancellationScope, condition, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type {
  OpenedTask,
  TransitionActivities,
  TransitionResult,
  TransitionWrite,
} from '../../activities/transitions.js';

export const PATCH_ONE_RECORD_PER_TRANSITION = 'one-record-per-transition';
export const TRANSITION_ACTIVITY: keyof TransitionActivities = 'recordTransition';

// A short database write: local (no server round trips for scheduling and completing it); retried like `acts`.
const rec = proxyLocalActivities<TransitionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    maximumAttempts: 20,
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: ['NonRetryable'],
  },
});

type SearchAttributes = Parameters<typeof upsertSearchAttributes>[0];

interface Queued {
  write: TransitionWrite;
  /** Called once the transition is written, with what the activity counted (synchronously, before settling). */
  done?: (r: TransitionResult) => void;
  failed?: (err: unknown) => void;
}

// Module state is per workflow execution in the TypeScript SDK's isolated workflow context.
let current: TransitionBatch | undefined;
let inJobs = false;

/** Marks the SDK running an activation's jobs (conditions looked at then are not at rest). */
export function runningJobs(running: boolean): void {
  inJobs = running;
}

/** Nothing is queued or being written (always so for a workflow without the patch). */
export function transitionIdle(): boolean {
  return current?.idle() ?? true;
}

/** Resolves once the queued writes are written (at once when nothing is queued or there is no batch). */
export function transitionWritten(): Promise<void> {
  return current ? current.written() : Promise.resolve();
}

/** A condition looked at only at rest: never on its first, eager evaluation, never while jobs run. */
function atRest(fn: () => boolean): Promise<void> {
  let eager = true;
  const rest = condition(() => !eager && !inJobs && fn());
  eager = false;
  return rest;
}

export class TransitionBatch {
  private queue: Queued[] = [];
  private writing = false;
  private failure: unknown;
  private published = '';
  private attributes?: SearchAttributes;

  constructor() {
    current = this;
    // Records are written even when the workflow is being cancelled (a withdrawal cancels a review workflow).
    void CancellationScope.nonCancellable(() => this.loop());
  }

  /** No write is queued or being written. */
  idle(): boolean {
    return this.queue.length === 0 && !this.writing;
  }

  async written(): Promise<void> {
    if (this.idle()) return;
    await condition(() => this.idle() || this.failure !== undefined);
    if (this.failure !== undefined) throw this.failure;
  }

  /** Queues a write; `done` receives the transition's result once written. */
  add(write: TransitionWrite, done?: (r: TransitionResult) => void, failed?: (err: unknown) => void): void {
    this.queue.push({ write, done, failed });
  }

  /** Queues a completion; resolves once it is written (rejects if the transition could not be). */
  complete(write: TransitionWrite): Promise<void> {
    return new Promise((resolve, reject) => this.add(write, () => resolve(), reject));
  }

  /** Queues a task's opening; `opened` gets its due time and ladder plan once written. */
  open(write: TransitionWrite & { op: 'open' }, opened: (o: OpenedTask | undefined) => void): void {
    this.add(write, (r) => opened(r.opened.find((o) => o.taskId === write.task.id)));
  }

  /** The search attributes to upsert with the next transition (the last asked for wins). */
  publish(attributes: SearchAttributes): void {
    this.attributes = attributes;
  }

  private async loop(): Promise<void> {
    for (;;) {
      await atRest(() => this.queue.length > 0);
      const batch = this.queue.splice(0);
      this.writing = true;
      if (this.attributes && JSON.stringify(this.attributes) !== this.published) {
        this.published = JSON.stringify(this.attributes);
        upsertSearchAttributes(this.attributes);
      }
      try {
        const r = await rec.recordTransition({ writes: batch.map((q) => q.write) });
        for (const q of batch) q.done?.(r);
      } catch (err) {
        // A transition that cannot be written stops the workflow's progress where it is (like a failed record activity).
        this.failure = err;
        for (const q of batch) q.failed?.(err);
        this.writing = false;
        throw err;
      }
      this.writing = false;
    }
  }
}
