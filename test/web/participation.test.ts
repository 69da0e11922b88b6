import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, DESKTOP } from '../support/browser.js';
import { timeSkippingHarness, type Harness } from '../support/temporal.js';
import { ProcedureDriver, payloads } from '../support/procedure-driver.js';
import { docxContent, pdfTextOf } from '../support/docx.js';
import { needs } from '../support/tools.js';
import { createApp } from '../../api/app.js';
import type { ServiceContext } from '../../api/services/context.js';
import { chinaDate } from '../../domain/china-time.js';

const SHOTS = '/tmp/shots-participation';
const DAY = 86_400_000;

/**
 * The web app over the time-skipping server: the procedure's clock (the R5 period end) and the services' clock (the
 * public site's period, a hearing held) move together when the test skips days; Chromium drives the pages.
 */
function useClockedPlatform() {
  const env = {
    h: undefined as unknown as Harness,
    ctx: undefined as unknown as ServiceContext,
    baseUrl: '',
    browser: undefined as unknown as Browser,
    server: undefined as unknown as Server,
    offset: 0,
    pageErrors: [] as string[],
    external: [] as string[],
    now: () => new Date(Date.now() + env.offset),
    /** Days pass: the test server's timers fire, and the services see the same time. */
    async skip(ms: number) {
      await env.h.env.sleep(ms);
      env.offset = (await env.h.env.currentTimeMs()) - Date.now();
    },
    async page(username?: string): Promise<Page> {
      const context = await env.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      page.on('pageerror', (e) => env.pageErrors.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith(env.baseUrl) && !/^(data|blob):/.test(r.url())) env.external.push(r.url());
      });
      if (username) {
        await page.goto(`${env.baseUrl}/`);
        await page.getByLabel('用户名').fill(username);
        await page.getByLabel('密码').fill('yifa-demo');
        await page.keyboard.press('Enter');
        await page.locator('#home-title').waitFor();
      }
      return page;
    },
  };
  beforeAll(async () => {
    env.h = await timeSkippingHarness();
    env.offset = (await env.h.env.currentTimeMs()) - Date.now();
    env.ctx = { ...env.h.ctx, now: () => env.now() };
    env.server = await new Promise((resolve) => {
      const s = createApp(env.ctx).listen(0, '127.0.0.1', () => resolve(s));
    });
    env.baseUrl = `http://127.0.0.1:${(env.server.address() as AddressInfo).port}`;
    env.browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--lang=zh-CN'],
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await env.browser?.close();
    env.server?.close();
    await env.h?.close();
  });
  return env;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
/** Beijing date and time of an instant as the forms take them. */
const beijing = (d: Date) => {
  const s = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
};

