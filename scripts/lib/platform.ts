/**
 * Opens what the worker and the API need: the database (migrated when asked), the calendar, the Temporal
 * connection and client. `npm start` runs worker and API in one process on top of this; production runs
 * `npm run worker` and `npm run api` separately against one cluster and one database.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { temporalConfig, type TemporalConfig } from '../../temporal.config.js';
import { openDatabase, type Database } from '../../prisma/database.js';
import { applyMigrations } from '../../prisma/migrate.js';
import { databaseCalendarSource, seedCalendarYears } from '../../records/calendar-source.js';
import type { ServiceContext } from '../../api/services/context.js';
import type { AppConfig } from './config.js';
import { createYifaWorker, installRuntime } from './worker.js';
import { flushOutbox, smtpMailer, startOutboxPoller } from '../../activities/mail.js';
import { startAuditWatch } from '../../records/audit-watch.js';
import { devTemporalKeys } from './temporal-security/keys.js';
import { temporalSecurity, type TemporalSecurity } from './temporal-security/client.js';

export interface Platform {
  db: Database;
  temporal: TemporalConfig;
  connection: Connection;
  ctx: ServiceContext;
  security: TemporalSecurity;
  close(): Promise<void>;
}

/**
 * `devKeysDir`: without configured keys, use (and on first start create) the development keys there (`npm start`);
 * a production process without YIFA_PAYLOAD_KEYS / YIFA_MESSAGE_KEYS does not start.
 */
export async function openPlatform(
  cfg: AppConfig,
  opts: { migrate: boolean; temporalAddress?: string; webUiUrl?: string; devKeysDir?: string },
): Promise<Platform> {
  installRuntime();
  const keys = cfg.temporalKeys ?? (opts.devKeysDir ? devTemporalKeys(opts.devKeysDir).keys : undefined);
  if (!keys) throw new Error('YIFA_PAYLOAD_KEYS and YIFA_MESSAGE_KEYS are required (see README, Configuration)');
  const security = temporalSecurity(keys);
  const t = {
    ...temporalConfig(),
    ...(opts.temporalAddress ? { address: opts.temporalAddress } : {}),
    ...(opts.webUiUrl ? { webUiUrl: opts.webUiUrl } : {}),
  };
  const db = await openDatabase(cfg.databaseUrl);
  if (opts.migrate) await applyMigrations(db);
  await seedCalendarYears(db.prisma);
  const connection = await Connection.connect({ address: t.address, tls: t.tls });
  const client = new Client({
    connection,
    namespace: t.namespace,
    dataConverter: security.dataConverter,
    interceptors: security.clientInterceptors,
  });
  const ctx: ServiceContext = {
    prisma: db.prisma,
    temporal: client,
    taskQueue: t.taskQueue,
    procedureConfig: cfg.procedure,
    webUiUrl: t.webUiUrl,
    namespace: t.namespace,
    payloadCodec: security.codec,
    yellowWorkingDays: cfg.escalation.yellowWorkingDays,
    escalation: { config: cfg.escalation, office: cfg.office },
  };
  return {
    db,
    temporal: t,
    connection,
    ctx,
    security,
    async close() {
      await connection.close();
      await db.close();
    },
  };
}

export async function startWorker(
  p: Platform,
  cfg: AppConfig,
): Promise<{ worker: Worker; running: Promise<void>; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: p.temporal.address, tls: p.temporal.tls });
  const calendar = databaseCalendarSource(p.db.prisma, { deadlineHour: cfg.deadlineHour });
  const mailer = smtpMailer(cfg.smtp);
  const worker = await createYifaWorker({
    connection,
    namespace: p.temporal.namespace,
    taskQueue: p.temporal.taskQueue,
    deps: { prisma: p.db.prisma, calendar, escalation: cfg.escalation, office: cfg.office, mailer },
    security: p.security,
  });
  // The audit chain is verified now and daily while the worker runs; a break notifies the admin and supervisors.
  const stopAuditWatch = startAuditWatch(p.db.prisma, (line) => console.log(`[audit] ${line}`));
  // Mail queued outside a workflow (progress notices, invitations) goes out on the poller's next pass.
  const stopOutbox = startOutboxPoller(p.db.prisma, mailer, cfg.outboxPollSeconds * 1000);
  const running = worker.run().finally(() => {
    stopAuditWatch();
    stopOutbox();
  });
  // Mail queued while no SMTP server was configured goes out now that one is.
  void flushOutbox(p.db.prisma, mailer).catch((err: unknown) => console.error(`outbox: ${(err as Error).message}`));
  return { worker, running, connection };
}
