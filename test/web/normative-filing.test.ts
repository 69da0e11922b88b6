import { describe, expect, it } from 'vitest';
import { chinaDate } from '../../domain/china-time.js';
import { passedNormativeDocumentOverHttp } from '../support/normative-passed.js';
import { ApiClient } from '../support/platform.js';
import { needs } from '../support/tools.js';
import { bodyText, expectFlash, shot, useBrowserPlatform } from '../support/browser.js';

const zhDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const dayOffset = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * R20-filing in Chromium: on a passed normative document's review page the drafting department records the
 * publication and then the filing in the 公布与备案 panel, from the server's forms; the due reads in Chinese form
 * and an overdue filing says so in words. While the drafter is away, their substitute (代办人) records it from the
 * same panel, told whom they act for, and the audit reads "X for Y".
 */
describe.runIf(needs('chromium', 'the filing panel in the browser'))(
  'publication and filing on the review page',
  () => {
    const env = useBrowserPlatform();

    it('records the publication, shows the due and the overdue state in words, and records the filing', async () => {
      const id = await passedNormativeDocumentOverHttp(env.p.baseUrl);
      const today = chinaDate(new Date());
      const page = await env.signIn('drafter.scjgj');
      await page.goto(`${env.p.baseUrl}/#/reviews/${encodeURIComponent(id)}`);
      const panel = page.locator('section[aria-labelledby=review-filing-title]');
      await panel.waitFor();
      expect(await panel.innerText()).toContain('尚未登记公布情况');

      await panel.getByRole('button', { name: '登记公布' }).click();
      await panel.getByLabel('文号').fill('市市场监管规〔2026〕1号');
      await panel.getByLabel('公布日期').fill(today);
      await panel.getByRole('button', { name: '确认公布情况' }).click();
      await expectFlash(page, '已登记公布情况');
      const due = dayOffset(today, 30);
      await expect.poll(() => panel.innerText()).toContain(`备案期限\n${zhDate(due)}`);
      expect(await panel.innerText()).toContain('待备案（未到期限）');

      // The period passed unfiled (the record's dates moved back as if published 31 days ago): overdue, in words.
      await env.p.platform.db.prisma.normativeFiling.update({
        where: { reviewId: id },
        data: { publishedOn: dayOffset(today, -31), dueOn: dayOffset(today, -1) },
      });
      await page.reload();
      await panel.waitFor();
      await expect.poll(() => panel.innerText()).toContain('逾期未备案');
      expect(await panel.innerText()).toContain(`已超过备案期限（${zhDate(dayOffset(today, -1))}）仍未报送备案`);
      await shot(page, 'filing-overdue');

      await panel.getByRole('button', { name: '登记备案' }).click();
      await panel.getByLabel('本级人民政府').check();
      await panel.getByLabel('本级人大常委会').check();
      await panel.getByLabel('报送备案日期').fill(today);
      await panel.getByLabel('备案号').fill('备2026001');
      await panel.getByRole('button', { name: '确认备案情况' }).click();
      await expectFlash(page, '已登记备案情况');
      await expect.poll(() => panel.innerText()).toContain('已备案（逾期）');
      const text = await panel.innerText();
      for (const s of ['备2026001', '本级人民政府、本级人大常委会', `报送备案日期\n${zhDate(today)}`])
        expect(text).toContain(s);
      expect(await panel.getByRole('button', { name: '登记备案' }).count()).toBe(0);
      await shot(page, 'filing-filed');

      // The legal center reads the record and has no form to record it.
      const director = await env.signIn('director');
      await director.goto(`${env.p.baseUrl}/#/reviews/${encodeURIComponent(id)}`);
      await director.locator('section[aria-labelledby=review-filing-title]').waitFor();
      expect(await bodyText(director)).toContain('备2026001');
      expect(env.external).toEqual([]);
      expect(env.pageErrors).toEqual([]);
    }, 180_000);

    it('shows the forms to an absent drafter’s substitute during the period, who records both as 代 the drafter', async () => {
      const id = await passedNormativeDocumentOverHttp(env.p.baseUrl, 'drafter.jtysj');
      const today = chinaDate(new Date());
      const [drafter, admin] = await Promise.all(
        ['drafter.jtysj', 'admin'].map((u) => ApiClient.login(env.p.baseUrl, u)),
      );
      const page = await env.signIn('head.jtysj');
      const url = `${env.p.baseUrl}/#/reviews/${encodeURIComponent(id)}`;
      await page.goto(url);
      const panel = page.locator('section[aria-labelledby=review-filing-title]');
      await panel.waitFor();
      // The head reads the panel but records nothing in their own right.
      await expect.poll(() => panel.innerText()).toContain('尚未登记公布情况');
      expect(await panel.getByRole('button', { name: '登记公布' }).count()).toBe(0);

      await drafter.ok('POST', '/api/absences', {
        startsOn: today,
        endsOn: dayOffset(today, 2),
        reason: '病假',
        substituteUserId: (await ApiClient.login(env.p.baseUrl, 'head.jtysj')).user.id,
      });
      const { displayName: name } = await env.p.platform.db.prisma.user.findUniqueOrThrow({
        where: { id: drafter.user.id },
      });
      await page.reload();
      await panel.getByRole('button', { name: '登记公布' }).waitFor();
      expect(await panel.innerText()).toContain(`代${name}办理`);
      await shot(page, 'filing-substitute');
      await panel.getByRole('button', { name: '登记公布' }).click();
      await panel.getByLabel('文号').fill('市交通运输规〔2026〕3号');
      await panel.getByLabel('公布日期').fill(today);
      await panel.getByRole('button', { name: '确认公布情况' }).click();
      await expectFlash(page, '已登记公布情况');
      await panel.getByRole('button', { name: '登记备案' }).waitFor();
      expect(await panel.innerText()).toContain(`代${name}办理`);
      await panel.getByRole('button', { name: '登记备案' }).click();
      await panel.getByLabel('本级人民政府').check();
      await panel.getByLabel('报送备案日期').fill(today);
      await panel.getByLabel('备案号').fill('备2026018');
      await panel.getByRole('button', { name: '确认备案情况' }).click();
      await expectFlash(page, '已登记备案情况');
      await expect.poll(() => panel.innerText()).toContain('已按期备案');
      expect(await panel.innerText()).not.toContain(`代${name}办理`);

      // The city-wide trail names the substitute acting for the drafter on both events.
      const trail = await admin.ok('GET', `/api/audit/events?q=${encodeURIComponent(id)}&pageSize=50`);
      expect(
        trail.items.map((e: { action: string; actor: { name: string; onBehalfOf: { name: string } | null } }) => [
          e.action,
          e.actor.onBehalfOf?.name,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['review.publication_recorded', name],
          ['review.filing_recorded', name],
        ]),
      );
      expect(env.external).toEqual([]);
      expect(env.pageErrors).toEqual([]);
    }, 180_000);
  },
);
