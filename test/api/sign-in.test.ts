import type { AddressInfo } from 'node:net';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import type { Server } from 'node:http';
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { hashPassword, verifyPassword } from '../../api/services/passwords.js';
import { baseLaunch } from '../support/procedure-driver.js';
import { timeSkippingHarness, type Harness } from '../support/temporal.js';

let h: Harness;
let server: Server;
let base: string;
beforeAll(async () => {
  process.env.YIFA_SIGNIN_MAX_FAILURES = '5';
  process.env.YIFA_SIGNIN_MAX_FAILURES_PER_ADDRESS = '1000';
  h = await timeSkippingHarness();
  server = await new Promise((resolve) => {
    const s = createApp(h.ctx, (l) => console.error(l)).listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await h?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const login = (username: string, password = 'yifa-demo') => post('/api/auth/login', { username, password });
async function tokenOf(username: string, password = 'yifa-demo'): Promise<string> {
  const r = await login(username, password);
  expect(r.status, username).toBe(200);
  return ((await r.json()) as { token: string }).token;
}
const me = (token: string) => fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
const auditCount = (action: string, subjectId?: string) =>
  h.db.prisma.auditEvent.count({ where: { action, ...(subjectId ? { subjectId } : {}) } });

describe('sign-in hardening', () => {
  it('every demo user has their own salted argon2id hash', async () => {
    const users = await h.db.prisma.user.findMany({ select: { passwordHash: true } });
    expect(users.length).toBeGreaterThan(40);
    expect(new Set(users.map((u) => u.passwordHash)).size).toBe(users.length);
    const salts = users.map((u) => u.passwordHash.split('$')[4]);
    expect(new Set(salts).size).toBe(users.length);
    for (const u of users.slice(0, 3)) {
      expect(u.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verify(u.passwordHash, 'yifa-demo')).toBe(true);
    }
  });

  it('locks a user name out after five wrong passwords: the right one is then refused with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await login('reviewer05', `wrong-${i}`)).status).toBe(401);
    const r = await login('reviewer05');
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await r.json()).toMatchObject({
      error: 'locked_out',
      messageKey: 'auth.locked_out',
      message: { zh: expect.stringContaining('分钟'), en: expect.any(String) },
    });
    expect(await auditCount('auth.login_failed', 'user-reviewer05')).toBe(6);
    const last = await h.db.prisma.auditEvent.findFirst({
      where: { action: 'auth.login_failed', subjectId: 'user-reviewer05' },
      orderBy: { seq: 'desc' },
    });
    expect(last?.data).toMatchObject({ reason: 'locked', username: 'reviewer05' });
    // Another user from the same address is not affected; when the lock has passed the right password works.
    expect((await login('reviewer06')).status).toBe(200);
    await h.db.prisma.signInThrottle.update({
      where: { key: 'user:reviewer05' },
      data: { lockedUntil: new Date(Date.now() - 1000), windowStart: new Date(Date.now() - 3600_000) },
    });
    expect((await login('reviewer05')).status).toBe(200);
    expect(await auditCount('auth.login', 'user-reviewer05')).toBe(1);
  });

  it('300 parallel wrong passwords then the right one: still refused', async () => {
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => login('reviewer07', `guess-${i}`).then((r) => r.status)),
    );
    expect(answers.every((s) => s === 401 || s === 429)).toBe(true);
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect((await login('reviewer07')).status).toBe(429);
  });

  it('locks an address out after its own limit, whatever the user names', async () => {
    process.env.YIFA_SIGNIN_MAX_FAILURES_PER_ADDRESS = '3';
    try {
      await h.db.prisma.signInThrottle.deleteMany({ where: { key: { startsWith: 'addr:' } } });
      for (const u of ['nobody-1', 'nobody-2', 'nobody-3']) expect((await login(u, 'x')).status).toBe(401);
      expect((await login('reviewer08')).status).toBe(429);
    } finally {
      process.env.YIFA_SIGNIN_MAX_FAILURES_PER_ADDRESS = '1000';
      await h.db.prisma.signInThrottle.deleteMany({ where: { key: { startsWith: 'addr:' } } });
    }
  });

  it('costs an unknown user one argon2 verification, like a known user with a wrong password', async () => {
    const stored = await hashPassword('yifa-demo');
    await verifyPassword(undefined, 'warm-up'); // the dummy hash is made once
    const time = async (h: string | undefined) => {
      const t = performance.now();
      expect(await verifyPassword(h, 'not-it')).toBe(false);
      return performance.now() - t;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await time(stored));
      unknown.push(await time(undefined));
    }
    // Without the dummy verification an unknown user is answered in microseconds (the issue: 6 vs 25 ms).
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.6);
    expect((await login('no-such-user', 'x')).status).toBe(401);
    expect(await auditCount('auth.login_failed', 'no-such-user')).toBe(1);
  });

  it('changes the password with the old one; every session of the user ends', async () => {
    const a = await tokenOf('secretary2');
    const b = await tokenOf('secretary2');
    const wrong = await post(
      '/api/auth/password',
      { oldPassword: 'not-it', newPassword: 'a-new-password-1' },
      { authorization: `Bearer ${a}` },
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { issues: Array<{ path: string }> }).issues[0].path).toBe('oldPassword');
    const weak = await post(
      '/api/auth/password',
      { oldPassword: 'yifa-demo', newPassword: 'short' },
      { authorization: `Bearer ${a}` },
    );
    expect(weak.status).toBe(400);
    expect((await me(a)).status).toBe(200);
    const ok = await post(
      '/api/auth/password',
      { oldPassword: 'yifa-demo', newPassword: 'a-new-password-1' },
      { authorization: `Bearer ${a}` },
    );
    expect(ok.status).toBe(204);
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(401);
    expect((await login('secretary2')).status).toBe(401);
    await tokenOf('secretary2', 'a-new-password-1');
    expect(await auditCount('auth.password_changed', 'user-secretary2')).toBe(1);
    expect(await auditCount('auth.password_change_failed', 'user-secretary2')).toBe(1);
  });

  it('signs out everywhere, and ends a session idle for longer than the idle timeout', async () => {
    const a = await tokenOf('supervisor2');
    const b = await tokenOf('supervisor2');
    expect((await post('/api/auth/logout-everywhere', {}, { authorization: `Bearer ${a}` })).status).toBe(204);
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(401);
    expect(await auditCount('auth.logout_everywhere', 'user-supervisor2')).toBe(1);

    const c = await tokenOf('supervisor2');
    expect((await me(c)).status).toBe(200);
    await h.db.prisma.session.updateMany({
      where: { userId: 'user-supervisor2' },
      data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
    });
    const idle = await me(c);
    expect(idle.status).toBe(401);
    expect(await idle.json()).toMatchObject({ messageKey: 'auth.session_idle' });
  });

  it('puts security headers on every response: pages, API answers, errors', async () => {
    for (const path of ['/', '/app.js', '/api/health', '/api/nothing', '/api/docs']) {
      const r = await fetch(`${base}${path}`);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("script-src-attr 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-eval');
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });
});

