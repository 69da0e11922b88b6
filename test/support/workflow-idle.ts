import type { Client } from '@temporalio/client';

/**
 * Waits until a workflow has taken every event it was given and runs nothing: its last workflow task completed
 * and every activity it scheduled closed. It then waits only on timers or people, so a "nothing fired" check
 * can follow without a real-time sleep.
 */
export async function workflowIdle(client: Client, workflowId: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await isIdle(client, workflowId)) return;
    if (Date.now() > until) throw new Error(`timed out waiting for workflow ${workflowId} to settle`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function isIdle(client: Client, workflowId: string): Promise<boolean> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  let lastScheduled = -1;
  let lastCompleted = -1;
  let open = 0;
  history.events?.forEach((e, i) => {
    if (e.workflowTaskScheduledEventAttributes) lastScheduled = i;
    if (e.workflowTaskCompletedEventAttributes) lastCompleted = i;
    if (e.activityTaskScheduledEventAttributes) open++;
    if (
      e.activityTaskCompletedEventAttributes ||
      e.activityTaskFailedEventAttributes ||
      e.activityTaskTimedOutEventAttributes ||
      e.activityTaskCanceledEventAttributes
    )
      open--;
  });
  return lastCompleted > lastScheduled && open === 0;
}
