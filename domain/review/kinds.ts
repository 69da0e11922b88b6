/**
 * R20: the legal center reviews three kinds of subject in one queue: major decisions, normative documents
 * (行政规范性文件) and contracts/agreements (合同、协议), each with its own materials (R16), checklist (R18) and
 * numbering. Pure data shared by workflows, API and tests.
 */
export const REVIEW_KINDS = ['decision', 'normative_document', 'contract'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
/** The kinds a department submits through the API (a decision's review is started by its procedure). */
export const STANDALONE_REVIEW_KINDS = ['normative_document', 'contract'] as const;
export type StandaloneReviewKind = (typeof STANDALONE_REVIEW_KINDS)[number];

export const REVIEW_KIND_LABELS: Record<ReviewKind, { zh: string; en: string }> = {
  decision: { zh: '重大行政决策', en: 'major decision' },
  normative_document: { zh: '行政规范性文件', en: 'normative document' },
  contract: { zh: '合同、协议', en: 'contract or agreement' },
};

/** The submission number's prefix (`GF-2026-0001`, `HT-2026-0001`); decisions keep their own `JC-` number. */
export const SUBMISSION_PREFIX: Record<StandaloneReviewKind, string> = { normative_document: 'GF', contract: 'HT' };

export interface ChecklistItem {
  key: string;
  zh: string;
  en: string;
}

/** R18 and its counterparts: what each kind's opinion must address, item by item. */
export const CHECKLISTS: Record<ReviewKind, ChecklistItem[]> = {
  decision: [
    { key: 'authority', zh: '决策事项是否符合法定权限', en: 'Is the matter within the government’s legal powers' },
    { key: 'procedure', zh: '是否履行决策法定程序', en: 'Were the required procedural steps taken' },
    {
      key: 'content',
      zh: '决策草案内容是否符合有关法律、法规、规章和国家政策',
      en: 'Does the content conform to laws, regulations, rules and national policy',
    },
  ],
  normative_document: [
    { key: 'authority', zh: '制定主体是否适格、是否超越法定职权', en: 'Is the issuer competent and within its powers' },
    {
      key: 'procedure',
      zh: '是否履行征求意见、集体审议等制定程序',
      en: 'Were consultation and collective deliberation done',
    },
    {
      key: 'content',
      zh: '内容是否符合法律、法规、规章和国家政策',
      en: 'Does the content conform to laws, regulations, rules and policy',
    },
    {
      key: 'measures',
      zh: '是否违法设定行政许可、行政处罚、行政强制、收费等事项',
      en: 'Does it unlawfully set licences, penalties, compulsory measures or fees',
    },
    {
      key: 'rights',
      zh: '是否违法减损公民、法人和其他组织合法权益或者增加其义务',
      en: 'Does it unlawfully reduce rights or add obligations',
    },
  ],
  contract: [
    { key: 'parties', zh: '合同主体是否适格、资信是否可靠', en: 'Are the parties competent and creditworthy' },
    { key: 'authority', zh: '签订合同是否履行审批程序、是否符合职权', en: 'Was signing approved and within powers' },
    { key: 'content', zh: '合同内容是否符合法律、法规和国家政策', en: 'Does the content conform to law and policy' },
    {
      key: 'terms',
      zh: '权利义务是否明确对等，违约责任和争议解决条款是否完备',
      en: 'Are rights, obligations, liability and dispute terms clear and balanced',
    },
  ],
};

/** R19's outcomes as the opinion states them. */
export const REVIEW_OUTCOME_LABELS: Record<string, { zh: string; en: string }> = {
  passed: { zh: '审查通过', en: 'passed' },
  passed_with_changes: { zh: '修改后通过', en: 'passed with required changes' },
  returned_for_revision: { zh: '退回修改', en: 'returned for revision' },
  not_lawful: { zh: '审查不通过（不合法）', en: 'failed (not lawful)' },
  exploratory_with_risk: {
    zh: '探索性改革事项，提示法律风险后通过',
    en: 'exploratory reform, passed with stated legal risks',
  },
  materials_incomplete: { zh: '退回补充材料', en: 'returned for supplement' },
};

export const checklistKeys = (kind: ReviewKind) => CHECKLISTS[kind].map((i) => i.key);
