import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { beijingDaysAgo } from '../support/dates.js';
import { passedNormativeDocumentOverHttp } from '../support/normative-passed.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const txt = (fileName: string, text: string) => ({ fileName, mimeType: 'text/plain', contentBase64: b64(text) });
const day = (n: number) => beijingDaysAgo(-n);
const enc = encodeURIComponent;

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const v = await probe();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Issue 16 §4 on the real dev server + PGlite: absences, substitutes ("X for Y"), the head's warning, the pool's leave. */
describe('absences and substitutes through the API', () => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('lets a substitute complete the absent reviewer’s task in the period only, and the audit names both', async () => {
    const [drafter, director, admin] = await Promise.all(
      ['drafter.scjgj', 'director', 'admin'].map((u) => ApiClient.login(p.baseUrl, u)),
    );
    const gf = (
      await drafter.ok('POST', '/api/reviews', {
        kind: 'normative_document',
        title: '某市公共自行车管理办法',
        draft: txt('办法.txt', '第一条 为规范公共自行车管理，制定本办法。'),
        explanation: txt('起草说明.txt', '起草说明'),
        legalBasis: ['《中华人民共和国道路交通安全法》'],
        consultationSummary: '已公开征求意见30日。',
      })
    ).id as string;
    const review = await waitFor(async () => {
      const r = await director.ok('GET', `/api/reviews/${gf}`);
      return r.tasks.some((t: { kind: string; status: string }) => t.kind === 'review_legality' && t.status === 'open')
        ? r
        : undefined;
    }, 'review task');
    const absentId = review.reviewerUserId as string;
    const substituteName = absentId === 'user-reviewer01' ? 'reviewer02' : 'reviewer01';
    const [absent, substitute] = await Promise.all(
      [absentId.replace(/^user-/, ''), substituteName].map((u) => ApiClient.login(p.baseUrl, u)),
    );
    const task = (
      await absent.ok<{ items: Array<{ id: string; reviewId: string; kind: string }> }>('GET', '/api/tasks')
    ).items.find((t) => t.reviewId === gf && t.kind === 'review_legality')!;
    const draft = await absent.ok('GET', `/api/reviews/${gf}/opinion-draft`);
    const findings = Object.fromEntries(
      draft.findings.map((f: { key: string; conforms: boolean; finding: string }) => [
        f.key,
        { conforms: true, finding: f.finding || '经审查符合规定。' },
      ]),
    );
    const complete = (c: ApiClient) =>
      c.call('POST', `/api/tasks/${enc(task.id)}/complete`, { payload: { findings, outcome: 'passed' } });

    // Not yet anyone's substitute: the task does not exist for them.
    expect((await complete(substitute)).status).toBe(404);

    // Named for a later period (by the director, for a reviewer): refused with the period, in Chinese.
    const later = await director.call('POST', '/api/absences', {
      userId: absentId,
      startsOn: day(5),
      endsOn: day(7),
      reason: '外出培训',
      substituteUserId: substitute.user.id,
    });
    expect(later.status).toBe(201);
    expect(later.body.substitute.id).toBe(substitute.user.id);
    const early = await complete(substitute);
    expect(early.status).toBe(403);
    expect(early.body.message.zh).toContain('代办期间');
    expect(early.body.message.zh).toContain('不在代办期间内');
    expect((await substitute.ok('GET', '/api/tasks')).items.some((t: { id: string }) => t.id === task.id)).toBe(false);

    // The reviewer names the same colleague for today: the task shows in the substitute's inbox marked "for Y".
    const today = await absent.call('POST', '/api/absences', {
      startsOn: day(0),
      endsOn: day(1),
      reason: '病假',
      substituteUserId: substitute.user.id,
    });
    expect(today.status).toBe(201);
    expect(today.body.current).toBe(true);
    const inbox = await substitute.ok('GET', '/api/tasks');
    const forY = inbox.items.find((t: { id: string }) => t.id === task.id);
    expect(forY.onBehalfOf).toMatchObject({ userId: absentId });
    expect((await substitute.ok('GET', '/api/absences')).substituting.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining([later.body.id, today.body.id]),
    );
    // The task rights, nothing more: declining the review stays the assigned reviewer's.
    expect((await substitute.call('POST', `/api/reviews/${gf}/decline`, { reason: '代为拒绝' })).status).toBe(403);

    const done = await complete(substitute);
    expect(done.status).toBe(200);
    const event = await p.platform.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'task.completed.review_legality', actorUserId: substitute.user.id },
    });
    expect(event).toMatchObject({ actorRole: 'reviewer', actorName: expect.any(String) });
    expect(event.data).toMatchObject({ onBehalfOf: { userId: absentId, name: expect.any(String) } });
    // The hash covers "for Y"; the chains (old events and new) still verify.
    const verified = await admin.ok('GET', '/api/audit/verify');
    expect(verified.ok).toBe(true);

    // Overlapping periods and strangers are refused, naming the field.
    const overlap = await absent.call('POST', '/api/absences', { startsOn: day(1), endsOn: day(2), reason: '事假' });
    expect(overlap.status).toBe(400);
    expect(overlap.body.issues[0].path).toBe('startsOn');
    const stranger = await absent.call('POST', '/api/absences', {
      startsOn: day(20),
      endsOn: day(21),
      reason: '事假',
      substituteUserId: 'user-drafter.fgw',
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.issues[0].path).toBe('substituteUserId');
    expect((await drafter.call('POST', '/api/absences', { userId: absentId, ...span(30), reason: 'x' })).status).toBe(
      403,
    );
    expect(
      (await absent.call('POST', '/api/absences', { startsOn: '2026-13-01', endsOn: day(1), reason: 'x' })).status,
    ).toBe(400);

    // Withdrawn by whoever may record it; the substitute may not.
    expect((await substitute.call('DELETE', `/api/absences/${later.body.id}`)).status).toBe(404);
    expect((await director.call('DELETE', `/api/absences/${later.body.id}`)).status).toBe(200);
    expect(
      await p.platform.db.prisma.auditEvent.count({
        where: { action: { in: ['absence.recorded', 'absence.withdrawn'] } },
      }),
    ).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('warns the head when an absence has no substitute, naming the open tasks nobody can act on', async () => {
    const [drafter, director] = await Promise.all(
      ['drafter.jyj', 'director'].map((u) => ApiClient.login(p.baseUrl, u)),
    );
    const gf = (
      await drafter.ok('POST', '/api/reviews', {
        kind: 'normative_document',
        title: '某市校外培训机构管理办法',
        draft: txt('办法.txt', '第一条 为规范校外培训，制定本办法。'),
        explanation: txt('起草说明.txt', '起草说明'),
        legalBasis: ['《中华人民共和国教育法》'],
        consultationSummary: '已公开征求意见30日。',
      })
    ).id as string;
    const reviewerId = await waitFor(async () => {
      const r = await director.ok('GET', `/api/reviews/${gf}`);
      return r.tasks.some((t: { kind: string; status: string }) => t.kind === 'review_legality' && t.status === 'open')
        ? (r.reviewerUserId as string)
        : undefined;
    }, 'review task');
    // The pool's leave is an absence: recorded with no substitute, the director is told.
    const leave = await director.call('POST', `/api/reviews/pool/${reviewerId}/leave`, {
      ...span(40),
      reason: '年休假',
    });
    expect(leave.status).toBe(201);
    const notices = await director.ok('GET', '/api/notices');
    const warning = notices.items.find(
      (n: { action: string; body: { zh: string } }) =>
        n.action === 'absence_without_substitute' && n.body.zh.includes(gf),
    );
    expect(warning.title.zh).toContain('无人代办');
    expect(warning.body.zh).toContain('未指定代办人');
    // It is in the director's managed list and the pool sees the leave.
    const mine = await director.ok('GET', '/api/absences');
    expect(mine.managed.some((a: { id: string }) => a.id === leave.body.id)).toBe(true);
    const pool = await director.ok('GET', '/api/reviews/pool');
    const member = pool.members.find((m: { userId: string }) => m.userId === reviewerId);
    expect(member.leave).toEqual(expect.arrayContaining([expect.objectContaining({ startsOn: span(40).startsOn })]));

    // A department head records a drafter's absence with a colleague as substitute: no warning then.
    const head = await ApiClient.login(p.baseUrl, 'head.jyj');
    const before = (await head.ok('GET', '/api/notices')).items.length;
    const withSub = await head.call('POST', '/api/absences', {
      userId: drafter.user.id,
      ...span(50),
      reason: '借调',
      substituteUserId: head.user.id,
    });
    expect(withSub.status).toBe(201);
    expect(withSub.body.warned).toEqual([]);
    expect((await head.ok('GET', '/api/notices')).items.length).toBe(before);
  }, 120_000);

  it('lets the substitute of an absent drafter record a normative document’s publication and filing in the period only, audited as X for Y', async () => {
    const gf = await passedNormativeDocumentOverHttp(p.baseUrl, 'drafter.jtysj');
    const [drafter, head, admin, director] = await Promise.all(
      ['drafter.jtysj', 'head.jtysj', 'admin', 'director'].map((u) => ApiClient.login(p.baseUrl, u)),
    );
    // What the review page reads: whether the caller may record the publication / filing now, and for whom.
    const may = async (c: ApiClient) => (await c.ok('GET', `/api/reviews/${gf}`)).mayRecordFiling;
    const nothing = { publication: false, filing: false, onBehalfOf: null };
    expect(await may(drafter)).toEqual({ publication: true, filing: false, onBehalfOf: null });
    expect(await may(head)).toEqual(nothing);
    expect(await may(director)).toEqual(nothing);
    const publication = { documentNumber: '市交通运输规〔2026〕2号', publishedOn: day(0) };
    const filing = { filedWith: ['same_level_government'], filedOn: day(0), reference: '备2026017' };
    const record = (c: ApiClient, what: 'publication' | 'filing') =>
      c.call('POST', `/api/reviews/${gf}/${what}`, what === 'publication' ? publication : filing);

    // The head reads the department's review but records nothing in their own right.
    const notDrafter = await record(head, 'publication');
    expect(notDrafter.status).toBe(403);
    expect(notDrafter.body.message.zh).toContain('只有报送单位');

    // Named for a later period: refused with the period, in Chinese.
    const later = await drafter.call('POST', '/api/absences', {
      ...span(5),
      reason: '外出培训',
      substituteUserId: head.user.id,
    });
    expect(later.status).toBe(201);
    expect(await may(head)).toEqual(nothing);
    const early = await record(head, 'publication');
    expect(early.status).toBe(403);
    expect(early.body.message.zh).toContain('不在代办期间内');

    // Away today: the substitute records both, as the drafter's stand-in.
    const today = await drafter.call('POST', '/api/absences', {
      ...span(0),
      reason: '病假',
      substituteUserId: head.user.id,
    });
    expect(today.status).toBe(201);
    const absent = await p.platform.db.prisma.user.findUniqueOrThrow({ where: { id: drafter.user.id } });
    const forDrafter = { onBehalfOf: { name: absent.displayName } };
    expect(await may(head)).toEqual({ publication: true, filing: false, ...forDrafter });
    expect(await may(director)).toEqual(nothing);
    expect((await record(head, 'publication')).status).toBe(201);
    expect(await may(head)).toEqual({ publication: false, filing: true, ...forDrafter });
    expect(await may(drafter)).toEqual({ publication: false, filing: true, onBehalfOf: null });
    const filed = await record(head, 'filing');
    expect(filed.status).toBe(200);
    expect(await may(head)).toEqual({ publication: false, filing: false, ...forDrafter });
    expect(filed.body).toMatchObject({ state: 'filed_on_time', publishedById: head.user.id, filedById: head.user.id });
    const events = await p.platform.db.prisma.auditEvent.findMany({
      where: { subjectId: gf, action: { in: ['review.publication_recorded', 'review.filing_recorded'] } },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => [e.action, e.actorUserId, e.actorRole])).toEqual([
      ['review.publication_recorded', head.user.id, 'drafter'],
      ['review.filing_recorded', head.user.id, 'drafter'],
    ]);
    for (const e of events)
      expect(e.data).toMatchObject({ onBehalfOf: { userId: absent.id, name: absent.displayName } });
    // The hash covers "for Y": the chains still verify.
    expect((await admin.ok('GET', '/api/audit/verify')).ok).toBe(true);
  }, 180_000);
});

function span(from: number) {
  return { startsOn: day(from), endsOn: day(from + 2) };
}
