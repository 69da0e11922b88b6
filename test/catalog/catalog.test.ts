import { describe, expect, it } from 'vitest';
import { LaunchDecisionSchema } from '../../domain/decision/launch.js';
import {
  approveCatalog,
  catalogVersions,
  createCatalog,
  publishCatalog,
  saveCatalogDraft,
} from '../../api/services/catalog.js';
import { catalogDocument, readCatalog } from '../../api/services/catalog-read.js';
import {
  approveAmendment,
  listAmendments,
  proposeAmendment,
  refuseAmendment,
  withdrawAmendment,
} from '../../api/services/catalog-amendments.js';
import { decideOutsideCatalog, listOutsideCatalog, requestOutsideCatalog } from '../../api/services/outside-catalog.js';
import { launchDecision } from '../../api/services/launch-decision.js';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { chinaDate, chinaYear } from '../../domain/china-time.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { baseLaunch } from '../support/procedure-driver.js';
import { expectRule, expectStatus } from '../workflows/steps.js';

let h: Harness;
useTimeSkippingHarness((x) => {
  h = x;
});

const entry = (title: string, dept = 'dept-jtysj', quarter = '2031-Q2') => ({
  title,
  matterType: 'public_services' as const,
  leadDepartmentId: dept,
  plannedQuarter: quarter,
  legalBasis: ['《重大行政决策程序暂行条例》'],
});

describe('R1 the annual catalog: drafted, approved with the party committee’s agreement, published, amended', () => {
  it('publishes only after approval, and keeps every amended version with its reason and diff', async () => {
    const [office, mayor, drafter] = await Promise.all(['supervisor1', 'mayor', 'drafter.jtysj'].map((u) => h.user(u)));
    await expectStatus(createCatalog(h.ctx, drafter, 2031), 403);
    await createCatalog(h.ctx, office, 2031);
    const draft = await saveCatalogDraft(h.ctx, office, 2031, [
      entry('城市轨道交通线网规划'),
      entry('公交场站建设方案'),
    ]);
    expect(draft.entries.map((e) => [e.seq, e.title])).toEqual([
      [1, '城市轨道交通线网规划'],
      [2, '公交场站建设方案'],
    ]);
    await expectStatus(saveCatalogDraft(h.ctx, office, 2031, [entry('未知单位的事项', 'dept-nowhere')]), 400);

    await expectRule(publishCatalog(h.ctx, office, 2031), 'R1');
    await expectStatus(
      approveCatalog(h.ctx, office, 2031, {
        partyCommitteeRef: '市委办〔2031〕2号',
        partyCommitteeAgreedOn: '2026-01-10',
      }),
      403,
    );
    await expectRule(
      proposeAmendment(h.ctx, office, 2031, { reason: '调整', add: [entry('新增事项')], change: [], remove: [] }),
      'R1',
    );
    await approveCatalog(h.ctx, mayor, 2031, {
      partyCommitteeRef: '市委办〔2031〕2号',
      partyCommitteeAgreedOn: '2026-01-10',
    });
    await expectRule(saveCatalogDraft(h.ctx, office, 2031, [entry('批准后改草稿')]), 'R1');
    expect(await publishCatalog(h.ctx, office, 2031)).toMatchObject({ status: 'published', version: 1 });

    const [first, second] = draft.entries;
    const proposed = await proposeAmendment(h.ctx, office, 2031, {
      reason: '根据市委常委会意见调整',
      add: [entry('出租汽车运价调整方案', 'dept-jtysj', '2031-Q4')],
      change: [{ id: first.id, plannedQuarter: '2031-Q3' }],
      remove: [second.id],
    });
    expect(proposed).toMatchObject({ status: 'pending', baseVersion: 1, version: null });
    await approveAmendment(h.ctx, mayor, 2031, proposed.id, {
      partyCommitteeRef: '市委办〔2031〕9号',
      partyCommitteeAgreedOn: '2026-06-02',
    });
    await expectStatus(
      proposeAmendment(h.ctx, office, 2031, { reason: '再调整', add: [], change: [], remove: [second.id] }),
      400,
    );

    const { items } = await catalogVersions(h.ctx, 2031);
    expect(items.map((v) => [v.version, v.reason, v.partyCommitteeRef])).toEqual([
      [1, '年度决策事项目录经党委同意后公布', '市委办〔2031〕2号'],
      [2, '根据市委常委会意见调整', '市委办〔2031〕9号'],
    ]);
    expect(items[0].entries.map((e) => e.title)).toEqual(['城市轨道交通线网规划', '公交场站建设方案']);
    expect(items[1].diff.added.map((e) => e.title)).toEqual(['出租汽车运价调整方案']);
    expect(items[1].diff.removed.map((e) => e.title)).toEqual(['公交场站建设方案']);
    expect(items[1].diff.changed).toEqual([
      {
        id: first.id,
        seq: 1,
        title: '城市轨道交通线网规划',
        leadDepartmentId: 'dept-jtysj',
        changes: [{ field: 'plannedQuarter', before: '2031-Q2', after: '2031-Q3' }],
      },
    ]);
    expect(items[1].entries.map((e) => e.seq)).toEqual([1, 3]);

    const actions = (
      await h.db.prisma.auditEvent.findMany({ where: { subjectId: 'catalog-2031' }, orderBy: { seq: 'asc' } })
    ).map((e) => e.action);
    expect(actions).toEqual([
      'catalog.created',
      'catalog.draft_saved',
      'catalog.approved',
      'catalog.published',
      'catalog.amendment_proposed',
      'catalog.amendment_approved',
    ]);
    const publicView = await readCatalog(h.ctx, 2031, 'public');
    expect(publicView.entries.map((e) => e.title)).toEqual(['城市轨道交通线网规划', '出租汽车运价调整方案']);
    await expectStatus(saveCatalogDraft(h.ctx, office, 2032, []), 404);
  });
});

