import { describe, expect, it } from 'vitest';
import { r3DraftViolations } from '../../domain/rules/drafting.js';
import {
  r4ParticipationApplies,
  r5CommentPeriodViolation,
  r5PeriodStillOpen,
  r6CommentResponseViolations,
  r8MarketActorOpinionViolations,
} from '../../domain/rules/public-participation.js';
import { r1CatalogViolations, r23PartyCommitteeWaiverViolations } from '../../domain/rules/launch.js';
import { LaunchDecisionSchema } from '../../domain/decision/launch.js';
import { baseLaunch } from '../support/procedure-driver.js';
import type { SubmitDraft } from '../../domain/tasks/launch.js';
import type { ConcludePublicParticipation, OpenCommentPeriod } from '../../domain/tasks/public-participation.js';
import { config, facts, keys } from './fixtures.js';

const draft = (over: Partial<SubmitDraft> = {}): SubmitDraft => ({
  draftDocumentId: 'doc-draft',
  explanationDocumentId: 'doc-expl',
  contested: false,
  alternativeDocumentIds: [],
  departmentOpinions: [],
  ...over,
});

describe('R3 drafting', () => {
  it('accepts an uncontested draft with no co-drafting departments', () => {
    expect(r3DraftViolations(draft(), facts())).toEqual([]);
  });

  it('refuses a contested draft with fewer than two alternatives', () => {
    expect(keys(r3DraftViolations(draft({ contested: true, alternativeDocumentIds: ['alt-1'] }), facts()))).toEqual([
      'R3:r3.alternatives_required',
    ]);
    expect(r3DraftViolations(draft({ contested: true, alternativeDocumentIds: ['alt-1', 'alt-2'] }), facts())).toEqual(
      [],
    );
  });

  it('does not ask an uncontested draft for alternatives', () => {
    expect(r3DraftViolations(draft({ contested: false, alternativeDocumentIds: [] }), facts())).toEqual([]);
  });

  it('requires the opinion of every co-drafting department, naming the missing one', () => {
    const f = facts({ coDepartmentIds: ['dept-czj', 'dept-fgw'] });
    const vs = r3DraftViolations(
      draft({ departmentOpinions: [{ departmentId: 'dept-czj', opinion: '同意', agreed: true }] }),
      f,
    );
    expect(keys(vs)).toEqual(['R3:r3.department_opinion_missing']);
    expect(vs[0].message.en).toContain('dept-fgw');
    expect(vs[0].message.en).not.toContain('dept-czj');
    expect(vs[0].path).toEqual(['departmentOpinions']);
  });

  it('accepts when every co-drafting department answered', () => {
    const f = facts({ coDepartmentIds: ['dept-czj'] });
    expect(
      r3DraftViolations(
        draft({ departmentOpinions: [{ departmentId: 'dept-czj', opinion: '同意', agreed: true }] }),
        f,
      ),
    ).toEqual([]);
  });

  it('records a disagreement only with both sides’ reasons', () => {
    const f = facts({ coDepartmentIds: ['dept-czj'] });
    const onlyOurs = draft({
      departmentOpinions: [{ departmentId: 'dept-czj', opinion: '不同意', agreed: false, ourReasons: '必要' }],
    });
    expect(keys(r3DraftViolations(onlyOurs, f))).toEqual(['R3:r3.disagreement_reasons']);
    const both = draft({
      departmentOpinions: [
        { departmentId: 'dept-czj', opinion: '不同意', agreed: false, ourReasons: '必要', theirReasons: '财力不足' },
      ],
    });
    expect(r3DraftViolations(both, f)).toEqual([]);
  });
});

describe('R4 public participation applies unless confidential', () => {
  it('applies to an ordinary decision', () => {
    expect(r4ParticipationApplies(facts())).toEqual({ applies: true });
  });

  it('is skipped for a confidential decision with the reason recorded', () => {
    const r = r4ParticipationApplies(facts({ confidential: true, confidentialReason: '涉及国家秘密' }));
    expect(r.applies).toBe(false);
    expect(!r.applies && r.reason).toContain('涉及国家秘密');
    expect(!r.applies && r.reason).toContain('R4');
  });
});

