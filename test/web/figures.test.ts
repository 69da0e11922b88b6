/**
 * R39/R40 on the real platform: figures counted from rows seeded into the database (hand-counted below), the
 * statistics page's ECharts charts drawn in Chromium (screenshot kept), and the XLSX export opened by LibreOffice.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sofficePath } from '../support/docx.js';
import { ApiClient } from '../support/platform.js';
import { needs } from '../support/tools.js';
import { hasChromium, shot, useBrowserPlatform } from '../support/browser.js';

const at = (iso: string) => new Date(iso);

/** 2025 on an otherwise empty platform: three decisions, two steps, one review, one letter. */
async function seed2025(prisma: ReturnType<typeof useBrowserPlatform>['p']['platform']['db']['prisma']) {
  const creator = await prisma.user.findUniqueOrThrow({ where: { username: 'drafter.jtysj' } });
  const decision = (n: number, dept: string, createdAt: string, stage: string, status: string, inCatalog: boolean) =>
    prisma.decision.create({
      data: {
        id: `fig-d${n}`,
        number: `JC-2025-90${n}`,
        year: 2025,
        seq: 900 + n,
        title: `统计用决策${n}`,
        matterType: 'public_service',
        summary: '—',
        launch: { inCatalog },
        leadDepartmentId: dept,
        confidential: false,
        stage,
        status,
        workflowId: `fig-wf-${n}`,
        workflowStarted: true,
        createdById: creator.id,
        createdAt: at(createdAt),
      },
    });
  await decision(1, 'dept-jtysj', '2025-03-10T02:00:00Z', 'publication', 'closed', true);
  await decision(2, 'dept-jtysj', '2025-03-20T02:00:00Z', 'legality_review', 'active', false);
  await decision(3, 'dept-fgw', '2025-07-01T02:00:00Z', 'launch', 'withdrawn', true);
  const task = (id: string, decisionId: string, kind: string, stage: string, due: string, done: string) =>
    prisma.task.create({
      data: {
        id,
        workflowId: `wf-${decisionId}`,
        decisionId,
        kind,
        stage,
        role: 'drafter',
        status: 'done',
        openedAt: at('2025-03-01T02:00:00Z'),
        dueAt: at(due),
        completedAt: at(done),
      },
    });
  await task(
    'fig-t1',
    'fig-d1',
    'record_expert_opinions',
    'expert_argumentation',
    '2025-03-14T10:00:00Z',
    '2025-03-13T03:00:00Z',
  ); // on time
  await task(
    'fig-t2',
    'fig-d2',
    'open_comment_period',
    'public_participation',
    '2025-04-01T10:00:00Z',
    '2025-04-03T03:00:00Z',
  ); // late (April)
  // The legality review's task (no due of its own here) found the draft not lawful: the ledger's "returned as unlawful" (R40).
  await prisma.task.create({
    data: {
      id: 'fig-t3',
      workflowId: 'wf-fig-d2',
      decisionId: 'fig-d2',
      kind: 'review_legality',
      stage: 'legality_review',
      role: 'reviewer',
      status: 'done',
      openedAt: at('2025-04-07T02:00:00Z'),
      completedAt: at('2025-04-11T02:00:00Z'),
      result: { outcome: 'not_lawful' },
    },
  });
  await prisma.assessmentEntry.create({
    data: {
      id: 'fig-a1',
      departmentId: 'dept-jtysj',
      year: 2025,
      decisionId: 'fig-d2',
      taskId: 'fig-t2',
      taskKind: 'open_comment_period',
      dueAt: at('2025-04-01T10:00:00Z'),
      workingDaysOverdue: 2,
      lettersReceived: 1,
      recordedAt: at('2025-04-03T03:00:00Z'),
    },
  });
  // Complete Mon 7 April 2025, opinion Fri 11 April: 8, 9, 10, 11 April = 4 working days.
  await prisma.review.create({
    data: {
      id: 'fig-r1',
      kind: 'decision',
      subjectNumber: 'JC-2025-902',
      title: '统计用决策2',
      departmentId: 'dept-jtysj',
      decisionId: 'fig-d2',
      year: 2025,
      status: 'closed',
      weight: 3,
      submittedAt: at('2025-04-07T01:00:00Z'),
      completeAt: at('2025-04-07T02:00:00Z'),
      issuedAt: at('2025-04-11T02:00:00Z'),
      outcome: 'not_lawful',
    },
  });
  await prisma.escalationLetter.create({
    data: {
      id: 'fig-l1',
      stepKey: 'fig-l1',
      kind: 'reminder_letter',
      number: '提示〔2025〕901号',
      year: 2025,
      seq: 901,
      taskId: 'fig-t2',
      taskKind: 'open_comment_period',
      decisionId: 'fig-d2',
      documentId: 'fig-doc',
      departmentId: 'dept-jtysj',
      dueAt: at('2025-04-01T10:00:00Z'),
      issuedAt: at('2025-04-02T02:00:00Z'),
    },
  });
}