describe('R1 launching: the decision picks its catalog entry, or goes outside it only with a reason and a leader’s approval', () => {
  it('refuses a launch outside the catalog without a reason and without an approval, and uses an approval once', async () => {
    const [drafter, otherDrafter, leader, head] = await Promise.all(
      ['drafter.jtysj', 'drafter.fgw', 'vicemayor3', 'head.jtysj'].map((u) => h.user(u)),
    );
    const outside = { inCatalog: false, catalogEntryId: undefined, outsideCatalogReason: '年中新增民生事项' };
    const schema = LaunchDecisionSchema.safeParse({ ...baseLaunch(), inCatalog: false, catalogEntryId: undefined });
    expect(schema.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'outsideCatalogReason',
      'outsideCatalogApprovalId',
    ]);

    const before = await h.db.prisma.decision.count();
    const asked = await requestOutsideCatalog(h.ctx, drafter, {
      title: '关于夜间公交线路的决定',
      reason: '年中新增民生事项',
    });
    await expectRule(
      launchDecision(h.ctx, drafter, baseLaunch({ ...outside, outsideCatalogApprovalId: asked.id })),
      'R1',
    );
    await expectStatus(decideOutsideCatalog(h.ctx, head, asked.id, { approve: true }), 403);
    await decideOutsideCatalog(h.ctx, leader, asked.id, { approve: true, note: '同意按程序推进' });
    await expectRule(decideOutsideCatalog(h.ctx, leader, asked.id, { approve: false }), 'R1');
    // Another department's approval is not yours.
    const err = await expectRule(
      launchDecision(h.ctx, otherDrafter, baseLaunch({ ...outside, outsideCatalogApprovalId: asked.id })),
      'R1',
    );
    expect(err.messageKey).toBe('r1.outside_approval_unknown');
    expect(await h.db.prisma.decision.count()).toBe(before);

    const d = await launchDecision(h.ctx, drafter, baseLaunch({ ...outside, outsideCatalogApprovalId: asked.id }));
    expect((await h.db.prisma.outsideCatalogRequest.findUniqueOrThrow({ where: { id: asked.id } })).decisionId).toBe(
      d.id,
    );
    const again = await expectRule(
      launchDecision(h.ctx, drafter, baseLaunch({ ...outside, outsideCatalogApprovalId: asked.id })),
      'R1',
    );
    expect(again.messageKey).toBe('r1.outside_approval_used');
    expect(await h.db.prisma.decision.count()).toBe(before + 1);

    const refused = await requestOutsideCatalog(h.ctx, drafter, { title: '关于另一事项的决定', reason: '临时动议' });
    await decideOutsideCatalog(h.ctx, leader, refused.id, { approve: false, note: '纳入下年度目录' });
    expect(
      (
        await expectRule(
          launchDecision(h.ctx, drafter, baseLaunch({ ...outside, outsideCatalogApprovalId: refused.id })),
          'R1',
        )
      ).messageKey,
    ).toBe('r1.outside_not_approved');
    expect((await listOutsideCatalog(h.ctx, otherDrafter)).items.map((r) => r.id)).not.toContain(asked.id);
    expect((await listOutsideCatalog(h.ctx, leader)).items.map((r) => r.id)).toEqual(
      expect.arrayContaining([asked.id, refused.id]),
    );
  });

  it('refuses an unknown entry, another department’s, a removed one and one of an unpublished catalog; the entry then shows its decision’s progress', async () => {
    const [drafter, office, mayor] = await Promise.all(['drafter.jtysj', 'supervisor1', 'mayor'].map((u) => h.user(u)));
    const refuse = async (catalogEntryId: string, key: string) =>
      expect((await expectRule(launchDecision(h.ctx, drafter, baseLaunch({ catalogEntryId })), 'R1')).messageKey).toBe(
        key,
      );
    await refuse('no-such-entry', 'r1.entry_unknown');
    await refuse(demoCatalogEntryId('fgw'), 'r1.entry_other_department');
    await createCatalog(h.ctx, office, 2033);
    const [unpublished] = (
      await saveCatalogDraft(h.ctx, office, 2033, [entry('草稿中的事项', 'dept-jtysj', '2033-Q1')])
    ).entries;
    await refuse(unpublished.id, 'r1.catalog_not_published');
    await approveCatalog(h.ctx, mayor, 2033, {
      partyCommitteeRef: '市委办〔2033〕1号',
      partyCommitteeAgreedOn: '2026-01-05',
    });
    await publishCatalog(h.ctx, office, 2033);
    const removal = await proposeAmendment(h.ctx, office, 2033, {
      reason: '事项取消',
      add: [],
      change: [],
      remove: [unpublished.id],
    });
    await approveAmendment(h.ctx, mayor, 2033, removal.id, {
      partyCommitteeRef: '市委办〔2033〕5号',
      partyCommitteeAgreedOn: '2026-05-05',
    });
    await refuse(unpublished.id, 'r1.entry_removed');

    const d = await launchDecision(
      h.ctx,
      drafter,
      baseLaunch({ catalogEntryId: demoCatalogEntryId('jtysj'), title: '关于城市公共交通票价调整的决定' }),
    );
    const year = chinaYear(new Date());
    const c = await readCatalog(h.ctx, year, drafter);
    const mine = c.entries.find((e) => e.id === demoCatalogEntryId('jtysj'))!;
    expect(mine.progress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ number: d.number, stageLabel: expect.objectContaining({ zh: expect.any(String) }) }),
      ]),
    );
    expect(c.entries.find((e) => e.id === demoCatalogEntryId('czj'))!.progress).toEqual([
      expect.objectContaining({ stage: 'not_launched' }),
    ]);

    const doc = await catalogDocument(h.ctx, year);
    expect(doc.content.subarray(0, 2).toString()).toBe('PK');
    if (process.env.YIFA_KEEP_DOCS)
      (await import('node:fs')).writeFileSync(`${process.env.YIFA_KEEP_DOCS}/catalog.docx`, doc.content);
  });
});

