import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { beijingDaysAgo } from '../support/dates.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const txt = (fileName: string, text: string) => ({ fileName, mimeType: 'text/plain', contentBase64: b64(text) });

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const v = await probe();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Submits `count` normative documents for review and waits until the pool has assigned each: their ids and reviewers. */
async function submitAssigned(drafter: ApiClient, director: ApiClient, count: number, title: string, law: string) {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++)
    ids.push(
      (
        await drafter.ok('POST', '/api/reviews', {
          kind: 'normative_document',
          title: `${title}（第${i}稿）`,
          draft: txt('草案.txt', `第一条 为规范相关管理，制定${title}。`),
          explanation: txt('起草说明.txt', '起草说明'),
          legalBasis: [law],
          consultationSummary: '已公开征求意见30日。',
        })
      ).id,
    );
  const holders = await waitFor(async () => {
    const r = await Promise.all(ids.map(async (id) => (await director.ok('GET', `/api/reviews/${id}`)).reviewerUserId));
    return r.every(Boolean) ? (r as string[]) : undefined;
  }, `${count} assignments`);
  return { ids, holders };
}

/** The active reviewers with no declared conflict and not on leave today who hold none of `holders`. */
async function freeReviewers(director: ApiClient, holders: Array<string | null>): Promise<string[]> {
  const pool = await director.ok('GET', '/api/reviews/pool');
  const today = beijingDaysAgo(0);
  return pool.members
    .filter(
      (m: {
        userId: string;
        active: boolean;
        leave: Array<{ startsOn: string; endsOn: string }>;
        conflicts: unknown[];
      }) =>
        m.active &&
        !holders.includes(m.userId) &&
        !m.conflicts.length &&
        !m.leave.some((l) => l.startsOn <= today && today <= l.endsOn),
    )
    .map((m: { userId: string }) => m.userId);
}

