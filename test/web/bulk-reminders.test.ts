import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { needs } from '../support/tools.js';
import { ApiClient } from '../support/platform.js';
import { bodyText, useBrowserPlatform } from '../support/browser.js';

/**
 * Issue 16 §5 (b) in Debian's Chromium: the supervising office ticks overdue tasks on the board, previews (one
 * already has its 提示函: refused naming it), sends the 提示函 and reads the result with each letter's number.
 * Three decisions of the 交通运输局 are seeded with a draft task 10 days past its due (JC-2025-9101…9103).
 */
describe.runIf(needs('chromium', 'bulk 提示 in the browser'))('bulk 提示 on the overdue board', () => {
  const env = useBrowserPlatform();
  const shots = '/tmp/shots-remind';
  mkdirSync(shots, { recursive: true });
  const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  const numbers = ['JC-2025-9101', 'JC-2025-9102', 'JC-2025-9103'];
  const taskIds = numbers.map((_, i) => `remind-wf-${i}:submit_draft`);

  async function seed() {
    const prisma = env.p.platform.db.prisma;
    const now = Date.now();
    await prisma.decision.createMany({
      data: numbers.map((number, i) => ({
        id: `remind-d${i}`,
        number,
        year: 2025,
        seq: 9101 + i,
        title: `城市停车收费标准调整方案${i + 1}`,
        matterType: 'public_services',
        summary: '批量提示测试',
        launch: {},
        leadDepartmentId: 'dept-jtysj',
        stage: 'launch',
        status: 'active',
        workflowId: `remind-wf-${i}`,
        workflowStarted: true,
        confidential: false,
        createdById: 'user-drafter.jtysj',
      })),
    });
    await prisma.task.createMany({
      data: numbers.map((_, i) => ({
        id: taskIds[i],
        workflowId: `remind-wf-${i}`,
        decisionId: `remind-d${i}`,
        kind: 'submit_draft',
        stage: 'launch',
        role: 'drafter' as const,
        departmentId: 'dept-jtysj',
        status: 'open' as const,
        openedAt: new Date(now - 30 * 86_400_000),
        dueAt: new Date(now - 10 * 86_400_000),
        dueRule: 'R17',
      })),
    });
  }

  it('ticks three overdue tasks, previews 2 to do and 1 refused (R37, its letter named), sends two 提示函', async () => {
    await seed();
    const office = await ApiClient.login(env.p.baseUrl, 'supervisor1');
    const first = await office.ok('POST', '/api/supervision/reminders/bulk', { taskIds: [taskIds[2]] });
    expect(first).toMatchObject({ done: 1 });
    const earlier = (
      await env.p.platform.db.prisma.escalationLetter.findFirstOrThrow({ where: { taskId: taskIds[2] } })
    ).number;

    const page = await env.signIn('supervisor1');
    await page.getByRole('navigation', { name: '工作台' }).getByRole('link', { name: '督查督办' }).click();
    const bar = page.locator('form.bulk-bar');
    await bar.waitFor();
    expect(await bar.getByRole('button', { name: '预览批量提示' }).isDisabled()).toBe(true);
    for (const n of numbers) await page.getByRole('checkbox', { name: `选择 ${n}` }).check();
    await expect.poll(() => bar.locator('.bulk-count').innerText()).toBe('已选 3 项');
    await bar.getByLabel('附言（写入通知和邮件）').fill('请于三个工作日内书面反馈办理情况。');
    await shot(page, 'board-ticked');
    await bar.getByRole('button', { name: '预览批量提示' }).click();

    const dialog = page.getByRole('dialog', { name: '批量发出提示函' });
    await dialog.locator('.bulk-summary').waitFor();
    expect(await dialog.locator('.bulk-summary').innerText()).toBe('共 3 项：2 项将执行，1 项将被拒绝');
    const refused = await dialog.locator('tr.is-refused').innerText();
    expect(refused).toContain(numbers[2]);
    expect(refused).toContain(`已发出提示函${earlier}`);
    expect(await env.p.platform.db.prisma.escalationLetter.count({ where: { taskId: { in: taskIds } } })).toBe(1);
    await dialog.screenshot({ path: `${shots}/preview-dialog.png` });

    await dialog.getByRole('button', { name: '执行（2 项）' }).click();
    const result = page.getByRole('dialog', { name: '批量发出提示函：结果' });
    await result.locator('.bulk-summary').waitFor();
    expect(await result.locator('.bulk-summary').innerText()).toBe('共 3 项：2 项已完成，1 项被拒绝');
    const letters = await env.p.platform.db.prisma.escalationLetter.findMany({
      where: { taskId: { in: taskIds.slice(0, 2) } },
    });
    expect(letters).toHaveLength(2);
    for (const l of letters) expect(await result.innerText()).toContain(`已发出提示函 ${l.number}`);
    await result.screenshot({ path: `${shots}/result-dialog.png` });
    await result.getByRole('button', { name: '关闭' }).click();
    await page.locator('.flash').waitFor();
    expect(await bodyText(page)).toContain('批量提示已办理');
    await shot(page, 'board-after');
    expect(env.pageErrors).toEqual([]);
  }, 240_000);
});
