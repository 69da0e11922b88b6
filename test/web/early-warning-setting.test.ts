import { describe, expect, it } from 'vitest';
import { shot, useBrowserPlatform } from '../support/browser.js';
import { needs } from '../support/tools.js';

describe.runIf(needs('chromium', 'the early-warning setting'))('the early-warning N on the account page', () => {
  const env = useBrowserPlatform();

  it('the office sets N to 5 in the browser (11 refused beside the field); the due-soon board says 5; a drafter has no control', async () => {
    const office = await env.signIn('supervisor1');
    await office.goto(`${env.p.baseUrl}/#/account`);
    const panel = office.locator('section[aria-labelledby="account-early-warning"]');
    const field = office.getByLabel('临期预警提前的工作日数');
    await field.waitFor();
    expect(await field.inputValue()).toBe('3');
    expect(await panel.locator('.early-warning-source').innerText()).toContain('配置文件的默认值（3个工作日）');
    await field.fill('11');
    await office.getByRole('button', { name: '保存预警设置' }).click();
    await expect.poll(() => panel.locator('.field-error:visible').innerText()).not.toBe('');
    expect(await env.p.platform.db.prisma.appSetting.count()).toBe(0);
    await field.fill('5');
    await office.getByRole('button', { name: '保存预警设置' }).click();
    await expect.poll(() => panel.locator('.early-warning-saved:visible').count()).toBe(1);
    expect(await panel.locator('.early-warning-source').innerText()).toMatch(
      /现行天数由.+于.+设置（配置文件默认为3个工作日）/,
    );
    expect(await office.getByLabel('临期预警提前的工作日数').inputValue()).toBe('5');
    await shot(office, 'early-warning-setting');
    const events = await env.p.platform.db.prisma.auditEvent.findMany({ where: { action: 'setting.changed' } });
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ before: 3, after: 5 })]);

    await office.goto(`${env.p.baseUrl}/#/supervision`);
    await expect.poll(() => office.locator('body').innerText()).toContain('距办理期限 5 个工作日以内');

    const drafter = await env.signIn('drafter.jtysj');
    await drafter.goto(`${env.p.baseUrl}/#/account`);
    await drafter.locator('form.notice-preferences').waitFor();
    expect(await drafter.locator('#account-early-warning').count()).toBe(0);
    await office.context().close();
    await drafter.context().close();
    expect(env.pageErrors).toEqual([]);
  }, 240_000);
});
