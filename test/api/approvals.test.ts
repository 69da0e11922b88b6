/**
 * Approvals waiting for a government leader (R1) where leaders learn of everything else: a catalog draft, an
 * amendment and an outside-catalog request each tell every active leader in the bell (with a link to the catalog
 * page) when they start waiting, count in GET /api/approvals/waiting (the nav's 目录清单 (n)), and are marked read
 * for every leader once one decides. A leader who turned the event off is not told. Over HTTP on the real platform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startPlatform, type RunningPlatform } from '../support/platform.js';

const YEAR = 2034;
const entry = (title: string, dept = 'dept-jtysj') => ({
  title,
  matterType: 'public_services',
  leadDepartmentId: dept,
  plannedQuarter: `${YEAR}-Q2`,
  legalBasis: ['《重大行政决策程序暂行条例》'],
});
const agreement = { partyCommitteeRef: `市委办〔${YEAR}〕1号`, partyCommitteeAgreedOn: '2026-01-10' };

describe('approvals waiting for a leader: the bell, the count, settled when decided', () => {
  let p: RunningPlatform;
  let office: ApiClient;
  let mayor: ApiClient;
  let vice: ApiClient;
  let muted: ApiClient;
  let drafter: ApiClient;
  let leaders: string[];

  /** The person's approval notices: key → read or not. */
  const approvalNotices = async (who: ApiClient) =>
    ((await who.ok('GET', '/api/notices')).items as any[]).filter((n) => n.action === 'progress.approval_waiting');
  const waiting = async (who: ApiClient) => who.ok('GET', '/api/approvals/waiting');
  /** Unread notices of one item, across every leader, from the table. */
  const unreadFor = async (stepKey: string) =>
    p.platform.db.prisma.notice.count({ where: { stepKey: `approval_waiting:${stepKey}`, readAt: null } });

  beforeAll(async () => {
    p = await startPlatform();
    [office, mayor, vice, muted, drafter] = await Promise.all(
      ['supervisor1', 'mayor', 'vicemayor1', 'vicemayor2', 'drafter.jtysj'].map((u) => ApiClient.login(p.baseUrl, u)),
    );
    leaders = (
      await p.platform.db.prisma.user.findMany({
        where: { active: true, roles: { some: { role: 'leader' } } },
        select: { id: true },
      })
    ).map((u) => u.id);
    // vicemayor2 turns approval notices off; a PUT written before the event (five events) keeps that choice.
    const prefs = (await muted.ok('GET', '/api/account/notice-preferences')).preferences;
    await muted.ok('PUT', '/api/account/notice-preferences', { ...prefs, approval_waiting: 'off' });
    const { approval_waiting: _, ...five } = prefs;
    const kept = await muted.ok('PUT', '/api/account/notice-preferences', five);
    expect(kept.preferences.approval_waiting).toBe('off');
  }, 180_000);
  afterAll(async () => {
    await p?.close();
  });

  it('tells the leaders of a catalog draft once, counts it, and marks it read for all when one approves', async () => {
    expect(await waiting(mayor)).toEqual({ total: 0, items: [] });
    await office.ok('POST', '/api/catalogs', { year: YEAR });
    // An empty draft waits for nobody.
    expect((await waiting(mayor)).total).toBe(0);
    await office.ok('PUT', `/api/catalogs/${YEAR}/draft`, { entries: [entry('城市更新专项规划')] });
    await office.ok('PUT', `/api/catalogs/${YEAR}/draft`, {
      entries: [entry('城市更新专项规划'), entry('停车收费标准调整', 'dept-fgw')],
    });
    const [n] = await approvalNotices(mayor);
    expect(n).toMatchObject({
      title: { zh: `【待审批】${YEAR}年度重大行政决策事项目录` },
      href: `#/catalogs?year=${YEAR}`,
      decisionId: null,
      readAt: null,
    });
    expect(n.body.zh).toContain('1项');
    // Saved twice, told once; every active leader but the one who turned it off.
    expect(await approvalNotices(mayor)).toHaveLength(1);
    expect(await unreadFor(`catalog:${YEAR}`)).toBe(leaders.length - 1);
    expect(await approvalNotices(muted)).toEqual([]);
    expect(await approvalNotices(office)).toEqual([]);
    expect(await waiting(vice)).toEqual({
      total: 1,
      items: [
        {
          kind: 'catalog',
          year: YEAR,
          count: 1,
          label: { zh: `${YEAR}年度目录待批准`, en: `the ${YEAR} catalog awaits approval` },
          href: `#/catalogs?year=${YEAR}`,
        },
      ],
    });
    expect((await waiting(drafter)).total).toBe(0);

    await mayor.ok('POST', `/api/catalogs/${YEAR}/approve`, agreement);
    expect(await unreadFor(`catalog:${YEAR}`)).toBe(0);
    expect((await approvalNotices(vice))[0].readAt).not.toBeNull();
    expect((await waiting(vice)).total).toBe(0);
    // The office now has the publication waiting.
    expect((await waiting(office)).items).toMatchObject([{ kind: 'publish', year: YEAR }]);
    await office.ok('POST', `/api/catalogs/${YEAR}/publish`);
    expect((await waiting(office)).total).toBe(0);
  });

  it('tells the leaders of a proposed amendment and settles it when refused, withdrawn or approved', async () => {
    const catalog = await office.ok('GET', `/api/catalogs/${YEAR}`);
    const first = catalog.entries[0];
    const propose = (reason: string) =>
      office.ok('POST', `/api/catalogs/${YEAR}/amendments`, {
        reason,
        add: [entry('公交线网优化方案')],
        change: [{ id: first.id, plannedQuarter: `${YEAR}-Q3` }],
        remove: [],
      });
    const a1 = await propose('年中调整计划');
    const key1 = `amendment:${YEAR}:${a1.id}`;
    const told = (await approvalNotices(vice)).find((n) => n.href === `#/catalogs?year=${YEAR}` && !n.readAt);
    expect(told).toMatchObject({ title: { zh: `【待审批】${YEAR}年度目录调整` } });
    expect(told.body.zh).toContain('新增1项、调整1项、移出0项');
    expect(told.body.zh).toContain('年中调整计划');
    expect(await unreadFor(key1)).toBe(leaders.length - 1);
    expect(await waiting(mayor)).toMatchObject({ total: 1, items: [{ kind: 'amendment', year: YEAR }] });

    await mayor.ok('POST', `/api/catalogs/${YEAR}/amendments/${a1.id}/refuse`, { reason: '待下季度统一调整' });
    expect(await unreadFor(key1)).toBe(0);
    expect((await waiting(mayor)).total).toBe(0);

    const a2 = await propose('第二次调整');
    expect(await unreadFor(`amendment:${YEAR}:${a2.id}`)).toBe(leaders.length - 1);
    await office.ok('POST', `/api/catalogs/${YEAR}/amendments/${a2.id}/withdraw`, { reason: '材料有误' });
    expect(await unreadFor(`amendment:${YEAR}:${a2.id}`)).toBe(0);

    const a3 = await propose('第三次调整');
    await vice.ok('POST', `/api/catalogs/${YEAR}/amendments/${a3.id}/approve`, agreement);
    expect(await unreadFor(`amendment:${YEAR}:${a3.id}`)).toBe(0);
    expect((await waiting(mayor)).total).toBe(0);
  });

  it('tells the leaders of an outside-catalog request and settles it when decided', async () => {
    const r = await drafter.ok('POST', '/api/outside-catalog-requests', {
      title: '关于临时交通管制措施的决定',
      reason: '重大活动保障需要',
    });
    const n = (await approvalNotices(mayor)).find((x) => x.title.zh.includes('关于临时交通管制措施的决定'));
    expect(n).toMatchObject({ href: '#/catalogs?o.status=pending', readAt: null });
    expect(n.body.zh).toContain('交通运输局');
    expect(n.body.zh).toContain('重大活动保障需要');
    expect(await waiting(vice)).toMatchObject({
      total: 1,
      items: [{ kind: 'outside', count: 1, label: { zh: '目录外事项申请1项待审批' } }],
    });
    await vice.ok('POST', `/api/outside-catalog-requests/${r.id}/decision`, { approve: true });
    expect(await unreadFor(`outside:${r.id}`)).toBe(0);
    expect((await waiting(mayor)).total).toBe(0);
    // The bell's count went down by what the decision settled.
    const mine = await mayor.ok('GET', '/api/notices');
    expect(mine.items.filter((x: any) => x.action === 'progress.approval_waiting' && !x.readAt)).toEqual([]);
  });
});