describe('R1 amending the published catalog: proposed with a reason, in effect only once a leader approves it with the party committee’s agreement', () => {
  it('keeps launches on the published version while an amendment is pending, refuses a second proposal and any approval but a leader’s', async () => {
    const [office, mayor, drafter, head] = await Promise.all(
      ['supervisor1', 'mayor', 'drafter.jtysj', 'head.jtysj'].map((u) => h.user(u)),
    );
    const agreed = { partyCommitteeRef: '市委办〔2035〕1号', partyCommitteeAgreedOn: '2026-01-08' };
    await createCatalog(h.ctx, office, 2035);
    const [kept, dropped] = (
      await saveCatalogDraft(h.ctx, office, 2035, [
        entry('城市慢行系统规划', 'dept-jtysj', '2035-Q2'),
        entry('停车收费调整方案', 'dept-jtysj', '2035-Q3'),
      ])
    ).entries;
    await approveCatalog(h.ctx, mayor, 2035, agreed);
    await publishCatalog(h.ctx, office, 2035);

    const pending = await proposeAmendment(h.ctx, office, 2035, {
      reason: '停车收费调整方案并入下年度',
      add: [entry('共享单车管理办法', 'dept-jtysj', '2035-Q4')],
      change: [{ id: kept.id, title: '城市慢行交通系统规划' }],
      remove: [dropped.id],
    });
    expect(pending.status).toBe('pending');
    expect(pending.diff.removed.map((e) => e.title)).toEqual(['停车收费调整方案']);
    expect(pending.diff.added.map((e) => [e.seq, e.title])).toEqual([[3, '共享单车管理办法']]);
    expect(pending.diff.changed[0].changes).toEqual([
      { field: 'title', before: '城市慢行系统规划', after: '城市慢行交通系统规划' },
    ]);

    // Pending: the published version stands — the catalog, its versions, and what a launch may pick.
    const published = await readCatalog(h.ctx, 2035, 'public');
    expect([published.version, published.entries.map((e) => e.title)]).toEqual([
      1,
      ['城市慢行系统规划', '停车收费调整方案'],
    ]);
    expect((await catalogVersions(h.ctx, 2035)).items).toHaveLength(1);
    const launchOn = (catalogEntryId: string, title: string) =>
      launchDecision(h.ctx, drafter, baseLaunch({ catalogEntryId, title, plannedMeetingQuarter: '2035-Q3' }));
    const onDropped = await launchOn(dropped.id, '关于停车收费调整的决定');
    expect(onDropped.number).toMatch(/^JC-/);
    const added = pending.diff.added[0];
    expect((await expectRule(launchOn(added.id, '关于共享单车管理的决定'), 'R1')).messageKey).toBe('r1.entry_unknown');

    expect(
      (
        await expectRule(
          proposeAmendment(h.ctx, office, 2035, { reason: '再调整', add: [], change: [], remove: [kept.id] }),
          'R1',
        )
      ).messageKey,
    ).toBe('r1.amendment_pending');
    await expectStatus(approveAmendment(h.ctx, office, 2035, pending.id, agreed), 403);
    await expectStatus(approveAmendment(h.ctx, head, 2035, pending.id, agreed), 403);
    await expectStatus(approveAmendment(h.ctx, mayor, 2035, 'no-such-amendment', agreed), 404);
    expect((await listAmendments(h.ctx, drafter, 2035)).items.map((a) => a.id)).toEqual([pending.id]);
    expect((await listAmendments(h.ctx, await h.user('drafter.fgw'), 2035)).items).toEqual([]);

    const tomorrow = chinaDate(new Date(Date.now() + 86_400_000));
    const future = await expectRule(
      approveAmendment(h.ctx, mayor, 2035, pending.id, { ...agreed, partyCommitteeAgreedOn: tomorrow }),
      'R1',
    );
    expect([future.messageKey, (future.extra.violations as Array<{ path?: string[] }>)[0].path]).toEqual([
      'r1.agreement_date_future',
      ['partyCommitteeAgreedOn'],
    ]);
    const approved = await approveAmendment(h.ctx, mayor, 2035, pending.id, {
      partyCommitteeRef: '市委办〔2035〕7号',
      partyCommitteeAgreedOn: '2026-06-20',
    });
    expect(approved).toMatchObject({ status: 'approved', version: 2, partyCommitteeRef: '市委办〔2035〕7号' });
    expect((await expectRule(approveAmendment(h.ctx, mayor, 2035, pending.id, agreed), 'R1')).messageKey).toBe(
      'r1.amendment_decided',
    );
    const now = await readCatalog(h.ctx, 2035, 'public');
    expect([now.version, now.entries.map((e) => [e.seq, e.title])]).toEqual([
      2,
      [
        [1, '城市慢行交通系统规划'],
        [3, '共享单车管理办法'],
      ],
    ]);
    expect((await launchOn(added.id, '关于共享单车管理的决定')).number).toMatch(/^JC-/);
    expect((await expectRule(launchOn(dropped.id, '关于停车收费的另一决定'), 'R1')).messageKey).toBe(
      'r1.entry_removed',
    );

    // A refused amendment changes nothing; the office may then propose again.
    const second = await proposeAmendment(h.ctx, office, 2035, {
      reason: '提前实施',
      add: [],
      change: [{ id: kept.id, plannedQuarter: '2035-Q1' }],
      remove: [],
    });
    // Withdrawn by the office (a mistake in the proposal): a leader cannot withdraw, nor decide it afterwards.
    const mistaken = second;
    await expectStatus(withdrawAmendment(h.ctx, mayor, 2035, mistaken.id, '季度填错'), 403);
    expect(await withdrawAmendment(h.ctx, office, 2035, mistaken.id, '季度填错')).toMatchObject({
      status: 'withdrawn',
    });
    expect((await expectRule(approveAmendment(h.ctx, mayor, 2035, mistaken.id, agreed), 'R1')).messageKey).toBe(
      'r1.amendment_decided',
    );
    const third = await proposeAmendment(h.ctx, office, 2035, {
      reason: '提前实施',
      add: [],
      change: [{ id: kept.id, plannedQuarter: '2035-Q1' }],
      remove: [],
    });
    await expectStatus(refuseAmendment(h.ctx, office, 2035, third.id, '不同意'), 403);
    expect(await refuseAmendment(h.ctx, mayor, 2035, third.id, '季度已过，不宜提前')).toMatchObject({
      status: 'refused',
      refusalReason: '季度已过，不宜提前',
    });
    expect((await readCatalog(h.ctx, 2035, 'public')).entries[0].plannedQuarter).toBe('2035-Q2');
    expect((await catalogVersions(h.ctx, 2035)).items.map((v) => v.version)).toEqual([1, 2]);

    const trail = await h.db.prisma.auditEvent.findMany({
      where: { subjectId: 'catalog-2035', action: { startsWith: 'catalog.amendment' } },
      orderBy: { seq: 'asc' },
    });
    expect(trail.map((e) => [e.action, e.actorRole])).toEqual([
      ['catalog.amendment_proposed', 'supervisor'],
      ['catalog.amendment_approved', 'leader'],
      ['catalog.amendment_proposed', 'supervisor'],
      ['catalog.amendment_withdrawn', 'supervisor'],
      ['catalog.amendment_proposed', 'supervisor'],
      ['catalog.amendment_refused', 'leader'],
    ]);
  });
});
