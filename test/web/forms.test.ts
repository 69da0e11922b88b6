import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../support/tools.js';
import type { z } from 'zod';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { TASK_KINDS } from '../../domain/tasks/kinds.js';
import { codeLabels } from '../../domain/labels.js';
import { payloadSchemaOf } from '../../api/routes/tasks.js';
import { projectRoot } from '../../scripts/lib/tools.js';

const shots = join(projectRoot, 'test-results', 'screenshots', 'forms');
const webRoot = join(projectRoot, 'web');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
};

/** The page that renders one form from a JSON Schema with the web's own modules (no server behind it). */
const HARNESS = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="stylesheet" href="/styles.css"></head>
<body><main class="main"><section class="panel form-panel"><form class="task-form" novalidate id="f"></form></section></main>
<script type="module">
import { schemaForm } from '/forms.js';
import { loadLabels } from '/i18n.js';
// The labels of codes come from the server's list, as on the real page.
await loadLabels();
window.render = (schema, scope) => {
  const form = schemaForm({ schema, scope, sources: { documents: [{ id: 'doc-1', kind: 'draft', fileName: '草案.docx', version: 1 }], departments: [{ id: 'dept-a', nameZh: '市财政局', nameEn: 'Finance Bureau' }], users: async () => [{ id: 'u1', username: 'reviewer01', displayName: '审查员01' }], upload: async () => { throw new Error('no upload here'); } } });
  document.getElementById('f').replaceChildren(form.el);
  window.form = form;
};
window.unlabelled = (schema) => {
  const names = new Set();
  const walk = (s, name) => {
    if (!s || typeof s !== 'object') return;
    if (name && typeof name === 'string' && !s.label) names.add(name);
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, k);
    if (s.items) walk(s.items);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties);
    for (const v of [...(s.oneOf ?? []), ...(s.anyOf ?? [])]) walk(v);
  };
  walk(schema);
  // Fields the server's schema leaves without a label.
  return [...names];
};
window.ready = true;
</script></body></html>`;

/**
 * Every task kind's form, rendered from the JSON Schema the API serves (GET /api/tasks/:id → payloadSchema):
 * every field has a Chinese label, every control a label a screen reader announces, and an empty form is
 * refused in the browser beside the fields the API requires.
 */
describe.runIf(needs('chromium', 'the task forms in the browser'))('the task forms, one per task kind', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HARNESS);
        return;
      }
      if (url.pathname === '/api/labels') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(codeLabels()));
        return;
      }
      const file = normalize(join(webRoot, url.pathname));
      if (!file.startsWith(webRoot) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8` })
        .end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  for (const [kind, def] of Object.entries(TASK_KINDS)) {
    it(`${kind}: labelled, keyboard-reachable, and refuses an empty submission beside its fields`, async () => {
      // The schema GET /api/tasks/:id serves, its fields labelled by the server.
      const schema = payloadSchemaOf(def as { schema: z.ZodType }, kind);
      expect(
        await page.evaluate((s) => (window as unknown as { unlabelled(s: unknown): string[] }).unlabelled(s), schema),
      ).toEqual([]);
      await page.evaluate(([s, k]) => (window as unknown as { render(s: unknown, k: string): void }).render(s, k), [
        schema,
        kind,
      ] as const);

      // Every control a keyboard reaches is announced with a label (its own, or its group's legend for a choice).
      const unnamed = await page.$$eval('#f input:not([type=hidden]), #f select, #f textarea', (els) =>
        els
          .filter((el) => !(el as HTMLElement).closest('[hidden]'))
          .filter((el) => {
            const labels = (el as HTMLInputElement).labels;
            return !labels || labels.length === 0 || ![...labels].some((l) => (l.textContent ?? '').trim());
          })
          .map((el) => (el as HTMLInputElement).name || el.id),
      );
      expect(unnamed).toEqual([]);
      const text = await page.locator('#f').innerText();
      expect(text).not.toMatch(/undefined|null|\[object Object\]/);

      // An empty form: the browser names what is missing before anything is sent.
      const { errors } = await page.evaluate(() =>
        (window as unknown as { form: { value(): { errors: unknown[] } } }).form.value(),
      );
      // (A list without a minimum may be empty: the rules behind it, e.g. R16, answer for it.)
      const top = schema as {
        required?: string[];
        oneOf?: unknown[];
        properties?: Record<string, { type?: string; minItems?: number }>;
      };
      const mustFill = (top.required ?? []).filter(
        (k) => !(top.properties?.[k]?.type === 'array' && !top.properties[k].minItems),
      );
      if (mustFill.length || top.oneOf) expect(errors.length).toBeGreaterThan(0);
      await page.evaluate(() => {
        const w = window as unknown as {
          form: { value(): { errors: unknown[] }; showIssues(i: unknown[]): unknown[] };
        };
        w.form.showIssues(w.form.value().errors);
      });
      if (errors.length) expect(await page.locator('#f .field-error:visible').count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await page.screenshot({ path: join(shots, `${kind}.png`), fullPage: true });
    });
  }
});
