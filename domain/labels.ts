import type { DOCUMENT_KINDS } from './documents.js';
import type { MATTER_TYPES } from './decision/launch.js';
import { ROLE_LABELS } from './roles.js';
import { STAGE_LABELS, type DecisionStatus } from './stages.js';
import { TASK_KINDS, type TaskKind } from './tasks/kinds.js';
import { FLAG_CODES } from './review/flags.js';
import { REVIEW_KIND_LABELS, REVIEW_OUTCOME_LABELS } from './review/kinds.js';
import { RULE_ARTICLES } from './rules/articles.js';
import { CHOICE_LABELS, FIELD_LABELS } from './field-labels.js';

type Label = { zh: string; en: string };

export const DECISION_STATUS_LABELS: Record<DecisionStatus, Label> = {
  active: { zh: '进行中', en: 'Active' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  not_approved: { zh: '未通过', en: 'Not approved' },
  closed: { zh: '已办结', en: 'Closed' },
  suspended: { zh: '暂停执行', en: 'Implementation suspended' },
  terminated: { zh: '停止执行', en: 'Implementation terminated' },
};

export const MATTER_TYPE_LABELS: Record<(typeof MATTER_TYPES)[number], Label> = {
  public_services: { zh: '公共服务', en: 'Public services' },
  market_regulation: { zh: '市场监管', en: 'Market regulation' },
  social_management: { zh: '社会管理', en: 'Social management' },
  environmental_protection: { zh: '环境保护', en: 'Environmental protection' },
  development_plan: { zh: '重要规划', en: 'Development plan' },
  natural_cultural_resources: { zh: '重大自然与文化资源', en: 'Natural and cultural resources' },
  public_construction_project: { zh: '重大公共建设项目', en: 'Public construction project' },
  other_public_interest: { zh: '其他涉及重大公共利益事项', en: 'Other matter of public interest' },
};

export const DOCUMENT_KIND_LABELS: Record<(typeof DOCUMENT_KINDS)[number], Label> = {
  draft: { zh: '决策草案', en: 'Draft' },
  explanation: { zh: '起草说明', en: 'Explanation' },
  alternative_draft: { zh: '备选方案', en: 'Alternative draft' },
  department_opinion: { zh: '部门意见', en: 'Department opinion' },
  expert_opinion_signed: { zh: '专家论证意见（签名）', en: 'Signed expert opinion' },
  risk_report: { zh: '风险评估报告', en: 'Risk report' },
  fair_competition_review: { zh: '公平竞争审查', en: 'Fair-competition review' },
  legal_basis: { zh: '法律依据', en: 'Legal basis' },
  review_opinion: { zh: '合法性审查意见书', en: 'Review opinion' },
  meeting_record: { zh: '会议纪要', en: 'Meeting minutes' },
  party_committee_reply: { zh: '党委批复', en: 'Party committee reply' },
  publication: { zh: '公布文本', en: 'Publication' },
  reminder_letter: { zh: '提示函', en: 'Reminder letter' },
  supervision_letter: { zh: '督办函', en: 'Supervision letter' },
  other: { zh: '其他', en: 'Other' },
};

/** Every code the API sends as-is, with its label in both locales: one home, served to the web at /api/labels. */
export function codeLabels() {
  return {
    // engine: the procedure itself; none: a member of the public on the public site (no account)
    role: { ...ROLE_LABELS, engine: { zh: '系统', en: 'System' }, none: { zh: '未登录', en: 'No account' } },
    status: DECISION_STATUS_LABELS,
    stage: STAGE_LABELS,
    matterType: MATTER_TYPE_LABELS,
    // A review's materials (domain/review/submission.ts) name the counterparty's qualification too.
    documentKind: {
      ...DOCUMENT_KIND_LABELS,
      counterparty: { zh: '相对方主体资格材料', en: 'Counterparty’s qualification' },
    },
    taskKind: Object.fromEntries(Object.entries(TASK_KINDS).map(([k, v]) => [k, v.label])) as Record<TaskKind, Label>,
    reviewKind: REVIEW_KIND_LABELS,
    reviewOutcome: REVIEW_OUTCOME_LABELS,
    rule: Object.fromEntries(Object.entries(RULE_ARTICLES).map(([k, zh]) => [k, { zh, en: `rule ${k}` }])) as Record<
      string,
      Label
    >,
    reviewFlag: Object.fromEntries(Object.entries(FLAG_CODES).map(([k, v]) => [k, { zh: v.zh, en: v.en }])) as Record<
      keyof typeof FLAG_CODES,
      Label
    >,
    /** Form fields by name ('title') or by form and name ('meeting.kind'), as the forms' JSON Schemas carry them. */
    field: FIELD_LABELS,
    /** Choices of form fields, by field and value ('channel.gazette'). */
    choice: Object.fromEntries(
      Object.entries(CHOICE_LABELS).flatMap(([field, values]) =>
        Object.entries(values).map(([v, l]) => [`${field}.${v}`, l]),
      ),
    ) as Record<string, Label>,
  };
}
