import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, WorkflowUpdateFailedError, type WorkflowClientInterceptor } from '@temporalio/client';
import { ApplicationFailure, type Payload } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { createApp } from '../../api/app.js';
import { completeTask, procedureState } from '../../domain/messages.js';
import { extendTaskDue } from '../../domain/escalation-messages.js';
import { SEAL_REFUSED } from '../../workflows/seal-interceptors.js';
import { sealingInterceptor } from '../../scripts/lib/temporal-security/client.js';
import { ENCRYPTED_ENCODING } from '../../scripts/lib/temporal-security/codec.js';
import { projectRoot } from '../../scripts/lib/tools.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { ProcedureDriver, payloads } from '../support/procedure-driver.js';
import { workflowIdle } from '../support/workflow-idle.js';

let h: Harness;
let drive: ProcedureDriver;
let server: Server | undefined;
let base = '';
useTimeSkippingHarness(async (x) => {
  h = x;
  drive = new ProcedureDriver(h.ctx, h.user);
  server = await new Promise<Server>((resolve) => {
    const s = createApp(h.ctx).listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
});

const TITLE = '关于保密试点事项调整的决定（编解码测试）';
const forgedActor = { userId: 'user-drafter.jtysj', name: '冒名者', role: 'drafter', departmentId: 'dept-jtysj' };

/** A client as an intruder builds one: straight to the frontend, with or without the payload codec, with its own interceptors. */
const intruder = (opts: { codec: boolean; interceptors?: WorkflowClientInterceptor[] }) =>
  new Client({
    connection: h.env.connection,
    namespace: h.ctx.namespace,
    ...(opts.codec ? { dataConverter: h.security.dataConverter } : {}),
    interceptors: { workflow: opts.interceptors ?? [] },
  });

/** Changes the actor after the genuine interceptor sealed the request: a seal made with the real key, for another actor. */
const swapActor: WorkflowClientInterceptor = {
  async startUpdate(input, next) {
    const [req] = input.args as [{ actor: unknown }];
    return next({
      ...input,
      args: [{ ...req, actor: { ...forgedActor, userId: 'user-head.jtysj', name: '处长', role: 'dept_head' } }],
    });
  },
};

async function launched() {
  const d = await drive.launch('drafter.jtysj', { title: TITLE });
  const row = await h.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } });
  const task = await drive.task(d.id, 'submit_draft');
  // The task row is written by the transition's local activity before its workflow task (carrying the search
  // attributes) completes: wait for the workflow to settle.
  await workflowIdle(h.ctx.temporal, row.workflowId!);
  return { d, workflowId: row.workflowId!, task };
}

