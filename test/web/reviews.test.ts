import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needs } from '../support/tools.js';
import type { Page } from 'playwright-core';
import { ApiClient } from '../support/platform.js';
import { DESKTOP, TABLET, bodyText, shot, shots, useBrowserPlatform, expectFlash } from '../support/browser.js';

/**
 * A normative document's legality review in Debian's Chromium, through the pages only: the market-regulation
 * bureau's drafter submits a document that sets a fine and cites a repealed regulation, supplies the missing
 * explanation from the inbox, the reviewer the pool assigned decides the assisted-review flags and returns the
 * draft, the drafter revises it, the reviewer finds it not lawful, the drafter downloads the opinion; the
 * director changes a kind's settings and records a conflict in the pool.
 */
describe.runIf(needs('chromium', 'the legal center in the browser'))(
  'a normative document reviewed by the legal center in the browser',
  () => {
    const env = useBrowserPlatform();
    const { signIn, openTask, external, pageErrors } = env;

    const nav = (page: Page, name: string) =>
      page.getByRole('navigation', { name: '工作台' }).getByRole('link', { name }).click();
    const nav2 = (page: Page, name: string) =>
      page.getByRole('navigation', { name: 'Workbench' }).getByRole('link', { name }).click();
    const fitsWidth = async (page: Page, width: number) =>
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    /** Submits the open task form and waits for the review's page with the confirmation. */
    async function submitTask(page: Page) {
      await page.getByRole('button', { name: '提交', exact: true }).click();
      await page.locator('.flash').waitFor({ timeout: 30_000 });
      await page.locator('#review-title').waitFor();
    }

    /** Uploads a text file in a task form's document field (by the field's label). */
    async function uploadIn(page: Page, fieldLabel: string, fileName: string, content: string) {
      const field = page
        .locator('.sf-field--doc')
        .filter({ has: page.locator('label', { hasText: new RegExp(`^${fieldLabel}`) }) });
      await field
        .locator('input[type=file]')
        .setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(content) });
      await expect.poll(() => field.locator('.sf-upload-status').innerText()).toContain(`已上传 ${fileName}`);
    }

    /** The review as the API shows it to the supervising office (to know whom the pool assigned; every action is in the browser). */
    async function reviewOf(number: string, until: (r: any) => boolean) {
      const office = await ApiClient.login(env.p.baseUrl, 'supervisor1');
      let r: any;
      await expect
        .poll(
          async () => {
            r = await office.ok('GET', `/api/reviews/${number}`);
            return until(r);
          },
          { timeout: 30_000, interval: 300 },
        )
        .toBe(true);
      return r;
    }

    async function usernameOf(userId: string): Promise<string> {
      const office = await ApiClient.login(env.p.baseUrl, 'supervisor1');
      const users: Array<{ id: string; username: string }> = await office.ok('GET', '/api/users');
      return users.find((u) => u.id === userId)!.username;
    }

    it('submits, supplements, reviews with flags, revises, fails and downloads the opinion; the director keeps the pool', async () => {
      // ---- drafter of 市场监管局: the department's submissions, and the submission form
      const drafter = await signIn('drafter.scjgj');
      await nav(drafter, '送审文件');
      await drafter.locator('#sub-title').waitFor();
      expect(await bodyText(drafter)).toContain('本单位尚无送审事项');
      await drafter.getByRole('link', { name: '＋ 报送审查' }).click();
      await drafter.locator('#sub-form-title').waitFor();
      // Nothing filled in: refused beside the fields, the first one focused.
      await drafter.getByRole('button', { name: '报送审查', exact: true }).click();
      await expect.poll(() => drafter.locator('.field-error:visible').count()).toBeGreaterThanOrEqual(1);
      expect(await drafter.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
      await shot(drafter, 'review-submit-errors');

      const title = '关于加强农贸市场食品安全管理的若干规定';
      expect(await drafter.getByLabel('审查类别').locator('option:checked').innerText()).toBe('行政规范性文件');
      await drafter.getByLabel('文件或合同名称').fill(title);
      await drafter.getByLabel('制定或签订依据 · 第 1 项').fill('《城市房屋拆迁管理条例》');
      await drafter.getByLabel('征求意见情况').fill('通过政府网站公开征求意见30日，收到意见12条，采纳8条。');
      // The draft goes with the submission; the drafting explanation is forgotten (R16 returns it for supplement).
      await drafter.getByLabel(/^规范性文件草案/).setInputFiles({
        name: '规定草案.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(
          '第一条 为加强农贸市场食品安全管理，制定本规定。\n第九条 违反本办法的，处以五千元罚款。\n第十条 本规定自发布之日起施行。',
        ),
      });
      // A contract asks for other materials: the counterparty's qualification instead of the explanation.
      await drafter.getByLabel('审查类别').selectOption('contract');
      expect(await drafter.getByLabel(/^相对方主体资格材料/).isVisible()).toBe(true);
      expect(await drafter.getByLabel(/^起草说明/).isVisible()).toBe(false);
      await drafter.getByLabel('审查类别').selectOption('normative_document');
      await shot(drafter, 'review-submit');
      await fitsWidth(drafter, DESKTOP.width);
      await drafter.getByRole('button', { name: '报送审查', exact: true }).click();
      await drafter.locator('#review-title').waitFor();
      const flash = await drafter.locator('.flash').innerText();
      const number = /GF-\d{4}-\d{4}/.exec(flash)?.[0];
      expect(number, flash).toBeTruthy();
      expect(await drafter.locator('#review-title').innerText()).toBe(title);
      expect(await drafter.locator('.doc-item', { hasText: '规定草案.txt' }).count()).toBe(1);
      // The review returns the missing explanation for supplement (R16): its task shows on the page once opened.
      await expect
        .poll(() => drafter.locator('#review-tasks-title').locator('xpath=ancestor::section').innerText(), {
          timeout: 20_000,
        })
        .toContain('补充审查材料');
      expect(await drafter.locator('.decision-head .status').innerText()).toBe('退回补充材料');
      // A further material on the review's page: no file chosen is refused beside the file input.
      await drafter.getByRole('button', { name: '上传', exact: true }).click();
      expect(await drafter.locator('#review-upload-file-error').innerText()).toBe('请选择文件');
      await drafter.getByLabel('材料类别').selectOption('other');
      await drafter
        .getByLabel('选择文件')
        .setInputFiles({ name: '征求意见汇总表.txt', mimeType: 'text/plain', buffer: Buffer.from('意见汇总') });
      await drafter.getByRole('button', { name: '上传', exact: true }).click();
      await expectFlash(drafter, '已上传：征求意见汇总表.txt');
      expect(await drafter.locator('.doc-item', { hasText: '征求意见汇总表.txt' }).count()).toBe(1);
      await shot(drafter, 'review-submitted');

      // ---- drafter: the missing explanation, from the home inbox (a review task beside the decisions' tasks)
      const supplementId = await openTask(drafter, '补充审查材料', number!);
      // The address a review's task had before the one task page still opens it, under the one address (from the
      // home page, so that the form waited for is the one the old address opened).
      await drafter.goto(`${env.p.baseUrl}/#/`);
      await drafter.locator('.tasks-panel .task-list').waitFor();
      expect(await drafter.locator('form.task-form').count()).toBe(0);
      await drafter.goto(`${env.p.baseUrl}/#/review-tasks/${encodeURIComponent(supplementId)}`);
      await expect.poll(() => drafter.url()).toBe(`${env.p.baseUrl}/#/tasks/${encodeURIComponent(supplementId)}`);
      await drafter.locator('form.task-form').waitFor();
      expect(await drafter.locator('#task-title').innerText()).toBe('补充审查材料');
      expect(await bodyText(drafter)).toContain('起草说明');
      await uploadIn(drafter, '起草说明', '起草说明.txt', '本规定依据有关法律法规制定，主要内容包括市场开办者责任等。');
      await drafter.getByLabel('备注').fill('补充起草说明');
      await shot(drafter, 'review-task-supplement');
      await submitTask(drafter);
      expect(await drafter.locator('.flash').innerText()).toContain('补充审查材料');

      // ---- the reviewer the pool assigned: flags on the review page, one confirmed, one dismissed with a reason
      const assigned = await reviewOf(
        number!,
        (r) =>
          r.status === 'in_review' &&
          !!r.reviewerUserId &&
          r.tasks.some((x: any) => x.kind === 'review_legality' && x.status === 'open'),
      );
      const reviewer = await signIn(await usernameOf(assigned.reviewerUserId));
      await expect
        .poll(async () => (await reviewer.locator('.tasks-panel').innerText()).includes(number!), { timeout: 20_000 })
        .toBe(true);
      await shot(reviewer, 'review-home-reviewer');
      await nav(reviewer, '法务中心');
      await reviewer.locator('#legal-queue-title').waitFor();
      await reviewer
        .locator('#legal-queue-title')
        .locator('xpath=ancestor::section')
        .getByRole('link', { name: title })
        .click();
      await reviewer.locator('#review-flags-title').waitFor();
      const penalty = reviewer.locator('.flag-item', { hasText: '涉嫌设定行政处罚' });
      const repealed = reviewer.locator('.flag-item', { hasText: '引用的法律依据已废止' });
      expect(await penalty.count()).toBeGreaterThanOrEqual(1);
      expect(await repealed.count()).toBeGreaterThanOrEqual(1);
      expect(await penalty.first().innerText()).toContain('处以五千元罚款');
      await shot(reviewer, 'review-flags');
      await penalty.first().getByRole('button', { name: '确认', exact: true }).click();
      await expect
        .poll(() => reviewer.locator('.flag-item', { hasText: '涉嫌设定行政处罚' }).first().innerText(), {
          timeout: 20_000,
        })
        .toContain('已确认');
      // A dismissal needs its reason: refused beside the field first.
      await repealed.first().getByRole('button', { name: '不采纳…' }).click();
      await repealed.first().getByRole('button', { name: '确认不采纳' }).click();
      expect(await repealed.first().locator('.field-error:visible').innerText()).toBe('此项必填');
      await repealed.first().getByLabel('理由').fill('该条例仅作为背景资料列明，制定依据为《食品安全法》');
      await repealed.first().getByRole('button', { name: '确认不采纳' }).click();
      await expect
        .poll(() => reviewer.locator('.flag-item', { hasText: '引用的法律依据已废止' }).first().innerText(), {
          timeout: 20_000,
        })
        .toContain('不采纳');
      expect(await reviewer.locator('.opinion-preview').innerText()).toContain('处以五千元罚款');
      await shot(reviewer, 'review-flags-decided');

      // ---- the reviewer's form, pre-filled from the confirmed flag; returning without reasons is refused by R19
      await reviewer.getByRole('link', { name: '办理：合法性审查' }).click();
      await reviewer.locator('form.task-form').waitFor();
      const findings = reviewer.getByRole('textbox', { name: '审查意见', exact: true });
      expect(await findings.count()).toBe(5);
      expect(await findings.nth(3).inputValue()).toContain('涉嫌设定行政处罚');
      await reviewer.getByLabel('审查结论').selectOption('returned_for_revision');
      await reviewer.getByRole('button', { name: '提交', exact: true }).click();
      await expect.poll(() => reviewer.locator('.form-alert').innerText(), { timeout: 20_000 }).toContain('第二十八条');
      await shot(reviewer, 'review-task-refused-R19');
      await reviewer.getByRole('textbox', { name: /^理由/ }).fill('第九条设定罚款，规范性文件不得设定行政处罚，请删除');
      await shot(reviewer, 'review-task-legality');
      await submitTask(reviewer);

      // ---- drafter: the revised draft, uploaded in the task form
      await openTask(drafter, '修改决策草案', number!);
      expect(await bodyText(drafter)).toContain('第九条设定罚款');
      await uploadIn(
        drafter,
        '修改后的草案',
        '规定草案（修改稿）.txt',
        '第一条 为加强农贸市场食品安全管理，制定本规定。\n第九条 违反本规定的，由市场监管部门依照《中华人民共和国食品安全法》处理。',
      );
      await drafter.getByLabel('修改情况说明').fill('删除第九条罚款规定，改为依照上位法处理');
      await shot(drafter, 'review-task-revise');
      await submitTask(drafter);

      // ---- reviewer: the second pass finds it not lawful (the cited basis stays repealed)
      await openTask(reviewer, '合法性审查', number!);
      await reviewer.getByLabel('审查结论').selectOption('not_lawful');
      await reviewer
        .getByRole('textbox', { name: /^理由/ })
        .fill('制定依据《城市房屋拆迁管理条例》已于2011年废止，制定主体无有效依据');
      await submitTask(reviewer);
      await expect.poll(async () => (await reviewOf(number!, (r) => !!r.opinionNo)).outcome).toBe('not_lawful');
      await reviewer.context().close();

      // ---- drafter: the outcome in the submissions list and on the review page; the opinion downloads
      await drafter.goto(`${env.p.baseUrl}/#/submissions`);
      await drafter.reload();
      await drafter.locator('#sub-title').waitFor();
      const row = drafter.locator('.submissions-table tr', { hasText: number! });
      expect(await row.innerText()).toContain('审查不通过（不合法）');
      expect(await row.innerText()).toMatch(/法规审〔\d{4}〕\d+号/);
      await shot(drafter, 'review-submissions');
      await row.getByRole('link', { name: title }).click();
      await drafter.locator('#review-title').waitFor();
      expect(await drafter.locator('.review-outcome').innerText()).toBe('审查不通过（不合法）');
      const download = drafter.waitForEvent('download');
      await drafter.getByRole('button', { name: '下载审查意见书' }).click();
      expect((await download).suggestedFilename()).toMatch(/\.docx$/);
      await shot(drafter, 'review-outcome-drafter');
      await drafter.setViewportSize(TABLET);
      await fitsWidth(drafter, TABLET.width);
      await shot(drafter, 'tablet-review-drafter');
      await drafter.getByRole('button', { name: 'English' }).click();
      await nav2(drafter, 'Submissions');
      await expect.poll(() => bodyText(drafter)).toContain('Normative documents and contracts for review');
      expect(await drafter.locator('.submissions-table').innerText()).toContain('failed (not lawful)');
      await shot(drafter, 'tablet-submissions-en');
      await drafter.context().close();

      // ---- director: a kind's settings and a declared conflict, on the legal-center page
      const director = await signIn('director');
      await nav(director, '法务中心');
      await director.locator('#legal-settings-title').waitFor();
      await director.locator('#legal-pool-title').waitFor();
      const setting = director.locator('.setting-row[data-kind="contract"]');
      await setting.getByRole('button', { name: '修改…' }).click();
      await setting.getByLabel('审查期限（工作日）').fill('0');
      await setting.getByRole('button', { name: '保存设置' }).click();
      await expect.poll(() => setting.locator('.field-error:visible').count()).toBeGreaterThan(0);
      await setting.getByLabel('审查期限（工作日）').fill('7');
      await setting.getByRole('group', { name: '需复核' }).getByLabel('是', { exact: true }).check();
      await shot(director, 'legal-settings-edit');
      await setting.getByRole('button', { name: '保存设置' }).click();
      await expectFlash(director, '已保存');
      expect(await director.locator('.setting-row[data-kind="contract"]').innerText()).toContain('7');

      const member = director.locator('.pool-row[data-user="reviewer01"]');
      await member.getByRole('button', { name: '登记回避…' }).click();
      await member.getByLabel('理由').fill('配偶在市场监管局任职');
      await member.getByRole('button', { name: '登记回避', exact: true }).click();
      // Neither a department nor a subject: the API's refusal shows beside the department.
      await expect
        .poll(
          () =>
            member
              .locator('.field-error:visible')
              .innerText()
              .catch(() => ''),
          { timeout: 20_000 },
        )
        .toContain('回避的单位或事项');
      await member.getByLabel('回避单位').selectOption({ label: '市市场监督管理局' });
      await shot(director, 'legal-pool-conflict');
      await member.getByRole('button', { name: '登记回避', exact: true }).click();
      await expectFlash(director, '已登记回避');
      expect(await director.locator('.pool-row[data-user="reviewer01"]').innerText()).toContain('市市场监督管理局');

      // The profile dialog, from the schema PUT /api/reviews/pool/:userId parses (GET /api/forms/profile): a former
      // department chosen, then emptied (sent as null, "none"), and a note.
      const profileOf = (username: string) => director.locator(`.pool-row[data-user="${username}"]`);
      const saveProfile = async (username: string) => {
        await profileOf(username).getByRole('button', { name: '保存', exact: true }).click();
        await expectFlash(director, '已保存：');
      };
      await profileOf('reviewer02').getByRole('button', { name: '调整…' }).click();
      await profileOf('reviewer02').getByLabel('原工作单位（回避）').selectOption({ label: '市住房和城乡建设局' });
      await profileOf('reviewer02').getByLabel('备注').fill('兼任合同审查');
      expect(
        await profileOf('reviewer02')
          .getByRole('group', { name: /在岗（参与分配）/ })
          .count(),
      ).toBe(1);
      await profileOf('reviewer02').screenshot({ path: join(shots, 'legal-pool-profile.png') });
      await saveProfile('reviewer02');
      await expect.poll(() => profileOf('reviewer02').innerText()).toContain('市住房和城乡建设局');
      expect(await profileOf('reviewer02').locator('.pool-note').innerText()).toBe('兼任合同审查');
      await profileOf('reviewer02').getByRole('button', { name: '调整…' }).click();
      expect(await profileOf('reviewer02').getByLabel('备注').inputValue()).toBe('兼任合同审查');
      await profileOf('reviewer02').getByLabel('原工作单位（回避）').selectOption('');
      await saveProfile('reviewer02');
      // The first save's flash may still read 已保存: wait for the row itself to show the cleared department.
      await expect.poll(() => profileOf('reviewer02').locator('td').nth(2).innerText()).toBe('—');

      // The law library's entry dialog, from the schema POST /api/laws and PUT /api/laws/:id parse
      // (GET /api/forms/law): 效力层级 with its levels, the cross-field refusal beside 废止日期, then retired.
      const laws = director.locator('#legal-laws-title').locator('xpath=ancestor::section');
      await laws.getByRole('button', { name: '新增条目…' }).click();
      const level = laws.getByLabel('效力层级');
      expect(await level.locator('option').allInnerTexts()).toEqual([
        '请选择',
        '宪法',
        '法律',
        '行政法规',
        '地方性法规',
        '部门规章',
        '地方政府规章',
      ]);
      await laws.getByLabel('名称（不含书名号）').fill('某市农贸市场管理条例');
      await level.selectOption({ label: '地方性法规' });
      await laws.getByLabel('制定机关').fill('某市人民代表大会常务委员会');
      await laws.getByLabel('施行日期').fill('2015-03-01');
      await laws.getByLabel('替代法规').fill('某市集贸市场管理条例');
      await laws.getByRole('button', { name: '保存条目' }).click();
      await expect
        .poll(
          () =>
            laws
              .locator('.field-error:visible')
              .innerText()
              .catch(() => ''),
          { timeout: 20_000 },
        )
        .toContain('应当填写废止日期');
      await laws.getByLabel('替代法规').fill('');
      await laws
        .locator('.disclosure-body')
        .first()
        .screenshot({ path: join(shots, 'legal-law-add.png') });
      await laws.getByRole('button', { name: '保存条目' }).click();
      const entry = laws.locator('.law-row', { hasText: '某市农贸市场管理条例' });
      await expect.poll(() => entry.count(), { timeout: 20_000 }).toBe(1);
      expect(await entry.innerText()).toContain('地方性法规');
      expect(await entry.innerText()).toContain('现行有效');
      await entry.getByRole('button', { name: '修改或废止…' }).click();
      expect(await entry.getByLabel('效力层级').inputValue()).toBe('local_regulation');
      expect(await entry.getByLabel('施行日期').inputValue()).toBe('2015-03-01');
      await entry.getByLabel('废止日期').fill('2026-01-01');
      await entry.getByLabel('替代法规').fill('某市集贸市场管理条例');
      await entry.getByRole('button', { name: '保存修改' }).click();
      await expect
        .poll(() => laws.locator('.law-row', { hasText: '某市农贸市场管理条例' }).innerText(), { timeout: 20_000 })
        .toContain('《某市集贸市场管理条例》');
      await shot(director, 'legal-pool');
      await director
        .locator('#legal-settings-title')
        .locator('xpath=ancestor::section')
        .screenshot({ path: join(shots, 'legal-settings-panel.png') });
      await director
        .locator('#legal-pool-title')
        .locator('xpath=ancestor::section')
        .screenshot({ path: join(shots, 'legal-pool-panel.png') });
      await fitsWidth(director, DESKTOP.width);
      await director.setViewportSize(TABLET);
      await fitsWidth(director, TABLET.width);
      await shot(director, 'tablet-legal-pool');
      await director.setViewportSize(DESKTOP);
      await director.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => bodyText(director)).toContain('Reviewer pool');
      const lawsEn = director.locator('#legal-laws-title').locator('xpath=ancestor::section');
      await lawsEn.getByRole('button', { name: 'Add an entry…' }).click();
      expect(await lawsEn.getByLabel('Level').locator('option').allInnerTexts()).toContain('Local government rule');
      expect(await lawsEn.getByLabel('Issued by').count()).toBe(1);
      await shot(director, 'legal-pool-en');
      await lawsEn
        .locator('.disclosure-body')
        .first()
        .screenshot({ path: join(shots, 'legal-law-add-en.png') });
      await director.context().close();

      const api = await ApiClient.login(env.p.baseUrl, 'director');
      const pool = await api.ok('GET', '/api/reviews/pool');
      expect(pool.settings.find((s: any) => s.kind === 'contract')).toMatchObject({
        targetWorkingDays: 7,
        secondCheck: true,
      });
      const r01 = pool.members.find((m: any) => m.username === 'reviewer01');
      expect(r01.conflicts).toEqual([
        expect.objectContaining({ departmentId: expect.any(String), reason: '配偶在市场监管局任职' }),
      ]);

      const r02 = pool.members.find((m: any) => m.username === 'reviewer02');
      expect(r02).toMatchObject({ formerDepartmentId: null, note: '兼任合同审查' });
      const law = (await api.ok('GET', '/api/laws')).items.find((l: any) => l.name === '某市农贸市场管理条例');
      expect(law).toMatchObject({
        level: 'local_regulation',
        issuedBy: '某市人民代表大会常务委员会',
        effectiveOn: '2015-03-01',
        repealedOn: '2026-01-01',
        replacedBy: '某市集贸市场管理条例',
      });

      // GET /api/tasks/:id (the one task endpoint) gives a review's task with its payload's JSON Schema, to its
      // department and the center only.
      const done = await reviewOf(number!, () => true);
      const supplementTask = done.tasks.find((x: any) => x.kind === 'supplement_materials');
      expect(supplementTask.id).toBe(supplementId);
      const own = await ApiClient.login(env.p.baseUrl, 'drafter.scjgj');
      const task = await own.ok('GET', `/api/tasks/${encodeURIComponent(supplementTask.id)}`);
      expect(task).toMatchObject({
        id: supplementTask.id,
        reviewId: number,
        kind: 'supplement_materials',
        status: 'done',
        label: { zh: '补充审查材料' },
      });
      expect(task.payloadSchema.properties).toHaveProperty('note');
      const other = await ApiClient.login(env.p.baseUrl, 'drafter.fgw');
      expect((await other.call('GET', `/api/tasks/${encodeURIComponent(supplementTask.id)}`)).status).toBe(404);
      expect((await api.call('GET', `/api/tasks/${encodeURIComponent(supplementTask.id)}`)).status).toBe(200);

      expect(external).toEqual([]);
      expect(pageErrors).toEqual([]);
      // One long journey of three people through the pages (as the decision journeys, 240 s under a loaded CI).
    }, 240_000);
  },
);
