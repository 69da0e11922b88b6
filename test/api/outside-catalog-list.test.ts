/**
 * GET /api/outside-catalog-requests as a list (issue 16 §1's frame), against hand counts of five requests: status
 * (pending, approved and not launched on, used, refused) counted within the other filters, department (counted),
 * year asked in Beijing time across New Year's midnight, search in title and reason, sorts, pages tiling the
 * total, a department's own requests only, 400s naming the parameter. Over HTTP on the real platform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaYear } from '../../domain/china-time.js';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';
import { baseLaunch } from '../support/procedure-driver.js';

describe('GET /api/outside-catalog-requests: filtered, searched, sorted, paged and counted', () => {
  let p: RunningPlatform;
  let leader: ApiClient;
  let jtysj: ApiClient;
  const id: Record<string, string> = {};
  const Y = chinaYear(new Date());
  const list = async (who: ApiClient, query = '') => who.ok('GET', `/api/outside-catalog-requests${query}`);
  const ids = (res: { items: Array<{ id: string }> }) => res.items.map((r) => r.id);

  beforeAll(async () => {
    p = await startPlatform();
    jtysj = await ApiClient.login(p.baseUrl, 'drafter.jtysj');
    const fgw = await ApiClient.login(p.baseUrl, 'drafter.fgw');
    leader = await ApiClient.login(p.baseUrl, 'vicemayor1');
    const ask = async (key: string, who: ApiClient, title: string, reason: string) => {
      id[key] = (await who.ok('POST', '/api/outside-catalog-requests', { title, reason })).id;
    };
    // Asked in this order: A, B, C (交通运输局), D, E (发展改革委).
    await ask('A', jtysj, '关于公交票价调整的决定', '民生需要');
    await ask('B', jtysj, '关于道路改造计划的决定', '城市更新');
    await ask('C', jtysj, '关于停车场建设的决定', '城市更新需要');
    await ask('D', fgw, '关于电价补贴方案的决定', '能源保供');
    await ask('E', fgw, '关于粮食储备调整的决定', '城市更新试点');
    await leader.ok('POST', `/api/outside-catalog-requests/${id.A}/decision`, { approve: true });
    await leader.ok('POST', `/api/outside-catalog-requests/${id.D}/decision`, {
      approve: false,
      note: '纳入下年度目录',
    });
    await leader.ok('POST', `/api/outside-catalog-requests/${id.B}/decision`, { approve: true });
    await jtysj.ok(
      'POST',
      '/api/decisions',
      baseLaunch({
        title: '关于道路改造计划的决定',
        inCatalog: false,
        catalogEntryId: undefined,
        outsideCatalogReason: '城市更新',
        outsideCatalogApprovalId: id.B,
      }),
    );
    // E was asked one second before New Year in Beijing (last year), C at its first instant (this year).
    const newYear = Date.UTC(Y - 1, 11, 31, 16);
    const prisma = p.platform.db.prisma;
    await prisma.outsideCatalogRequest.update({ where: { id: id.E }, data: { createdAt: new Date(newYear - 1000) } });
    await prisma.outsideCatalogRequest.update({ where: { id: id.C }, data: { createdAt: new Date(newYear) } });
  }, 240_000);
  afterAll(async () => {
    await p?.close();
  });

  it('counts every request per status and department, newest asked first', async () => {
    const all = await list(leader);
    expect(all).toMatchObject({
      total: 5,
      page: 1,
      pageSize: 20,
      pages: 1,
      sort: 'asked',
      dir: 'desc',
      counts: {
        status: { pending: 2, approved: 1, used: 1, refused: 1 },
        departmentId: { 'dept-jtysj': 3, 'dept-fgw': 2 },
      },
    });
    expect(ids(all)).toEqual([id.D, id.B, id.A, id.C, id.E]);
    expect(all.items[1]).toMatchObject({
      status: 'approved',
      requestedBy: expect.any(String),
      decidedBy: expect.any(String),
    });
    expect(all.items[1].decisionId).toEqual(expect.any(String));
  });

  it('filters by status within the other filters, by department, and by the Beijing year asked', async () => {
    const pending = await list(leader, '?status=pending');
    expect(ids(pending)).toEqual([id.C, id.E]);
    // Status counts leave the status filter out; department counts keep it.
    expect(pending.counts).toEqual({
      status: { pending: 2, approved: 1, used: 1, refused: 1 },
      departmentId: { 'dept-jtysj': 1, 'dept-fgw': 1 },
    });
    expect(ids(await list(leader, '?status=approved'))).toEqual([id.A]);
    expect(ids(await list(leader, '?status=used'))).toEqual([id.B]);
    expect(ids(await list(leader, '?status=refused'))).toEqual([id.D]);
    const fgw = await list(leader, '?departmentId=dept-fgw');
    expect(ids(fgw)).toEqual([id.D, id.E]);
    expect(fgw.counts.status).toEqual({ pending: 1, approved: 0, used: 0, refused: 1 });
    const thisYear = await list(leader, `?year=${Y}`);
    expect(ids(thisYear)).toEqual([id.D, id.B, id.A, id.C]);
    expect(thisYear.counts.status).toEqual({ pending: 1, approved: 1, used: 1, refused: 1 });
    expect(ids(await list(leader, `?year=${Y - 1}`))).toEqual([id.E]);
    expect(ids(await list(leader, `?year=${Y}&status=pending&departmentId=dept-jtysj`))).toEqual([id.C]);
  });

  it('searches title and reason, sorts by asked and decided, and pages tile the total', async () => {
    expect(ids(await list(leader, `?q=${encodeURIComponent('城市更新')}`))).toEqual([id.B, id.C, id.E]);
    expect(ids(await list(leader, `?q=${encodeURIComponent('电价')}`))).toEqual([id.D]);
    expect(ids(await list(leader, `?q=${encodeURIComponent('城市更新')}&departmentId=dept-fgw`))).toEqual([id.E]);
    expect(ids(await list(leader, '?sort=asked&dir=asc'))).toEqual([id.E, id.C, id.A, id.B, id.D]);
    // Decided last first; the undecided after them, newest asked first.
    expect(ids(await list(leader, '?sort=decided&dir=desc'))).toEqual([id.B, id.D, id.A, id.C, id.E]);
    const pages = await Promise.all([1, 2, 3].map((n) => list(leader, `?pageSize=2&page=${n}`)));
    expect(pages.map(ids)).toEqual([[id.D, id.B], [id.A, id.C], [id.E]]);
    expect(pages.map((x) => [x.total, x.pages])).toEqual([
      [5, 3],
      [5, 3],
      [5, 3],
    ]);
    expect(ids(await list(leader, '?pageSize=2&page=4'))).toEqual([]);
    // A page turn asks without counts (the web's counts=false): the same page and total, no counts.
    const turned = await list(leader, '?pageSize=2&page=2&counts=false');
    expect([ids(turned), turned.total, turned.counts]).toEqual([[id.A, id.C], 5, {}]);
  });

  it('shows a department its own requests only, and refuses those who do not read them', async () => {
    const own = await list(jtysj);
    expect(ids(own)).toEqual([id.B, id.A, id.C]);
    expect(own.counts.departmentId).toEqual({ 'dept-jtysj': 3 });
    expect((await list(jtysj, '?departmentId=dept-fgw')).total).toBe(0);
    const head = await ApiClient.login(p.baseUrl, 'head.jtysj');
    expect((await list(head)).total).toBe(3);
    const secretary = await ApiClient.login(p.baseUrl, 'secretary1');
    expect((await secretary.call('GET', '/api/outside-catalog-requests')).status).toBe(403);
  });

  it('refuses an unknown parameter, sort, status, year or a page over 100, naming it (400)', async () => {
    for (const [query, field] of [
      ['?colour=red', 'colour'],
      ['?sort=created', 'sort'],
      ['?status=archived', 'status'],
      ['?year=1999', 'year'],
      ['?pageSize=101', 'pageSize'],
    ] as const) {
      const r = await leader.call('GET', `/api/outside-catalog-requests${query}`);
      expect(r.status, query).toBe(400);
      expect(
        r.body.issues.map((i: { path: string }) => i.path),
        query,
      ).toContain(field);
    }
    const described = await leader.ok('GET', '/api/lists/outsideCatalog');
    expect(described).toMatchObject({
      sorts: ['asked', 'decided', 'title'],
      filters: [{ name: 'status', values: ['pending', 'approved', 'used', 'refused'], counted: true }],
      freeFilters: ['departmentId', 'year'],
    });
  });
});