describe.runIf(hasChromium)('the city’s figures (R39) with charts and exports', () => {
  const env = useBrowserPlatform();

  it('counts the seeded year as counted by hand, for the supervising office and the director only', async () => {
    await seed2025(env.p.platform.db.prisma);
    const supervisor = await ApiClient.login(env.p.baseUrl, 'supervisor1');
    const f = await supervisor.ok('GET', '/api/figures?year=2025');
    expect(f.decisions).toEqual({
      launched: 3,
      inCatalog: 2,
      outsideCatalog: 1,
      byStage: { publication: 1, legality_review: 1, launch: 1 },
      byResult: { closed: 1, active: 1, withdrawn: 1 },
    });
    expect(f.steps).toEqual([
      { kind: 'open_comment_period', stage: 'public_participation', due: 1, onTime: 0, late: 1, onTimeRate: 0 },
      { kind: 'record_expert_opinions', stage: 'expert_argumentation', due: 1, onTime: 1, late: 0, onTimeRate: 1 },
    ]);
    expect(f.reviews).toEqual([
      { kind: 'decision', submitted: 1, issued: 1, outcomes: { not_lawful: 1 }, medianWorkingDays: 4 },
    ]);
    expect(f.letters).toEqual({ reminder_letter: 1, supervision_letter: 0 });
    expect(f.overdue).toBe(1);
    expect(f.byMonth[2]).toEqual({ month: 3, decisionsLaunched: 2, reviewsIssued: 0, letters: 0, overdue: 0 });
    expect(f.byMonth[3]).toEqual({ month: 4, decisionsLaunched: 0, reviewsIssued: 1, letters: 1, overdue: 1 });
    expect(f.byDepartment).toEqual([
      { departmentId: 'dept-fgw', decisionsLaunched: 1, reviewsIssued: 0, letters: 0, overdue: 0, onTimeRate: null },
      { departmentId: 'dept-jtysj', decisionsLaunched: 2, reviewsIssued: 1, letters: 1, overdue: 1, onTimeRate: 0.5 },
    ]);
    const fgw = await supervisor.ok('GET', '/api/figures?year=2025&departmentId=dept-fgw');
    expect([fgw.decisions.launched, fgw.overdue, fgw.letters.reminder_letter]).toEqual([1, 0, 0]);
    expect((await supervisor.call('GET', '/api/figures?year=2025&month=13')).status).toBe(400);
    expect(
      (await (await ApiClient.login(env.p.baseUrl, 'director')).call('GET', '/api/figures?year=2025')).status,
    ).toBe(200);
    expect(
      (await (await ApiClient.login(env.p.baseUrl, 'drafter.jtysj')).call('GET', '/api/figures?year=2025')).status,
    ).toBe(403);
  });

  it('draws the charts in Chromium from the app’s own ECharts, with nothing fetched from outside', async () => {
    const page = await env.signIn('supervisor1');
    await page.getByRole('link', { name: '统计分析' }).click();
    await page.goto(`${env.p.baseUrl}/#/figures?year=2025`);
    await page.locator('#chart-months canvas').waitFor();
    for (const id of ['chart-months', 'chart-steps', 'chart-reviews', 'chart-departments']) {
      // A drawn chart has ink: count the canvas's non-transparent pixels.
      const ink = await page
        .locator(`#${id} canvas`)
        .first()
        .evaluate((c: HTMLCanvasElement) => {
          const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
          return n;
        });
      expect(ink, id).toBeGreaterThan(1000);
    }
    // The charts carry the hand-counted figures (read back from ECharts' own instances).
    // A string, so the test runner leaves the browser's dynamic import alone.
    const series = (await page.evaluate(`(async () => {
      const echarts = await import('/vendor/echarts/echarts.esm.min.mjs');
      const data = (id) => echarts.getInstanceByDom(document.getElementById(id)).getOption().series.map((s) => s.data);
      return { months: data('chart-months'), steps: data('chart-steps'), reviews: data('chart-reviews'), departments: data('chart-departments') };
    })()`)) as Record<string, unknown[][]>;
    expect(series.months[0]).toEqual([0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(series.months[3]).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(series.steps).toEqual([[0, 100]]);
    expect(series.reviews).toEqual([[1]]);
    expect(series.departments).toEqual([
      [1, 2],
      [0, 1],
      [0, 1],
    ]);
    const tiles = await page.locator('.figure-tiles').innerText();
    expect(tiles).toMatch(/3\s*启动决策/);
    expect(await page.locator('section[aria-labelledby="fig-reviews"]').innerText()).toContain('4 个工作日');
    await shot(page, 'figures-2025');
    expect(env.external).toEqual([]);
    expect(env.pageErrors).toEqual([]);
  });

  it.runIf(needs('libreoffice-calc', 'the XLSX export opened by LibreOffice'))(
    'exports an XLSX that LibreOffice opens, with every sheet and the hand-counted numbers',
    async () => {
      const supervisor = await ApiClient.login(env.p.baseUrl, 'supervisor1');
      const res = await fetch(`${env.p.baseUrl}/api/figures/export?year=2025&format=xlsx`, {
        headers: { authorization: `Bearer ${supervisor.token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const workbook = Buffer.from(await res.arrayBuffer());
      // Both downloads before LibreOffice runs: a conversion outlasting the server's keep-alive would reset the connection.
      const csv = await fetch(`${env.p.baseUrl}/api/figures/export?year=2025&format=csv`, {
        headers: { authorization: `Bearer ${supervisor.token}` },
      });
      expect(await csv.text()).toContain('"启动决策","3"');
      const dir = mkdtempSync(join(tmpdir(), 'yifa-xlsx-'));
      try {
        writeFileSync(join(dir, 'figures.xlsx'), workbook);
        // Every sheet to its own CSV (UTF-8: 76; sheet -1 = all).
        execFileSync(
          sofficePath!,
          [
            '--headless',
            `-env:UserInstallation=file://${dir}/profile`,
            '--convert-to',
            'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
            '--outdir',
            dir,
            join(dir, 'figures.xlsx'),
          ],
          { timeout: 120_000, stdio: 'ignore' },
        );
        const csvs = readdirSync(dir)
          .filter((n) => n.endsWith('.csv'))
          .sort();
        expect(csvs).toEqual(
          [
            'figures-合法性审查.csv',
            'figures-总览.csv',
            'figures-按单位.csv',
            'figures-按月.csv',
            'figures-环节按时率.csv',
            'figures-考核台账.csv',
          ].sort(),
        );
        const sheet = (name: string) => readFileSync(join(dir, `figures-${name}.csv`), 'utf8');
        expect(sheet('总览')).toContain('启动决策,3');
        expect(sheet('按单位')).toContain('交通运输局,2,1,1,1,50');
        expect(sheet('合法性审查')).toContain('重大行政决策,1,1,');
        expect(sheet('按月')).toContain('4月,0,1,1,1');
        expect(sheet('考核台账')).toContain('市交通运输局,1,1,1');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
