/**
 * The expert pool and a decision's argumentation in Chromium on the real platform, with an SMTP server in-process
 * (R10, R11; Decree 713 Art. 19–21): the office adds an expert and declares his interest in the lead department's
 * matters on 专家库; the drafter sees him as not selectable with the R10 refusal, chooses another with a reason;
 * the invitation arrives by mail; its link opens the upload page without sign-in, which takes the signed opinion;
 * the drafter answers it and concludes the stage. Screenshots `experts-*.png`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';
import { hasChromium, shot, shots, useBrowserPlatform } from '../support/browser.js';
import { DEFAULT_PROCEDURE_CONFIG } from '../../domain/config.js';

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
let smtpPort = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
/** Kept for people to look at, besides the suite's own folder. */
const keep = (name: string) => {
  mkdirSync('/tmp/shots-experts', { recursive: true });
  copyFileSync(join(shots, `${name}.png`), `/tmp/shots-experts/${name}.png`);
};

describe.runIf(hasChromium)('the expert pool and the argumentation section in the browser (R10, R11)', () => {
  const env = useBrowserPlatform(() => ({
    config: {
      smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: '依法 <yifa@yifa.example>' },
      procedure: { ...DEFAULT_PROCEDURE_CONFIG, minExpertOpinions: 1 },
    },
  }));
  let decisionId = '';

  it('lets the office add an expert and declare an interest on 专家库', { timeout: 120_000 }, async () => {
    const page = await env.signIn('supervisor1');
    await page.goto(`${env.p.baseUrl}/#/experts`);
    await page.locator('#experts-title').waitFor();
    await page.getByRole('button', { name: '＋ 添加专家…' }).click();
    const form = page.locator('form.task-form');
    await form.waitFor();
    await shot(page, 'experts-add-form');
    keep('experts-add-form');
    await form.getByLabel(/^姓名或机构名称/).fill('李研究员');
    await form.getByLabel(/^工作单位/).fill('市交通规划研究院');
    const fieldInput = form.locator('fieldset', { hasText: '专业领域' }).locator('input[type="text"]');
    if ((await fieldInput.count()) === 0) await form.getByRole('button', { name: /添加专业领域/ }).click();
    await fieldInput.first().fill('交通运输');
    await form.getByLabel(/^电子邮箱/).fill('li@experts.example');
    await form.getByRole('button', { name: '加入专家库' }).click();
    await page.locator('.flash', { hasText: '已加入专家库' }).waitFor();
    const row = page.locator('tr[data-expert="李研究员"]');
    await row.getByRole('button', { name: '登记利害关系…' }).click();
    await row.getByLabel(/^有利害关系的单位/).selectOption({ label: '市交通运输局' });
    await row.getByLabel(/^利害关系说明/).fill('承担交通运输局委托的票价测算课题');
    await row.getByRole('button', { name: '登记', exact: true }).click();
    await page.locator('.flash', { hasText: '已登记利害关系' }).waitFor();
    await expect
      .poll(() => page.locator('tr[data-expert="李研究员"]').innerText())
      .toContain('承担交通运输局委托的票价测算课题');
    // The pool searched by field.
    await page.goto(`${env.p.baseUrl}/#/experts?field=${encodeURIComponent('法学')}`);
    await page.locator('.empty', { hasText: '没有“法学”领域的专家' }).waitFor();
    await page.goto(`${env.p.baseUrl}/#/experts?field=${encodeURIComponent('交通运输')}`);
    await page.locator('tr[data-expert="李研究员"]').waitFor();
    await shot(page, 'experts-pool');
    keep('experts-pool');
  });

  it('shows the drafter the conflicted expert as not selectable with the R10 refusal, and takes a choice with a reason', {
    timeout: 120_000,
  }, async () => {
    const admin = await ApiClient.login(env.p.baseUrl, 'admin');
    await admin.ok('POST', '/api/experts', {
      name: '张教授',
      institution: '市社会科学院',
      fields: ['交通运输', '价格'],
      email: 'zhang@experts.example',
    });
    const wang = await admin.ok('POST', '/api/experts', {
      name: '王律师',
      institution: '某律师事务所',
      fields: ['行政法'],
    });
    const drafter = await ApiClient.login(env.p.baseUrl, 'drafter.jtysj');
    decisionId = (await drafter.ok('POST', '/api/decisions', baseLaunch())).id;
    const doc = (kind: string) =>
      drafter.ok('POST', `/api/decisions/${decisionId}/documents`, {
        kind,
        fileName: `${kind}.txt`,
        mimeType: 'text/plain',
        contentBase64: b64(kind),
      });
    const [draft, explanation] = [await doc('draft'), await doc('explanation')];
    expect(
      (
        await drafter.complete(decisionId, 'submit_draft', {
          draftDocumentId: draft.id,
          explanationDocumentId: explanation.id,
          contested: false,
          alternativeDocumentIds: [],
          departmentOpinions: [],
        })
      ).status,
    ).toBe(200);
    await drafter.taskOf(decisionId, 'record_expert_opinions');
    // One without an e-mail: the invitation goes by hand and the signed opinion comes back on paper.
    await drafter.ok('POST', `/api/decisions/${decisionId}/experts`, { expertId: wang.id, reason: '行政法专长' });

    const page = await env.signIn('drafter.jtysj');
    await page.goto(`${env.p.baseUrl}/#/decisions/${decisionId}`);
    const section = page.locator('.experts-panel');
    await section.locator('#experts-section-title').waitFor();
    const conflicted = section.locator('tr[data-candidate="李研究员"]');
    await expect.poll(() => conflicted.innerText()).toContain('不可选择');
    expect(await conflicted.innerText()).toContain('第二十条');
    expect(await conflicted.getByRole('button', { name: '选择…' }).count()).toBe(0);
    // The API refuses him anyway.
    const li = (await drafter.ok('GET', `/api/decisions/${decisionId}/experts/candidates`)).items.find(
      (c: { name: string }) => c.name === '李研究员',
    );
    const refused = await drafter.call('POST', `/api/decisions/${decisionId}/experts`, {
      expertId: li.id,
      reason: '票价测算专长',
    });
    expect([refused.status, refused.body.rule]).toEqual([409, 'R10']);

    const zhang = section.locator('tr[data-candidate="张教授"]');
    await zhang.getByRole('button', { name: '选择…' }).click();
    await zhang.getByLabel(/^选择理由/).fill('交通经济学专长，曾对票价改革持不同意见');
    await zhang.getByRole('button', { name: '选择并发送邀请' }).click();
    await section.locator('.flash', { hasText: '已选择张教授' }).waitFor();
    const chosen = section.locator('.experts-chosen tr[data-expert="张教授"]');
    await expect.poll(() => chosen.innerText()).toContain('交通经济学专长');
    // The delivery state comes from the outbox: sent through the real SMTP server.
    await expect
      .poll(
        async () => {
          await page.reload();
          await section.locator('.experts-chosen').waitFor();
          return chosen.locator('[data-mail]').getAttribute('data-mail');
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('sent');
    await shot(page, 'experts-decision-chosen');
    keep('experts-decision-chosen');
  });

  it('mails the invitation; its link opens the upload page without sign-in and takes the signed opinion', {
    timeout: 120_000,
  }, async () => {
    await expect
      .poll(() => received.filter((m) => JSON.stringify(m.to).includes('zhang@experts.example')).length, {
        timeout: 30_000,
      })
      .toBe(1);
    const mail = received.find((m) => JSON.stringify(m.to).includes('zhang@experts.example'))!;
    expect(mail.subject).toContain('专家论证邀请');
    const link = /(https?:\/\/\S+\/public\/expert-opinions\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeTruthy();
    const context = await env.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(link!);
    await page.getByRole('heading', { name: '专家论证书面意见上传' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('关于调整城市公共交通票价的决定');
    expect(text).not.toContain('张教授');
    await page.getByLabel('署名').fill('张教授');
    await page.getByLabel('签署日期').fill('2026-12-01');
    await page.getByLabel('签名的书面意见').setInputFiles({
      name: '张教授论证意见（签名）.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 signed opinion'),
    });
    await shot(page, 'experts-link-page');
    keep('experts-link-page');
    await page.getByRole('button', { name: '提交书面意见' }).click();
    await page.locator('#opinion-received').waitFor();
    expect(await page.locator('body').innerText()).not.toContain('张教授');
    await shot(page, 'experts-link-received');
    keep('experts-link-received');
    // Once only.
    await page.goto(link!);
    await page.locator('#link-state', { hasText: '该链接已使用过' }).waitFor();
    await context.close();
  });

  it('lets the drafter answer the opinion and conclude the stage from the selections', {
    timeout: 120_000,
  }, async () => {
    const page = await env.signIn('drafter.jtysj');
    await page.goto(`${env.p.baseUrl}/#/decisions/${decisionId}`);
    const section = page.locator('.experts-panel');
    const row = section.locator('.experts-chosen tr[data-expert="张教授"]');
    await expect.poll(() => row.getAttribute('data-status')).toBe('received');
    expect(await row.innerText()).toContain('张教授论证意见（签名）.pdf');
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: /下载/ }).click();
    expect((await download).suggestedFilename()).toBe('张教授论证意见（签名）.pdf');
    // 王律师's opinion came on paper: the drafter uploads it, then does not adopt it, with the reason.
    const paper = section.locator('.experts-chosen tr[data-expert="王律师"]');
    expect(await paper.innerText()).toContain('无邮箱，线下送达');
    await paper.getByRole('button', { name: '上传纸质意见…' }).click();
    await paper.getByLabel(/^签署日期/).fill('2026-12-02');
    await paper.getByLabel(/^签名的书面意见/).setInputFiles({
      name: '王律师意见.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 paper'),
    });
    await paper.getByRole('button', { name: '上传', exact: true }).click();
    await section.locator('.flash', { hasText: '已上传王律师签名的书面意见' }).waitFor();
    await expect.poll(() => paper.getAttribute('data-status')).toBe('received');
    await paper.getByRole('button', { name: '答复意见…' }).click();
    await paper.getByLabel(/^采纳情况/).selectOption({ label: '不予采纳' });
    await paper.getByLabel(/^未采纳的理由/).fill('与《价格法》第二十三条的听证要求无关');
    await paper.getByRole('button', { name: '保存答复' }).click();
    await section.locator('.flash', { hasText: '已答复王律师的意见' }).waitFor();
    await row.getByRole('button', { name: '答复意见…' }).click();
    await row.getByLabel(/^采纳情况/).selectOption({ label: '采纳' });
    await row.getByRole('button', { name: '保存答复' }).click();
    await section.locator('.flash', { hasText: '已答复张教授的意见' }).waitFor();
    await expect.poll(() => row.getAttribute('data-status')).toBe('answered');
    await section.getByRole('button', { name: '完成专家论证…' }).click();
    await section.getByLabel(/^专家论证意见采纳情况说明/).fill('张教授关于阶梯优惠的意见已采纳，草案第五条已修改。');
    await shot(page, 'experts-decision-answered');
    keep('experts-decision-answered');
    await section.getByRole('button', { name: '办结专家论证' }).click();
    const drafter = await ApiClient.login(env.p.baseUrl, 'drafter.jtysj');
    await expect
      .poll(
        async () =>
          (await drafter.ok('GET', `/api/decisions/${decisionId}`)).stages.find(
            (s: { stage: string }) => s.stage === 'expert_argumentation',
          )?.status,
        { timeout: 30_000 },
      )
      .toBe('done');
    // The page reloads itself; the section keeps the record but offers no more choosing or concluding.
    await page.reload();
    await section.locator('.experts-chosen tr[data-expert="张教授"]').waitFor();
    expect(await section.locator('.experts-candidates, .experts-conclude').count()).toBe(0);
    expect(await page.locator('.open-item', { hasText: '记录专家论证意见' }).count()).toBe(0);
    await shot(page, 'experts-decision-done');
    keep('experts-decision-done');
    expect(env.external).toEqual([]);
    expect(env.pageErrors).toEqual([]);
  });
});
