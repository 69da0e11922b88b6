import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { projectRoot } from '../scripts/lib/tools.js';
import { installRuntime, workflowBundle } from '../scripts/lib/worker.js';
import { temporalSecurity } from '../scripts/lib/temporal-security/client.js';
import { TEST_FIXTURE_TEMPORAL_KEYS } from './support/test-temporal-keys.js';

const folder = join(projectRoot, 'test', 'histories');
const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
const read = (f: string) => JSON.parse(readFileSync(join(folder, f), 'utf8'));
/** Files are named `<run>__<workflowId>.json`: task ids derive from the workflow id, so replay needs the real one. */
const workflowIdOf = (f: string) => f.slice(f.indexOf('__') + 2, -'.json'.length);

/**
 * Histories recorded from the integration run (`RECORD_HISTORIES=1 npx vitest run test/integration`) replay
 * against today's workflow code: a change that would break running procedures fails here.
 */
describe('replaying recorded histories', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it('replays every recorded history without nondeterminism', async () => {
    installRuntime();
    const bundle = await workflowBundle();
    const histories = files.map((f) => ({ workflowId: workflowIdOf(f), history: read(f) }));
    const failures: string[] = [];
    // Histories recorded before the payload codec hold plain payloads, which the codec passes through.
    const { dataConverter } = temporalSecurity(TEST_FIXTURE_TEMPORAL_KEYS);
    for await (const r of Worker.runReplayHistories({ workflowBundle: bundle, dataConverter }, histories))
      if (r.error) failures.push(`${r.workflowId}: ${r.error.message}`);
    expect(failures).toEqual([]);
  }, 120_000);

  it('detects a history that the code would not produce', async () => {
    const file = files.find((f) => !workflowIdOf(f).includes('.legality-review'))!;
    const history = read(file);
    const scheduled = history.events.filter(
      (e: { eventType: string }) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
    );
    scheduled[2].activityTaskScheduledEventAttributes.activityType.name = 'someOtherActivity';
    await expect(
      Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowIdOf(file)),
    ).rejects.toThrow(DeterminismViolationError);
  }, 120_000);

  it('replays a history recorded with the payload codec and sealed messages (test fixture keys)', async () => {
    installRuntime();
    const codecFolder = join(projectRoot, 'test', 'histories-codec');
    const recorded = readdirSync(codecFolder).filter((f) => f.endsWith('.json'));
    expect(recorded.length).toBeGreaterThanOrEqual(1);
    const security = temporalSecurity(TEST_FIXTURE_TEMPORAL_KEYS);
    const bundle = await workflowBundle(security.messageKeys);
    const histories = recorded.map((f) => ({
      workflowId: workflowIdOf(f),
      history: JSON.parse(readFileSync(join(codecFolder, f), 'utf8')),
    }));
    const failures: string[] = [];
    for await (const r of Worker.runReplayHistories(
      { workflowBundle: bundle, dataConverter: security.dataConverter },
      histories,
    ))
      if (r.error) failures.push(`${r.workflowId}: ${r.error.message}`);
    expect(failures).toEqual([]);
  }, 120_000);
});
