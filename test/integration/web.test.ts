import { mkdirSync } from 'node:fs';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../support/tools.js';
import type { Browser } from 'playwright-core';
import { launchChromium, shots } from '../support/browser.js';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';

/** The first web page in Debian's Chromium (installed by .ci/run): sign in, the list, one decision's stages and timeline. */
describe.runIf(needs('chromium', 'the web page in a real browser'))('the web page in a real browser', () => {
  let p: RunningPlatform;
  let browser: Browser;
  beforeAll(async () => {
    p = await startPlatform();
    browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await p?.close();
  });

  it('lets a drafter sign in, find the decision and see its stages and timeline, in Chinese and in English', async () => {
    const drafter = await ApiClient.login(p.baseUrl, 'drafter.jyj');
    const { id, number } = await drafter.ok('POST', '/api/decisions', {
      title: '关于推进义务教育学校集团化办学的实施意见',
      matterType: 'public_services',
      legalBasis: ['《中华人民共和国义务教育法》'],
      summary: '推进集团化办学。',
      plannedMeetingQuarter: '2027-Q2',
      inCatalog: true,
      catalogEntryId: demoCatalogEntryId('jyj'),
      confidential: false,
      touchesMarketActors: false,
      expertArgumentation: { required: false, reason: '不属于专业性、技术性较强的事项' },
      riskAssessment: { mode: 'required' },
    });
    const doc = (kind: string) =>
      drafter.ok('POST', `/api/decisions/${id}/documents`, {
        kind,
        fileName: `${kind}.txt`,
        contentBase64: Buffer.from(kind).toString('base64'),
      });
    const [draft, explanation] = [await doc('draft'), await doc('explanation')];
    expect(
      (await drafter.complete(id, 'submit_draft', { draftDocumentId: draft.id, explanationDocumentId: explanation.id }))
        .status,
    ).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(p.baseUrl) && !r.url().startsWith('data:')) external.push(r.url());
    });
    await page.goto(`${p.baseUrl}/`);
    await page.getByLabel('用户名').fill('drafter.jyj');
    await page.getByLabel('密码').fill('wrong');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('body').innerText()).toContain('用户名或密码错误');
    await page.getByLabel('密码').fill('yifa-demo');
    await page.keyboard.press('Enter');
    await page.locator('#main').getByText(number).first().waitFor();
    await page.screenshot({ path: join(shots, 'home-zh.png'), fullPage: true });

    await page.getByRole('link', { name: '关于推进义务教育学校集团化办学的实施意见' }).first().click();
    await page.locator('#stages-title').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('专家论证');
    expect(text).toContain('不属于专业性、技术性较强的事项');
    expect(text).toContain('启动决策');
    await page.screenshot({ path: join(shots, 'decision-zh.png'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('body').innerText()).toContain('Expert argumentation');
    await page.screenshot({ path: join(shots, 'decision-en.png'), fullPage: true });
    expect(external).toEqual([]);
  });
});
