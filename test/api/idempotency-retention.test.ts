/**
 * Issue 13: idempotency records do not pile up. A key's answer is kept YIFA_IDEMPOTENCY_DAYS (default 7); older
 * records are deleted — by each API process on its first keyed request and hourly after — and the same key then
 * runs its request anew.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../api/app.js';
import { idempotencyRetentionDays, pruneIdempotencyRecords } from '../../api/idempotency.js';
import type { ServiceContext } from '../../api/services/context.js';
import { timeSkippingHarness, type Harness } from '../support/temporal.js';

let h: Harness;
const servers: Server[] = [];
const DAY = 86_400_000;

/** A fresh app over the harness's context: a process that has not pruned yet. */
async function appUrl(ctx: ServiceContext): Promise<string> {
  const server: Server = await new Promise((resolve) => {
    const s = createApp(ctx, (l) => console.error(l)).listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
async function tokenOf(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'yifa-demo' }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { token: string }).token;
}
const call = (base: string, token: string, method: string, path: string, body?: unknown, key?: string) =>
  fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { 'Idempotency-Key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const ageRecord = (userId: string, key: string, days: number) =>
  h.db.prisma.idempotencyRecord.update({
    where: { userId_key: { userId, key } },
    data: { createdAt: new Date(Date.now() - days * DAY) },
  });

beforeAll(async () => {
  h = await timeSkippingHarness();
});
afterAll(async () => {
  for (const s of servers) s.close();
  await h?.close();
});

describe('idempotency records are kept for a while, then deleted', () => {
  it('replays a key’s answer while it is kept; once deleted, the same key runs the request anew', async () => {
    const base = await appUrl(h.ctx);
    const token = await tokenOf(base, 'drafter.fgw');
    const userId = (await h.db.prisma.user.findUniqueOrThrow({ where: { username: 'drafter.fgw' } })).id;
    const view = { list: 'inbox', title: '保留期测试', query: { kind: 'submit_draft' } };
    const first = await call(base, token, 'POST', '/api/views', view, 'view-retention-1');
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string };
    expect((await call(base, token, 'DELETE', `/api/views/${created.id}`)).status).toBeLessThan(300);

    // Six days old: still kept, so the retry is answered as the first time (the same id), nothing created.
    await ageRecord(userId, 'view-retention-1', 6);
    await pruneIdempotencyRecords(h.db.prisma);
    const kept = await call(base, token, 'POST', '/api/views', view, 'view-retention-1');
    expect(kept.headers.get('idempotent-replayed')).toBe('true');
    expect(((await kept.json()) as { id: string }).id).toBe(created.id);
    expect(await h.db.prisma.savedView.count({ where: { ownerUserId: userId, title: view.title } })).toBe(0);

    // Eight days old: deleted; the same key and body now create a new view.
    await ageRecord(userId, 'view-retention-1', 8);
    expect(await pruneIdempotencyRecords(h.db.prisma)).toBeGreaterThanOrEqual(1);
    const anew = await call(base, token, 'POST', '/api/views', view, 'view-retention-1');
    expect(anew.status).toBe(201);
    expect(anew.headers.get('idempotent-replayed')).toBeNull();
    expect(((await anew.json()) as { id: string }).id).not.toBe(created.id);
  });

  it('an API process deletes expired records on its first keyed request', async () => {
    const userId = (await h.db.prisma.user.findUniqueOrThrow({ where: { username: 'drafter.zjj' } })).id;
    const record = (key: string, days: number) => ({
      userId,
      key,
      method: 'POST',
      path: '/api/views',
      requestHash: key,
      status: 201,
      body: { id: key },
      createdAt: new Date(Date.now() - days * DAY),
    });
    await h.db.prisma.idempotencyRecord.createMany({ data: [record('old-30', 30), record('recent-1', 1)] });
    const base = await appUrl({ ...h.ctx });
    const token = await tokenOf(base, 'drafter.zjj');
    const view = { list: 'decisions', title: '清理测试', query: { stage: 'launch' } };
    expect((await call(base, token, 'POST', '/api/views', view, 'view-prune-1')).status).toBe(201);
    await vi.waitFor(
      async () => expect(await h.db.prisma.idempotencyRecord.count({ where: { userId, key: 'old-30' } })).toBe(0),
      { timeout: 10_000 },
    );
    const left = await h.db.prisma.idempotencyRecord.findMany({ where: { userId }, select: { key: true } });
    expect(left.map((r) => r.key).sort()).toEqual(['recent-1', 'view-prune-1']);
  });

  it('YIFA_IDEMPOTENCY_DAYS is 7 unless set to a whole number of days; anything else stops the start', () => {
    expect(idempotencyRetentionDays({})).toBe(7);
    expect(idempotencyRetentionDays({ YIFA_IDEMPOTENCY_DAYS: '30' })).toBe(30);
    for (const bad of ['0', '-3', '1.5', 'week'])
      expect(() => idempotencyRetentionDays({ YIFA_IDEMPOTENCY_DAYS: bad })).toThrow(/YIFA_IDEMPOTENCY_DAYS/);
  });
});
