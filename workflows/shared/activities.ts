import { proxyActivities } from '@temporalio/workflow';
import type { YifaActivities } from '../../activities/index.js';

/** Every activity the workflows call (records and deadlines are quick, idempotent writes); see settled.ts for when they hold up an answer. */
export const acts: YifaActivities = proxyActivities<YifaActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    maximumAttempts: 20,
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: ['NonRetryable'],
  },
});
