import { spawn, type ChildProcess } from 'node:child_process';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// First: zod's OpenAPI extension must be in place before the schema modules imported below are evaluated.
import '../../api/openapi.js';
import { needs } from '../support/tools.js';
import { openDatabase, type Database } from '../../prisma/database.js';
import { applyMigrations } from '../../prisma/migrate.js';
import { seedDemoOrganisation } from '../../prisma/seed.js';
import { seedEscalation } from '../../prisma/seed-escalation.js';
import { seedLegalCenter } from '../../prisma/seed-legal-center.js';
import { startDevServer, type DevServer } from '../../scripts/lib/dev-server.js';
import { projectRoot } from '../../scripts/lib/tools.js';
import { ApiClient, freePort } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { TEST_FIXTURE_KEY_ENV } from '../support/test-temporal-keys.js';

/**
 * Production's shape: two worker processes and two API processes (the scripts of `npm run worker` and
 * `npm run api`, as child processes) against one Temporal dev server and one PostgreSQL. PGlite cannot be shared between
 * processes, so this runs only with TEST_DATABASE_URL (CI sets it).
 */
const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl)
  console.log('[processes.test] skipped: TEST_DATABASE_URL is not set (two processes cannot share PGlite)');

describe.runIf(needs('postgresql', 'two workers and two API processes on PostgreSQL'))(
  'two workers and two API processes on one Temporal and one PostgreSQL',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'yifa-2x2-'));
    const children: ChildProcess[] = [];
    const output: string[] = [];
    let dev: DevServer;
    let pg: { url: string; drop(): Promise<void> };
    let db: Database;
    const apis: string[] = [];

    const run = (script: 'worker' | 'api', env: Record<string, string>) => {
      // What `npm run worker` / `npm run api` run, in one process each (so a signal reaches the process itself).
      const child = spawn(process.execPath, ['--import', 'tsx', `scripts/run-${script}.ts`], {
        cwd: projectRoot,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const tag = `[${script} ${children.length}] `;
      child.stdout!.on('data', (d: Buffer) => output.push(tag + d.toString()));
      child.stderr!.on('data', (d: Buffer) => output.push(tag + d.toString()));
      children.push(child);
      return child;
    };

    beforeAll(async () => {
      dev = await startDevServer({ dbFile: join(dir, 'temporal.db'), port: await freePort() });
      pg = await freshPostgresDatabase(serverUrl!);
      db = await openDatabase(pg.url);
      await applyMigrations(db);
      await seedDemoOrganisation(db.prisma);
      await seedEscalation(db.prisma);
      await seedLegalCenter(db.prisma);
      const common = {
        DATABASE_URL: pg.url,
        TEMPORAL_ADDRESS: dev.address,
        TEMPORAL_TASK_QUEUE: 'yifa-2x2',
        HOST: '127.0.0.1',
        ...TEST_FIXTURE_KEY_ENV,
      };
      run('worker', common);
      run('worker', common);
      for (let i = 0; i < 2; i++) {
        const port = await freePort();
        run('api', { ...common, PORT: String(port) });
        apis.push(`http://127.0.0.1:${port}`);
      }
      const until = Date.now() + 120_000;
      // Both workers polling (each bundles the workflow code first), both APIs answering.
      while (output.join('').split('[yifa-worker] polling').length - 1 < 2) {
        if (Date.now() > until) throw new Error(`the workers did not start:\n${output.join('')}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      for (const base of apis) {
        while (
          (await fetch(`${base}/api/health`).then(
            (r) => r.status,
            () => 0,
          )) !== 200
        ) {
          if (Date.now() > until) throw new Error(`${base} did not come up:\n${output.join('')}`);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }, 180_000);

    afterAll(async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
              setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
      await db?.close();
      await dev?.stop();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('shares the work: gap-free numbers, each step once, the same state through either API', async () => {
      const drafters = ['drafter.fgw', 'drafter.zjj', 'drafter.jtysj', 'drafter.jyj'];
      // Signed in through one API, the session works on the other (sessions live in the database).
      const clients = await Promise.all(drafters.map((u, i) => ApiClient.login(apis[i % 2], u)));
      const across = (c: ApiClient) =>
        Object.assign(Object.create(Object.getPrototypeOf(c)) as ApiClient, c, {
          baseUrl: apis[apis.indexOf(c.baseUrl) ^ 1],
        });

      // Twelve launches at once, alternating APIs, two of them retried with their Idempotency-Key on the other API.
      const launches = await Promise.all(
        Array.from({ length: 12 }, (_, i) => {
          const c = clients[i % clients.length];
          const via = i % 2 ? across(c) : c;
          return via.call(
            'POST',
            '/api/decisions',
            baseLaunch({
              title: `并发启动的决策${i + 1}`,
              catalogEntryId: demoCatalogEntryId(drafters[i % drafters.length]!.split('.')[1]!),
            }),
            { 'Idempotency-Key': `2x2-${i}` },
          );
        }),
      );
      for (const r of launches) expect(r.status, JSON.stringify(r.body)).toBe(201);
      const retried = await Promise.all(
        [0, 1].map((i) =>
          across(clients[i % clients.length]).call(
            'POST',
            '/api/decisions',
            baseLaunch({
              title: `并发启动的决策${i + 1}`,
              catalogEntryId: demoCatalogEntryId(drafters[i % drafters.length]!.split('.')[1]!),
            }),
            { 'Idempotency-Key': `2x2-${i}` },
          ),
        ),
      );
      expect(retried.map((r) => r.body.id)).toEqual([launches[0].body.id, launches[1].body.id]);

      const numbers = launches.map((r) => r.body.number as string).sort();
      const year = numbers[0].slice(3, 7);
      expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `JC-${year}-${String(i + 1).padStart(4, '0')}`));
      expect(await db.prisma.decision.count()).toBe(12);

      // Every procedure reaches its first step (the workers ran them) and each step was opened exactly once.
      await expect
        .poll(
          () =>
            db.prisma.auditEvent.count({
              where: { action: 'task.opened', data: { path: ['kind'], equals: 'submit_draft' } },
            }),
          { timeout: 90_000, interval: 500 },
        )
        .toBe(12);
      const ids = launches.map((r) => r.body.id as string);
      for (const id of ids) {
        expect(await db.prisma.auditEvent.count({ where: { decisionId: id, action: 'decision.launched' } })).toBe(1);
        expect(await db.prisma.auditEvent.count({ where: { decisionId: id, action: 'task.opened' } })).toBe(1);
      }

      // One step done through one API is seen done through the other.
      const c0 = clients[0];
      const id0 = launches[0].body.id as string;
      const draft = await c0.ok('POST', `/api/decisions/${id0}/documents`, {
        kind: 'draft',
        fileName: '草案.txt',
        mimeType: 'text/plain',
        contentBase64: Buffer.from('草案').toString('base64'),
      });
      const expl = await across(c0).ok('POST', `/api/decisions/${id0}/documents`, {
        kind: 'explanation',
        fileName: '说明.txt',
        mimeType: 'text/plain',
        contentBase64: Buffer.from('说明').toString('base64'),
      });
      const done = await across(c0).complete(
        id0,
        'submit_draft',
        {
          draftDocumentId: draft.id,
          explanationDocumentId: expl.id,
          contested: false,
          alternativeDocumentIds: [],
          departmentOpinions: [],
        },
        'step-1',
      );
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      const [a, b] = await Promise.all([
        c0.ok('GET', `/api/decisions/${id0}`),
        across(c0).ok('GET', `/api/decisions/${id0}`),
      ]);
      expect(a).toEqual(b);
      expect(
        await db.prisma.auditEvent.count({ where: { decisionId: id0, action: { startsWith: 'task.completed.' } } }),
      ).toBe(1);

      // Both workers took part: the workflow tasks of the twelve procedures name more than one worker identity.
      const connection = await Connection.connect({ address: dev.address });
      try {
        const client = new Client({ connection });
        const identities = new Set<string>();
        for (const r of launches) {
          const history = await client.workflow.getHandle(r.body.number as string).fetchHistory();
          for (const e of history.events ?? []) {
            const who =
              e.workflowTaskCompletedEventAttributes?.identity ?? e.activityTaskStartedEventAttributes?.identity;
            if (who) identities.add(who);
          }
        }
        expect(identities.size, [...identities].join(', ')).toBeGreaterThanOrEqual(2);
      } finally {
        await connection.close();
      }
      expect(output.join('')).not.toMatch(/\b500 (GET|POST)\b/);
    }, 240_000);
  },
);
