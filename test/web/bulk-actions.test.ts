import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { needs } from '../support/tools.js';
import { ApiClient } from '../support/platform.js';
import { bodyText, shot, shots, useBrowserPlatform } from '../support/browser.js';
import { beijingDaysAgo } from '../support/dates.js';
import { baseLaunch, payloads } from '../support/procedure-driver.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const txt = (fileName: string, text: string) => ({ fileName, mimeType: 'text/plain', contentBase64: b64(text) });

/** Issue 16 §4–5 in Debian's Chromium: the director's bulk reassignment (preview, execute, result), the secretary's agenda bar and an absence with a substitute on the account page. */
describe.runIf(needs('chromium', 'bulk actions in the browser'))(
  'bulk reassignment and absences in the browser',
  () => {
    const env = useBrowserPlatform();
    const { signIn, pageErrors, external } = env;
    const keep = async (page: Page, name: string) => {
      await shot(page, name);
      mkdirSync('/tmp/shots-substitutes', { recursive: true });
      copyFileSync(join(shots, `${name}.png`), `/tmp/shots-substitutes/${name}.png`);
    };

    it('previews 2 to do and 1 refused with its rule, executes, and shows the result per item', async () => {
      const [director, drafter] = await Promise.all(
        ['director', 'drafter.jyj'].map((u) => ApiClient.login(env.p.baseUrl, u)),
      );
      const ids: string[] = [];
      for (let i = 1; i <= 3; i++)
        ids.push(
          (
            await drafter.ok('POST', '/api/reviews', {
              kind: 'normative_document',
              title: `某市中小学课后服务管理办法（第${i}稿）`,
              draft: txt('办法.txt', '第一条 为规范课后服务，制定本办法。'),
              explanation: txt('起草说明.txt', '起草说明'),
              legalBasis: ['《中华人民共和国教育法》'],
              consultationSummary: '已公开征求意见30日。',
            })
          ).id,
        );
      let holders: Array<string | null> = [];
      await expect
        .poll(
          async () => {
            holders = await Promise.all(
              ids.map(async (id) => (await director.ok('GET', `/api/reviews/${id}`)).reviewerUserId),
            );
            return holders.every(Boolean);
          },
          { timeout: 30_000, interval: 300 },
        )
        .toBe(true);
      const target = ['user-reviewer07', 'user-reviewer08', 'user-reviewer09'].find((u) => !holders.includes(u))!;
      await director.ok('POST', `/api/reviews/pool/${target}/conflicts`, {
        subjectNumber: ids[2],
        reason: '曾参与起草',
      });
      const targetName = (await director.ok('GET', '/api/reviews/pool')).members.find(
        (m: { userId: string }) => m.userId === target,
      ).displayName as string;

      const page = await signIn('director');
      await page.getByRole('navigation', { name: '工作台' }).getByRole('link', { name: '法务中心' }).click();
      const bar = page.locator('form.bulk-bar');
      await bar.waitFor();
      expect(await bar.getByRole('button', { name: '预览批量改派' }).isDisabled()).toBe(true);
      for (const id of ids) await page.getByRole('checkbox', { name: `选择 ${id}` }).check();
      await expect.poll(() => bar.locator('.bulk-count').innerText()).toBe('已选 3 项');
      await bar.locator('select[name="reviewerUserId"]').selectOption(target);
      await bar.getByLabel('改派理由').fill('均衡各审查员工作量');
      await bar.getByRole('button', { name: '预览批量改派' }).click();

      const dialog = page.getByRole('dialog', { name: '批量改派审查' });
      await dialog.locator('.bulk-summary').waitFor();
      expect(await dialog.locator('.bulk-summary').innerText()).toBe('共 3 项：2 项将执行，1 项将被拒绝');
      const refusedRow = dialog.locator('tr.is-refused');
      expect(await refusedRow.innerText()).toContain(ids[2]);
      expect(await refusedRow.innerText()).toContain('已申报利益冲突');
      expect(await dialog.innerText()).toContain(`→ ${targetName}`);
      // Nothing changed yet.
      expect((await director.ok('GET', `/api/reviews/${ids[0]}`)).reviewerUserId).toBe(holders[0]);
      await keep(page, 'bulk-reassign-preview');
      await dialog.screenshot({ path: '/tmp/shots-substitutes/bulk-reassign-preview-dialog.png' });

      await dialog.getByRole('button', { name: '执行（2 项）' }).click();
      const result = page.getByRole('dialog', { name: '批量改派审查：结果' });
      await result.locator('.bulk-summary').waitFor();
      expect(await result.locator('.bulk-summary').innerText()).toBe('共 3 项：2 项已完成，1 项被拒绝');
      expect(await result.locator('tr.is-refused').innerText()).toContain('已申报利益冲突');
      await keep(page, 'bulk-reassign-result');
      await result.getByRole('button', { name: '关闭' }).click();
      await page.locator('.flash').waitFor();
      expect(await bodyText(page)).toContain('批量改派已办理');
      await expect
        .poll(async () => (await director.ok('GET', `/api/reviews/${ids[1]}`)).reviewerUserId, { timeout: 20_000 })
        .toBe(target);
      expect((await director.ok('GET', `/api/reviews/${ids[2]}`)).reviewerUserId).toBe(holders[2]);
    }, 240_000);

    it('the secretary ticks decisions on the meeting page and previews them per decision, refused as not ready', async () => {
      const drafter = await ApiClient.login(env.p.baseUrl, 'drafter.jtysj');
      const secretary = await ApiClient.login(env.p.baseUrl, 'secretary1');
      const decisions: Array<{ id: string; number: string }> = [];
      for (const title of ['关于调整城区公交票价的决定', '关于实施道路停车收费的决定']) {
        const d = await drafter.ok('POST', '/api/decisions', baseLaunch({ title }));
        await drafter.taskOf(d.id, 'submit_draft');
        decisions.push(d);
      }
      // The read model says they are at collective discussion (the decision's stage and its open task's), which
      // shows them to the secretary among the page's choices; the procedure itself has not got there, so the
      // server's preview refuses each.
      const ids = decisions.map((d) => d.id);
      const prisma = env.p.platform.db.prisma;
      await prisma.decision.updateMany({ where: { id: { in: ids } }, data: { stage: 'collective_discussion' } });
      await prisma.task.updateMany({ where: { decisionId: { in: ids } }, data: { stage: 'collective_discussion' } });
      const meeting = await secretary.ok('POST', '/api/meetings', payloads.meeting());

      const page = await signIn('secretary1');
      await page.goto(`${env.p.baseUrl}/#/meetings/${meeting.id}`);
      const bar = page.locator('form.bulk-bar');
      await bar.waitFor();
      expect(await bar.getByRole('button', { name: '预览批量列入' }).isDisabled()).toBe(true);
      for (const d of decisions) await bar.getByRole('checkbox', { name: `选择 ${d.number}` }).check();
      await expect.poll(() => bar.locator('.bulk-count').innerText()).toBe('已选 2 项');
      await keep(page, 'bulk-agenda-bar');
      await bar.getByRole('button', { name: '预览批量列入' }).click();
      const dialog = page.getByRole('dialog', { name: '批量列入议题' });
      await dialog.locator('.bulk-summary').waitFor();
      expect(await dialog.locator('.bulk-summary').innerText()).toBe('共 2 项：0 项将执行，2 项将被拒绝');
      const rows = await dialog.locator('tr.is-refused').allInnerTexts();
      expect(rows).toHaveLength(2);
      for (const [i, d] of decisions.entries()) expect(rows[i]).toContain(`${d.number} `);
      expect(await dialog.getByRole('button', { name: '执行（0 项）' }).isDisabled()).toBe(true);
      await keep(page, 'bulk-agenda-preview');
      await dialog.getByRole('button', { name: '取消' }).click();
      expect(await secretary.ok('GET', `/api/meetings/${meeting.id}`)).toMatchObject({ items: [] });
    }, 180_000);

    it('records an absence with a substitute on the account page and lists it', async () => {
      const page = await signIn('reviewer11');
      await page.goto(`${env.p.baseUrl}/#/account`);
      await page.getByRole('button', { name: '登记不在岗…' }).click();
      await page.locator('select[name="substituteUserId"]').selectOption('user-reviewer12');
      await page.locator('input[name="startsOn"]').fill(beijingDaysAgo(-1));
      await page.locator('input[name="endsOn"]').fill(beijingDaysAgo(-3));
      await page.getByLabel('事由').fill('外出参加培训');
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await page.locator('.flash', { hasText: '已登记不在岗' }).waitFor();
      const row = page.locator('tr', { hasText: '外出参加培训' });
      await row.waitFor();
      expect(await row.innerText()).toContain('法务中心审查员12');
      await keep(page, 'account-absence');
      expect(pageErrors).toEqual([]);
      expect(external).toEqual([]);
    }, 120_000);
  },
);
