import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Payload } from '@temporalio/common';
import { json, registry, security } from '../openapi.js';
import type { ServiceContext } from '../services/context.js';
import { bearer, parse, requireUser } from '../http.js';
import { AppError, invalid, fieldIssue } from '../errors.js';
import { appendAudit } from '../../records/audit.js';
import { randomUUID } from 'node:crypto';

const Base64 = z
  .string()
  .max(8_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const WirePayload = z.strictObject({
  metadata: z.record(z.string().max(200), Base64).optional(),
  data: Base64.optional(),
});
const CodecBody = z.strictObject({ payloads: z.array(WirePayload).max(1000) });

const fromWire = (p: z.infer<typeof WirePayload>): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
  ),
  data: p.data === undefined ? undefined : new Uint8Array(Buffer.from(p.data, 'base64')),
});
const toWire = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  ...(p.data ? { data: Buffer.from(p.data).toString('base64') } : {}),
});

const CODEC_COOKIE = 'yifa_codec';

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Temporal's remote codec protocol for operators' tools (the Web UI's codec endpoint, `temporal … --codec-endpoint`):
 * POST /api/temporal-codec/{encode,decode} with {payloads:[…]}. Only an administrator may read payloads; the
 * Temporal Web UI's origin may call it from the browser (CORS). Each use is audited (who, how many payloads).
 */
export function temporalCodecRoutes(r: Router, ctx: ServiceContext) {
  const uiOrigin = URL.canParse(ctx.webUiUrl) ? new URL(ctx.webUiUrl).origin : undefined;
  const cors = (req: Request, res: Response, next: NextFunction) => {
    if (uiOrigin && req.headers.origin === uiOrigin) {
      res.setHeader('Access-Control-Allow-Origin', uiOrigin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') res.status(204).end();
    else next();
  };
  // The Web UI cannot send our bearer token: an administrator's page hands the session to the browser as a cookie
  // scoped to this endpoint (HttpOnly, SameSite=Strict), sent when the UI's codec setting includes credentials.
  registry.registerPath({
    method: 'post',
    path: '/api/temporal-codec/session',
    summary: 'Lets the Temporal Web UI use the codec endpoint with this session (cookie; administrators)',
    tags: ['system'],
    security,
    responses: { 204: { description: 'Cookie set' } },
  });
  r.post('/api/temporal-codec/session', requireUser(ctx, 'admin'), (req, res) => {
    const secure = req.secure ? '; Secure' : '';
    res.setHeader(
      'Set-Cookie',
      `${CODEC_COOKIE}=${encodeURIComponent(bearer(req)!)}; Path=/api/temporal-codec; HttpOnly; SameSite=Strict${secure}`,
    );
    res.status(204).end();
  });
  const cookieSession = (req: Request, _res: Response, next: NextFunction) => {
    if (!req.headers.authorization) {
      const token = cookieValue(req.headers.cookie, CODEC_COOKIE);
      if (token) req.headers.authorization = `Bearer ${token}`;
    }
    next();
  };
  for (const op of ['encode', 'decode'] as const) {
    const path = `/api/temporal-codec/${op}`;
    registry.registerPath({
      method: 'post',
      path,
      summary: `Temporal remote codec: ${op} payloads (administrators)`,
      tags: ['system'],
      security,
      request: { body: { content: { 'application/json': { schema: CodecBody } } } },
      responses: { 200: json(CodecBody) },
    });
    r.options(path, cors);
    r.post(path, cors, cookieSession, requireUser(ctx, 'admin'), async (req, res) => {
      const codec = ctx.payloadCodec;
      if (!codec)
        throw new AppError(503, 'codec_unavailable', 'codec.unavailable', {
          zh: '未配置载荷编解码器',
          en: 'No payload codec configured',
        });
      const { payloads } = parse(CodecBody, req.body);
      let out: Payload[];
      try {
        out = await codec[op](payloads.map(fromWire));
      } catch (err) {
        throw invalid([
          fieldIssue(
            'payloads',
            `无法${op === 'decode' ? '解密' : '加密'}：${(err as Error).message}`,
            `Cannot ${op}: ${(err as Error).message}`,
            'codec.failed',
          ),
        ]);
      }
      const user = req.user!;
      const namespace = req.header('X-Namespace')?.slice(0, 200) ?? null;
      await ctx.prisma.$transaction((tx) =>
        appendAudit(tx, {
          idempotencyKey: `temporal.codec_used:${randomUUID()}`,
          at: new Date(),
          actor: { userId: user.id, name: user.displayName, role: 'admin', departmentId: user.departmentId },
          action: 'temporal.codec_used',
          subjectType: 'temporal',
          subjectId: namespace ?? 'default',
          data: { operation: op, payloads: payloads.length, namespace },
        }),
      );
      res.json({ payloads: out.map(toWire) });
    });
  }
}
