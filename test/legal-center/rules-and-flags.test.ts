import { describe, expect, it } from 'vitest';
import { assistedReviewFlags, citationFlags, citedTitles, measureFlags } from '../../domain/review/flags.js';
import { assembleOpinionDraft } from '../../domain/review/opinion-draft.js';
import { DecideFlagSchema } from '../../domain/review/submission.js';
import {
  r16MissingMaterials,
  r18ChecklistViolations,
  r19OpinionViolations,
} from '../../domain/rules/legality-review.js';
import { LAW_LIBRARY } from '../../prisma/seed-legal-center.js';

const finding = { conforms: true, finding: '符合' };
const today = '2026-12-01';

describe('R16 materials per kind', () => {
  it('asks a normative document for its consultation account and a contract for the counterparty’s qualification', () => {
    const base = {
      legalBasis: ['《中华人民共和国价格法》'],
      statutorySteps: [],
      touchesMarketActors: false,
      draftDocumentId: 'd',
    };
    expect(r16MissingMaterials({ ...base, explanationDocumentId: 'e' }, 'normative_document')).toEqual([
      'consultation',
    ]);
    expect(
      r16MissingMaterials(
        { ...base, explanationDocumentId: 'e', consultationSummary: '已征求意见' },
        'normative_document',
      ),
    ).toEqual([]);
    expect(r16MissingMaterials(base, 'contract')).toEqual(['counterparty']);
    expect(r16MissingMaterials({ ...base, counterpartyDocumentId: 'c', legalBasis: [] }, 'contract')).toEqual([
      'legal_basis',
    ]);
  });
});

describe('R18 checklist per kind', () => {
  it('requires every item of the kind’s checklist', () => {
    expect(
      r18ChecklistViolations({ findings: { authority: finding, procedure: finding, content: finding } }, 'decision'),
    ).toEqual([]);
    const v = r18ChecklistViolations(
      { findings: { authority: finding, procedure: finding, content: finding } },
      'normative_document',
    );
    expect(v.map((x) => x.rule)).toEqual(['R18']);
    expect(v[0].message.en).toContain('compulsory measures or fees; Does it unlawfully reduce rights');
    expect(
      r18ChecklistViolations(
        { findings: { parties: finding, authority: finding, content: finding, terms: finding } },
        'contract',
      ),
    ).toEqual([]);
    expect(
      r19OpinionViolations(
        { findings: { authority: finding }, outcome: 'passed', attachedOpinions: [] },
        'decision',
      ).map((x) => x.rule),
    ).toEqual(['R18']);
  });
});

describe('assisted review', () => {
  const draft =
    '第一条 为规范本市户外广告管理，制定本办法。\n第五条 违反本办法设置户外广告的，由城管部门处以五千元以上一万元以下罚款。\n第六条 设置户外广告须经市城管局批准。\n第七条 本办法自印发之日起施行。';

  it('flags a normative document that sets a fine and a licence, and not a contract with the same words', () => {
    const flags = measureFlags('normative_document', draft);
    expect(flags.map((f) => f.code)).toEqual(['sets_penalty', 'sets_licence']);
    expect(flags[0].excerpt).toContain('罚款');
    expect(flags[0].checklistItem).toBe('measures');
    expect(measureFlags('contract', draft)).toEqual([]);
    expect(measureFlags('normative_document', '第一条 为加强公共交通服务，制定本办法。')).toEqual([]);
  });

  it('flags a cited regulation that was repealed, names its successor, and flags one not in the library', () => {
    const titles = citedTitles(
      '依据《城市房屋拆迁管理条例》和《某某市无名条例》，参照《中华人民共和国价格法》',
      '《价格法》',
    );
    expect(titles).toEqual(['城市房屋拆迁管理条例', '某某市无名条例', '中华人民共和国价格法', '价格法']);
    const flags = citationFlags(LAW_LIBRARY, titles, today);
    expect(flags.map((f) => [f.code, f.excerpt])).toEqual([
      ['repealed_basis', '《城市房屋拆迁管理条例》'],
      ['unknown_basis', '《某某市无名条例》'],
    ]);
    expect(flags[0].message.zh).toContain('2011-01-21');
    expect(flags[0].message.zh).toContain('国有土地上房屋征收与补偿条例');
    expect(citationFlags(LAW_LIBRARY, ['城市房屋拆迁管理条例'], '2010-06-01')).toEqual([]);
  });

  it('checks the legal-basis list as well as the text', () => {
    const flags = assistedReviewFlags({
      kind: 'contract',
      text: '甲乙双方签订本合同。',
      legalBasis: ['中华人民共和国合同法'],
      library: LAW_LIBRARY,
      onDate: today,
    });
    expect(flags.map((f) => f.code)).toEqual(['repealed_basis']);
  });

  it('requires a reason to dismiss a flag, not to confirm one', () => {
    expect(DecideFlagSchema.safeParse({ decision: 'dismissed' }).success).toBe(false);
    expect(DecideFlagSchema.safeParse({ decision: 'dismissed', reason: '该罚款规定系复述上位法' }).success).toBe(true);
    expect(DecideFlagSchema.safeParse({ decision: 'confirmed' }).success).toBe(true);
  });

  it('pre-fills the checklist from confirmed flags only', () => {
    const draftOpinion = assembleOpinionDraft('normative_document', [
      {
        checklistItem: 'measures',
        excerpt: '处以五千元以上一万元以下罚款',
        messageZh: '涉嫌设定行政处罚（如罚款）',
        status: 'confirmed',
      },
      {
        checklistItem: 'content',
        excerpt: '《城市房屋拆迁管理条例》',
        messageZh: '引用的法律依据已废止',
        status: 'dismissed',
      },
    ]);
    expect(draftOpinion.findings.map((f) => [f.key, f.conforms])).toEqual([
      ['authority', true],
      ['procedure', true],
      ['content', true],
      ['measures', false],
      ['rights', true],
    ]);
    expect(draftOpinion.text).toContain('处以五千元以上一万元以下罚款');
    expect(draftOpinion.text).not.toContain('城市房屋拆迁管理条例');
  });
});