/** Issue 16 §5 (a) on the real dev server + PGlite: the director reassigns several reviews, preview first. */
describe('bulk reassignment of reviews with preview', () => {
  let p: RunningPlatform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('previews 4 to do and 1 refused (R20, a declared conflict), then does 4 and refuses 1, each audited, once', async () => {
    const [director, drafter] = await Promise.all(
      ['director', 'drafter.jyj'].map((u) => ApiClient.login(p.baseUrl, u)),
    );
    const { ids, holders } = await submitAssigned(
      drafter,
      director,
      5,
      '某市校园安全管理规定',
      '《中华人民共和国教育法》',
    );
    const reviewerOf = async () =>
      Object.fromEntries(
        await Promise.all(
          ids.map(async (id) => [id, (await director.ok('GET', `/api/reviews/${id}`)).reviewerUserId as string | null]),
        ),
      ) as Record<string, string | null>;
    const before: Record<string, string | null> = Object.fromEntries(ids.map((id, i) => [id, holders[i]]));
    // The target: an available reviewer holding none of the five, with a declared conflict with the fifth.
    const [target] = await freeReviewers(director, Object.values(before));
    await director.ok('POST', `/api/reviews/pool/${target}/conflicts`, {
      subjectNumber: ids[4],
      reason: '近亲属参与起草',
    });
    const body = { reviewIds: ids, reviewerUserId: target, reason: '均衡工作量' };

    const preview = await director.ok('POST', '/api/reviews/bulk/preview', body);
    expect(preview).toMatchObject({ total: 5, done: 4, refused: 1 });
    expect(preview.items.filter((i: { outcome: string }) => i.outcome === 'will_do')).toHaveLength(4);
    const refusedPreview = preview.items.find((i: { id: string }) => i.id === ids[4]);
    expect(refusedPreview).toMatchObject({ outcome: 'refused', rule: 'R20' });
    expect(refusedPreview.reason.zh).toContain('已申报利益冲突');
    expect(preview.items[0].effect).toMatchObject({ from: before[ids[0]], to: target, toName: expect.any(String) });
    // The preview changed nothing.
    expect(await reviewerOf()).toEqual(before);

    const key = 'bulk-reassign-test-1';
    const call = () => director.call('POST', '/api/reviews/bulk', body, { 'Idempotency-Key': key });
    const done = await call();
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ total: 5, done: 4, refused: 1 });
    expect(done.body.items.find((i: { id: string }) => i.id === ids[4])).toMatchObject({
      outcome: 'refused',
      rule: 'R20',
    });
    const after = await waitFor(async () => {
      const r = await reviewerOf();
      return ids.slice(0, 4).every((id) => r[id] === target) ? r : undefined;
    }, 'four reassignments');
    expect(after[ids[4]]).toBe(before[ids[4]]);
    const audited = () =>
      p.platform.db.prisma.auditEvent.count({
        where: {
          action: 'review.reassigned',
          subjectId: { in: ids },
          data: { path: ['reviewerUserId'], equals: target },
        },
      });
    expect(await audited()).toBe(4);

    // The same request again (same key) answers as the first time and does nothing twice.
    const again = await call();
    expect(again.body).toEqual(done.body);
    expect(await audited()).toBe(4);
    // A new request for the same reviews: each is already with the target (R20), nothing is done.
    const fresh = await director.call('POST', '/api/reviews/bulk', body, { 'Idempotency-Key': 'bulk-reassign-test-2' });
    expect(fresh.body).toMatchObject({ total: 5, done: 0, refused: 5 });
    expect(fresh.body.items[0].reason.zh).toContain('已由所选审查员承办');
    expect(await audited()).toBe(4);
  }, 180_000);

  it('spreads five reviews over named reviewers: one target on leave is refused (R20), the other four are done', async () => {
    const [director, drafter] = await Promise.all(
      ['director', 'drafter.scjgj'].map((u) => ApiClient.login(p.baseUrl, u)),
    );
    const { ids, holders } = await submitAssigned(
      drafter,
      director,
      5,
      '某市扬尘污染防治办法',
      '《中华人民共和国大气污染防治法》',
    );
    const free = await freeReviewers(director, holders);
    const today = beijingDaysAgo(0);
    const [main, away] = free;
    await director.ok('POST', `/api/reviews/pool/${away}/leave`, {
      startsOn: today,
      endsOn: beijingDaysAgo(-5),
      reason: '病假',
    });
    const body = {
      reviewIds: ids,
      reviewerUserId: main,
      reason: '均衡工作量',
      targets: [{ reviewId: ids[2], reviewerUserId: away }],
    };
    const preview = await director.ok('POST', '/api/reviews/bulk/preview', body);
    expect(preview).toMatchObject({ total: 5, done: 4, refused: 1 });
    expect(preview.items[2]).toMatchObject({ id: ids[2], outcome: 'refused', rule: 'R20' });
    expect(preview.items[2].reason.zh).toContain('休假中');

    const done = await director.call('POST', '/api/reviews/bulk', body, { 'Idempotency-Key': 'bulk-spread-1' });
    expect(done.body).toMatchObject({ total: 5, done: 4, refused: 1 });
    expect(done.body.items[2]).toMatchObject({ outcome: 'refused', rule: 'R20' });
    const after = await waitFor(async () => {
      const r = await Promise.all(
        ids.map(async (id) => (await director.ok('GET', `/api/reviews/${id}`)).reviewerUserId as string),
      );
      return [0, 1, 3, 4].every((i) => r[i] === main) ? r : undefined;
    }, 'four reassignments');
    expect(after[2]).toBe(holders[2]);
    expect(
      await p.platform.db.prisma.auditEvent.count({
        where: { action: 'review.reassigned', subjectId: { in: ids } },
      }),
    ).toBe(4);

    // A target naming a review outside the batch is bad input, named by its place.
    const bad = await director.call('POST', '/api/reviews/bulk/preview', {
      ...body,
      targets: [{ reviewId: 'not-in-batch', reviewerUserId: main }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('targets.0.reviewId');
  }, 180_000);

  it('refuses every item when the target reviewer is on leave (an absence), and `auto` lets the pool pick', async () => {
    const [director, drafter] = await Promise.all(
      ['director', 'drafter.fgw'].map((u) => ApiClient.login(p.baseUrl, u)),
    );
    const { ids, holders } = await submitAssigned(
      drafter,
      director,
      2,
      '某市价格监督检查办法',
      '《中华人民共和国价格法》',
    );
    const away = ['user-reviewer05', 'user-reviewer06'].find((u) => !holders.includes(u))!;
    await director.ok('POST', `/api/reviews/pool/${away}/leave`, {
      startsOn: beijingDaysAgo(0),
      endsOn: beijingDaysAgo(-3),
      reason: '病假',
    });
    const onLeave = await director.ok('POST', '/api/reviews/bulk/preview', {
      reviewIds: ids,
      reviewerUserId: away,
      reason: '均衡工作量',
    });
    expect(onLeave).toMatchObject({ total: 2, done: 0, refused: 2 });
    expect(onLeave.items[0].reason.zh).toContain('休假中');

    const auto = await director.ok('POST', '/api/reviews/bulk/preview', {
      reviewIds: ids,
      reviewerUserId: 'auto',
      reason: '均衡工作量',
    });
    expect(auto).toMatchObject({ total: 2, done: 2, refused: 0 });
    for (const [i, item] of auto.items.entries()) {
      expect(item.effect.to).not.toBe(holders[i]);
      expect(item.effect.to).not.toBe(away);
    }
    // Bad input names the field; a reviewer may not use it.
    const bad = await director.call('POST', '/api/reviews/bulk/preview', {
      reviewIds: [],
      reviewerUserId: 'auto',
      reason: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('reviewIds');
    const reviewer = await ApiClient.login(p.baseUrl, 'reviewer03');
    expect(
      (await reviewer.call('POST', '/api/reviews/bulk', { reviewIds: ids, reviewerUserId: 'auto', reason: 'x' }))
        .status,
    ).toBe(403);
  }, 180_000);
});