describe.runIf(needs('chromium', 'the participation section'))(
  'the decision page’s 公众参与 section: comments, groups, answers, hearings, conclusion (R5–R7)',
  () => {
    const env = useClockedPlatform();

    it('takes a decision through its public participation in Chromium, from a public comment to the summary', async () => {
      const drive = new ProcedureDriver(env.ctx, env.h.user);
      const title = '关于调整城市公共交通票价的决定（征求意见稿）';
      const d = await drive.launchWithDraft('drafter.jtysj', { title });
      await drive.complete(d.id, 'open_comment_period', 'drafter.jtysj', payloads.open_comment_period());
      await expect
        .poll(
          () =>
            env.h.db.prisma.auditEvent.count({
              where: { decisionId: d.id, action: 'procedure.comment_period_opened' },
            }),
          { timeout: 20_000 },
        )
        .toBe(1);

      // The public comments on the public page, without signing in.
      const pub = await env.page();
      await pub.goto(`${env.baseUrl}/public/consultations/${d.number}`);
      await pub.getByLabel('意见内容（3000字以内）').fill('建议对老年人实行免费乘车。');
      await pub.getByLabel('身份类别').selectOption('citizen');
      await pub.getByLabel('姓名（选填，不公开）').fill('王某某');
      await pub.getByLabel('联系方式（选填，不公开）').fill('13800000000');
      await pub.getByRole('button', { name: '提交意见' }).click();
      const receipt = (await pub.locator('#receipt').innerText()).trim();

      // The drafter of the lead department finds it in the section, without the commenter's contact details.
      const page = await env.page('drafter.jtysj');
      await page.goto(`${env.baseUrl}/#/decisions/${d.id}`);
      const section = page.locator('section[aria-labelledby="participation-title"]');
      await section.locator('.pp-comments').waitFor();
      expect(await section.innerText()).toMatch(/征求意见期间[\s\S]*（30日）[\s\S]*征求意见中/);
      expect(await section.locator(`tr[data-comment="${receipt}"]`).innerText()).toMatch(
        /网上征求意见[\s\S]*公民[\s\S]*建议对老年人实行免费乘车。[\s\S]*未归类/,
      );
      expect(await section.innerText()).not.toMatch(/王某某|13800000000/);
      expect(await section.locator('a.pp-public-link').getAttribute('href')).toBe(`/public/consultations/${d.number}`);

      // A phone call recorded in the same list (form from GET /api/forms/comment).
      await section.getByRole('button', { name: '登记其他渠道的意见…' }).click();
      await section.getByLabel('来源渠道').selectOption('phone');
      await section.getByLabel('收到日期').fill(chinaDate(env.now()));
      await section.getByRole('textbox', { name: '意见内容' }).fill('票价上调幅度过大，建议分步实施。');
      await section.getByLabel('提出者类别').selectOption('citizen');
      await section.getByRole('button', { name: '登记意见', exact: true }).click();
      await section.getByText(/意见已登记，回执编号 YJ-/).waitFor();
      const phone = section.locator('tbody tr').filter({ hasText: '票价上调幅度过大' });
      expect(await phone.innerText()).toMatch(/电话/);
      expect(await section.locator('.pp-counts').innerText()).toMatch(/2\s*收到意见（条）\s*2\s*未归类（条）/);

      // Both ticked and grouped under one topic (linked by id), then answered: a partial adoption needs its reason (R6).
      for (const row of await section.locator('tbody tr input[type="checkbox"]').all()) await row.check();
      await section.getByText('已选择 2 条意见').waitFor();
      await section.getByLabel('归类主题及意见概要').fill('票价水平及老年人优惠');
      await section.getByRole('button', { name: '新建类别并归入' }).click();
      await section.getByText('已将 2 条意见归入第1类。').waitFor();
      expect(await section.locator('tbody').innerText()).not.toMatch(/未归类/);
      await section.getByRole('button', { name: '答复…' }).click();
      await section.getByLabel('采纳情况').selectOption('partly_adopted');
      await section.getByRole('button', { name: '保存答复' }).click();
      await expect.poll(() => section.locator('.error-box').innerText()).toMatch(/应当说明理由/);
      await section.getByLabel('理由').fill('老年人免费乘车予以采纳；票价调整幅度经成本监审确定，暂不分步实施。');
      await section.getByRole('button', { name: '保存答复' }).click();
      await section.getByText('第1类意见已答复。').waitFor();
      expect(await section.locator('.pp-group').innerText()).toMatch(
        /第1类：票价水平及老年人优惠[\s\S]*2 条意见[\s\S]*部分采纳/,
      );
      expect(await section.locator('.pp-counts').innerText()).toMatch(/0\s*未归类（条）[\s\S]*0\s*未答复（类）/);
      await shot(page, 'participation-comments');

      // A hearing announced six days ahead (form from GET /api/forms/hearing).
      const sentToday = new Date(env.now().getTime() - 60_000);
      const hearingDay = new Date(Date.parse(`${chinaDate(sentToday)}T14:30:00+08:00`) + 6 * DAY);
      await section.getByRole('button', { name: '公告听证会…' }).click();
      const form = section.locator('form.hearing-form');
      await form.getByLabel('听证会日期').fill(beijing(hearingDay).date);
      await form.getByLabel('开始时间').fill('14:30');
      await form.getByLabel('听证会地点').fill('市政府第一会议室');
      await form.getByLabel('听证公告').fill('定于召开城市公共交通票价调整听证会，现将有关事项公告如下。');
      await form
        .getByLabel('听证参加人遴选办法')
        .fill('自愿报名，按消费者、经营者、专家类别随机抽选，名单向社会公布。');
      await form.getByLabel('姓名或名称').fill('张某');
      await form.getByLabel('单位或代表方面').fill('消费者代表');
      await form.getByLabel('类别').selectOption('citizen');
      await form.getByRole('button', { name: /添加/ }).click();
      await form.getByLabel('姓名或名称').nth(1).fill('市公交集团');
      await form.getByLabel('单位或代表方面').nth(1).fill('经营者代表');
      await form.getByLabel('类别').nth(1).selectOption('enterprise');
      await form.getByRole('button', { name: '公告听证会' }).click();
      await section.getByText('第1次听证会已公告').waitFor();
      expect(await section.locator('.hearing-table tbody').innerText()).toMatch(
        /第1次[\s\S]*市政府第一会议室[\s\S]*2 名[\s\S]*未送达[\s\S]*已公告/,
      );

      // Materials sent six days before: refused, naming the article; seven days before: recorded.
      const details = section.locator('details.hearing-details[data-hearing="1"]');
      await details.getByRole('button', { name: '登记材料送达…' }).click();
      const materials = details.locator('form.hearing-materials-form');
      await materials.getByLabel('材料送达日期').fill(beijing(sentToday).date);
      await materials.getByLabel('送达时间').fill(beijing(sentToday).time);
      await materials.getByRole('button', { name: '登记送达' }).click();
      const refusal = details.locator('.error-box--rule');
      await expect
        .poll(() => refusal.innerText())
        .toMatch(/7日前送达[\s\S]*仅6日[\s\S]*《重大行政决策程序暂行条例》第十六条/);
      expect(await refusal.locator('[title]').first().getAttribute('title')).toMatch(/R7/);
      await shot(page, 'participation-hearing-refused');
      const sevenBefore = new Date(sentToday.getTime() - DAY);
      await materials.getByLabel('材料送达日期').fill(beijing(sevenBefore).date);
      await materials.getByRole('button', { name: '登记送达' }).click();
      await section.getByText('第1次听证会的材料送达已登记。').waitFor();
      expect(await section.locator('.hearing-table tbody').innerText()).toMatch(/材料已送达/);

      // The hearing is held; its record with both participants' confirmations.
      await env.skip(7 * DAY);
      await page.reload();
      const held = section.locator('details.hearing-details[data-hearing="1"]');
      await held.getByRole('button', { name: '登记听证笔录…' }).click();
      const record = held.locator('form.hearing-record-form');
      await record.getByLabel('听证笔录').fill('听证会由市交通运输局主持，听证参加人陈述意见并进行询问、辩论。');
      const confirmedOn = beijing(new Date(hearingDay.getTime() + 3 * 3_600_000));
      for (const i of [0, 1]) {
        await record.getByLabel('确认签字日期').nth(i).fill(confirmedOn.date);
        await record.getByLabel('确认时间').nth(i).fill(confirmedOn.time);
        await record
          .getByLabel('签字页或电子签名编号')
          .nth(i)
          .fill(`签字页${i + 1}`);
      }
      await record.getByRole('button', { name: '保存听证笔录' }).click();
      await section.getByText('第1次听证会的笔录已保存').waitFor();
      expect(await section.locator('.hearing-table tbody').innerText()).toMatch(/已举行，笔录已确认/);
      await held.locator('summary').click();
      expect(await held.innerText()).toMatch(
        /张某[\s\S]*确认签字（签字页1）[\s\S]*市公交集团[\s\S]*确认签字（签字页2）/,
      );
      await shot(page, 'participation-hearing-held');

      // Before the period ends, concluding is refused (R5) with the article.
      page.on('dialog', (dlg) => void dlg.accept());
      await section.getByRole('button', { name: '汇总答复，完成公众参与' }).click();
      await expect
        .poll(() => section.locator('.pp-conclude .error-box').innerText())
        .toMatch(/不得提前结束[\s\S]*第十五条/);

      // The period ends; the drafter concludes; the stage is done and the summary downloads.
      await env.skip(24 * DAY);
      await page.reload();
      await section.locator('.pp-comments').waitFor();
      expect(await section.innerText()).toMatch(/已届满/);
      await section.getByRole('button', { name: '汇总答复，完成公众参与' }).click();
      await expect
        .poll(
          async () => {
            await page.reload();
            await section.locator('.pp-conclude').waitFor();
            return section.locator('.pp-conclude').innerText();
          },
          { timeout: 30_000 },
        )
        .toMatch(/公众参与已完成/);
      expect(await section.locator('button', { hasText: '登记其他渠道的意见' }).count()).toBe(0);
      const stage = await env.h.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } });
      expect((stage.stageStates as Record<string, { status: string }>).public_participation.status).toBe('done');
      const concluded = await env.h.db.prisma.auditEvent.findFirstOrThrow({
        where: { decisionId: d.id, action: 'task.completed.conclude_public_participation' },
      });
      expect(JSON.stringify(concluded.data)).toMatch(/召开听证会，听证参加人2名；听证笔录均经听证参加人确认签字/);
      await shot(page, 'participation-concluded');

      const download = page.waitForEvent('download');
      await section.getByRole('button', { name: '下载意见采纳情况说明（Word）' }).click();
      const file = await (await download).path();
      const buffer = (await import('node:fs')).readFileSync(file);
      writeFileSync(join(SHOTS, 'participation-summary.docx'), buffer);
      const { text } = await docxContent(buffer);
      expect(text).toMatch(/向社会公开征求意见，期限30日/);
      expect(text).toMatch(/票价水平及老年人优惠.*2.*部分采纳/);
      expect(text).toMatch(
        /二、听证情况.*市政府第一会议室.*张某（消费者代表）、市公交集团（经营者代表）.*听证笔录经全体听证参加人确认签字/,
      );
      expect(text).not.toMatch(/王某某|13800000000/);
      if (needs('libreoffice', 'the summary rendered'))
        expect(await pdfTextOf(buffer, 'summary.docx')).toMatch(/听证情况/);

      // The public feedback after the period: each group's answer, reason and count, nothing personal.
      await pub.goto(`${env.baseUrl}/public/consultations/${d.number}/feedback`);
      const feedback = await pub.locator('body').innerText();
      expect(feedback).toMatch(/共收到意见2条/);
      expect(feedback).toMatch(/票价水平及老年人优惠\s*2\s*部分采纳\s*老年人免费乘车予以采纳/);
      expect(feedback).toMatch(/听证会\s*\d{4}年\d+月\d+日 14:30在市政府第一会议室召开听证会，听证参加人2名/);
      expect(feedback).not.toMatch(/王某某|13800000000|YJ-|张某/);
      await shot(pub, 'participation-public-feedback');

      // Someone who reads the decision in full but does not work it sees the section read-only.
      const supervisor = await env.page('supervisor1');
      await supervisor.goto(`${env.baseUrl}/#/decisions/${d.id}`);
      const read = supervisor.locator('section[aria-labelledby="participation-title"]');
      await read.locator('.pp-comments').waitFor();
      expect(await read.locator('input[type="checkbox"], form').count()).toBe(0);
      expect(await read.innerText()).toMatch(/部分采纳[\s\S]*已举行，笔录已确认/);
      // The same section in the second locale.
      await supervisor.getByRole('button', { name: 'English' }).click();
      const english = supervisor.locator('section[aria-labelledby="participation-title"]');
      await english.getByRole('heading', { name: 'Public participation' }).waitFor();
      expect(await english.innerText()).toMatch(
        /Comment period[\s\S]*Ended[\s\S]*Partly adopted[\s\S]*Held, record confirmed/,
      );
      await shot(supervisor, 'participation-english');
      expect(env.pageErrors).toEqual([]);
      expect(env.external).toEqual([]);
    }, 300_000);
  },
);
