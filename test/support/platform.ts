import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../api/app.js';
import { seedDemoOrganisation } from '../../prisma/seed.js';
import { seedEscalation } from '../../prisma/seed-escalation.js';
import { seedLegalCenter } from '../../prisma/seed-legal-center.js';
import { appConfig, type AppConfig } from '../../scripts/lib/config.js';
import { startDevServer, type DevServer } from '../../scripts/lib/dev-server.js';
import { openPlatform, startWorker, type Platform } from '../../scripts/lib/platform.js';
import { freshPostgresDatabase } from './postgres.js';
import { TEST_FIXTURE_TEMPORAL_KEYS } from './test-temporal-keys.js';

export interface RunningPlatform {
  baseUrl: string;
  platform: Platform;
  dev: DevServer;
  /** Restarts the worker (a crash and restart mid-procedure). */
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

/** A free TCP port on the loopback address. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real platform as `npm start` runs it: the Temporal CLI dev server (its own SQLite file), the database
 * (in-memory PGlite, or a fresh database on TEST_DATABASE_URL's PostgreSQL), the worker and the HTTP app.
 */
export async function startPlatform(
  opts: {
    postgres?: string;
    dataDir?: string;
    config?: Partial<AppConfig>;
    log?: (line: string) => void;
    /** false: no worker in this process (the bench runs one in its own process). */
    worker?: boolean;
  } = {},
): Promise<RunningPlatform> {
  const dir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'yifa-it-'));
  const dev = await startDevServer({ dbFile: join(dir, 'temporal.db'), port: await freePort() });
  const pgDb = opts.postgres ? await freshPostgresDatabase(opts.postgres) : undefined;
  const cfg = {
    ...appConfig({}),
    temporalKeys: TEST_FIXTURE_TEMPORAL_KEYS,
    ...opts.config,
    databaseUrl: pgDb?.url ?? (opts.dataDir ? `pglite:${join(dir, 'pglite')}` : 'pglite:memory'),
  };
  const platform = await openPlatform(cfg, { migrate: true, temporalAddress: dev.address });
  await seedDemoOrganisation(platform.db.prisma);
  await seedEscalation(platform.db.prisma);
  await seedLegalCenter(platform.db.prisma);
  let w = opts.worker === false ? undefined : await startWorker(platform, cfg);
  const server: Server = await new Promise((resolve) => {
    const s = createApp(platform.ctx, opts.log ?? ((l) => console.error(l))).listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    platform,
    dev,
    async restartWorker() {
      if (!w) throw new Error('restartWorker: this platform was started without a worker');
      w.worker.shutdown();
      await w.running;
      await w.connection.close();
      w = await startWorker(platform, cfg);
    },
    async close() {
      server.close();
      w?.worker.shutdown();
      await w?.running.catch(() => undefined);
      await w?.connection.close().catch(() => undefined);
      await platform.close();
      await dev.stop();
      await pgDb?.drop();
      if (!opts.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An HTTP client speaking as one signed-in user. */
export class ApiClient {
  private constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly user: { id: string; username: string; roles: string[] },
  ) {}

  static async login(baseUrl: string, username: string, password = 'yifa-demo'): Promise<ApiClient> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string; user: ApiClient['user'] };
    return new ApiClient(baseUrl, body.token, body.user);
  }

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status >= 300)
      throw new Error(`${method} ${path} as ${this.user.username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Waits until the caller's inbox holds an open task of this kind on the decision. */
  async taskOf(
    decisionId: string,
    kind: string,
    timeoutMs = 20_000,
  ): Promise<{ id: string; due: { dueAt: string; rule: string } | null; context: Record<string, unknown> }> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const inbox = await this.ok<{
        items: Array<{ id: string; kind: string; decisionId: string; due: any; context: any }>;
      }>('GET', `/api/tasks?kind=${encodeURIComponent(kind)}&pageSize=100`);
      const t = inbox.items.find((i) => i.decisionId === decisionId && i.kind === kind);
      if (t) return t;
      if (Date.now() > until) throw new Error(`${this.user.username}: no ${kind} task on ${decisionId}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async complete(decisionId: string, kind: string, payload: unknown, idempotencyKey?: string) {
    const t = await this.taskOf(decisionId, kind);
    return this.call(
      'POST',
      `/api/tasks/${encodeURIComponent(t.id)}/complete`,
      { payload },
      idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
    );
  }
}
