/**
 * Issue 16 §1: saved views live on the server, per person. A view's query is checked against its list's schema
 * (400 naming the parameter), a person sees and changes only their own (another's is 404), titles are unique per
 * person and list (409), and saving, changing and deleting are audited with who and what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';

describe('saved views (issue 16 §1)', () => {
  let p: RunningPlatform;
  let drafter: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    p = await startPlatform();
    drafter = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    other = await ApiClient.login(p.baseUrl, 'drafter.fgw');
  }, 120_000);
  afterAll(async () => {
    await p?.close();
  });

  it('saves, lists, renames, changes and deletes a view, each audited; another person gets 404', async () => {
    const created = await drafter.call('POST', '/api/views', {
      list: 'inbox',
      title: '逾期的起草任务',
      query: { status: 'open', due: 'overdue', kind: 'submit_draft', sort: 'due' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ list: 'inbox', title: '逾期的起草任务', query: { due: 'overdue' } });
    await drafter.ok('POST', '/api/views', { list: 'decisions', title: '立项阶段', query: { stage: 'launch' } });

    expect((await drafter.ok('GET', '/api/views?list=inbox')).items.map((v: { id: string }) => v.id)).toEqual([id]);
    expect((await drafter.ok('GET', '/api/views')).items).toHaveLength(2);
    // Another person: their own list is empty, and this view does not exist for them.
    expect((await other.ok('GET', '/api/views')).items).toEqual([]);
    expect((await other.call('GET', `/api/views/${id}`)).status).toBe(404);
    expect((await other.call('PUT', `/api/views/${id}`, { title: '改名' })).status).toBe(404);
    expect((await other.call('DELETE', `/api/views/${id}`)).status).toBe(404);
    expect((await drafter.ok('GET', `/api/views/${id}`)).title).toBe('逾期的起草任务');

    const renamed = await drafter.ok('PUT', `/api/views/${id}`, {
      title: '逾期待办',
      query: { status: 'open', due: 'overdue' },
    });
    expect(renamed).toMatchObject({ title: '逾期待办', query: { status: 'open', due: 'overdue' } });
    expect(renamed.query.kind).toBeUndefined();
    expect((await drafter.call('DELETE', `/api/views/${id}`)).status).toBe(204);
    expect((await drafter.call('GET', `/api/views/${id}`)).status).toBe(404);

    const events = await p.platform.db.prisma.auditEvent.findMany({
      where: { subjectType: 'view', subjectId: id },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual(['view.saved', 'view.updated', 'view.deleted']);
    expect(events.every((e) => e.actorUserId === 'user-drafter.jtysj' && e.actorRole === 'drafter')).toBe(true);
    expect(events[1]!.data).toMatchObject({
      list: 'inbox',
      before: { title: '逾期的起草任务' },
      after: { title: '逾期待办' },
    });
  });

  it('refuses a query the list does not accept, naming the parameter, and writes nothing', async () => {
    const before = await p.platform.db.prisma.savedView.count();
    for (const [query, path] of [
      [{ sort: 'title' }, 'query.sort'],
      [{ colour: 'red' }, 'query.colour'],
      [{ pageSize: '500' }, 'query.pageSize'],
      [{ page: '2' }, 'query.page'],
    ] as const) {
      const r = await drafter.call('POST', '/api/views', { list: 'inbox', title: '错误视图', query });
      expect(r.status, JSON.stringify(query)).toBe(400);
      expect(r.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const unknownList = await drafter.call('POST', '/api/views', { list: 'everything', title: 'x', query: {} });
    expect(unknownList.status).toBe(400);
    expect(unknownList.body.issues[0].path).toBe('list');
    const extra = await drafter.call('POST', '/api/views', { list: 'inbox', title: 'x', owner: 'user-admin' });
    expect(extra.body.issues[0].path).toBe('owner');
    const blank = await drafter.call('POST', '/api/views', { list: 'inbox', title: '  ' });
    expect(blank.body.issues[0].path).toBe('title');
    expect(await p.platform.db.prisma.savedView.count()).toBe(before);
  });

  it('keeps titles unique per person and list (409), not across people', async () => {
    await drafter.ok('POST', '/api/views', { list: 'reviews', title: '我的审查', query: { status: 'open' } });
    const again = await drafter.call('POST', '/api/views', { list: 'reviews', title: '我的审查', query: {} });
    expect(again.status).toBe(409);
    expect(again.body.messageKey).toBe('view.duplicate_title');
    expect((await other.call('POST', '/api/views', { list: 'reviews', title: '我的审查', query: {} })).status).toBe(
      201,
    );
  });
});