describe('R5 comment period', () => {
  const period = (over: Partial<OpenCommentPeriod> = {}): OpenCommentPeriod => ({
    methods: ['online_comment'],
    publishedWhere: '市政府门户网站',
    howToComment: '电子邮件',
    periodDays: 30,
    ...over,
  });

  it('accepts 30 days or more without a reason', () => {
    expect(r5CommentPeriodViolation(period({ periodDays: 30 }), config())).toBeUndefined();
    expect(r5CommentPeriodViolation(period({ periodDays: 45 }), config())).toBeUndefined();
  });

  it('refuses 29 days without a stated reason', () => {
    const v = r5CommentPeriodViolation(period({ periodDays: 29 }), config());
    expect(v?.rule).toBe('R5');
    expect(v?.messageKey).toBe('r5.period_too_short');
    expect(v?.path).toEqual(['shortenedReason']);
  });

  it('accepts a shorter period with a stated reason', () => {
    expect(
      r5CommentPeriodViolation(period({ periodDays: 10, shortenedReason: '汛期临近，情况紧急' }), config()),
    ).toBeUndefined();
  });

  it('takes its minimum from the configuration', () => {
    expect(r5CommentPeriodViolation(period({ periodDays: 20 }), config({ minCommentPeriodDays: 15 }))).toBeUndefined();
    expect(r5CommentPeriodViolation(period({ periodDays: 20 }), config({ minCommentPeriodDays: 21 }))?.rule).toBe('R5');
  });

  it('cannot be closed before the period ends, and can at or after its end', () => {
    const endsAt = '2026-12-31T10:00:00.000Z';
    expect(r5PeriodStillOpen(new Date('2026-12-31T09:59:59.999Z'), endsAt)?.messageKey).toBe('r5.period_still_open');
    expect(r5PeriodStillOpen(new Date(endsAt), endsAt)).toBeUndefined();
    expect(r5PeriodStillOpen(new Date('2027-01-02T00:00:00.000Z'), endsAt)).toBeUndefined();
  });
});

describe('R6 comment responses', () => {
  const concluded = (over: Partial<ConcludePublicParticipation> = {}): ConcludePublicParticipation => ({
    comments: [
      {
        channel: '网站',
        receivedOn: '2026-12-01',
        text: '建议增加老年人优惠',
        commenterKind: 'citizen',
        groupKey: 'g1',
      },
      { channel: '来信', receivedOn: '2026-12-02', text: '反对涨价', commenterKind: 'citizen', groupKey: 'g2' },
    ],
    groups: [
      { key: 'g1', summary: '老年人优惠', response: 'adopted' },
      { key: 'g2', summary: '反对涨价', response: 'not_adopted', reason: '成本倒挂' },
    ],
    adoptionSummary: '采纳1条',
    ...over,
  });

  it('accepts when every group is answered and every non-adoption says why', () => {
    expect(r6CommentResponseViolations(concluded())).toEqual([]);
  });

  it('refuses a comment group with no response, pointing at it', () => {
    const vs = r6CommentResponseViolations(
      concluded({
        groups: [
          { key: 'g1', summary: '老年人优惠', response: 'adopted' },
          { key: 'g2', summary: '反对涨价' },
        ],
      }),
    );
    expect(keys(vs)).toEqual(['R6:r6.group_without_response']);
    expect(vs[0].path).toEqual(['groups', '1', 'response']);
  });

  it('refuses a partly adopted or not adopted group without a reason', () => {
    const vs = r6CommentResponseViolations(
      concluded({
        groups: [
          { key: 'g1', summary: '老年人优惠', response: 'partly_adopted' },
          { key: 'g2', summary: '反对涨价', response: 'not_adopted' },
        ],
      }),
    );
    expect(keys(vs)).toEqual(['R6:r6.reason_required', 'R6:r6.reason_required']);
  });

  it('refuses a comment that belongs to no group', () => {
    const vs = r6CommentResponseViolations(
      concluded({
        comments: [
          { channel: '网站', receivedOn: '2026-12-01', text: '意见', commenterKind: 'enterprise', groupKey: 'g9' },
        ],
      }),
    );
    expect(keys(vs)).toEqual(['R6:r6.comment_without_group']);
    expect(vs[0].message.en).toContain('g9');
  });

  describe('R8 a matter touching market actors', () => {
    const market = facts({ touchesMarketActors: true });
    const heard = (...kinds: Array<'enterprise' | 'trade_association' | 'citizen'>) =>
      concluded({
        comments: kinds.map((commenterKind, i) => ({
          channel: '座谈会',
          receivedOn: '2026-12-01',
          text: `意见${i}`,
          commenterKind,
          groupKey: 'g1',
        })),
      });

    it('refuses to conclude without the opinions of enterprises and trade associations, naming what is missing and Art. 18', () => {
      const none = r8MarketActorOpinionViolations(heard('citizen'), market);
      expect(keys(none)).toEqual(['R8:r8.market_actor_opinions_missing']);
      expect(none[0].message.en).toContain('enterprise, trade_association');
      expect(none[0].message.zh).toContain('第十八条');
      expect(r8MarketActorOpinionViolations(heard('enterprise'), market)[0].message.en).toMatch(/: trade_association$/);
      expect(r8MarketActorOpinionViolations(heard('trade_association'), market)[0].message.en).toMatch(/: enterprise$/);
    });

    it('accepts both kinds heard, and asks nothing of a matter not touching market actors', () => {
      expect(r8MarketActorOpinionViolations(heard('enterprise', 'trade_association'), market)).toEqual([]);
      expect(r8MarketActorOpinionViolations(heard('citizen'), facts())).toEqual([]);
    });
  });
});

