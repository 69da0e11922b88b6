import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chinaDate, chinaYear, zhCalendarDate } from '../../domain/china-time.js';
import { docxContent } from '../support/docx.js';
import { ApiClient } from '../support/platform.js';
import { bodyText, DESKTOP, shot, shots, TABLET, useBrowserPlatform } from '../support/browser.js';
import { needs } from '../support/tools.js';

const KEEP = '/tmp/shots-catalog';

/** A full-page screenshot kept with the others, and a copy where the catalog's reviewer looks at them. */
async function keep(page: Page, name: string) {
  await shot(page, name);
  mkdirSync(KEEP, { recursive: true });
  copyFileSync(join(shots, `${name}.png`), join(KEEP, `${name}.png`));
}

const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

/** The top-level rows of the entries form (each an entry; the legal-basis rows inside are not). */
const entryRows = (page: Page) => page.locator('.catalog-form li.sf-row--object');

async function fillEntry(
  row: Locator,
  e: { title: string; type: string; dept: string; quarter: string; basis: string },
) {
  await row.getByLabel('事项名称').fill(e.title);
  await row.getByLabel('事项类型').selectOption(e.type);
  await row.getByLabel('承办单位').selectOption(e.dept);
  await row.getByLabel('计划提请审议时间（季度）').fill(e.quarter);
  await row.getByLabel('法律依据 · 第 1 项').fill(e.basis);
}

async function openCatalog(page: Page, baseUrl: string, year: number) {
  // A reload: the same hash again is no navigation, and the page must show what others did meanwhile.
  await page.goto(`${baseUrl}/#/catalogs?year=${year}`);
  await page.reload();
  await page.locator('#catalog-title').waitFor();
}

