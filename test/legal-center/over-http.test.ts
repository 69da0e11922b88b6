import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxContent } from '../support/docx.js';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { saveHistories } from '../integration/procedure-over-http.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const txt = (fileName: string, text: string) => ({ fileName, mimeType: 'text/plain', contentBase64: b64(text) });
const ok = { conforms: true, finding: '经审查符合规定。' };

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const v = await probe();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The legal center's own submissions on the real dev server + PGlite, through HTTP by the seeded users. */
describe('normative-document and contract reviews through the API', () => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  const taskOf = (client: ApiClient, reviewId: string, kind: string) =>
    waitFor(
      async () =>
        (
          await client.ok<{
            items: Array<{
              id: string;
              reviewId: string;
              kind: string;
              assigneeUserId: string | null;
              context: any;
              review: { id: string; number: string; title: string } | null;
            }>;
          }>('GET', '/api/tasks')
        ).items.find((t) => t.reviewId === reviewId && t.kind === kind),
      `${kind} on ${reviewId}`,
    );
  const reviewerClient = async (director: ApiClient, reviewId: string) => {
    const r = await waitFor(async () => {
      const body = await director.ok('GET', `/api/reviews/${reviewId}`);
      return body.tasks.some(
        (t: { kind: string; status: string }) => t.kind === 'review_legality' && t.status === 'open',
      )
        ? body
        : undefined;
    }, 'review task');
    return ApiClient.login(p.baseUrl, r.reviewerUserId.replace(/^user-/, ''));
  };

  it('runs a normative document that sets a fine to a failed opinion and a contract to a passed one, with flags, files and figures', async () => {
    const [drafter, otherDrafter, director, reviewerX] = await Promise.all(
      ['drafter.scjgj', 'drafter.fgw', 'director', 'reviewer10'].map((u) => ApiClient.login(p.baseUrl, u)),
    );

    // Submission: role-checked, zod-validated, numbered.
    const body = {
      kind: 'normative_document',
      title: '某市户外广告设置管理办法',
      draft: txt(
        '办法.txt',
        '第五条 违反本办法设置户外广告的，处以五千元以上一万元以下罚款。\n第九条 依据《城市房屋拆迁管理条例》拆除违法广告设施。',
      ),
      explanation: txt('起草说明.txt', '起草说明'),
      legalBasis: ['《中华人民共和国行政许可法》'],
      consultationSummary: '已公开征求意见30日。',
    };
    expect((await director.call('POST', '/api/reviews', body)).status).toBe(403);
    const bad = await drafter.call('POST', '/api/reviews', { ...body, kind: 'decision' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('kind');
    const submitted = await drafter.call('POST', '/api/reviews', body);
    expect(submitted.status).toBe(201);
    const gf = submitted.body.id as string;
    expect(gf).toMatch(/^GF-\d{4}-0001$/);

    const reviewer = await reviewerClient(director, gf);
    const mine = await reviewer.ok('GET', '/api/reviews?scope=mine');
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(gf);
    expect((await reviewer.call('GET', '/api/reviews?scope=center')).status).toBe(403);
    expect((await director.ok('GET', '/api/reviews?scope=center&kind=normative_document')).items[0]).toMatchObject({
      id: gf,
      status: 'in_review',
      overdue: false,
    });
    expect((await otherDrafter.call('GET', `/api/reviews/${gf}`)).status).toBe(404);

    // Assisted review: the fine and the repealed regulation are flagged; a dismissal needs a reason.
    const review = await reviewer.ok('GET', `/api/reviews/${gf}`);
    const fine = review.flags.find((f: { code: string }) => f.code === 'sets_penalty');
    const repealed = review.flags.find((f: { code: string }) => f.code === 'repealed_basis');
    expect(fine.excerpt).toContain('罚款');
    expect(repealed.excerpt).toBe('《城市房屋拆迁管理条例》');
    const enc = encodeURIComponent;
    expect(
      (await reviewer.call('POST', `/api/reviews/${gf}/flags/${enc(repealed.id)}`, { decision: 'dismissed' })).status,
    ).toBe(400);
    expect(
      (await reviewerX.call('POST', `/api/reviews/${gf}/flags/${enc(fine.id)}`, { decision: 'confirmed' })).status,
    ).toBe(reviewer.user.username === 'reviewer10' ? 200 : 404); // a review not assigned to them does not exist for them
    await reviewer.ok('POST', `/api/reviews/${gf}/flags/${enc(fine.id)}`, { decision: 'confirmed' });
    await reviewer.ok('POST', `/api/reviews/${gf}/flags/${enc(repealed.id)}`, { decision: 'confirmed' });
    const draft = await reviewer.ok('GET', `/api/reviews/${gf}/opinion-draft`);
    expect(draft.openFlags).toBe(0);
    expect(draft.findings.find((f: { key: string }) => f.key === 'measures')).toMatchObject({ conforms: false });

    const task = await taskOf(reviewer, gf, 'review_legality');
    // The inbox names each task's submission, as the decisions' inbox names the decision.
    expect(task.review).toMatchObject({ id: gf, number: gf, title: body.title });
    const findings = Object.fromEntries(
      draft.findings.map((f: { key: string; conforms: boolean; finding: string }) => [
        f.key,
        { conforms: f.conforms, finding: f.finding },
      ]),
    );
    const passed = await reviewer.call('POST', `/api/tasks/${enc(task.id)}/complete`, {
      payload: { findings, outcome: 'passed' },
    });
    expect(passed.status).toBe(409);
    expect(passed.body.rule).toBe('R15');
    await reviewer.ok('POST', `/api/tasks/${enc(task.id)}/complete`, {
      payload: { findings, outcome: 'not_lawful', reasons: '规范性文件不得设定行政处罚；所引条例已废止。' },
    });

    const failed = await waitFor(async () => {
      const r = await drafter.ok('GET', `/api/reviews/${gf}`);
      return r.opinionNo ? r : undefined;
    }, 'opinion');
    expect(failed).toMatchObject({ outcome: 'not_lawful', opinionNo: expect.stringMatching(/^法规审〔\d{4}〕1号$/) });
    const file = await fetch(`${p.baseUrl}${failed.opinionUrl}`, {
      headers: { authorization: `Bearer ${drafter.token}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('wordprocessingml');
    const { text } = await docxContent(Buffer.from(await file.arrayBuffer()));
    for (const s of [
      failed.opinionNo,
      '关于《某市户外广告设置管理办法》的合法性审查意见书',
      '审查结论：审查不通过（不合法）。',
      '涉嫌设定行政处罚（如罚款）',
      '城市房屋拆迁管理条例',
    ])
      expect(text).toContain(s);

    // A contract submitted without the counterparty's qualification waits for it; then passes.
    const ht = (
      await drafter.ok('POST', '/api/reviews', {
        kind: 'contract',
        title: '户外广告位特许经营协议',
        draft: txt('协议.txt', '双方依据《中华人民共和国民法典》订立本协议。'),
        legalBasis: ['《中华人民共和国民法典》'],
      })
    ).id as string;
    expect(ht).toMatch(/^HT-\d{4}-0001$/);
    const supplement = await taskOf(drafter, ht, 'supplement_materials');
    expect(JSON.stringify(supplement.context)).toContain('counterparty');
    expect((await director.ok('GET', `/api/reviews/${ht}`)).reviewerUserId).toBeNull();
    const qualification = await drafter.ok('POST', `/api/reviews/${ht}/documents`, {
      kind: 'counterparty',
      ...txt('营业执照.txt', '营业执照'),
    });
    await drafter.ok('POST', `/api/tasks/${enc(supplement.id)}/complete`, {
      payload: { counterpartyDocumentId: qualification.id, note: '补充对方主体资格材料' },
    });
    const contractReviewer = await reviewerClient(director, ht);
    const contractTask = await taskOf(contractReviewer, ht, 'review_legality');
    await contractReviewer.ok('POST', `/api/tasks/${enc(contractTask.id)}/complete`, {
      payload: { findings: { parties: ok, authority: ok, content: ok, terms: ok }, outcome: 'passed' },
    });
    await waitFor(
      async () => ((await drafter.ok('GET', `/api/reviews/${ht}`)).status === 'done' ? true : undefined),
      'contract done',
    );

    // Workload and the center's figures.
    expect((await reviewer.call('GET', '/api/reviews/workload')).status).toBe(403);
    const figures = await director.ok('GET', '/api/reviews/workload');
    expect(figures.center.reviewed).toBe(2);
    expect(figures.center.byKind).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'normative_document', reviewed: 1, outcomes: { not_lawful: 1 } }),
        expect.objectContaining({ kind: 'contract', reviewed: 1, outcomes: { passed: 1 } }),
      ]),
    );
    expect(figures.reviewers).toHaveLength(20);
    const done = figures.reviewers.filter((r: { done: number }) => r.done > 0);
    expect(done.reduce((n: number, r: { done: number }) => n + r.done, 0)).toBe(2);
    expect(done[0].medianTurnaroundDays).toBeGreaterThanOrEqual(0);

    const openapi = await (await fetch(`${p.baseUrl}/api/openapi.json`)).json();
    for (const path of [
      '/api/reviews',
      '/api/reviews/{id}/reassign',
      '/api/reviews/{id}/decline',
      '/api/reviews/{id}/opinion',
      '/api/reviews/workload',
      '/api/tasks/{id}/complete',
    ])
      expect(Object.keys(openapi.paths)).toContain(path);
    // One inbox and one task page: the reviews' own task endpoints are gone.
    expect(Object.keys(openapi.paths).filter((x) => x.startsWith('/api/reviews/tasks'))).toEqual([]);
    expect((await drafter.call('GET', '/api/reviews/tasks')).status).toBe(404);
    await saveHistories(p, gf, 'normative-review');
    await saveHistories(p, ht, 'contract-review');
  }, 180_000);

  it('keeps the pool as data: the director records leave and conflicts, deactivates reviewers and changes a kind’s settings, all audited', async () => {
    const [director, reviewer07, drafter, admin] = await Promise.all(
      ['director', 'reviewer07', 'drafter.zrzyj', 'admin'].map((u) => ApiClient.login(p.baseUrl, u)),
    );
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await reviewer07.call('PUT', '/api/reviews/pool/user-reviewer08', { active: false })).status).toBe(403);
    for (let n = 1; n <= 20; n++)
      if (![6, 7, 8].includes(n))
        await director.ok('PUT', `/api/reviews/pool/user-reviewer${String(n).padStart(2, '0')}`, {
          active: false,
          note: '借调',
        });
    expect(
      (
        await director.call('POST', '/api/reviews/pool/user-reviewer08/leave', {
          startsOn: today,
          endsOn: '2020-01-01',
          reason: '年假',
        })
      ).status,
    ).toBe(400);
    await director.ok('POST', '/api/reviews/pool/user-reviewer08/leave', {
      startsOn: today,
      endsOn: today,
      reason: '年假',
    });
    expect(
      (
        await reviewer07.call('POST', '/api/reviews/pool/user-reviewer06/conflicts', {
          departmentId: 'dept-zrzyj',
          reason: '亲属',
        })
      ).status,
    ).toBe(403);
    await director.ok('POST', '/api/reviews/pool/user-reviewer06/conflicts', {
      departmentId: 'dept-zrzyj',
      reason: '配偶在市自然资源局任职',
    });
    expect(
      (await reviewer07.call('POST', '/api/reviews/pool/user-reviewer07/conflicts', { reason: '无' })).status,
    ).toBe(400);
    await reviewer07.ok('POST', '/api/reviews/pool/user-reviewer07/conflicts', {
      subjectNumber: 'HT-2099-0001',
      reason: '曾代理对方当事人',
    });
    expect((await admin.call('PUT', '/api/reviews/settings/contract', { weight: 0 })).status).toBe(400);
    await admin.ok('PUT', '/api/reviews/settings/contract', {
      weight: 1,
      targetWorkingDays: 3,
      secondCheck: false,
      directorSignOff: false,
      numberPrefix: '法合审',
    });

    const pool = await director.ok('GET', '/api/reviews/pool');
    expect(
      pool.members.filter((m: { active: boolean }) => m.active).map((m: { username: string }) => m.username),
    ).toEqual(['reviewer06', 'reviewer07', 'reviewer08']);
    expect(pool.settings.find((x: { kind: string }) => x.kind === 'contract')).toMatchObject({ targetWorkingDays: 3 });

    // reviewer06 has a conflict with 自然资源局, reviewer08 is on leave today: the pool picks reviewer07.
    const ht = (
      await drafter.ok('POST', '/api/reviews', {
        kind: 'contract',
        title: '土地储备委托协议',
        draft: txt('协议.txt', '协议正文'),
        counterparty: txt('资质.txt', '资质'),
        legalBasis: ['《中华人民共和国民法典》'],
      })
    ).id as string;
    const assigned = await waitFor(
      async () => (await director.ok('GET', `/api/reviews/${ht}`)).reviewerUserId ?? undefined,
      'assignment',
    );
    expect(assigned).toBe('user-reviewer07');
    const task = await taskOf(reviewer07, ht, 'review_legality');
    expect(task).toMatchObject({ assigneeUserId: 'user-reviewer07' });
    const audit = await p.platform.db.prisma.auditEvent.findMany({ where: { action: { startsWith: 'review.pool_' } } });
    expect(audit.map((e) => [e.action, e.actorRole])).toEqual(
      expect.arrayContaining([
        ['review.pool_leave_recorded', 'director'],
        ['review.pool_conflict_declared', 'reviewer'],
        ['review.pool_profile_changed', 'director'],
      ]),
    );
    expect(
      await p.platform.db.prisma.auditEvent.count({ where: { action: 'review.settings_changed', actorRole: 'admin' } }),
    ).toBe(1);
  }, 120_000);
});
