import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import type { ServiceContext } from '../../api/services/context.js';
import { DEFAULT_PROCEDURE_CONFIG } from '../../domain/config.js';
import { testDatabase } from '../support/database.js';

/** The people the in-process identity provider knows, with the claims it gives out. */
const accounts: Record<string, Record<string, unknown>> = {
  'zhang.wei': { name: '张伟', preferred_username: 'zhang.wei', roles: ['fgw-staff'], department: 'fgw' },
  'li.na': { name: '李娜', preferred_username: 'li.na', roles: ['reviewer', 'unknown-thing'], department: 'dept-sfj' },
  'no.role': { name: '无角色', preferred_username: 'no.role', roles: ['visitor'], department: 'fgw' },
};

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: Server;
let idp: Server;
let base: string;
let issuer: string;

const listen = (s: Server) =>
  new Promise<string>((ok) =>
    s.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
  );

beforeAll(async () => {
  db = await testDatabase();
  idp = createServer();
  issuer = await listen(idp);
  app = createServer();
  base = await listen(app);
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'yifa',
        client_secret: 'yifa-client-secret',
        redirect_uris: [`${base}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], yifa: ['roles', 'department'] },
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, ...accounts[sub] }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key'] },
    // No consent screen: the city's own provider grants what the platform asks for.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid profile yifa');
      await grant.save();
      return grant;
    },
  });
  idp.on('request', provider.callback());
  Object.assign(process.env, {
    YIFA_OIDC_ISSUER: issuer,
    YIFA_OIDC_CLIENT_ID: 'yifa',
    YIFA_OIDC_CLIENT_SECRET: 'yifa-client-secret',
    YIFA_OIDC_REDIRECT_URI: `${base}/api/auth/oidc/callback`,
    YIFA_OIDC_SCOPE: 'openid profile yifa',
    YIFA_OIDC_ROLE_MAP: JSON.stringify({ 'fgw-staff': 'drafter' }),
    YIFA_OIDC_ALLOW_HTTP: 'true',
  });
  const ctx = {
    prisma: db.prisma,
    temporal: undefined as never,
    taskQueue: 'none',
    procedureConfig: DEFAULT_PROCEDURE_CONFIG,
    webUiUrl: 'http://127.0.0.1:8233',
    namespace: 'default',
  } satisfies ServiceContext;
  app.on(
    'request',
    createApp(ctx, (l) => console.error(l)),
  );
});
afterAll(async () => {
  for (const k of Object.keys(process.env)) if (k.startsWith('YIFA_OIDC_')) delete process.env[k];
  app?.close();
  idp?.close();
  await db?.close();
});

/** A browser's walk through the provider's sign-in: cookies per host, forms posted, redirects followed. */
async function signInThroughProvider(login: string): Promise<Response> {
  const jar = new Map<string, Map<string, string>>();
  const cookies = (url: string) =>
    [...(jar.get(new URL(url).host)?.entries() ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (url: string, res: Response) => {
    const host = new URL(url).host;
    if (!jar.has(host)) jar.set(host, new Map());
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.get(host)!.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  let url = `${base}/api/auth/oidc/login`;
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookies(url) },
    });
    keep(url, res);
    if (url.startsWith(`${base}/api/auth/oidc/callback`)) return res;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      init = {};
      continue;
    }
    const html = await res.text();
    expect(res.status, html.slice(0, 300)).toBe(200);
    // The provider's login form.
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
    };
  }
  throw new Error('no callback reached');
}

describe('single sign-on with OpenID Connect (in-process oidc-provider)', () => {
  it('is announced only when configured', async () => {
    expect(await (await fetch(`${base}/api/auth/oidc`)).json()).toEqual({ enabled: true });
  });

  it('signs a new person in, creating the user with the roles and department their claims map to', async () => {
    const callback = await signInThroughProvider('zhang.wei');
    expect(callback.status).toBe(302);
    const m = /^\/#\/sso\/(.+)$/.exec(callback.headers.get('location') ?? '');
    expect(m, callback.headers.get('location') ?? '').not.toBeNull();
    const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${decodeURIComponent(m![1])}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      username: 'zhang.wei',
      displayName: '张伟',
      departmentId: 'dept-fgw',
      roles: ['drafter'],
    });
    const u = await db.prisma.user.findUniqueOrThrow({ where: { username: 'zhang.wei' } });
    expect(u.oidcSubject).toBe(`${issuer}#zhang.wei`);
    expect(u.passwordHash).toBe('');
    // No password sign-in for a single-sign-on user.
    expect(
      (
        await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'zhang.wei', password: `${'x'.repeat(10)}` }),
        })
      ).status,
    ).toBe(401);
    const trail = await db.prisma.auditEvent.findMany({ where: { subjectId: u.id }, orderBy: { seq: 'asc' } });
    expect(trail.map((e) => e.action)).toEqual(['user.created', 'auth.login', 'auth.login_failed']);
    expect(trail[1].data).toMatchObject({ method: 'oidc' });
  });

  it('maps again on the next sign-in (the provider is authoritative); unknown role values are ignored', async () => {
    accounts['zhang.wei'] = { ...accounts['zhang.wei'], department: 'zjj', roles: ['fgw-staff', 'dept_head'] };
    const callback = await signInThroughProvider('zhang.wei');
    const token = decodeURIComponent(/^\/#\/sso\/(.+)$/.exec(callback.headers.get('location')!)![1]);
    const me = (await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      departmentId: string;
      roles: string[];
    };
    expect(me.departmentId).toBe('dept-zjj');
    expect(me.roles.sort()).toEqual(['dept_head', 'drafter']);
    const li = await signInThroughProvider('li.na');
    expect(li.status).toBe(302);
    expect(
      (await db.prisma.user.findUniqueOrThrow({ where: { username: 'li.na' }, include: { roles: true } })).roles.map(
        (r) => r.role,
      ),
    ).toEqual(['reviewer']);
  });

  it('refuses a person whose claims map to no role, and a callback without the signed state', async () => {
    const r = await signInThroughProvider('no.role');
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ error: 'sso_refused', message: { zh: expect.stringContaining('roles') } });
    expect(await db.prisma.user.count({ where: { username: 'no.role' } })).toBe(0);
    const forged = await fetch(`${base}/api/auth/oidc/callback?code=abc&state=def`, { redirect: 'manual' });
    expect(forged.status).toBe(403);
  });
});