describe.runIf(needs('chromium', 'the catalog pages'))('the annual catalog pages (R1) in the browser', () => {
  const env = useBrowserPlatform();

  it('the office drafts, a leader approves, the office publishes, amends with a reason a leader approves, and the history shows the diff', async () => {
    const year = chinaYear(new Date()) + 1;
    const today = chinaDate(new Date());
    const prisma = env.p.platform.db.prisma;
    const office = await env.signIn('supervisor1');
    await office.getByRole('link', { name: '目录清单' }).click();
    await office.locator('#catalog-title').waitFor();
    // The demo year's published catalog: its entries with their progress, the public page and the Word download.
    expect(await office.locator('.catalog-table tbody tr').count()).toBe(8);
    expect(await office.locator('a', { hasText: '查看公开页面' }).getAttribute('href')).toBe(
      `/public/catalogs/${year - 1}`,
    );

    await openCatalog(office, env.p.baseUrl, year);
    expect(await bodyText(office)).toContain(`${year}年度目录尚未编制`);
    await office.getByRole('button', { name: '编制新年度目录' }).click();
    await office.getByRole('button', { name: '开始编制' }).click();
    await expect.poll(() => office.locator('.flash').innerText()).toContain(`已开始编制${year}年度目录`);
    await office.getByRole('button', { name: '编辑目录事项' }).click();
    // The draft opens with one empty row; a second is added.
    await office.getByRole('button', { name: '＋ 添加目录事项' }).click();
    await office.getByRole('button', { name: '保存目录草稿' }).click();
    // Empty rows are refused beside their fields before anything is sent.
    await expect.poll(() => office.locator('.field-error:visible').count()).toBeGreaterThanOrEqual(6);
    const rows = entryRows(office);
    await fillEntry(rows.nth(0), {
      title: '城市轨道交通线网规划',
      type: 'development_plan',
      dept: 'dept-jtysj',
      quarter: `${year}Q2`,
      basis: '《城市公共交通条例》',
    });
    await fillEntry(rows.nth(1), {
      title: '停车收费标准调整方案',
      type: 'public_services',
      dept: 'dept-jtysj',
      quarter: `${year}-Q3`,
      basis: '《中华人民共和国价格法》',
    });
    await office.getByRole('button', { name: '保存目录草稿' }).click();
    await expect.poll(() => rows.nth(0).locator('.field-error:visible').innerText()).toContain('格式不正确');
    await rows.nth(0).getByLabel('计划提请审议时间（季度）').fill(`${year}-Q2`);
    await office.getByRole('button', { name: '保存目录草稿' }).click();
    await expect.poll(() => office.locator('.flash').innerText()).toContain('目录草稿已保存，共2项');
    expect(await office.locator('.catalog-table tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/第1项\s+城市轨道交通线网规划\s+重要规划\s+市交通运输局\s+\d{4}-Q2/),
      expect.stringMatching(/第2项\s+停车收费标准调整方案/),
    ]);
    // Not yet approved: publishing is not offered to the office, approving not to it either.
    expect(await office.getByRole('button', { name: '公布目录' }).count()).toBe(0);
    await keep(office, 'catalog-draft');

    const mayor = await env.signIn('mayor');
    // The leader learns of it where everything else arrives: a count in the nav and the bell, linked to the page.
    const nav = mayor.locator('.worknav a', { hasText: '目录清单' });
    await expect.poll(() => nav.innerText()).toMatch(/^目录清单\s*\(1\)$/);
    await mayor.locator('button.bell').click();
    const told = mayor.locator('.notice-item', { hasText: `【待审批】${year}年度重大行政决策事项目录` });
    await told.waitFor();
    await keep(mayor, 'catalog-leader-bell');
    await told.getByRole('link', { name: '前往审批' }).click();
    await mayor.locator('#catalog-title').waitFor();
    await expect.poll(() => mayor.locator('.catalog-waiting').innerText()).toContain(`${year}年度目录待批准`);
    expect(await mayor.locator('.catalog-waiting a').getAttribute('href')).toBe(`#/catalogs?year=${year}`);
    await keep(mayor, 'catalog-leader-waiting');
    await openCatalog(mayor, env.p.baseUrl, year);
    expect(await mayor.locator('.catalog-waiting').innerText()).toContain(`${year}年度目录待批准`);
    await mayor.getByRole('button', { name: '批准目录' }).click();
    await mayor.getByLabel('党委同意的文号').fill(`市委办〔${year}〕3号`);
    // Dated tomorrow first: refused beside the field with the article; the agreement is recorded as it happened.
    await mayor.getByLabel('党委同意日期').fill(chinaDate(new Date(Date.now() + 86_400_000)));
    await mayor.getByRole('button', { name: '经党委同意，批准' }).click();
    await expect.poll(() => mayor.locator('.field-error:visible').innerText()).toContain('不得晚于今天');
    expect(await mayor.locator('.form-alert').innerText()).toContain('《重大行政决策程序暂行条例》第三条第三款');
    await mayor.getByLabel('党委同意日期').fill(today);
    await mayor.getByRole('button', { name: '经党委同意，批准' }).click();
    await expect.poll(() => mayor.locator('.flash').innerText()).toContain('目录已批准');
    // Decided: the count is gone and the bell's notice is read.
    await expect.poll(() => nav.innerText()).toBe('目录清单');
    expect(await mayor.locator('.catalog-waiting').count()).toBe(0);
    expect(await bodyText(mayor)).toContain(`党委同意：市委办〔${year}〕3号（${zhCalendarDate(today)}）`);

    await openCatalog(office, env.p.baseUrl, year);
    office.once('dialog', (d) => void d.accept());
    await office.getByRole('button', { name: '公布目录' }).click();
    await expect.poll(() => office.locator('.flash').innerText()).toContain('目录已公布（第1版）');
    expect(await office.locator('#catalog-title ~ .panel-meta, .panel-meta').first().innerText()).toContain('第1版');

    // A decision launched on the second entry shows in its row, linked, with its stage.
    const entries = await prisma.catalogEntry.findMany({
      where: { catalogId: `catalog-${year}` },
      orderBy: { seq: 'asc' },
    });
    const drafterApi = await ApiClient.login(env.p.baseUrl, 'drafter.jtysj');
    const launched = await drafterApi.ok('POST', '/api/decisions', {
      title: '关于调整停车收费标准的决定',
      matterType: 'public_services',
      legalBasis: ['《中华人民共和国价格法》'],
      summary: '调整中心城区停车收费标准。',
      plannedMeetingQuarter: `${year}-Q3`,
      inCatalog: true,
      catalogEntryId: entries[1].id,
      confidential: false,
      touchesMarketActors: false,
      expertArgumentation: { required: true },
      riskAssessment: { mode: 'required' },
    });
    await openCatalog(office, env.p.baseUrl, year);
    const second = office.locator('.catalog-table tbody tr').nth(1);
    await expect.poll(() => second.locator('a.num').innerText()).toBe(launched.number);
    expect(await second.locator('a.num').getAttribute('href')).toBe(`#/decisions/${launched.id}`);

    // The amendment: the first entry's quarter changed, the second removed, one added — with the reason.
    await office.getByRole('button', { name: '提出目录调整' }).click();
    await office.getByLabel('调整理由').fill('根据市委常委会意见，停车收费方案并入下年度，新增共享单车管理办法');
    await rows.nth(0).getByLabel('计划提请审议时间（季度）').fill(`${year}-Q4`);
    await rows.nth(1).getByRole('button', { name: /删除/ }).first().click();
    await office.getByRole('button', { name: '＋ 添加目录事项' }).click();
    await fillEntry(rows.nth(1), {
      title: '共享单车管理办法',
      type: 'market_regulation',
      dept: 'dept-jtysj',
      quarter: `${year}-Q3`,
      basis: '《城市公共交通条例》',
    });
    await office.getByRole('button', { name: '提交调整，报请批准' }).click();
    await expect.poll(() => office.locator('.flash').innerText()).toContain('目录调整已提出');
    const pending = office.locator('.catalog-amendment--pending');
    expect(await pending.locator('.diff-added').innerText()).toMatch(/新增\s*第3项 共享单车管理办法/);
    expect(await pending.locator('.diff-removed').innerText()).toMatch(/移出\s*第2项 停车收费标准调整方案/);
    expect(await pending.locator('.diff-changed').innerText()).toMatch(
      new RegExp(`调整\\s*第1项 城市轨道交通线网规划[\\s\\S]*原：\\s*${year}-Q2\\s*改为：\\s*${year}-Q4`),
    );
    // Pending: the published version stands, and no second proposal is offered.
    expect(await office.locator('.catalog-table tbody tr').count()).toBe(2);
    expect(await office.getByRole('button', { name: '提出目录调整' }).count()).toBe(0);
    expect((await prisma.catalog.findUniqueOrThrow({ where: { year } })).version).toBe(1);
    await keep(office, 'catalog-amendment-pending');

    await openCatalog(mayor, env.p.baseUrl, year);
    expect(await mayor.locator('.catalog-waiting').innerText()).toContain(`${year}年度目录调整待批准`);
    await expect.poll(() => nav.innerText()).toMatch(/^目录清单\s*\(1\)$/);
    await mayor.getByRole('button', { name: '批准调整' }).click();
    await mayor.getByLabel('党委同意的文号').fill(`市委办〔${year}〕21号`);
    await mayor.getByLabel('党委同意日期').fill(today);
    await mayor.getByRole('button', { name: '经党委同意，批准' }).click();
    await expect.poll(() => mayor.locator('.flash').innerText()).toContain(`目录第2版已公布`);

    await openCatalog(office, env.p.baseUrl, year);
    const rowsNow = await office.locator('.catalog-table tbody tr').allInnerTexts();
    expect(rowsNow).toHaveLength(3);
    expect(rowsNow[1]).toMatch(/第2项\s+停车收费标准调整方案\s*已移出/);
    expect(await office.locator('.catalog-entry--removed del').innerText()).toBe('停车收费标准调整方案');
    const v2 = office.locator('.catalog-version[data-version="2"]');
    const history = await v2.innerText();
    expect(history).toContain('第2版');
    expect(history).toContain('根据市委常委会意见，停车收费方案并入下年度');
    expect(history).toContain(`党委同意：市委办〔${year}〕21号（${zhCalendarDate(today)}）`);
    expect(await v2.locator('.diff-added ins').innerText()).toBe('第3项 共享单车管理办法');
    expect(await v2.locator('.diff-removed del').innerText()).toBe('第2项 停车收费标准调整方案');
    expect(await v2.locator('.diff-changed dt').innerText()).toBe('计划提请审议时间（季度）');
    // Added and removed differ by colour and by the words 新增 / 移出.
    const colours = await v2.evaluate((el) => ({
      added: getComputedStyle(el.querySelector('.diff-added')!).borderLeftColor,
      removed: getComputedStyle(el.querySelector('.diff-removed')!).borderLeftColor,
    }));
    expect(colours.added).not.toBe(colours.removed);
    await keep(office, 'catalog-history');
    // The same page in English and at tablet width: every string from the locale, no table wider than the page.
    await office.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => office.locator('#catalog-title').innerText()).toBe(`Catalog of major decisions ${year}`);
    expect(await bodyText(office)).toContain('Version 2');
    await keep(office, 'catalog-history-en');
    await office.getByRole('button', { name: '中文' }).click();
    await office.setViewportSize(TABLET);
    await openCatalog(office, env.p.baseUrl, year);
    expect(await office.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await keep(office, 'catalog-tablet');
    await office.setViewportSize(DESKTOP);

    const download = office.waitForEvent('download');
    await office.getByRole('button', { name: '下载目录（Word）' }).click();
    const file = await download;
    mkdirSync(KEEP, { recursive: true });
    const saved = join(KEEP, 'catalog-amended.docx');
    await file.saveAs(saved);
    expect(file.suggestedFilename()).toBe(`${year}年度重大行政决策事项目录.docx`);
    const { text } = await docxContent(readFileSync(saved));
    expect(text).toContain(`${year}年度重大行政决策事项目录（第2版）`);
    expect(text).toContain('共享单车管理办法');
    // The removed entry is named once: in the amendment's account, not in the table.
    expect(text.split('停车收费标准调整方案')).toHaveLength(2);
    expect(text).toContain('移出第2项“停车收费标准调整方案”');
    expect(text).toContain('调整第1项“城市轨道交通线网规划”的计划提请审议时间');
    expect(text).toContain(`经市委同意，市委办〔${year}〕21号`);

    const trail = await prisma.auditEvent.findMany({
      where: { subjectId: `catalog-${year}` },
      orderBy: { seq: 'asc' },
      select: { action: true, actorRole: true },
    });
    expect(trail.map((e) => `${e.action}:${e.actorRole}`)).toEqual([
      'catalog.created:supervisor',
      'catalog.draft_saved:supervisor',
      'catalog.approved:leader',
      'catalog.published:supervisor',
      'catalog.amendment_proposed:supervisor',
      'catalog.amendment_approved:leader',
    ]);
    await office.context().close();
    await mayor.context().close();
    expect(env.pageErrors).toEqual([]);
    expect(env.external).toEqual([]);
  }, 240_000);

  it('a drafter asks to launch outside the catalog, a leader refuses one without a reason then approves, and the launch uses the approval', async () => {
    const prisma = env.p.platform.db.prisma;
    const drafter = await env.signIn('drafter.jtysj');
    await drafter.getByRole('link', { name: '启动决策' }).click();
    await drafter.locator('#launch-title').waitFor();
    await group(drafter, '列入年度决策事项目录').getByLabel('否', { exact: true }).check();
    await drafter.getByRole('link', { name: '没有可选的审批？申请启动目录外事项' }).click();
    await drafter.locator('#outside-title').waitFor();
    await drafter.getByRole('button', { name: '申请启动目录外事项' }).click();
    await drafter.getByLabel('拟启动的决策事项名称').fill('关于开通夜间公交线路的决定');
    await drafter.getByLabel('未列入目录、需要启动的理由').fill('市民夜间出行需求突出，年中新增民生实事');
    await drafter.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => drafter.locator('.flash').innerText()).toContain('申请已提交');
    const row = (page: Page) => page.locator('.outside-row', { hasText: '关于开通夜间公交线路的决定' });
    expect(await row(drafter).innerText()).toContain('待审批');

    const leader = await env.signIn('vicemayor1');
    // The bell links to the pending requests: the list with its 待审批 chip chosen.
    await leader.locator('button.bell').click();
    await leader
      .locator('.notice-item', { hasText: '【待审批】目录外事项：关于开通夜间公交线路的决定' })
      .getByRole('link', { name: '前往审批' })
      .click();
    await leader.locator('#outside-title').waitFor();
    await expect.poll(() => leader.locator('.outside-panel .chip.is-active').innerText()).toMatch(/待审批\s*1/);
    expect(await leader.locator('.outside-row').count()).toBe(1);
    await keep(leader, 'catalog-outside-pending');
    await row(leader).getByRole('button', { name: '审批' }).click();
    await group(leader, '是否同意启动').getByLabel('否', { exact: true }).check();
    await row(leader).getByRole('button', { name: '提交审批意见' }).click();
    await expect.poll(() => row(leader).locator('.field-error:visible').innerText()).toContain('应当说明理由');
    await group(leader, '是否同意启动').getByLabel('是', { exact: true }).check();
    await leader.getByLabel('审批意见').fill('同意按程序推进，注意公众参与');
    await row(leader).getByRole('button', { name: '提交审批意见' }).click();
    await expect.poll(() => leader.locator('.flash').innerText()).toContain('已同意启动');
    await keep(leader, 'catalog-outside-leader');
    await leader.context().close();

    await drafter.reload();
    await drafter.locator('#outside-title').waitFor();
    expect(await row(drafter).innerText()).toContain('已同意');
    await row(drafter).getByRole('link', { name: '据此启动决策' }).click();
    await drafter.locator('#launch-title').waitFor();
    expect(await drafter.getByLabel('决策事项名称').inputValue()).toBe('关于开通夜间公交线路的决定');
    expect(await drafter.getByLabel('目录外事项的理由').inputValue()).toBe('市民夜间出行需求突出，年中新增民生实事');
    const request = await prisma.outsideCatalogRequest.findFirstOrThrow({
      where: { title: '关于开通夜间公交线路的决定' },
    });
    expect(await drafter.getByLabel('目录外事项审批').inputValue()).toBe(request.id);
    await drafter.getByLabel('事项类型').selectOption('public_services');
    await drafter.getByLabel('决策事项概述').fill('开通中心城区至各园区的夜间公交线路。');
    await drafter.getByLabel('法律依据 · 第 1 项').fill('《城市公共交通条例》');
    await drafter.getByLabel('计划提请会议季度').fill(`${chinaYear(new Date()) + 1}-Q1`);
    await group(drafter, '依法不予公开').getByLabel('否', { exact: true }).check();
    await group(drafter, '涉及市场主体经济活动').getByLabel('否', { exact: true }).check();
    await group(drafter, '专家论证').getByLabel('需要', { exact: true }).check();
    await group(drafter, '风险评估').getByLabel(/^开展/).first().check();
    await keep(drafter, 'catalog-outside-launch');
    await drafter.getByRole('button', { name: '启动决策' }).click();
    await drafter.locator('#stages-title').waitFor();
    const used = await prisma.outsideCatalogRequest.findUniqueOrThrow({ where: { id: request.id } });
    const decision = await prisma.decision.findUniqueOrThrow({ where: { id: used.decisionId! } });
    expect(decision.title).toBe('关于开通夜间公交线路的决定');

    await drafter.goto(`${env.p.baseUrl}/#/catalogs`);
    await drafter.locator('#outside-title').waitFor();
    expect(await row(drafter).innerText()).toContain('已启动');
    expect(await row(drafter).getByRole('link', { name: '查看决策' }).getAttribute('href')).toBe(
      `#/decisions/${decision.id}`,
    );
    const actions = await prisma.auditEvent.findMany({
      where: { subjectId: request.id },
      orderBy: { seq: 'asc' },
      select: { action: true, actorRole: true },
    });
    expect(actions.map((a) => `${a.action}:${a.actorRole}`)).toEqual([
      'catalog.outside_requested:drafter',
      'catalog.outside_decided:leader',
    ]);
    await drafter.context().close();
    expect(env.pageErrors).toEqual([]);
  }, 240_000);
});
