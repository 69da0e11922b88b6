import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { needs } from '../support/tools.js';
import { useBrowserPlatform } from '../support/browser.js';

/**
 * Issue 16 §1 in Debian's Chromium: the home inbox filters (chips with the server's counts), searches, sorts and
 * pages on the server; the view is in the URL, so reload and back restore it; a saved view is stored on the server
 * and opens the same view. 25 tasks are seeded for the 交通运输局 drafter (JC-2025-9001…9025; due i−6 days from
 * now, so six are overdue; kinds cycle submit_draft / record_expert_opinions / submit_risk_assessment; decisions
 * 0, 4, … 24 also have a task the drafter finished).
 */
describe.runIf(needs('chromium', 'the inbox filters in the browser'))('the inbox filters in the browser', () => {
  const env = useBrowserPlatform();
  const shots = '/tmp/shots-lists';
  mkdirSync(shots, { recursive: true });
  const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  const DAY = 86_400_000;
  const KINDS = ['submit_draft', 'record_expert_opinions', 'submit_risk_assessment'];

  async function seed() {
    const prisma = env.p.platform.db.prisma;
    const now = Date.now();
    await prisma.decision.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        id: `web-d${i}`,
        number: `JC-2025-${9001 + i}`,
        year: 2025,
        seq: 9001 + i,
        title: `浏览器列表测试${i}`,
        matterType: 'public_services',
        summary: '列表测试',
        launch: {},
        leadDepartmentId: 'dept-jtysj',
        stage: 'launch',
        status: 'active',
        workflowId: `web-wf-${i}`,
        workflowStarted: true,
        confidential: false,
        createdById: 'user-drafter.jtysj',
      })),
    });
    await prisma.task.createMany({
      data: Array.from({ length: 25 }, (_, i) => [
        {
          id: `web-wf-${i}:open`,
          workflowId: `web-wf-${i}`,
          decisionId: `web-d${i}`,
          kind: KINDS[i % 3]!,
          stage: 'launch',
          role: 'drafter' as const,
          departmentId: 'dept-jtysj',
          status: 'open' as const,
          openedAt: new Date(now - (40 - i) * DAY),
          dueAt: new Date(now + (i - 6) * DAY + 3_600_000),
          dueRule: 'test',
        },
        ...(i % 4 === 0
          ? [
              {
                id: `web-wf-${i}:done`,
                workflowId: `web-wf-${i}`,
                decisionId: `web-d${i}`,
                kind: 'submit_draft',
                stage: 'launch',
                role: 'drafter' as const,
                departmentId: 'dept-jtysj',
                status: 'done' as const,
                openedAt: new Date(now - 50 * DAY),
                dueAt: new Date(now - 45 * DAY),
                completedAt: new Date(now - (30 - i) * DAY),
                completedById: 'user-drafter.jtysj',
              },
            ]
          : []),
      ]).flat(),
    });
  }

  const inbox = (page: Page) => page.locator('#lv-inbox');
  const numbers = (page: Page) => inbox(page).locator('.task-link .num').allInnerTexts();
  const pagerText = (page: Page) => inbox(page).locator('.pager-info').innerText();
  const chip = (page: Page, filter: string, value: string) =>
    inbox(page).locator(`.chips[data-filter="${filter}"] .chip[data-value="${value}"]`);

  it('filters, searches, sorts and pages the inbox; the URL keeps the view; a saved view opens it again', async () => {
    await seed();
    const page = await env.signIn('drafter.jtysj');
    await page.setViewportSize({ width: 1280, height: 900 });
    // Narrow to the seeded tasks with the search box: 25 open, 20 a page, earliest due first.
    await inbox(page).getByLabel('搜索').fill('JC-2025-90');
    await inbox(page).getByRole('button', { name: '查询' }).click();
    await expect.poll(() => pagerText(page)).toBe('第 1/2 页，共 25 条');
    expect(page.url()).toContain('q=JC-2025-90');
    expect((await numbers(page)).slice(0, 2)).toEqual(['JC-2025-9001', 'JC-2025-9002']);
    expect(await chip(page, 'status', 'open').innerText()).toMatch(/待办\s*25/);
    expect(await chip(page, 'status', 'done').innerText()).toMatch(/已办\s*7/);
    expect(await chip(page, 'due', 'overdue').innerText()).toMatch(/已逾期\s*6/);
    await shot(page, 'inbox-search');

    // A chip: the overdue ones (6), with the kind chips counted within it.
    await chip(page, 'due', 'overdue').click();
    await expect.poll(() => pagerText(page)).toBe('第 1/1 页，共 6 条');
    expect(page.url()).toContain('due=overdue');
    expect(await chip(page, 'kind', 'submit_draft').innerText()).toMatch(/2/);
    // Sorted by decision number, newest first.
    await inbox(page).getByLabel('排序', { exact: true }).selectOption('number');
    await expect.poll(() => page.url()).toContain('sort=number');
    await inbox(page).getByRole('button', { name: '排序方向' }).click();
    await expect.poll(async () => (await numbers(page))[0]).toBe('JC-2025-9006');
    expect(await numbers(page)).toEqual([
      'JC-2025-9006',
      'JC-2025-9005',
      'JC-2025-9004',
      'JC-2025-9003',
      'JC-2025-9002',
      'JC-2025-9001',
    ]);
    await shot(page, 'inbox-overdue-by-number');

    // Reload keeps the view.
    await page.reload();
    await expect.poll(() => pagerText(page)).toBe('第 1/1 页，共 6 条');
    expect(await numbers(page)).toHaveLength(6);
    expect(await inbox(page).getByLabel('排序', { exact: true }).inputValue()).toBe('number');

    // Save it as a view (stored on the server), then go elsewhere and open it again.
    await inbox(page).getByRole('button', { name: '保存视图' }).click();
    await inbox(page).getByLabel('视图名称').fill('逾期待办（按编号）');
    await inbox(page).getByRole('button', { name: '保存', exact: true }).click();
    const saved = inbox(page).locator('.saved-view a', { hasText: '逾期待办（按编号）' });
    await saved.waitFor();
    expect(await saved.getAttribute('aria-current')).toBe('true');
    await shot(page, 'inbox-saved-view');

    // Done tasks stay findable: status=done, page 2 of a smaller page by URL, then back restores the previous view.
    await page.goto(`${env.p.baseUrl}/#/?q=JC-2025-90&status=done&pageSize=5&page=2`);
    await expect.poll(() => pagerText(page)).toBe('第 2/2 页，共 7 条');
    expect(await numbers(page)).toHaveLength(2);
    await page.goBack();
    await expect.poll(() => pagerText(page)).toBe('第 1/1 页，共 6 条');

    // Page through the open ones with the pager.
    await page.goto(`${env.p.baseUrl}/#/?q=JC-2025-90`);
    await expect.poll(() => pagerText(page)).toBe('第 1/2 页，共 25 条');
    await inbox(page).getByRole('link', { name: '下一页' }).click();
    await expect.poll(() => pagerText(page)).toBe('第 2/2 页，共 25 条');
    expect(await numbers(page)).toHaveLength(5);
    expect(page.url()).toContain('page=2');

    // The saved view opens the same view, from the server.
    await inbox(page).locator('.saved-view a', { hasText: '逾期待办（按编号）' }).click();
    await expect.poll(() => pagerText(page)).toBe('第 1/1 页，共 6 条');
    expect((await numbers(page))[0]).toBe('JC-2025-9006');
    const views = await env.p.platform.db.prisma.savedView.findMany({ where: { ownerUserId: 'user-drafter.jtysj' } });
    expect(views.map((v) => [v.list, v.title, v.query])).toEqual([
      ['inbox', '逾期待办（按编号）', { q: 'JC-2025-90', due: 'overdue', sort: 'number', dir: 'desc' }],
    ]);
    await shot(page, 'inbox-view-opened');
    expect(env.pageErrors).toEqual([]);
    expect(env.external).toEqual([]);
  }, 180_000);
});