describe('input limits before any work', () => {
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it('refuses a body nested 10,000 deep with 400 (not 500), before signing in', async () => {
    const r = await post('/api/auth/login', nested(10_000));
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({
      error: 'too_deep',
      messageKey: 'error.too_deep',
      message: { zh: expect.stringContaining('嵌套'), en: expect.any(String) },
    });
    const arrays = await post('/api/decisions', '['.repeat(5000) + ']'.repeat(5000));
    expect(arrays.status).toBe(400);
    // Brackets inside strings do not count.
    expect((await post('/api/auth/login', { username: '['.repeat(90), password: '{'.repeat(150) })).status).toBe(401);
  });

  it('refuses an oversized body with 413; uploads may be larger', async () => {
    const big = JSON.stringify({ username: 'x', password: 'y'.repeat(2_000_000) });
    const r = await post('/api/auth/login', big);
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ error: 'too_large', message: { zh: '请求体过大' } });
    const upload = await post('/api/decisions/00000000-0000-0000-0000-000000000000/documents', big);
    expect(upload.status).toBe(401);
  });

  it('ten parallel 10 MB nested bodies do not stall /api/health', async () => {
    const body = '['.repeat(5_000_000) + ']'.repeat(5_000_000);
    const bombs = Array.from({ length: 10 }, () => post('/api/decisions/x/documents', body).then((r) => r.status));
    const t = performance.now();
    const health = await fetch(`${base}/api/health`);
    const healthMs = performance.now() - t;
    const statuses = await Promise.all(bombs);
    expect(statuses.every((s) => s === 400)).toBe(true);
    expect(health.status).toBeLessThan(500);
    // Before the limits: 22 s. Measured here in a few hundred ms on a loaded machine; the bound is generous.
    expect(healthMs).toBeLessThan(5000);
  });
});

