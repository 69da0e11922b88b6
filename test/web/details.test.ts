import { describe, expect, it } from 'vitest';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { needs } from '../support/tools.js';
import { ApiClient } from '../support/platform.js';
import { bodyText, shot, useBrowserPlatform, expectFlash } from '../support/browser.js';

/**
 * What a civil servant meets on the way (issue 14): each page detail a clerk would report on the first day, in
 * Debian's Chromium against the real dev server.
 */
describe.runIf(needs('chromium', 'the page details'))('page details people read', () => {
  const env = useBrowserPlatform();

  it('marks fields a rule requires as such, and a shown conditional field as required, not （选填）', async () => {
    const drafter = await env.signIn('drafter.fgw');
    await drafter.getByRole('link', { name: '启动决策' }).click();
    await drafter.locator('#launch-title').waitFor();
    await drafter
      .getByRole('group', { name: '列入年度决策事项目录', exact: true })
      .getByLabel('是', { exact: true })
      .check();
    const catalogLabel = drafter.locator('label', { hasText: /^目录条目/ });
    expect(await catalogLabel.innerText()).not.toContain('选填');
    expect(await catalogLabel.locator('.sf-req').count()).toBe(1);
    await shot(drafter, 'details-launch-required');
    await drafter.context().close();
  });

  it('shows the drafter times in Chinese Beijing form, stage cards with distinct current and overdue looks, and no workflow engine link', async () => {
    const api = await ApiClient.login(env.p.baseUrl, 'drafter.fgw');
    const d = await api.ok('POST', '/api/decisions', {
      title: '关于调整城市供水价格的决定',
      matterType: 'public_services',
      legalBasis: ['《中华人民共和国价格法》'],
      summary: '调整供水价格。',
      plannedMeetingQuarter: '2027-Q2',
      inCatalog: true,
      catalogEntryId: demoCatalogEntryId('fgw'),
      confidential: false,
      touchesMarketActors: false,
      expertArgumentation: { required: true },
      riskAssessment: { mode: 'required' },
    });
    const drafter = await env.signIn('drafter.fgw');
    await drafter.goto(`${env.p.baseUrl}/#/decisions/${d.id}`);
    await drafter.locator('#stages-title').waitFor();
    const text = await bodyText(drafter);
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(await drafter.locator('.temporal-link').count()).toBe(0);
    // The engine's ids stay off the API's answer too: "JC-….evaluation" and the like are for operators (issue 14, item 4).
    const read = await api.ok('GET', `/api/decisions/${d.id}`);
    expect(read.temporal).toBeUndefined();
    expect(JSON.stringify(read)).not.toContain('.evaluation');
    // Current: its own colour and the ▶ icon; overdue keeps red and "!".
    const current = drafter.locator('.stage--current').first();
    expect(await current.locator('.stage-marker').innerText()).toBe('▶');
    const colours = await drafter.evaluate(() => {
      const probe = (cls: string) => {
        const li = document.createElement('li');
        li.className = `stage ${cls}`;
        document.querySelector('.stages')!.append(li);
        const c = getComputedStyle(li).borderTopColor;
        li.remove();
        return c;
      };
      return { current: probe('stage--current'), overdue: probe('stage--overdue') };
    });
    expect(colours.current).not.toBe(colours.overdue);
    await shot(drafter, 'details-stage-cards');
    await drafter.context().close();
    // The operator (admin) reads no decision in progress under the access policy (README, Roles): the engine link
    // is reached from published decisions and the Temporal Web UI, never from a department's draft.
    const admin = await ApiClient.login(env.p.baseUrl, 'admin');
    const refused = await admin.call('GET', `/api/decisions/${d.id}`);
    expect(refused.status).toBe(404);
  });

  it('refuses a negative "overdue at least" filter beside the field, and shows a reviewer on leave as such', async () => {
    const supervisor = await env.signIn('supervisor1');
    await supervisor.getByRole('navigation', { name: '工作台' }).getByRole('link', { name: '督查督办' }).click();
    await supervisor.locator('#sup-title').waitFor();
    // One filter bar on the overdue board: search, department, days overdue, then the chips.
    const board = supervisor.locator('section[aria-labelledby="sup-overdue-title"]');
    const bar = board.getByRole('search');
    await bar.getByLabel('承办单位').waitFor();
    expect(await board.getByRole('search').count()).toBe(1);
    const url = supervisor.url();
    await bar.getByLabel('逾期至少（工作日）').fill('-5');
    await bar.getByRole('button', { name: '查询' }).click();
    const error = bar.locator('.field-error', { hasText: '请填写0至365之间的整数' });
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await bar.getByLabel('逾期至少（工作日）').getAttribute('aria-invalid')).toBe('true');
    expect(await bar.getByLabel('逾期至少（工作日）').getAttribute('aria-describedby')).toBe(
      await error.getAttribute('id'),
    );
    expect(supervisor.url()).toBe(url);
    await shot(supervisor, 'details-supervisor-filter');
    // Valid values go into the board's view in the URL (o.*), survive a reload, and the due-soon board follows the
    // department; an older link's page-wide department is read as the board's.
    await bar.getByLabel('逾期至少（工作日）').fill('3');
    await bar.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => supervisor.url()).toContain('o.minWorkingDaysOverdue=3');
    await bar.getByLabel('承办单位').selectOption('dept-fgw');
    await expect.poll(() => supervisor.url()).toContain('o.departmentId=dept-fgw');
    expect(supervisor.url()).toContain('o.minWorkingDaysOverdue=3');
    await supervisor.reload();
    await board.getByRole('search').getByLabel('承办单位').waitFor();
    expect(await board.getByRole('search').getByLabel('承办单位').inputValue()).toBe('dept-fgw');
    expect(await board.getByRole('search').getByLabel('逾期至少（工作日）').inputValue()).toBe('3');
    const soonLead = supervisor.locator('section[aria-labelledby="sup-due-soon-title"] .panel-lead');
    expect(await soonLead.innerText()).toContain('仅列市发展和改革委员会的事项');
    await supervisor.goto(`${env.p.baseUrl}/#/supervision?departmentId=dept-fgw`);
    await expect.poll(() => board.getByRole('search').getByLabel('承办单位').inputValue()).toBe('dept-fgw');
    await supervisor.context().close();

    // reviewer19 is on leave from 2026-11-01 to 2027-02-28 in the demo pool.
    const director = await env.signIn('director');
    await director.getByRole('navigation', { name: '工作台' }).getByRole('link', { name: '法务中心' }).click();
    await director.locator('#legal-pool-title').waitFor();
    const onLeave = (await director.locator('.pool-row[data-user="reviewer19"]').innerText()).includes('请假中');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(onLeave).toBe(today >= '2026-11-01' && today <= '2027-02-28');
    if (onLeave)
      expect(
        await director
          .locator('#legal-pool-title')
          .locator('xpath=ancestor::section')
          .locator('.panel-meta')
          .first()
          .innerText(),
      ).toContain('在岗 19 / 20 人');
    await shot(director, 'details-pool');
    await director.context().close();
    expect(env.pageErrors).toEqual([]);
  });

  it('lets the director keep the law library: add, retire, each audited; others may not change it', async () => {
    const director = await ApiClient.login(env.p.baseUrl, 'director');
    const drafter = await ApiClient.login(env.p.baseUrl, 'drafter.fgw');
    const entry = {
      name: '某市城市供水条例',
      level: 'local_regulation',
      issuedBy: '某市人民代表大会常务委员会',
      effectiveOn: '2010-05-01',
    };
    expect((await drafter.call('POST', '/api/laws', entry)).status).toBe(403);
    const bad = await director.call('POST', '/api/laws', { ...entry, replacedBy: '某市供水用水条例' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toContain('repealedOn');
    const added = await director.ok('POST', '/api/laws', entry);
    expect((await director.call('POST', '/api/laws', entry)).status).toBe(409);
    await director.ok('POST', '/api/laws', {
      name: '某市供水用水条例',
      level: 'local_regulation',
      issuedBy: '某市人民代表大会常务委员会',
      effectiveOn: '2026-01-01',
    });
    const retired = await director.ok('PUT', `/api/laws/${encodeURIComponent(added.id)}`, {
      ...entry,
      repealedOn: '2026-01-01',
      replacedBy: '某市供水用水条例',
    });
    expect(retired).toMatchObject({ repealedOn: '2026-01-01', replacedBy: '某市供水用水条例' });
    const audit = await env.p.platform.db.prisma.auditEvent.findMany({
      where: { subjectType: 'law', subjectId: added.id },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual(['law.added', 'law.updated']);
    expect(audit[1].actorUserId).toBe('user-director');

    const page = await env.signIn('director');
    await page.getByRole('navigation', { name: '工作台' }).getByRole('link', { name: '法务中心' }).click();
    await page.locator('#legal-laws-title').waitFor();
    const laws = page.locator('#legal-laws-title').locator('xpath=ancestor::section');
    await expect.poll(() => laws.locator('.law-row').count()).toBeGreaterThan(60);
    expect(await laws.locator('.law-row', { hasText: '《中华人民共和国反恐怖主义法》' }).innerText()).toContain(
      '现行有效',
    );
    expect(await laws.locator('.law-row', { hasText: '《某市城市供水条例》' }).innerText()).toContain(
      '2026年1月1日废止，现行为《某市供水用水条例》',
    );
    await laws.getByRole('button', { name: '新增条目…' }).click();
    await laws.getByLabel('名称（不含书名号）').first().fill('某市节约用水办法');
    await laws.getByLabel('效力层级').first().selectOption('local_rule');
    await laws.getByLabel('制定机关').first().fill('某市人民政府');
    await laws.getByLabel('施行日期').first().fill('2024-03-01');
    await shot(page, 'details-law-library');
    await laws.getByRole('button', { name: '保存条目' }).click();
    await expectFlash(page, '法规库已更新');
    await page.locator('#legal-laws-title').waitFor();
    await expect.poll(() => page.locator('.law-row', { hasText: '《某市节约用水办法》' }).count()).toBe(1);
    await page.context().close();
    expect(env.pageErrors).toEqual([]);
  });
});
