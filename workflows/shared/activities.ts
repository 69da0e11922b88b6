import { proxyActivities } from '@temporalio/workflow';
import type { YifaActivities } from '../../activities/index.js';

const proxied = proxyActivities<YifaActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 20, initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['NonRetryable'] },
});

// Module state is per workflow execution in the TypeScript SDK's isolated workflow context.
let inFlight = 0;

/** True when no activity of this workflow is running: the procedure has settled after a step. */
export const settled = () => inFlight === 0;

/** Every activity the workflows call (records and deadlines are quick, idempotent writes), counted while running. */
export const acts = new Proxy(proxied, {
  get(target, name: string) {
    const fn = target[name as keyof YifaActivities] as (...args: unknown[]) => Promise<unknown>;
    return async (...args: unknown[]) => {
      inFlight++;
      try {
        return await fn(...args);
      } finally {
        inFlight--;
      }
    };
  },
}) as YifaActivities;
