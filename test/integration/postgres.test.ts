import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../support/tools.js';
import { startPlatform, type RunningPlatform } from '../support/platform.js';
import { carryDecisionThroughHttp, saveHistories } from './procedure-over-http.js';

/** The same journey against a real PostgreSQL (CI installs and starts it; set TEST_DATABASE_URL locally). */
const serverUrl = process.env.TEST_DATABASE_URL;
describe.runIf(needs('postgresql', 'the platform on PostgreSQL'))('the platform on PostgreSQL', () => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startPlatform({ postgres: serverUrl });
  });
  afterAll(async () => p?.close());

  it('carries a decision from launch to archive through HTTP', async () => {
    expect(p.platform.db.kind).toBe('postgres');
    const { number } = await carryDecisionThroughHttp(p);
    await saveHistories(p, number, 'postgres-launch-to-archive');
  });
});
