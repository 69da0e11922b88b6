import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { userId } from '../../prisma/seed.js';
import { ApiClient } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';
import { hasChromium, shot, useBrowserPlatform } from '../support/browser.js';
import { placeDue } from '../support/warning-fixtures.js';

/** A board's rows as a person reads them, white space folded. */
const rowTexts = (board: Locator, rows = 'tr.is-due-soon') =>
  board.locator(rows).evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ')));

describe.runIf(hasChromium)('early warning in the browser (issue 16 §2)', () => {
  const env = useBrowserPlatform();

  it('the inbox, the decision and the task page show the level with icon and words; the office’s due-soon board lists the yellow ones', async () => {
    const jtysj = await ApiClient.login(env.p.baseUrl, 'drafter.jtysj');
    const fgw = await ApiClient.login(env.p.baseUrl, 'drafter.fgw');
    const prisma = env.p.platform.db.prisma;
    const open = async (who: ApiClient, title: string, over = {}) => {
      const d = await who.ok('POST', '/api/decisions', baseLaunch({ title, ...over }));
      return {
        decisionId: d.id as string,
        number: d.number as string,
        taskId: (await who.taskOf(d.id, 'submit_draft')).id,
      };
    };
    const soon = await open(jtysj, '关于调整公交线网的决定');
    const green = await open(jtysj, '关于建设慢行系统的决定');
    const late = await open(jtysj, '关于出租车运价改革的决定');
    const grey = await open(jtysj, '关于停车收费标准的决定');
    const fgwSoon = await open(fgw, '关于优化营商环境的决定', { catalogEntryId: demoCatalogEntryId('fgw') });
    await placeDue(prisma, soon.taskId, { workingDaysAhead: 2 });
    await placeDue(prisma, fgwSoon.taskId, { workingDaysAhead: 1 });
    await placeDue(prisma, green.taskId, { workingDaysAhead: 15 });
    await placeDue(prisma, late.taskId, { daysAgo: 8 });
    await placeDue(prisma, grey.taskId, 'unknown');

    const page = await env.signIn('drafter.jtysj');
    const item = (number: string) => page.locator('.task-item').filter({ hasText: number });
    await item(soon.number).locator('.warning').waitFor();
    // The department's own due-soon board on its home page: its yellow task, not another department's.
    const deptSoon = page.locator('section[aria-labelledby="dept-due-soon-title"]');
    await deptSoon.locator('tr.is-due-soon').first().waitFor();
    expect(await deptSoon.locator('h2').innerText()).toBe('本单位临期事项');
    const deptRows = await rowTexts(deptSoon);
    expect(deptRows).toHaveLength(1);
    expect(deptRows[0]).toContain(soon.number);
    expect(deptRows[0]).toContain('▲ 临期（剩2个工作日）');
    expect(await deptSoon.innerText()).not.toContain(fgwSoon.number);
    expect(await deptSoon.locator('.panel-lead').innerText()).toMatch(/^市交通运输局距办理期限 3 个工作日以内/);
    const badge = async (number: string) => ({
      level: await item(number).locator('.warning').getAttribute('data-level'),
      text: (await item(number).locator('.warning').innerText()).replace(/\s+/g, ' '),
    });
    expect(await badge(soon.number)).toEqual({ level: 'yellow', text: '▲ 临期（剩2个工作日）' });
    expect(await badge(green.number)).toEqual({ level: 'green', text: '● 正常' });
    expect((await badge(late.number)).text).toMatch(/^■ 逾期（逾期\d+个工作日）$/);
    expect(await badge(grey.number)).toEqual({ level: 'grey', text: '◆ 需关注（期限未定）' });
    // Never colour alone: the icon is hidden from screen readers, the words are not.
    expect(await item(soon.number).locator('.warning-icon').getAttribute('aria-hidden')).toBe('true');
    // The four colours differ.
    const colours = await page
      .locator('.task-item .warning')
      .evaluateAll((els) => [...new Set(els.map((e) => getComputedStyle(e).backgroundColor))]);
    expect(colours.length).toBe(4);
    await shot(page, 'warnings-inbox');

    await page.goto(`${env.p.baseUrl}/#/decisions/${soon.decisionId}`);
    await expect.poll(() => page.locator('.open-item .warning').innerText()).toContain('临期（剩2个工作日）');
    await page.goto(`${env.p.baseUrl}/#/tasks/${encodeURIComponent(late.taskId)}`);
    await expect.poll(() => page.locator('.task-head .warning').getAttribute('data-level')).toBe('red');
    await shot(page, 'warnings-task');

    const office = await env.signIn('supervisor1');
    // The office's home board is a page of the overdue board's own list (decisions' and reviews' tasks, true
    // total), not a detail request per overdue decision.
    const asked: string[] = [];
    office.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await office.reload();
    const homeBoard = office.locator('section[aria-labelledby="board-title"]');
    await homeBoard.locator('tr.is-overdue').first().waitFor();
    const homeRows = await rowTexts(homeBoard, 'tr.is-overdue');
    const lateRow = homeRows.find((r) => r.includes(late.number));
    expect(lateRow).toMatch(/■ 逾期（逾期\d+个工作日）/);
    expect(lateRow).toContain('市交通运输局');
    expect(await homeBoard.locator('.panel-meta').innerText()).toBe(`逾期 ${homeRows.length} 项`);
    expect(asked.filter((path) => /^\/api\/decisions\/[^/]+$/.test(path))).toEqual([]);
    expect(asked).toContain('/api/supervision/overdue');
    await shot(office, 'warnings-home-office');
    await office.goto(`${env.p.baseUrl}/#/supervision`);
    const board = office.locator('section[aria-labelledby="sup-due-soon-title"]');
    await board.locator('tr.is-due-soon').first().waitFor();
    const rows = await rowTexts(board);
    // Earliest due first: fgw's (1 working day) before jtysj's (2); neither the green, the red nor the grey one.
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(fgwSoon.number);
    expect(rows[0]).toContain('▲ 临期（剩1个工作日）');
    expect(rows[1]).toContain(soon.number);
    expect(await board.locator('.panel-meta').first().innerText()).toContain('临期 2 项');
    // The overdue board above carries the red words.
    const overdueRow = office.locator('.overdue-table tr', { hasText: late.number });
    expect(await overdueRow.locator('.warning').getAttribute('data-level')).toBe('red');
    await shot(office, 'warnings-due-soon-board');

    // One department's view through the board's department filter (the board's view, o.*).
    await office.goto(`${env.p.baseUrl}/#/supervision?o.departmentId=dept-fgw`);
    await expect.poll(() => board.locator('tr.is-due-soon').count()).toBe(1);
    expect(env.pageErrors).toEqual([]);
    expect(env.external).toEqual([]);
  }, 240_000);

  it('the account page sets the notice choices from the server’s schema; the bell lists the progress notices', async () => {
    const jtysj = await ApiClient.login(env.p.baseUrl, 'drafter.jtysj');
    const d = await jtysj.ok('POST', '/api/decisions', baseLaunch({ title: '关于公交场站建设的决定' }));
    await jtysj.taskOf(d.id, 'submit_draft');
    const page = await env.signIn('drafter.jtysj');
    await page.locator('.bell').click();
    await page.locator('.bell-panel').waitFor();
    await expect.poll(() => page.locator('.bell-panel').innerText()).toContain('【新任务】提交决策草案及起草说明');
    await shot(page, 'warnings-bell');
    await page.keyboard.press('Escape');
    await page.goto(`${env.p.baseUrl}/#/account`);
    const form = page.locator('form.notice-preferences');
    await form.locator('select').first().waitFor();
    expect(await form.locator('select').count()).toBe(5);
    const assigned = form.getByLabel('交办给我（或本单位本岗位）的任务');
    expect(await assigned.inputValue()).toBe('bell_mail');
    await assigned.selectOption({ label: '仅站内通知' });
    await form.getByLabel('会议作出决定').selectOption({ label: '不通知' });
    await form.getByRole('button', { name: '保存通知方式' }).click();
    await expect.poll(() => form.locator('.flash').isVisible()).toBe(true);
    expect(await form.innerText()).toContain('邮件发送至：drafter.jtysj@yifa.example');
    await shot(page, 'warnings-account-notices');
    const prefs = await env.p.platform.db.prisma.noticePreference.findMany({
      where: { userId: userId('drafter.jtysj') },
      orderBy: { event: 'asc' },
    });
    expect(Object.fromEntries(prefs.map((x) => [x.event, x.channel]))).toMatchObject({
      task_assigned: 'bell',
      decided: 'off',
      opinion_issued: 'bell_mail',
    });
    expect(env.pageErrors).toEqual([]);
  }, 120_000);
});
