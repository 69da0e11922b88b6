import { describe, expect, it } from 'vitest';
import { needs } from '../support/tools.js';
import { shot, useBrowserPlatform } from '../support/browser.js';

describe.runIf(needs('chromium', 'account and user administration in the browser'))(
  'account and user administration in the browser (under the CSP)',
  () => {
    const env = useBrowserPlatform();

    it('the admin creates a user; that user signs in, changes the password and is sent back to sign-in', async () => {
      const csp: string[] = [];
      const admin = await env.signIn('admin');
      admin.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
      });
      await admin.getByRole('link', { name: '用户管理' }).click();
      await admin.locator('#users-new').waitFor();

      const form = admin.locator('section[aria-labelledby="users-new"]');
      await form.getByLabel('用户名', { exact: true }).fill('drafter3.jyj');
      await form.getByLabel('姓名或岗位名称').fill('教育局经办人3');
      await form.getByLabel('所在单位').selectOption('dept-jyj');
      await form.getByLabel('承办单位经办人').check();
      await form.getByLabel('初始密码（不少于10个字符）').fill('first-password-1');
      await admin.getByRole('button', { name: '新建', exact: true }).click();
      await expect.poll(() => admin.locator('.flash').innerText()).toContain('drafter3.jyj');
      await expect.poll(() => admin.locator('li.user-row[data-username="drafter3.jyj"]').count()).toBe(1);
      await shot(admin, 'users-admin');

      const page = await (await env.browser.newContext({ locale: 'zh-CN' })).newPage();
      page.on('pageerror', (e) => env.pageErrors.push(e.message));
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
      });
      await page.goto(`${env.p.baseUrl}/`);
      await page.getByLabel('用户名').fill('drafter3.jyj');
      await page.getByLabel('密码').fill('first-password-1');
      await page.keyboard.press('Enter');
      await page.locator('#home-title').waitFor();
      await page.getByRole('link', { name: '账号' }).click();
      await page.getByLabel('原密码').fill('first-password-1');
      await page.getByLabel('新密码（不少于10个字符）').fill('second-password-2');
      await page.getByLabel('再次输入新密码').fill('second-password-2');
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByLabel('用户名').waitFor();
      await page.getByLabel('用户名').fill('drafter3.jyj');
      await page.getByLabel('密码').fill('second-password-2');
      await page.keyboard.press('Enter');
      await page.locator('#home-title').waitFor();

      const trail = await env.p.platform.db.prisma.auditEvent.findMany({
        where: { action: { in: ['user.created', 'auth.password_changed'] } },
        select: { action: true },
      });
      expect(trail.map((e) => e.action).sort()).toEqual(['auth.password_changed', 'user.created']);
      expect(csp).toEqual([]);
      expect(env.pageErrors).toEqual([]);
      expect(env.external).toEqual([]);
    });
  },
);
