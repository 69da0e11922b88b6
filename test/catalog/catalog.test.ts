import { describe, expect, it } from 'vitest';
import { LaunchDecisionSchema } from '../../domain/decision/launch.js';
import {
  amendCatalog,
  approveCatalog,
  catalogVersions,
  createCatalog,
  publishCatalog,
  saveCatalogDraft,
} from '../../api/services/catalog.js';
import { catalogDocument, readCatalog } from '../../api/services/catalog-read.js';
import { decideOutsideCatalog, listOutsideCatalog, requestOutsideCatalog } from '../../api/services/outside-catalog.js';
import { launchDecision } from '../../api/services/launch-decision.js';
import { demoCatalogEntryId } from '../../prisma/seed-catalog.js';
import { chinaYear } from '../../domain/china-time.js';
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
        partyCommitteeAgreedOn: '2031-01-10',
      }),
      403,
    );
    await expectRule(
      amendCatalog(h.ctx, office, 2031, { reason: '调整', add: [entry('新增事项')], change: [], remove: [] }),
      'R1',
    );
    await approveCatalog(h.ctx, mayor, 2031, {
      partyCommitteeRef: '市委办〔2031〕2号',
      partyCommitteeAgreedOn: '2031-01-10',
    });
    await expectRule(saveCatalogDraft(h.ctx, office, 2031, [entry('批准后改草稿')]), 'R1');
    expect(await publishCatalog(h.ctx, office, 2031)).toMatchObject({ status: 'published', version: 1 });

    const [first, second] = draft.entries;
    const amended = await amendCatalog(h.ctx, office, 2031, {
      reason: '根据市委常委会意见调整',
      add: [entry('出租汽车运价调整方案', 'dept-jtysj', '2031-Q4')],
      change: [{ id: first.id, plannedQuarter: '2031-Q3' }],
      remove: [second.id],
    });
    expect(amended.version).toBe(2);
    await expectStatus(
      amendCatalog(h.ctx, office, 2031, { reason: '再调整', add: [], change: [], remove: [second.id] }),
      400,
    );

    const { items } = await catalogVersions(h.ctx, 2031);
    expect(items.map((v) => [v.version, v.reason])).toEqual([
      [1, '年度决策事项目录经党委同意后公布'],
      [2, '根据市委常委会意见调整'],
    ]);
    expect(items[0].entries.map((e) => e.title)).toEqual(['城市轨道交通线网规划', '公交场站建设方案']);
    expect(items[1].diff.added.map((e) => e.title)).toEqual(['出租汽车运价调整方案']);
    expect(items[1].diff.removed.map((e) => e.title)).toEqual(['公交场站建设方案']);
    expect(items[1].diff.changed).toEqual([
      {
        id: first.id,
        seq: 1,
        title: '城市轨道交通线网规划',
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
      'catalog.amended',
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
      partyCommitteeAgreedOn: '2033-01-05',
    });
    await publishCatalog(h.ctx, office, 2033);
    await amendCatalog(h.ctx, office, 2033, { reason: '事项取消', add: [], change: [], remove: [unpublished.id] });
    await refuse(unpublished.id, 'r1.entry_removed');

    const d = await launchDecision(
      h.ctx,
      drafter,
      baseLaunch({ catalogEntryId: demoCatalogEntryId('jtysj'), title: '关于城市公共交通票价调整的决定' }),
    );
    const year = chinaYear(new Date());
    const c = await readCatalog(h.ctx, year, 'staff');
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
