/**
 * Expert invitations by mail and the argumentation stage tied to the selections (R10, R11; Decree 713 Art. 19–20),
 * on the real platform with an SMTP server in-process: the invitation is mailed through the outbox's delivery, the
 * link in the mail opens the public upload page without sign-in, the multipart form takes the signed copy once,
 * and the stage completes only when every chosen expert's opinion is received and answered, or recorded as declined.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { DEFAULT_PROCEDURE_CONFIG } from '../../domain/config.js';
import { baseLaunch } from '../support/procedure-driver.js';
import { eventually } from '../workflows/steps.js';

const received: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (mail) => {
        received.push(mail);
        callback();
      },
      (err: Error) => callback(err),
    );
  },
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
const mailTo = (address: string) =>
  eventually(
    async () => received.find((r) => r.to && JSON.stringify(r.to).includes(address)),
    `the mail to ${address}`,
  );
const linkIn = (mail: ParsedMail) => {
  const m = /(https?:\/\/\S+\/public\/expert-opinions\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  if (!m?.[1]) throw new Error('no link in the invitation');
  return m[1];
};

/** The signed copy as the link page's form posts it (multipart/form-data, no sign-in). */
function uploadForm(url: string, fileName: string, content: string) {
  const form = new FormData();
  form.set('signedBy', '孙教授');
  form.set('signedOn', '2026-12-01');
  form.set('file', new Blob([content], { type: 'application/pdf' }), fileName);
  return fetch(url, { method: 'POST', body: form });
}