describe('R1 the catalog and R23 not reporting to the party committee, at launch', () => {
  const answers = { inCatalog: true, catalogEntryId: 'catalog-entry-demo-jtysj', partyCommitteeReportRequired: true };

  it('refuses a decision in the catalog without its entry, and one outside it without a reason and the leader’s approval', () => {
    expect(keys(r1CatalogViolations({ ...answers, catalogEntryId: undefined }))).toEqual([
      'R1:r1.catalog_entry_required',
    ]);
    expect(keys(r1CatalogViolations({ ...answers, inCatalog: false }))).toEqual([
      'R1:r1.outside_catalog_reason_required',
      'R1:r1.outside_catalog_approval_required',
    ]);
    expect(
      keys(r1CatalogViolations({ ...answers, inCatalog: false, outsideCatalogReason: '年中新增民生事项' })),
    ).toEqual(['R1:r1.outside_catalog_approval_required']);
    expect(
      r1CatalogViolations({
        ...answers,
        inCatalog: false,
        outsideCatalogReason: '年中新增民生事项',
        outsideCatalogApprovalId: 'req-1',
      }),
    ).toEqual([]);
    expect(r1CatalogViolations(answers)).toEqual([]);
  });

  it('records not reporting to the party committee only with a reason and the leader’s approval', () => {
    const waived = { ...answers, partyCommitteeReportRequired: false };
    expect(keys(r23PartyCommitteeWaiverViolations(waived))).toEqual([
      'R23:r23.waiver_reason_required',
      'R23:r23.waiver_approval_required',
    ]);
    expect(
      keys(r23PartyCommitteeWaiverViolations({ ...waived, partyCommitteeWaiverReason: '属于执行上级已定事项' })),
    ).toEqual(['R23:r23.waiver_approval_required']);
    expect(
      r23PartyCommitteeWaiverViolations({
        ...waived,
        partyCommitteeWaiverReason: '属于执行上级已定事项',
        partyCommitteeWaiverApproval: '市长2026-11-20批示同意',
      }),
    ).toEqual([]);
    expect(r23PartyCommitteeWaiverViolations(answers)).toEqual([]);
  });

  it('is applied by the launch schema: a free switch is refused with the field named', () => {
    const r = LaunchDecisionSchema.safeParse({ ...baseLaunch(), partyCommitteeReportRequired: false });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'partyCommitteeWaiverReason',
      'partyCommitteeWaiverApproval',
    ]);
    expect(r.error?.issues[0].message).toMatch(/^R23: /);
    const outside = LaunchDecisionSchema.safeParse({ ...baseLaunch(), inCatalog: false, catalogEntryId: undefined });
    expect(outside.error?.issues.map((i) => `${i.path.join('.')} ${i.message.slice(0, 3)}`)).toEqual([
      'outsideCatalogReason R1:',
      'outsideCatalogApprovalId R1:',
    ]);
  });
});
