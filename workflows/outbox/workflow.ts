import { proxyActivities } from '@temporalio/workflow';
import type { YifaActivities } from '../../activities/index.js';
import type { DeliveryState } from '../../domain/rules/escalation.js';

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

/**
 * Sends one outbox row a person's action queued (an expert's invitation): the same `deliverMail` activity the
 * escalation ladder uses, retried by Temporal while the SMTP server refuses. A row left queued (no SMTP server
 * configured) goes out with the worker's start-up flush.
 */
export async function deliverOutboxMail(a: { mailId: string }): Promise<DeliveryState> {
  return mail.deliverMail(a);
}
