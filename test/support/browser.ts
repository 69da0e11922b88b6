import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startPlatform, type RunningPlatform } from './platform.js';
import { projectRoot } from '../../scripts/lib/tools.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const shots = join(projectRoot, 'test-results', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const TABLET = { width: 820, height: 1180 };

/** Debian's Chromium as every browser test starts it: offline (nothing fetched in the background), Chinese UI. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=zh-CN',
    ],
  });

/**
 * The platform and Debian's Chromium for one test file: started before its tests, closed after. Every page it
 * opens records requests that leave the app (there must be none: intranets are offline) and page errors.
 */
export function useBrowserPlatform(options: () => Parameters<typeof startPlatform>[0] = () => ({})) {
  const env = {
    p: undefined as unknown as RunningPlatform,
    browser: undefined as unknown as Browser,
    external: [] as string[],
    pageErrors: [] as string[],
    /** A fresh browser context (own storage) signed in as the user, on the home page. */
    async signIn(username: string, viewport = DESKTOP): Promise<Page> {
      const context = await env.browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      page.on('request', (r) => {
        if (!r.url().startsWith(env.p.baseUrl) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
          env.external.push(r.url());
      });
      page.on('pageerror', (e) => env.pageErrors.push(`${username}: ${e.message}`));
      await page.goto(`${env.p.baseUrl}/`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill('yifa-demo');
      await page.keyboard.press('Enter');
      await page.locator('#home-title').waitFor();
      return page;
    },
    /**
     * Opens a task from the home inbox by its label and its subject's number, reloading until the procedure has
     * opened it; a decision's task and a review's open on the one task page (#/tasks/:id). Returns the task's id.
     */
    async openTask(page: Page, taskLabel: string, number: string, timeout = 30_000) {
      const link = page.locator('.task-link', { hasText: taskLabel }).filter({ hasText: number });
      await expect
        .poll(
          async () => {
            await page.goto(`${env.p.baseUrl}/#/`);
            await page.reload();
            await page.locator('.tasks-panel .task-list, .tasks-panel .empty').first().waitFor();
            return link.count();
          },
          { timeout, interval: 500 },
        )
        .toBeGreaterThan(0);
      await link.first().click();
      await page.locator('form.task-form').waitFor();
      await expect.poll(() => page.locator('#task-title').innerText()).toBe(taskLabel);
      const id = /#\/tasks\/([^/?]+)$/.exec(page.url())?.[1];
      expect(id, page.url()).toBeTruthy();
      return decodeURIComponent(id!);
    },
  };
  beforeAll(async () => {
    env.p = await startPlatform(options());
    env.browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.p?.close();
  });
  return env;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
export const bodyText = (page: Page) => page.locator('body').innerText();

/** Waits until the page's confirmation line (.flash, shown after an action) says the text. */
export async function expectFlash(page: Page, text: string | RegExp, timeout = 20_000) {
  const flash = () =>
    page
      .locator('.flash')
      .innerText()
      .catch(() => '');
  if (typeof text === 'string') await expect.poll(flash, { timeout }).toContain(text);
  else await expect.poll(flash, { timeout }).toMatch(text);
}
