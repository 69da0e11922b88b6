/**
 * The expert pool on the real platform (R10): the office adds experts with interests and former employment; the
 * lead department's drafter chooses for a decision's argumentation, with a reason; a conflicted expert and one
 * formerly employed by the lead department are refused (409 R10); the chosen one's invitation is in the outbox and
 * the choice is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';

describe('the expert pool and choosing experts (R10)', () => {
  let p: RunningPlatform;
  let admin: ApiClient;
  let drafter: ApiClient;
  let decisionId: string;
  const experts: Record<string, string> = {};

  beforeAll(async () => {
    p = await startPlatform();
    admin = await ApiClient.login(p.baseUrl, 'admin');
    drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    decisionId = (await drafter.ok('POST', '/api/decisions', baseLaunch())).id;
    const add = async (key: string, body: Record<string, unknown>) => {
      experts[key] = (
        await admin.ok('POST', '/api/experts', { institution: '市社科院', fields: ['交通运输'], ...body })
      ).id;
    };
    await add('neutral', { name: '张教授', email: 'zhang@experts.example' });
    await add('interested', {
      name: '李研究员',
      interests: [{ departmentId: 'dept-jtysj', description: '承担交通运输局委托课题' }],
    });
    await add('former', { name: '王高工', formerDepartmentIds: ['dept-jtysj'] });
    await add('later', { name: '赵律师', institution: '某律师事务所' });
  }, 120_000);
  afterAll(async () => {
    await p?.close();
  });

  it('refuses a conflicted expert and one formerly employed by the lead department, naming R10', async () => {
    const interested = await drafter.call('POST', `/api/decisions/${decisionId}/experts`, {
      expertId: experts.interested,
      reason: '城市交通规划专长',
    });
    expect(interested.status).toBe(409);
    expect(interested.body).toMatchObject({ rule: 'R10', messageKey: 'r10.declared_interest' });
    expect(interested.body.message.zh).toContain('第二十条');
    const former = await drafter.call('POST', `/api/decisions/${decisionId}/experts`, {
      expertId: experts.former,
      reason: '熟悉公交运营',
    });
    expect(former.status).toBe(409);
    expect(former.body).toMatchObject({ rule: 'R10', messageKey: 'r10.former_employment' });
    // An interest declared later, in this decision, blocks too.
    await admin.ok('POST', `/api/experts/${experts.later}/interests`, { decisionId, description: '代理公交公司诉讼' });
    expect(
      (
        await drafter.call('POST', `/api/decisions/${decisionId}/experts`, {
          expertId: experts.later,
          reason: '法律专长',
        })
      ).body,
    ).toMatchObject({ rule: 'R10', messageKey: 'r10.declared_interest' });
    expect(await p.platform.db.prisma.expertSelection.count({ where: { decisionId } })).toBe(0);
  });

  it('chooses a neutral expert with the reason, queues the invitation and audits the choice; not twice', async () => {
    const chosen = await drafter.call('POST', `/api/decisions/${decisionId}/experts`, {
      expertId: experts.neutral,
      reason: '交通经济学专长，曾对票价改革持不同意见',
    });
    expect(chosen.status).toBe(201);
    const mail = await p.platform.db.prisma.mailMessage.findUniqueOrThrow({ where: { id: chosen.body.mailId } });
    expect(mail).toMatchObject({
      toAddress: 'zhang@experts.example',
      decisionId,
      recipientType: 'expert',
      state: 'queued',
    });
    expect(mail.subject).toContain('专家论证邀请');
    const list = await drafter.ok('GET', `/api/decisions/${decisionId}/experts`);
    expect(list.items.map((i: { expert: { name: string }; reason: string }) => [i.expert.name, i.reason])).toEqual([
      ['张教授', '交通经济学专长，曾对票价改革持不同意见'],
    ]);
    const audit = await p.platform.db.prisma.auditEvent.findMany({ where: { action: 'expert.selected', decisionId } });
    expect(audit.map((e) => [e.actorRole, (e.data as { reason: string }).reason])).toEqual([
      ['drafter', '交通经济学专长，曾对票价改革持不同意见'],
    ]);
    expect(
      (
        await drafter.call('POST', `/api/decisions/${decisionId}/experts`, {
          expertId: experts.neutral,
          reason: '再次',
        })
      ).body,
    ).toMatchObject({ rule: 'R11' });
  });

  it('lets only the lead department choose, and only the office and admin keep the pool', async () => {
    const other = await ApiClient.login(p.baseUrl, 'drafter.fgw');
    expect(
      (await other.call('POST', `/api/decisions/${decisionId}/experts`, { expertId: experts.neutral, reason: '—' }))
        .status,
    ).toBe(404);
    expect((await drafter.call('POST', '/api/experts', { name: '某', institution: '某', fields: ['x'] })).status).toBe(
      403,
    );
    expect((await admin.call('POST', '/api/experts', { name: '某', institution: '某', fields: [] })).status).toBe(400);
    expect(
      (await drafter.call('POST', `/api/decisions/${decisionId}/experts`, { expertId: 'nobody', reason: '—' })).status,
    ).toBe(400);
  });

  it('takes the signed opinion through the one-time link without sign-in, once, and the lead department answers it', async () => {
    const selection = await p.platform.db.prisma.expertSelection.findFirstOrThrow({
      where: { decisionId, expertId: experts.neutral },
    });
    const mail = await p.platform.db.prisma.mailMessage.findUniqueOrThrow({ where: { id: selection.mailId! } });
    const link = /https?:\/\/\S+\/public\/expert-opinions\/([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link).not.toBeNull();
    const upload = (token: string) =>
      fetch(`${p.baseUrl}/api/expert-opinions/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          signedBy: '张教授',
          signedOn: '2026-12-01',
          fileName: '论证意见（签名）.pdf',
          mimeType: 'application/pdf',
          contentBase64: Buffer.from('%PDF-1.4 signed').toString('base64'),
        }),
      });
    // Answering before the opinion came is refused (R11).
    expect(
      (
        await drafter.call('POST', `/api/decisions/${decisionId}/experts/${selection.id}/response`, {
          response: 'adopted',
        })
      ).body,
    ).toMatchObject({ rule: 'R11', messageKey: 'r11.no_signed_opinion' });
    const first = await upload(link![1]);
    expect(first.status).toBe(201);
    const again = await upload(link![1]);
    expect(again.status).toBe(409);
    expect((await again.json()).messageKey).toBe('error.link_used');
    const stored = await p.platform.db.prisma.expertSelection.findUniqueOrThrow({ where: { id: selection.id } });
    expect(stored.opinionSignedBy).toBe('张教授');
    const doc = await p.platform.db.prisma.document.findUniqueOrThrow({ where: { id: stored.opinionDocumentId! } });
    expect([doc.kind, doc.decisionId, doc.uploadedById]).toEqual(['expert_opinion_signed', decisionId, null]);
    expect(
      (
        await drafter.call('POST', `/api/decisions/${decisionId}/experts/${selection.id}/response`, {
          response: 'not_adopted',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await drafter.call('POST', `/api/decisions/${decisionId}/experts/${selection.id}/response`, {
          response: 'not_adopted',
          reason: '票价成本测算另有依据',
        })
      ).status,
    ).toBe(200);
    const trail = await p.platform.db.prisma.auditEvent.findMany({
      where: { decisionId, action: { in: ['expert.opinion_received', 'expert.opinion_answered'] } },
      orderBy: { seq: 'asc' },
    });
    expect(trail.map((e) => [e.action, e.actorRole])).toEqual([
      ['expert.opinion_received', 'none'],
      ['expert.opinion_answered', 'drafter'],
    ]);
  });

  it('refuses an expired link and an unknown one, and limits attempts per address', async () => {
    const expert = (
      await admin.ok('POST', '/api/experts', {
        name: '钱教授',
        institution: '市交通研究院',
        fields: ['交通运输'],
        email: 'qian@experts.example',
      })
    ).id;
    const chosen = await drafter.ok('POST', `/api/decisions/${decisionId}/experts`, {
      expertId: expert,
      reason: '公交运营专长',
    });
    const token = /\/public\/expert-opinions\/([A-Za-z0-9_-]+)/.exec(
      (await p.platform.db.prisma.mailMessage.findUniqueOrThrow({ where: { id: chosen.mailId } })).text,
    )![1];
    await p.platform.db.prisma.expertOpinionLink.updateMany({
      where: { selectionId: chosen.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const body = JSON.stringify({
      signedBy: '钱教授',
      signedOn: '2026-12-01',
      fileName: 'a.pdf',
      mimeType: 'application/pdf',
      contentBase64: Buffer.from('%PDF').toString('base64'),
    });
    const post = (t: string) =>
      fetch(`${p.baseUrl}/api/expert-opinions/${t}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const expired = await post(token);
    expect([expired.status, (await expired.json()).messageKey]).toEqual([409, 'error.link_expired']);
    expect((await post('x'.repeat(43))).status).toBe(404);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(`guess${i}`.padEnd(43, 'y'))).status);
    expect(statuses.at(-1)).toBe(429);
    expect(await p.platform.db.prisma.document.count({ where: { decisionId, kind: 'expert_opinion_signed' } })).toBe(1);
  });
});
