import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DESKTOP, shot, useBrowserPlatform } from '../support/browser.js';
import { ApiClient } from '../support/platform.js';
import { ProcedureDriver, payloads } from '../support/procedure-driver.js';
import { sessionUser } from '../support/temporal.js';
import { needs } from '../support/tools.js';
// After the platform (which extends zod for OpenAPI before any schema is built).
import { ConcludePublicParticipationSchema } from '../../domain/tasks/public-participation.js';
import { r6CommentResponseViolations } from '../../domain/rules/public-participation.js';
import { chinaDate, chinaYear } from '../../domain/china-time.js';
import { createPublicApp } from '../../api/public/site.js';
import { participationConclusion } from '../../api/services/comments.js';

const env = useBrowserPlatform();

/** A decision of the lead department jtysj with its comment period open (R5), as the procedure opens it. */
async function openConsultation(title: string) {
  const prisma = env.p.platform.db.prisma;
  const drive = new ProcedureDriver(env.p.platform.ctx, (u) => sessionUser(prisma, u));
  const d = await drive.launchWithDraft('drafter.jtysj', { title });
  await drive.complete(d.id, 'open_comment_period', 'drafter.jtysj', payloads.open_comment_period());
  await expect
    .poll(
      async () => prisma.auditEvent.count({ where: { decisionId: d.id, action: 'procedure.comment_period_opened' } }),
      { timeout: 20_000 },
    )
    .toBe(1);
  return d;
}