describe('idempotency and refusals that write nothing', () => {
  it('the same Idempotency-Key and body launch one decision; another body with that key is 422', async () => {
    const token = await tokenOf('drafter.fgw');
    const before = await h.db.prisma.decision.count();
    const headers = { authorization: `Bearer ${token}`, 'Idempotency-Key': 'launch-fgw-1' };
    const fgw = { catalogEntryId: demoCatalogEntryId('fgw') };
    const first = await post('/api/decisions', baseLaunch(fgw), headers);
    expect(first.status).toBe(201);
    const again = await post('/api/decisions', baseLaunch(fgw), headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = [
      (await first.json()) as { id: string; number: string },
      (await again.json()) as { id: string; number: string },
    ];
    expect(b).toEqual(a);
    expect(await h.db.prisma.decision.count()).toBe(before + 1);
    const other = await post('/api/decisions', baseLaunch({ ...fgw, title: '另一项决策' }), headers);
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ error: 'idempotency_key_reused' });
    // Keys are per user: another drafter's identical key is their own.
    const other2 = await post('/api/decisions', baseLaunch({ catalogEntryId: demoCatalogEntryId('zjj') }), {
      authorization: `Bearer ${await tokenOf('drafter.zjj')}`,
      'Idempotency-Key': 'launch-fgw-1',
    });
    expect(other2.status).toBe(201);
    expect(((await other2.json()) as { id: string }).id).not.toBe(a.id);
    expect(await h.db.prisma.decision.count()).toBe(before + 2);
  });

  it('a refused first request stores nothing under its key: fixed and retried with the same key, it runs', async () => {
    const token = await tokenOf('drafter.jyj');
    const headers = { authorization: `Bearer ${token}`, 'Idempotency-Key': 'launch-jyj-1' };
    const bad = await post('/api/decisions', { title: '缺少字段' }, headers);
    expect(bad.status).toBe(400);
    expect(await h.db.prisma.idempotencyRecord.count({ where: { key: 'launch-jyj-1' } })).toBe(0);
    const fixed = await post(
      '/api/decisions',
      baseLaunch({ title: '修正后的决策', catalogEntryId: demoCatalogEntryId('jyj') }),
      headers,
    );
    expect(fixed.status).toBe(201);
    expect(
      (await post('/api/decisions', baseLaunch(), { ...headers, 'Idempotency-Key': 'x'.repeat(201) })).status,
    ).toBe(400);
  });

  it('a refused evaluation request (409 R30) writes no audit event', async () => {
    const drafter = await tokenOf('drafter.czj');
    const launched = (await (
      await post('/api/decisions', baseLaunch({ catalogEntryId: demoCatalogEntryId('czj') }), {
        authorization: `Bearer ${drafter}`,
      })
    ).json()) as { id: string };
    // The supervising office reads every decision in progress (access policy); a secretary sees it only once on an agenda.
    const supervisor = await tokenOf('supervisor1');
    const before = await h.db.prisma.auditEvent.count({ where: { action: 'evaluation.requested' } });
    const r = await post(
      `/api/decisions/${launched.id}/evaluation-requests`,
      { trigger: 'requested', reason: '社会反映强烈' },
      { authorization: `Bearer ${supervisor}` },
    );
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ rule: 'R30' });
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'evaluation.requested' } })).toBe(before);
  });
});

