/**
 * Optional OpenID Connect single sign-on (configuration only: YIFA_OIDC_* variables). The authorization-code
 * flow with PKCE, state and nonce through openid-client; the state travels in a short-lived HMAC-signed cookie,
 * so any API process can finish a sign-in another one started. Roles and department come from claims, mapped
 * on every sign-in (the identity provider is authoritative); the user is created on first sign-in.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { ROLES, type Role } from '../../domain/roles.js';
import { appendAudit } from '../../records/audit.js';
import { AppError } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { openSession } from './auth.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This platform's callback, e.g. https://yifa.gov.example/api/auth/oidc/callback (registered at the provider). */
  redirectUri: string;
  scope: string;
  rolesClaim: string;
  departmentClaim: string;
  /** Claim values to roles, e.g. {"fgw-staff":"drafter"}; a value that is already a role name maps to itself. */
  roleMap: Record<string, Role>;
  stateSecret: string;
  /** Plain-HTTP issuer (tests and closed intranets only). */
  allowHttp: boolean;
}

export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | undefined {
  if (!env.YIFA_OIDC_ISSUER) return undefined;
  const need = (k: string) => {
    const v = env[k];
    if (!v) throw new Error(`${k} is required when YIFA_OIDC_ISSUER is set`);
    return v;
  };
  const roleMap = env.YIFA_OIDC_ROLE_MAP ? (JSON.parse(env.YIFA_OIDC_ROLE_MAP) as Record<string, string>) : {};
  for (const [k, v] of Object.entries(roleMap))
    if (!(ROLES as readonly string[]).includes(v))
      throw new Error(`YIFA_OIDC_ROLE_MAP: ${k} maps to unknown role ${v}`);
  return {
    issuer: env.YIFA_OIDC_ISSUER,
    clientId: need('YIFA_OIDC_CLIENT_ID'),
    clientSecret: need('YIFA_OIDC_CLIENT_SECRET'),
    redirectUri: need('YIFA_OIDC_REDIRECT_URI'),
    scope: env.YIFA_OIDC_SCOPE ?? 'openid profile',
    rolesClaim: env.YIFA_OIDC_ROLES_CLAIM ?? 'roles',
    departmentClaim: env.YIFA_OIDC_DEPARTMENT_CLAIM ?? 'department',
    roleMap: roleMap as Record<string, Role>,
    stateSecret: env.YIFA_OIDC_STATE_SECRET ?? need('YIFA_OIDC_CLIENT_SECRET'),
    allowHttp: env.YIFA_OIDC_ALLOW_HTTP === 'true',
  };
}

const ssoRefused = (zh: string, en: string) =>
  new AppError(403, 'sso_refused', 'auth.sso_refused', {
    zh: `统一身份认证登录被拒绝：${zh}`,
    en: `Single sign-on refused: ${en}`,
  });

export const STATE_COOKIE = 'yifa_oidc';
const STATE_TTL_MS = 10 * 60_000;

interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  exp: number;
}

export class SingleSignOn {
  private config?: Promise<oidc.Configuration>;
  constructor(readonly s: OidcSettings) {}

  private configuration(): Promise<oidc.Configuration> {
    this.config ??= oidc
      .discovery(
        new URL(this.s.issuer),
        this.s.clientId,
        this.s.clientSecret,
        undefined,
        this.s.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch(() => {
        this.config = undefined;
        throw new AppError(503, 'sso_unavailable', 'auth.sso_unavailable', {
          zh: '统一身份认证服务暂不可用',
          en: 'The single sign-on provider is unreachable',
        });
      });
    return this.config;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.s.stateSecret).update(payload).digest('base64url');
  }

  /** The provider's authorization URL and the signed cookie that carries state, nonce and PKCE verifier. */
  async start(): Promise<{ url: string; cookie: string }> {
    const config = await this.configuration();
    const flow: FlowState = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      exp: Date.now() + STATE_TTL_MS,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.s.redirectUri,
      scope: this.s.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    const payload = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return { url: url.href, cookie: `${payload}.${this.sign(payload)}` };
  }