/** `RECORD_HISTORIES=1`: keeps the history for test/replay.test.ts (recorded with the test fixture keys). */
function record(run: string, workflowId: string, history: Parameters<typeof historyToJSON>[0]) {
  if (!process.env.RECORD_HISTORIES) return;
  const folder = join(projectRoot, 'test', 'histories-codec');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${run}__${workflowId}.json`), historyToJSON(history));
}

/** Every byte string of a fetched history, as Temporal stores it. */
function historyBytes(history: unknown): Buffer {
  const parts: Buffer[] = [];
  const walk = (v: unknown) => {
    if (v instanceof Uint8Array) parts.push(Buffer.from(v));
    else if (typeof v === 'string') parts.push(Buffer.from(v));
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(history);
  return Buffer.concat(parts);
}

describe('a forged completeTask sent straight to Temporal', () => {
  it('is refused before it enters history and leaves no record, whether unsealed, sealed with another key, or re-sealed with a forged actor', async () => {
    const { d, workflowId, task } = await launched();
    const auditBefore = await h.db.prisma.auditEvent.count({ where: { decisionId: d.id } });
    const attackerKeys = { current: 'test-fixture-1', keys: { 'test-fixture-1': randomBytes(32).toString('hex') } };
    const attempts = {
      raw: intruder({ codec: false }),
      codecOnly: intruder({ codec: true }),
      otherKey: intruder({ codec: true, interceptors: [sealingInterceptor(attackerKeys)] }),
      forgedActorAfterSeal: intruder({
        codec: true,
        interceptors: [sealingInterceptor(h.security.messageKeys), swapActor],
      }),
    };
    const payload = payloads.submit_draft({ draft: 'doc-forged', explanation: 'doc-forged' });
    for (const [name, client] of Object.entries(attempts)) {
      const err = await client.workflow
        .getHandle(workflowId)
        .executeUpdate(completeTask, {
          args: [{ taskId: task.id, actor: forgedActor as never, payload }],
          updateId: `forged-${name}`,
        })
        .then(
          () => 'accepted',
          (e: unknown) => e,
        );
      expect(err, name).toBeInstanceOf(Error);
      // Without the payload key the intruder cannot even read the refusal's details.
      if (name === 'raw') continue;
      expect(err, name).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (err as WorkflowUpdateFailedError).cause;
      expect(cause, name).toBeInstanceOf(ApplicationFailure);
      expect((cause as ApplicationFailure).type, name).toBe(SEAL_REFUSED);
    }

    const history = await h.ctx.temporal.workflow.getHandle(workflowId).fetchHistory();
    const updateEvents = (history.events ?? []).filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateCompletedEventAttributes,
    );
    expect(updateEvents).toEqual([]);
    expect(await h.db.prisma.auditEvent.count({ where: { decisionId: d.id } })).toBe(auditBefore);
    expect(await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: 'open',
      completedAt: null,
    });

    // The API, whose client seals with the message key, still completes the step.
    const draft = await drive.upload('drafter.jtysj', d.id, 'draft');
    const explanation = await drive.upload('drafter.jtysj', d.id, 'explanation');
    await drive.complete(
      d.id,
      'submit_draft',
      'drafter.jtysj',
      payloads.submit_draft({ draft: draft.id, explanation: explanation.id }),
    );
    expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('done');
    record('codec-sealed-update', workflowId, await h.ctx.temporal.workflow.getHandle(workflowId).fetchHistory());
  });

  it('a forged signal (an extension of a due time) is dropped unread', async () => {
    const { workflowId, task } = await launched();
    const due = {
      dueAt: '2099-01-01T10:00:00.000Z',
      rule: 'R34',
      basis: 'working_days' as const,
      days: 999,
      provisional: false,
    };
    await intruder({ codec: true })
      .workflow.getHandle(workflowId)
      .signal(extendTaskDue, { taskId: task.id, extensionId: 'forged', due });
    const state = await h.ctx.temporal.workflow.getHandle(workflowId).query(procedureState);
    expect(state.tasks.find((t) => t.id === task.id)?.due?.dueAt).not.toBe(due.dueAt);
    expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).dueAt?.toISOString()).not.toBe(
      due.dueAt,
    );
    record('codec-forged-signal', workflowId, await h.ctx.temporal.workflow.getHandle(workflowId).fetchHistory());
  });
});

describe('payloads in Temporal', () => {
  it('are encrypted: no decision title in the raw history bytes, nor in search attributes, while the codec reads them back', async () => {
    const { workflowId } = await launched();
    const handle = h.ctx.temporal.workflow.getHandle(workflowId);
    const history = await handle.fetchHistory();
    const bytes = historyBytes(history);
    expect(bytes.includes(Buffer.from(TITLE))).toBe(false);
    expect(bytes.includes(Buffer.from(JSON.stringify(TITLE).slice(1, -1)))).toBe(false);

    const input = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0] as Payload;
    expect(Buffer.from(input.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    const [decoded] = await h.security.codec.decode([input]);
    expect(Buffer.from(decoded.data!).toString()).toContain(TITLE);

    const described = await handle.describe();
    expect(Object.keys(described.searchAttributes).sort()).toEqual(expect.arrayContaining(['YifaStage']));
    expect(JSON.stringify(described.searchAttributes)).not.toContain(TITLE);
    expect(described.memo ?? {}).toEqual({});

    record('codec-launch', workflowId, history);
  });
});

describe('the codec endpoint (/api/temporal-codec)', () => {
  const login = async (username: string) => {
    const r = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'yifa-demo' }),
    });
    return ((await r.json()) as { token: string }).token;
  };
  const post = (op: string, body: unknown, token?: string, origin?: string) =>
    fetch(`${base}/api/temporal-codec/${op}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(origin ? { origin } : {}),
      },
      body: JSON.stringify(body),
    });
  const wire = (p: Payload) => ({
    metadata: Object.fromEntries(
      Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(p.data ?? []).toString('base64'),
  });

  it('decodes a history payload for a signed-in administrator, from the Web UI origin, and refuses everyone else', async () => {
    const { workflowId } = await launched();
    const history = await h.ctx.temporal.workflow.getHandle(workflowId).fetchHistory();
    const input = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0] as Payload;
    const body = { payloads: [wire(input)] };
    const uiOrigin = new URL(h.ctx.webUiUrl).origin;

    const audited = () => h.db.prisma.auditEvent.count({ where: { action: 'temporal.codec_used' } });
    const before = await audited();
    const ok = await post('decode', body, await login('admin'), uiOrigin);
    expect(ok.status).toBe(200);
    expect(await audited()).toBe(before + 1);
    expect(ok.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    const out = (await ok.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
    expect(Buffer.from(out.payloads[0].data, 'base64').toString()).toContain(TITLE);
    expect(Buffer.from(out.payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');

    const enc = await post('encode', { payloads: out.payloads }, await login('admin'));
    expect(enc.status).toBe(200);
    const reencoded = ((await enc.json()) as typeof out).payloads[0];
    expect(Buffer.from(reencoded.metadata.encoding, 'base64').toString()).toBe(ENCRYPTED_ENCODING);

    expect((await post('decode', body)).status).toBe(401);
    expect((await post('decode', body, await login('drafter.jtysj'))).status).toBe(403);
    const preflight = await fetch(`${base}/api/temporal-codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: uiOrigin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const foreign = await post('decode', body, await login('admin'), 'http://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    // The Web UI's way in: the admin's page hands the session over as a cookie scoped to the endpoint.
    const session = await fetch(`${base}/api/temporal-codec/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await login('admin')}` },
    });
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^yifa_codec=[^;]+; Path=\/api\/temporal-codec; HttpOnly; SameSite=Strict/);
    const viaCookie = await fetch(`${base}/api/temporal-codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: uiOrigin, cookie: cookie.split(';')[0] },
      body: JSON.stringify(body),
    });
    expect(viaCookie.status).toBe(200);
    expect(
      (
        await fetch(`${base}/api/temporal-codec/session`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await login('drafter.jtysj')}` },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await fetch(`${base}/api/temporal-codec/decode`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: 'yifa_codec=forged' },
          body: JSON.stringify(body),
        })
      ).status,
    ).toBe(401);

    const bad = await post('decode', { payloads: [{ data: '***' }] }, await login('admin'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ path: string }> }).issues[0].path).toBe('payloads.0.data');
    const unknownKey = {
      payloads: [
        {
          ...wire(input),
          metadata: { ...wire(input).metadata, 'encryption-key-id': Buffer.from('retired').toString('base64') },
        },
      ],
    };
    const refused = await post('decode', unknownKey, await login('admin'));
    expect(refused.status).toBe(400);
  });
});