describe('user administration (admin)', () => {
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const patch = (path: string, body: unknown, token: string) =>
    fetch(`${base}${path}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...as(token) },
      body: JSON.stringify(body),
    });

  it('creates a user, changes roles and department, resets the password and disables them; all audited', async () => {
    const admin = await tokenOf('admin');
    const drafter = await tokenOf('drafter.sthjj');
    expect(
      (
        await post(
          '/api/admin/users',
          { username: 'x', displayName: 'x', departmentId: 'dept-fgw', roles: ['drafter'], password: 'long-enough-1' },
          as(drafter),
        )
      ).status,
    ).toBe(403);

    const bad = await post(
      '/api/admin/users',
      {
        username: 'drafter2.fgw',
        displayName: '发改委经办人2',
        departmentId: 'dept-nowhere',
        roles: ['drafter'],
        password: 'long-enough-1',
      },
      as(admin),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ path: string }> }).issues[0].path).toBe('departmentId');
    const taken = await post(
      '/api/admin/users',
      {
        username: 'drafter.fgw',
        displayName: 'x',
        departmentId: 'dept-fgw',
        roles: ['drafter'],
        password: 'long-enough-1',
      },
      as(admin),
    );
    expect(taken.status).toBe(409);

    const created = await post(
      '/api/admin/users',
      {
        username: 'drafter2.fgw',
        displayName: '发改委经办人2',
        departmentId: 'dept-fgw',
        roles: ['drafter'],
        password: 'long-enough-1',
      },
      as(admin),
    );
    expect(created.status).toBe(201);
    const u = (await created.json()) as { id: string; roles: string[]; active: boolean };
    expect(u).toMatchObject({ roles: ['drafter'], active: true });
    const own = await tokenOf('drafter2.fgw', 'long-enough-1');
    expect(((await (await me(own)).json()) as { departmentId: string }).departmentId).toBe('dept-fgw');

    const moved = await patch(
      `/api/admin/users/${u.id}`,
      { departmentId: 'dept-zjj', roles: ['drafter', 'dept_head'] },
      admin,
    );
    expect(moved.status).toBe(200);
    const after = (await (await me(own)).json()) as { departmentId: string; roles: string[] };
    expect(after.departmentId).toBe('dept-zjj');
    expect(after.roles.sort()).toEqual(['dept_head', 'drafter']);

    expect((await post(`/api/admin/users/${u.id}/password`, { password: 'reset-password-2' }, as(admin))).status).toBe(
      204,
    );
    expect((await me(own)).status).toBe(401);
    const again = await tokenOf('drafter2.fgw', 'reset-password-2');

    expect((await patch(`/api/admin/users/${u.id}`, { active: false }, admin)).status).toBe(200);
    expect((await me(again)).status).toBe(401);
    expect((await login('drafter2.fgw', 'reset-password-2')).status).toBe(401);

    expect((await patch('/api/admin/users/user-admin', { active: false }, admin)).status).toBe(409);
    expect((await patch('/api/admin/users/user-admin', { roles: ['drafter'] }, admin)).status).toBe(409);

    const trail = await h.db.prisma.auditEvent.findMany({
      where: { subjectId: u.id, action: { startsWith: 'user.' } },
      orderBy: { seq: 'asc' },
    });
    expect(trail.map((e) => e.action)).toEqual(['user.created', 'user.updated', 'user.password_reset', 'user.updated']);
    expect(trail.every((e) => e.actorUserId === 'user-admin')).toBe(true);
    expect(trail[3].data).toMatchObject({ before: { active: true }, after: { active: false }, sessionsEnded: 1 });
    const list = (await (await fetch(`${base}/api/admin/users`, { headers: as(admin) })).json()) as {
      items: Array<{ username: string; active: boolean }>;
    };
    expect(list.items.find((x) => x.username === 'drafter2.fgw')?.active).toBe(false);
    expect(JSON.stringify(list)).not.toContain('argon2');
  });
});
