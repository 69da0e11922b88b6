/**
 * R20-filing on the real platform: a normative document reviewed and passed by the legal center, then published
 * and filed by its drafting department through the API — refused before the opinion, before publication and a
 * second time, audited, shown on the review and counted in the year's figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, zhCalendarDate } from '../../domain/china-time.js';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';

const txt = (fileName: string, text: string) => ({
  fileName,
  mimeType: 'text/plain',
  contentBase64: Buffer.from(text).toString('base64'),
});
const enc = encodeURIComponent;
const dayOffset = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const v = await probe();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('publication and filing of a normative document (R20-filing)', () => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('records the publication after the opinion and the filing once, refusing out-of-order or repeated records', async () => {
    const [drafter, otherDrafter, director, supervisor] = await Promise.all(
      ['drafter.scjgj', 'drafter.fgw', 'director', 'supervisor1'].map((u) => ApiClient.login(p.baseUrl, u)),
    );
    const gf = (
      await drafter.ok('POST', '/api/reviews', {
        kind: 'normative_document',
        title: '某市户外广告设置管理办法',
        draft: txt('办法.txt', '第一条 为规范户外广告设置，制定本办法。'),
        explanation: txt('起草说明.txt', '起草说明'),
        legalBasis: ['《中华人民共和国广告法》'],
        consultationSummary: '已在政府网站公开征求意见30日，收到意见12条，采纳8条。',
      })
    ).id as string;
    const today = chinaDate(new Date());
    const publication = { documentNumber: '市市场监管规〔2026〕1号', publishedOn: today };

    // Before the opinion: refused with the rule and its source in Chinese.
    const early = await drafter.call('POST', `/api/reviews/${gf}/publication`, publication);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ rule: 'R20-filing', messageKey: 'r20filing.opinion_not_issued' });
    expect(early.body.message.zh).toContain('国办发〔2018〕37号');
    const noPublication = await drafter.call('POST', `/api/reviews/${gf}/filing`, {
      filedWith: ['same_level_government'],
      filedOn: today,
      reference: '备2026001',
    });
    expect(noPublication.status).toBe(409);

    // The reviewer passes it.
    const withTask = await waitFor(async () => {
      const r = await director.ok('GET', `/api/reviews/${gf}`);
      return r.tasks.some((t: { kind: string; status: string }) => t.kind === 'review_legality' && t.status === 'open')
        ? r
        : undefined;
    }, 'review task');
    const reviewer = await ApiClient.login(p.baseUrl, withTask.reviewerUserId.replace(/^user-/, ''));
    for (const f of (await reviewer.ok('GET', `/api/reviews/${gf}`)).flags)
      await reviewer.ok('POST', `/api/reviews/${gf}/flags/${enc(f.id)}`, {
        decision: 'dismissed',
        reason: '经核实不影响合法性',
      });
    const draft = await reviewer.ok('GET', `/api/reviews/${gf}/opinion-draft`);
    const findings = Object.fromEntries(
      draft.findings.map((f: { key: string }) => [f.key, { conforms: true, finding: '经审查符合规定。' }]),
    );
    const task = withTask.tasks.find((t: { kind: string; status: string }) => t.kind === 'review_legality');
    await reviewer.ok('POST', `/api/tasks/${enc(task.id)}/complete`, { payload: { findings, outcome: 'passed' } });
    await waitFor(async () => ((await drafter.ok('GET', `/api/reviews/${gf}`)).issuedAt ? true : undefined), 'opinion');

    // Who may record: the submitting department's drafter only; the body checked field by field.
    expect((await director.call('POST', `/api/reviews/${gf}/publication`, publication)).status).toBe(403);
    expect((await otherDrafter.call('POST', `/api/reviews/${gf}/publication`, publication)).status).toBe(404);
    const bad = await drafter.call('POST', `/api/reviews/${gf}/publication`, {
      ...publication,
      publishedOn: '2026-02-30',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('publishedOn');
    const extra = await drafter.call('POST', `/api/reviews/${gf}/publication`, { ...publication, note: 'x' });
    expect(extra.status).toBe(400);
    const future = await drafter.call('POST', `/api/reviews/${gf}/publication`, {
      ...publication,
      publishedOn: dayOffset(today, 1),
    });
    expect(future.body).toMatchObject({ rule: 'R20-filing', messageKey: 'r20filing.published_in_future' });
    const beforeOpinion = await drafter.call('POST', `/api/reviews/${gf}/publication`, {
      ...publication,
      publishedOn: dayOffset(today, -3),
    });
    expect(beforeOpinion.body).toMatchObject({ rule: 'R20-filing', messageKey: 'r20filing.published_before_opinion' });

    const published = await drafter.call('POST', `/api/reviews/${gf}/publication`, publication);
    expect(published.status).toBe(201);
    const dueOn = dayOffset(today, 30);
    expect(published.body).toMatchObject({
      documentNumber: publication.documentNumber,
      publishedOn: today,
      dueOn,
      dueOnZh: zhCalendarDate(dueOn),
      filedOn: null,
      state: 'pending',
      overdue: false,
    });
    const again = await drafter.call('POST', `/api/reviews/${gf}/publication`, publication);
    expect([again.status, again.body.messageKey]).toEqual([409, 'r20filing.already_published']);

    // The filing: not dated before publication, each body once, then once only.
    const filing = {
      filedWith: ['same_level_government', 'npc_standing_committee'],
      filedOn: today,
      reference: '备2026001',
    };
    const beforePublication = await drafter.call('POST', `/api/reviews/${gf}/filing`, {
      ...filing,
      filedOn: dayOffset(today, -1),
    });
    expect(beforePublication.status).toBe(409);
    expect(beforePublication.body).toMatchObject({
      rule: 'R20-filing',
      messageKey: 'r20filing.filed_before_publication',
    });
    const twice = await drafter.call('POST', `/api/reviews/${gf}/filing`, {
      ...filing,
      filedWith: ['npc_standing_committee', 'npc_standing_committee'],
    });
    expect([twice.status, twice.body.issues?.[0]?.path]).toEqual([400, 'filedWith']);
    const none = await drafter.call('POST', `/api/reviews/${gf}/filing`, { ...filing, filedWith: [] });
    expect(none.status).toBe(400);
    const filed = await drafter.call('POST', `/api/reviews/${gf}/filing`, filing);
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({
      filedWith: filing.filedWith,
      filedWithZh: ['本级人民政府', '本级人大常委会'],
      filedOn: today,
      reference: '备2026001',
      state: 'filed_on_time',
    });
    const second = await drafter.call('POST', `/api/reviews/${gf}/filing`, filing);
    expect([second.status, second.body.messageKey]).toEqual([409, 'r20filing.already_filed']);

    // Shown on the review, audited with who and which review, counted in the year's figures.
    expect((await director.ok('GET', `/api/reviews/${gf}`)).filing).toMatchObject({
      documentNumber: publication.documentNumber,
      reference: '备2026001',
      filedById: drafter.user.id,
    });
    const events = await p.platform.db.prisma.auditEvent.findMany({
      where: { action: { in: ['review.publication_recorded', 'review.filing_recorded'] } },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => [e.action, e.actorUserId, e.actorRole, e.subjectId])).toEqual([
      ['review.publication_recorded', drafter.user.id, 'drafter', gf],
      ['review.filing_recorded', drafter.user.id, 'drafter', gf],
    ]);
    expect(events[1].data).toMatchObject({ rule: 'R20-filing', onTime: true, filedOn: today });
    const figures = await supervisor.ok('GET', `/api/figures?year=${today.slice(0, 4)}`);
    expect(figures.filings).toEqual({
      published: 1,
      filed: 1,
      filedOnTime: 1,
      filedLate: 0,
      overdue: 0,
      pending: 0,
      filingRate: 1,
      onTimeFilingRate: 1,
    });

    const openapi = await (await fetch(`${p.baseUrl}/api/openapi.json`)).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/reviews/{id}/publication', '/api/reviews/{id}/filing']),
    );
    const form = await drafter.ok('GET', '/api/forms/filing');
    expect(JSON.stringify(form)).toContain('本级人大常委会');
  }, 120_000);
});
