import type { Router } from 'express';
import { z } from 'zod';
import { json, registry } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { STATE_COOKIE, SingleSignOn, oidcSettings } from '../services/oidc.js';

const cookieOf = (header: string | undefined, name: string) =>
  header
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === name)?.[1];

/** Single sign-on routes; without YIFA_OIDC_ISSUER only the status answers (enabled: false). */
export function oidcRoutes(r: Router, ctx: ServiceContext) {
  const settings = oidcSettings();
  const sso = settings && new SingleSignOn(settings);
  const secure = settings?.redirectUri.startsWith('https:') ? '; Secure' : '';

  registry.registerPath({
    method: 'get',
    path: '/api/auth/oidc',
    summary: 'Whether single sign-on (OpenID Connect) is configured',
    tags: ['auth'],
    responses: { 200: json(z.object({ enabled: z.boolean() })) },
  });
  r.get('/api/auth/oidc', (_req, res) => {
    res.json({ enabled: Boolean(sso) });
  });
  if (!sso) return;

  r.get('/api/auth/oidc/login', async (_req, res) => {
    const { url, cookie } = await sso.start();
    res.setHeader(
      'Set-Cookie',
      `${STATE_COOKIE}=${cookie}; HttpOnly; SameSite=Lax; Path=/api/auth/oidc; Max-Age=600${secure}`,
    );
    res.redirect(302, url);
  });

  r.get('/api/auth/oidc/callback', async (req, res) => {
    const callback = new URL(settings!.redirectUri);
    callback.search = new URL(req.originalUrl, 'http://x').search;
    const { token } = await sso.finish(ctx, callback, cookieOf(req.headers.cookie, STATE_COOKIE), req.ip ?? 'unknown');
    res.setHeader('Set-Cookie', `${STATE_COOKIE}=; HttpOnly; SameSite=Lax; Path=/api/auth/oidc; Max-Age=0${secure}`);
    // The token goes to the page in the fragment (never sent to a server, not in logs); the page stores it.
    res.redirect(302, `/#/sso/${encodeURIComponent(token)}`);
  });
}