  private readCookie(cookie: string | undefined): FlowState {
    const [payload, mac] = (cookie ?? '').split('.');
    const expected = payload ? this.sign(payload) : '';
    if (!payload || !mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected)))
      throw ssoRefused('登录流程已失效，请重新登录', 'the sign-in flow expired; start again');
    const flow = JSON.parse(Buffer.from(payload, 'base64url').toString()) as FlowState;
    if (flow.exp < Date.now())
      throw ssoRefused('登录流程已超时，请重新登录', 'the sign-in flow timed out; start again');
    return flow;
  }

  /** Finishes the flow at the callback: verifies the code, maps the claims and opens a session. */
  async finish(
    ctx: ServiceContext,
    callbackUrl: URL,
    cookie: string | undefined,
    address: string,
  ): Promise<{ token: string; user: SessionUser }> {
    const flow = this.readCookie(cookie);
    const config = await this.configuration();
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      });
      const idClaims = tokens.claims()!;
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw ssoRefused(
        '身份提供方的答复无法验证',
        `the provider's answer could not be verified (${(err as Error).message})`,
      );
    }
    const userId = await this.provision(ctx, claims);
    const session = await openSession(ctx, userId, { method: 'oidc', issuer: String(claims.iss), address });
    return { token: session.token, user: session.user };
  }

  /** Maps roles and department from the claims onto the user (created on first sign-in). */
  private async provision(ctx: ServiceContext, claims: Record<string, unknown>): Promise<string> {
    const subject = `${String(claims.iss)}#${String(claims.sub)}`;
    const raw = claims[this.s.rolesClaim];
    const values = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
    const roles = [
      ...new Set(
        values
          .map((v) => this.s.roleMap[v] ?? ((ROLES as readonly string[]).includes(v) ? (v as Role) : undefined))
          .filter((r): r is Role => Boolean(r)),
      ),
    ];
    if (!roles.length)
      throw ssoRefused(
        `声明 ${this.s.rolesClaim} 中没有可对应的角色`,
        `no role could be mapped from the claim ${this.s.rolesClaim}`,
      );
    const deptValue = String(claims[this.s.departmentClaim] ?? '');
    const dept = deptValue
      ? await ctx.prisma.department.findFirst({ where: { OR: [{ id: deptValue }, { code: deptValue }] } })
      : null;
    if (!dept)
      throw ssoRefused(
        `声明 ${this.s.departmentClaim} 不是已知单位（${deptValue || '缺失'}）`,
        `the claim ${this.s.departmentClaim} names no known department (${deptValue || 'missing'})`,
      );
    const displayName = String(claims.name ?? claims.preferred_username ?? claims.sub).slice(0, 100);
    const actor = { userId: null, name: '统一身份认证', role: 'none' as const, departmentId: null };

    const existing = await ctx.prisma.user.findUnique({ where: { oidcSubject: subject }, include: { roles: true } });
    if (existing) {
      if (!existing.active) throw ssoRefused('该账号已停用', 'the account is disabled');
      const before = {
        departmentId: existing.departmentId,
        roles: existing.roles.map((r) => r.role).sort(),
        displayName: existing.displayName,
      };
      const after = { departmentId: dept.id, roles: [...roles].sort(), displayName };
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        await ctx.prisma.$transaction(async (tx) => {
          await tx.user.update({ where: { id: existing.id }, data: { departmentId: dept.id, displayName } });
          await tx.userRole.deleteMany({ where: { userId: existing.id } });
          await tx.userRole.createMany({ data: roles.map((role) => ({ userId: existing.id, role })) });
          await appendAudit(tx, {
            idempotencyKey: `user.updated:${randomUUID()}`,
            at: new Date(),
            actor,
            action: 'user.updated',
            subjectType: 'user',
            subjectId: existing.id,
            data: { before, after, source: 'oidc' },
          });
        });
      }
      return existing.id;
    }
    const wanted = String(claims.preferred_username ?? '').slice(0, 100);
    const username =
      wanted && !(await ctx.prisma.user.findUnique({ where: { username: wanted } }))
        ? wanted
        : `sso-${randomUUID().slice(0, 8)}`;
    const id = `user-${randomUUID()}`;
    await ctx.prisma.$transaction(async (tx) => {
      // No password: only single sign-on opens a session for this user (until the admin sets one).
      await tx.user.create({
        data: {
          id,
          username,
          displayName,
          departmentId: dept.id,
          passwordHash: '',
          oidcSubject: subject,
          roles: { create: roles.map((role) => ({ role })) },
        },
      });
      await appendAudit(tx, {
        idempotencyKey: `user.created:${id}`,
        at: new Date(),
        actor,
        action: 'user.created',
        subjectType: 'user',
        subjectId: id,
        data: { username, displayName, departmentId: dept.id, roles, source: 'oidc', subject },
      });
    });
    return id;
  }
}
