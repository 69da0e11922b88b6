/**
 * Mail a person's action queued in the outbox (MailMessage) goes out through the worker's `deliverMail`
 * activity, started after the transaction committed as its own small workflow (one per row: its id is the row's,
 * so a second start is a no-op). When the engine is unreachable the row stays queued and the worker's start-up
 * flush sends it; the caller's action has already succeeded either way.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { OUTBOX_MAIL_WORKFLOW, outboxMailWorkflowId } from '../../domain/messages.js';
import type { ServiceContext } from './context.js';

export async function startMailDelivery(ctx: ServiceContext, mailId: string): Promise<void> {
  try {
    await ctx.temporal.workflow.start(OUTBOX_MAIL_WORKFLOW, {
      workflowId: outboxMailWorkflowId(mailId),
      taskQueue: ctx.taskQueue,
      args: [{ mailId }],
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    console.error(`outbox: ${mailId} stays queued until the worker's next start (${(err as Error).message})`);
  }
}

/** The delivery state of outbox rows, for the pages that show what was mailed. */
export async function deliveryStates(ctx: ServiceContext, mailIds: string[]) {
  const rows = await ctx.prisma.mailMessage.findMany({
    where: { id: { in: mailIds } },
    select: { id: true, state: true, toAddress: true, sentAt: true, attempts: true, lastAttemptAt: true },
  });
  return new Map(rows.map((r) => [r.id, r]));
}
