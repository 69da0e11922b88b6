import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { SubmittedFileSchema } from '../../domain/review/submission.js';
import { timeSkippingHarness, type Harness } from '../support/temporal.js';

let h: Harness;
let server: Server;
let base: string;
let token: string;
beforeAll(async () => {
  h = await timeSkippingHarness();
  server = await new Promise((resolve) => {
    const s = createApp(h.ctx).listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'drafter.jtysj', password: 'yifa-demo' }),
  });
  token = ((await res.json()) as { token: string }).token;
});
afterAll(async () => {
  server?.close();
  await h?.close();
});

const call = (method: string, path: string, body?: string, auth = true) =>
  fetch(`${base}${path}`, {
    method,
    body,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(auth ? { authorization: `Bearer ${token}` } : {}),
    },
  });

describe('bad input gets a clear 4xx, never a 500', () => {
  it('refuses text PostgreSQL cannot store (NUL, lone surrogates) with the field named', async () => {
    const r = await call('POST', '/api/auth/login', JSON.stringify({ username: 'a\u0000b', password: 'x' }), false);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { issues: Array<{ path: string }> }).issues[0].path).toBe('username');
    const r2 = await call('POST', '/api/decisions', '{"title":"\\ud800x"}');
    expect(r2.status).toBe(400);
    expect((await call('GET', '/api/tasks/a%00b')).status).toBe(400);
  });

  it('answers malformed JSON, unknown endpoints and bad MIME types in both languages', async () => {
    const bad = await call('POST', '/api/decisions', '{"title":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: 'invalid_request',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    expect((await call('GET', '/api/nothing-here')).status).toBe(404);
    expect((await call('GET', '/api/decisions', undefined, false)).status).toBe(401);
    const mime = await call(
      'POST',
      '/api/decisions/00000000-0000-0000-0000-000000000000/documents',
      JSON.stringify({ kind: 'draft', fileName: 'a.txt', mimeType: 'text/plain\r\nX: y', contentBase64: 'YQ==' }),
    );
    expect(mime.status).toBe(400);
    expect(((await mime.json()) as { issues: Array<{ path: string }> }).issues[0].path).toBe('mimeType');
  });

  it('refuses a MIME type that cannot go into a header, for review files too (found by the fuzz run as a 500 on download)', async () => {
    const bad = { fileName: 'a.txt', mimeType: 'text/plain\r\nX: y', contentBase64: 'YQ==' };
    expect(SubmittedFileSchema.safeParse(bad).success).toBe(false);
    expect(SubmittedFileSchema.safeParse({ ...bad, mimeType: 'text/plain; charset=utf-8' }).success).toBe(true);
    const r = await call('POST', '/api/reviews', JSON.stringify({ kind: 'contract', title: '合同', draft: bad }));
    expect(r.status).toBe(400);
    expect(((await r.json()) as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toContain(
      'draft.mimeType',
    );
  });

  it('writes nothing when a launch is refused', async () => {
    const before = await h.db.prisma.decision.count();
    const r = await call('POST', '/api/decisions', JSON.stringify({ title: '缺少字段' }));
    expect(r.status).toBe(400);
    expect(await h.db.prisma.decision.count()).toBe(before);
  });
});