describe('expert invitations by mail and the stage tied to the selections (R10, R11)', () => {
  let p: RunningPlatform;
  let admin: ApiClient;
  let drafter: ApiClient;
  let decisionId: string;
  const ids: Record<string, string> = {};
  const sel: Record<string, string> = {};

  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    p = await startPlatform({
      config: {
        smtp: { url: `smtp://127.0.0.1:${port}`, from: '依法 <yifa@yifa.example>' },
        procedure: { ...DEFAULT_PROCEDURE_CONFIG, minExpertOpinions: 2 },
      },
    });
    admin = await ApiClient.login(p.baseUrl, 'supervisor1');
    drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    decisionId = (await drafter.ok('POST', '/api/decisions', baseLaunch())).id;
    const doc = (kind: string) =>
      drafter.ok('POST', `/api/decisions/${decisionId}/documents`, {
        kind,
        fileName: `${kind}.txt`,
        mimeType: 'text/plain',
        contentBase64: b64(kind),
      });
    const [draft, explanation] = [await doc('draft'), await doc('explanation')];
    const submitted = await drafter.complete(decisionId, 'submit_draft', {
      draftDocumentId: draft.id,
      explanationDocumentId: explanation.id,
      contested: false,
      alternativeDocumentIds: [],
      departmentOpinions: [],
    });
    expect(submitted.status).toBe(200);
    await drafter.taskOf(decisionId, 'record_expert_opinions');
    for (const [key, name, email] of [
      ['sun', '孙教授', 'sun@experts.example'],
      ['zhou', '周研究员', 'zhou@experts.example'],
      ['wu', '吴高工', 'wu@experts.example'],
    ] as const)
      ids[key] = (
        await admin.ok('POST', '/api/experts', { name, institution: '市交通研究院', fields: ['交通运输'], email })
      ).id;
    for (const key of ['sun', 'zhou', 'wu'])
      sel[key] = (
        await drafter.ok('POST', `/api/decisions/${decisionId}/experts`, { expertId: ids[key], reason: '交通专长' })
      ).id;
  }, 180_000);
  afterAll(async () => {
    await p?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('mails each invitation with its one-time link and shows the delivery on the selection', async () => {
    const mail = await mailTo('sun@experts.example');
    expect(mail.subject).toContain('专家论证邀请');
    expect(linkIn(mail).startsWith(p.baseUrl)).toBe(true);
    const list = await eventually(async () => {
      const l = await drafter.ok('GET', `/api/decisions/${decisionId}/experts`);
      return l.items.every((i: { invitation: { state: string } }) => i.invitation.state === 'sent') && l;
    }, 'every invitation sent');
    expect(list.items.map((i: { status: string }) => i.status)).toEqual(['invited', 'invited', 'invited']);
    const sent = await p.platform.db.prisma.auditEvent.count({ where: { decisionId, action: 'mail.sent' } });
    expect(sent).toBe(3);
  });

  it('opens the link page without sign-in, naming the decision and nothing personal, and takes the signed copy once', async () => {
    const url = linkIn(await mailTo('sun@experts.example'));
    const pageRes = await fetch(url);
    expect(pageRes.status).toBe(200);
    const text = await pageRes.text();
    expect(text).toContain('关于调整城市公共交通票价的决定');
    expect(text).toContain('第十九条');
    expect(text).not.toContain('孙教授');
    expect(text).not.toContain('sun@experts.example');
    const noFile = await fetch(url, {
      method: 'POST',
      body: (() => {
        const f = new FormData();
        f.set('signedBy', '孙教授');
        f.set('signedOn', '2026-12-01');
        return f;
      })(),
    });
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain('请选择签名的书面意见文件');
    const wrongType = await uploadForm(url, '意见.exe', 'MZ');
    expect(wrongType.status).toBe(400);
    const ok = await uploadForm(url, '论证意见（签名）.pdf', '%PDF-1.4 signed by 孙');
    expect(ok.status).toBe(201);
    const receipt = await ok.text();
    expect(receipt).toContain('书面论证意见已收到');
    expect(receipt).not.toContain('孙教授');
    expect((await uploadForm(url, 'again.pdf', '%PDF')).status).toBe(409);
    expect((await fetch(url)).status).toBe(410);
    const stored = await p.platform.db.prisma.expertSelection.findUniqueOrThrow({ where: { id: sel.sun } });
    expect([stored.opinionSignedBy, stored.opinionSignedOn]).toEqual(['孙教授', '2026-12-01']);
    const doc = await p.platform.db.prisma.document.findUniqueOrThrow({ where: { id: stored.opinionDocumentId! } });
    expect([doc.kind, doc.fileName, Buffer.from(doc.contentBase64, 'base64').toString()]).toEqual([
      'expert_opinion_signed',
      '论证意见（签名）.pdf',
      '%PDF-1.4 signed by 孙',
    ]);
  });

  it('refuses to complete the stage while a chosen expert has no answered opinion, naming R11 and Art. 19', async () => {
    await drafter.ok('POST', `/api/decisions/${decisionId}/experts/${sel.sun}/response`, { response: 'adopted' });
    const conclude = await drafter.call('POST', `/api/decisions/${decisionId}/experts/conclude`, {
      adoptionSummary: '专家意见均已研究采纳',
    });
    expect(conclude.status).toBe(409);
    expect(conclude.body.rule).toBe('R11');
    expect(conclude.body.violations.map((v: { messageKey: string }) => v.messageKey)).toEqual([
      'r11.selection_without_opinion',
      'r11.selection_without_opinion',
    ]);
    expect(conclude.body.message.zh).toContain('第十九条');
    // Typing the opinions into the step's own form does not get round the selections either.
    const typed = await drafter.complete(decisionId, 'record_expert_opinions', {
      opinions: ['甲', '乙', '丙'].map((n, i) => ({
        expertName: `专家${n}`,
        institution: '某大学',
        date: '2026-12-01',
        opinion: '同意',
        signature: { kind: 'e_signature', reference: `ES-${i}` },
        response: 'adopted',
      })),
      adoptionSummary: '均采纳',
    });
    expect(typed.status).toBe(409);
    expect(typed.body.rule).toBe('R11');
  });

  it('takes a paper opinion uploaded by the drafter and a decline with its reason; then the stage completes from the selections', async () => {
    const paper = await drafter.call('POST', `/api/decisions/${decisionId}/experts/${sel.zhou}/opinion`, {
      signedBy: '周研究员',
      signedOn: '2026-12-02',
      fileName: '周研究员论证意见.pdf',
      mimeType: 'application/pdf',
      contentBase64: b64('%PDF paper'),
    });
    expect(paper.status).toBe(201);
    // The link in Zhou's invitation no longer works.
    expect((await fetch(linkIn(await mailTo('zhou@experts.example')))).status).toBe(410);
    const unanswered = await drafter.call('POST', `/api/decisions/${decisionId}/experts/conclude`, {
      adoptionSummary: '—',
    });
    expect(unanswered.body.violations.map((v: { messageKey: string }) => v.messageKey)).toEqual([
      'r11.selection_without_response',
      'r11.selection_without_opinion',
    ]);
    await drafter.ok('POST', `/api/decisions/${decisionId}/experts/${sel.zhou}/response`, {
      response: 'not_adopted',
      reason: '与上位法规定不符',
    });
    expect(
      (await drafter.call('POST', `/api/decisions/${decisionId}/experts/${sel.wu}/decline`, {})).body.issues[0].path,
    ).toBe('reason');
    await drafter.ok('POST', `/api/decisions/${decisionId}/experts/${sel.wu}/decline`, {
      reason: '出差在外，书面谢绝',
    });
    expect((await fetch(linkIn(await mailTo('wu@experts.example')))).status).toBe(410);
    const done = await drafter.call(
      'POST',
      `/api/decisions/${decisionId}/experts/conclude`,
      { adoptionSummary: '采纳孙教授意见；周研究员意见与上位法不符未采纳；吴高工谢绝论证' },
      { 'Idempotency-Key': `conclude-${decisionId}` },
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await eventually(async () => {
      const d = await drafter.ok('GET', `/api/decisions/${decisionId}`);
      return d.stages.find((s: { stage: string }) => s.stage === 'expert_argumentation')?.status === 'done';
    }, 'the argumentation stage done');
    const step = await p.platform.db.prisma.task.findFirstOrThrow({
      where: { decisionId, kind: 'record_expert_opinions', status: 'done' },
    });
    const opinions = (step.result as { opinions: Array<{ expertName: string; response: string }> }).opinions;
    expect(opinions.map((o) => [o.expertName, o.response])).toEqual([
      ['孙教授', 'adopted'],
      ['周研究员', 'not_adopted'],
    ]);
    // The stage is done: its record no longer changes.
    const late = await drafter.call('POST', `/api/decisions/${decisionId}/experts/${sel.zhou}/response`, {
      response: 'adopted',
    });
    expect([late.status, late.body.rule]).toEqual([409, 'R9']);
    const trail = await p.platform.db.prisma.auditEvent.findMany({
      where: { decisionId, action: { startsWith: 'expert.' } },
      orderBy: { seq: 'asc' },
    });
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'expert.selected',
        'expert.opinion_received',
        'expert.opinion_answered',
        'expert.declined',
      ]),
    );
  });
});