async function listen(app: ReturnType<typeof createPublicApp>): Promise<{ url: string; server: Server }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe.runIf(needs('chromium', 'the public site'))(
  'the public site: comment periods the public reaches without signing in (R5, R6, R7, R1)',
  () => {
    it('takes a comment through the public page in Chromium, gives a receipt, and puts it in the staff’s list', async () => {
      const d = await openConsultation('关于调整城市公共交通票价的决定（征求意见稿）');
      const context = await env.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${env.p.baseUrl}/public/`);
      await shot(page, 'public-home');
      await page.getByRole('link', { name: '关于调整城市公共交通票价的决定（征求意见稿）' }).click();
      await page.getByRole('heading', { name: '在线提交意见' }).waitFor();
      expect(await page.locator('main').innerText()).toMatch(
        /征求意见稿：draft\.txt[\s\S]*起草说明：explanation\.txt[\s\S]*（30日）/,
      );
      await page.getByLabel('意见内容（3000字以内）').fill('建议对老年人实行免费乘车。');
      await page.getByLabel('身份类别').selectOption('citizen');
      await page.getByLabel('姓名（选填，不公开）').fill('王某某');
      await page.getByLabel('联系方式（选填，不公开）').fill('13800000000');
      await shot(page, 'public-comment-form');
      await page.getByRole('button', { name: '提交意见' }).click();
      const receipt = (await page.locator('#receipt').innerText()).trim();
      expect(receipt).toMatch(new RegExp(`^YJ-${d.number}-[0-9A-F]{8}$`));
      expect(await page.locator('body').innerText()).not.toMatch(/王某某|13800000000/);
      await shot(page, 'public-comment-receipt');
      await context.close();

      const drafter = await ApiClient.login(env.p.baseUrl, 'drafter.jtysj');
      const list = await drafter.ok('GET', `/api/decisions/${d.id}/comments`);
      expect(list.comments).toEqual([
        expect.objectContaining({
          receipt,
          channel: 'online',
          commenterKind: 'citizen',
          text: '建议对老年人实行免费乘车。',
          groupId: null,
        }),
      ]);
      expect(JSON.stringify(list)).not.toMatch(/王某某|13800000000/);

      // A letter recorded by staff joins the same list; groups link comments by id and each gets an answer.
      const letter = await drafter.ok('POST', `/api/decisions/${d.id}/comments`, {
        channel: 'letter',
        receivedOn: chinaDate(new Date()),
        text: '反对涨价。',
        commenterKind: 'citizen',
      });
      const g1 = await drafter.ok('POST', `/api/decisions/${d.id}/comment-groups`, {
        summary: '老年人优惠',
        commentIds: [list.comments[0].id],
      });
      const g2 = await drafter.ok('POST', `/api/decisions/${d.id}/comment-groups`, {
        summary: '票价水平',
        commentIds: [],
      });
      await drafter.ok('POST', `/api/decisions/${d.id}/comment-groups/${g2.id}/comments`, { commentIds: [letter.id] });
      expect(
        (
          await drafter.call('POST', `/api/decisions/${d.id}/comment-groups/${g2.id}/answer`, {
            response: 'not_adopted',
          })
        ).body.rule,
      ).toBe('R6');
      await drafter.ok('POST', `/api/decisions/${d.id}/comment-groups/${g1.id}/answer`, { response: 'adopted' });
      await drafter.ok('POST', `/api/decisions/${d.id}/comment-groups/${g2.id}/answer`, {
        response: 'not_adopted',
        reason: '票价低于成本',
      });
      const after = await drafter.ok('GET', `/api/decisions/${d.id}/comments`);
      expect(after.comments.map((c: { groupId: string }) => c.groupId)).toEqual([g1.id, g2.id]);
      // The participation step's payload is built from the list (tied to the existing step, not retyped).
      const payload = ConcludePublicParticipationSchema.parse(await participationConclusion(env.p.platform.ctx, d.id));
      expect(r6CommentResponseViolations(payload)).toEqual([]);
      expect(payload.comments.map((c) => [c.channel, c.groupKey])).toEqual([
        ['online', g1.id],
        ['letter', g2.id],
      ]);
      // Before the period ends the step cannot be concluded and no feedback is published (R5).
      expect((await drafter.call('POST', `/api/decisions/${d.id}/participation/conclude`, {})).body.rule).toBe('R5');
      expect((await fetch(`${env.p.baseUrl}/public/consultations/${d.number}/feedback`)).status).toBe(409);
      const docx = await fetch(`${env.p.baseUrl}/api/decisions/${d.id}/participation/summary.docx`, {
        headers: { authorization: `Bearer ${drafter.token}` },
      });
      expect(docx.status).toBe(200);
      if (process.env.YIFA_KEEP_DOCS)
        (await import('node:fs')).writeFileSync(
          `${process.env.YIFA_KEEP_DOCS}/participation-summary.docx`,
          Buffer.from(await docx.arrayBuffer()),
        );
    }, 120_000);

    it('answers every public route without a sign-in, serves no staff route on its own port, and limits comments per address', async () => {
      const d = await openConsultation('关于优化公交线网的决定（征求意见稿）');
      const doc = await env.p.platform.db.prisma.document.findFirstOrThrow({
        where: { decisionId: d.id, kind: 'draft' },
      });
      const { url, server } = await listen(
        createPublicApp(env.p.platform.ctx, { commentsPerWindow: 2, pagesPerWindow: 100, windowMs: 60_000 }),
      );
      try {
        const get = (path: string) => fetch(`${url}${path}`, { redirect: 'manual' });
        for (const [path, status] of [
          ['/public/', 200],
          [`/public/consultations/${d.number}`, 200],
          [`/public/consultations/${d.number}/documents/${doc.id}`, 200],
          [`/public/catalogs/${chinaYear(new Date())}`, 200],
          ['/public/public.css', 200],
          [`/public/consultations/${d.number}/feedback`, 409],
          ['/public/consultations/JC-1999-0001', 404],
        ] as const)
          expect((await get(path)).status, path).toBe(status);
        expect(await (await get(`/public/catalogs/${chinaYear(new Date())}`)).text()).toContain(
          '城市公共交通票价调整方案',
        );
        // Nothing of the staff platform on the public port: no API, no web app, no session routes.
        for (const path of [
          '/api/decisions',
          '/api/me',
          `/api/decisions/${d.id}/comments`,
          '/api/openapi.json',
          '/index.html',
          '/app.js',
          '/api/auth/login',
        ])
          expect((await get(path)).status, path).toBe(404);
        expect(
          (
            await fetch(`${url}/api/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"username":"admin","password":"yifa-demo"}',
            })
          ).status,
        ).toBe(404);

        const post = (body: Record<string, string>) =>
          fetch(`${url}/public/consultations/${d.number}/comments`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(body),
          });
        const bad = await post({ text: '意见', commenterKind: 'citizen', extra: 'x' });
        expect(bad.status).toBe(400);
        expect(await bad.text()).toContain('extra');
        expect((await post({ text: 'x'.repeat(3001), commenterKind: 'citizen' })).status).toBe(400);
        expect((await post({ text: '第二条意见', commenterKind: 'enterprise' })).status).toBe(429);
        expect(await env.p.platform.db.prisma.publicComment.count({ where: { decisionId: d.id } })).toBe(0);
      } finally {
        server.close();
      }
    }, 120_000);
  },
);
