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
import { databaseCalendarSource, seedCalendarYears } from '../../activities/calendar-source.js';
import type { ServiceContext } from '../../api/services/context.js';
import type { AppConfig } from './config.js';
import { createYifaWorker, installRuntime } from './worker.js';
import { flushOutbox, smtpMailer } from '../../activities/mail.js';
import { startAuditWatch } from '../../activities/audit-watch.js';

export interface Platform {
  db: Database;
  temporal: TemporalConfig;
  connection: Connection;
  ctx: ServiceContext;
  close(): Promise<void>;
}

export async function openPlatform(cfg: AppConfig, opts: { migrate: boolean; temporalAddress?: string; webUiUrl?: string }): Promise<Platform> {
  installRuntime();
  const t = { ...temporalConfig(), ...(opts.temporalAddress ? { address: opts.temporalAddress } : {}), ...(opts.webUiUrl ? { webUiUrl: opts.webUiUrl } : {}) };
  const db = await openDatabase(cfg.databaseUrl);
  if (opts.migrate) await applyMigrations(db);
  await seedCalendarYears(db.prisma);
  const connection = await Connection.connect({ address: t.address, tls: t.tls });
  const client = new Client({ connection, namespace: t.namespace });
  const ctx: ServiceContext = { prisma: db.prisma, temporal: client, taskQueue: t.taskQueue, procedureConfig: cfg.procedure, webUiUrl: t.webUiUrl, namespace: t.namespace };
  return {
    db,
    temporal: t,
    connection,
    ctx,
    async close() {
      await connection.close();
      await db.close();
    },
  };
}

export async function startWorker(p: Platform, cfg: AppConfig): Promise<{ worker: Worker; running: Promise<void>; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: p.temporal.address, tls: p.temporal.tls });
  const calendar = databaseCalendarSource(p.db.prisma, { deadlineHour: cfg.deadlineHour });
  const mailer = smtpMailer(cfg.smtp);
  const worker = await createYifaWorker({ connection, namespace: p.temporal.namespace, taskQueue: p.temporal.taskQueue, deps: { prisma: p.db.prisma, calendar, escalation: cfg.escalation, office: cfg.office, mailer } });
  // The audit chain is verified now and daily while the worker runs; a break notifies the admin and supervisors.
  const stopAuditWatch = startAuditWatch(p.db.prisma, (line) => console.log(`[audit] ${line}`));
  const running = worker.run().finally(stopAuditWatch);
  // Mail queued while no SMTP server was configured goes out now that one is.
  void flushOutbox(p.db.prisma, mailer).catch((err: unknown) => console.error(`outbox: ${(err as Error).message}`));
  return { worker, running, connection };
}
