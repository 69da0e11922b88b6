import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import type { Worker } from '@temporalio/worker';
import { DEFAULT_PROCEDURE_CONFIG, type ProcedureConfig } from '../../domain/config.js';
import type { Role } from '../../domain/roles.js';
import type { EscalationConfig } from '../../domain/escalation-config.js';
import { DEFAULT_OFFICE } from '../../records/documents/letters.js';
import type { ServiceContext, SessionUser } from '../../api/services/context.js';
import { temporalTestServerPath } from '../../scripts/lib/tools.js';
import { registerSearchAttributes } from '../../scripts/lib/search-attributes.js';
import { createYifaWorker, installRuntime } from '../../scripts/lib/worker.js';
import { testDatabase } from './database.js';
import { temporalSecurity } from '../../scripts/lib/temporal-security/client.js';
import { TEST_FIXTURE_TEMPORAL_KEYS } from './test-temporal-keys.js';

export type Harness = Awaited<ReturnType<typeof timeSkippingHarness>>;

/**
 * The time-skipping test server, a worker with the real activities, and an in-memory database seeded with
 * the demo organisation: a 30-day comment period takes milliseconds.
 */
export async function timeSkippingHarness(
  config: Partial<ProcedureConfig> = {},
  opts: { escalation?: EscalationConfig } = {},
) {
  installRuntime();
  const security = temporalSecurity(TEST_FIXTURE_TEMPORAL_KEYS);
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    client: { dataConverter: security.dataConverter, interceptors: security.clientInterceptors },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  const db = await testDatabase();
  const taskQueue = `yifa-test-${Math.random().toString(36).slice(2)}`;
  const worker: Worker = await createYifaWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    deps: { prisma: db.prisma, calendar: db.calendar, escalation: opts.escalation },
    security,
  });
  const running = worker.run();
  const ctx: ServiceContext = {
    prisma: db.prisma,
    temporal: env.client,
    taskQueue,
    procedureConfig: { ...DEFAULT_PROCEDURE_CONFIG, ...config },
    webUiUrl: 'http://127.0.0.1:8233',
    namespace: env.namespace ?? 'default',
    payloadCodec: security.codec,
    ...(opts.escalation ? { escalation: { config: opts.escalation, office: DEFAULT_OFFICE } } : {}),
  };
  return {
    env,
    db,
    ctx,
    security,
    taskQueue,
    user: (username: string) => sessionUser(db.prisma, username),
    /** Skips the test server's clock to just past an instant (no-op when already past). */
    async skipPast(iso: string, extraMs = 60_000) {
      const ms = Date.parse(iso) - (await env.currentTimeMs()) + extraMs;
      if (ms > 0) await env.sleep(ms);
    },
    now: async () => new Date(await env.currentTimeMs()),
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.close();
    },
  };
}

/**
 * One harness for a test file: started before its tests (then `ready` sets up what the file keeps of it), closed
 * after them. `let h: Harness; useTimeSkippingHarness((x) => { h = x; });`
 */
export function useTimeSkippingHarness(ready: (h: Harness) => unknown, config: Partial<ProcedureConfig> = {}) {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await timeSkippingHarness(config);
    await ready(h);
  }, 120_000);
  afterAll(async () => h?.close());
}

export async function sessionUser(prisma: ServiceContext['prisma'], username: string): Promise<SessionUser> {
  const u = await prisma.user.findUniqueOrThrow({ where: { username }, include: { roles: true } });
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    departmentId: u.departmentId,
    roles: u.roles.map((r) => r.role as Role),
  };
}
