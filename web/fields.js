// @ts-check
// Chinese and English labels of task-payload and launch fields, and of the codes their choices take.
// A field not listed here is shown by its name made readable, so a new task kind still renders a labelled form.

import { getLocale } from './i18n.js';

const F = {
  // launch (R1–R4, R9, R12)
  title: ['决策事项名称', 'Title'],
  matterType: ['事项类型', 'Matter type'],
  legalBasis: ['法律依据', 'Legal basis'],
  summary: ['决策事项概述', 'Summary'],
  coDepartmentIds: ['会同单位', 'Co-drafting departments'],
  plannedMeetingQuarter: ['计划提请会议季度', 'Planned meeting quarter'],
  inCatalog: ['列入年度决策事项目录', 'In the annual catalog'],
  catalogEntry: ['目录条目', 'Catalog entry'],
  outsideCatalogReason: ['目录外事项的理由', 'Why it is outside the catalog'],
  confidential: ['依法不予公开', 'Not to be disclosed'],
  confidentialReason: ['不予公开的理由', 'Why it is not disclosed'],
  touchesMarketActors: ['涉及市场主体经济活动', 'Affects market actors'],
  specificGroups: ['涉及的特定群体', 'Specific groups affected'],
  widePublicConcern: ['社会广泛关注', 'Of wide public concern'],
  expertArgumentation: ['专家论证', 'Expert argumentation'],
  riskAssessment: ['风险评估', 'Risk assessment'],
  partyCommitteeReportRequired: ['须向同级党委请示报告', 'Report to the party committee'],
  partyCommitteeWaiverReason: ['不请示报告的理由', 'Why it is not reported'],
  partyCommitteeWaiverApproval: ['政府领导批准情况（批准人、批示文号）', 'The leader’s approval (who, reference)'],
  required: ['是否需要', 'Required'],
  mode: ['方式', 'Mode'],
  reason: ['理由', 'Reason'],
  reference: ['文号或编号', 'Reference'],
  // submit_draft (R3)
  draftDocumentId: ['决策草案', 'Draft'],
  explanationDocumentId: ['起草说明', 'Explanation'],
  contested: ['存在较大争议', 'Contested'],
  alternativeDocumentIds: ['备选方案', 'Alternative drafts'],
  departmentOpinions: ['有关部门意见', 'Other departments’ opinions'],
  departmentId: ['部门', 'Department'],
  opinion: ['意见', 'Opinion'],
  agreed: ['是否同意', 'Agreed'],
  ourReasons: ['我方理由', 'Our reasons'],
  theirReasons: ['对方理由', 'Their reasons'],
  // public participation (R5, R6)
  methods: ['征求意见方式', 'Methods'],
  publishedWhere: ['发布渠道', 'Published where'],
  howToComment: ['提出意见的途径', 'How to comment'],
  periodDays: ['征求意见期限（日）', 'Comment period (days)'],
  shortenedReason: ['缩短期限的理由', 'Reason for the shorter period'],
  comments: ['收到的意见', 'Comments received'],
  channel: ['渠道', 'Channel'],
  receivedOn: ['收到日期', 'Received on'],
  text: ['内容', 'Text'],
  commenterKind: ['提出者类别', 'Commenter'],
  groupKey: ['归类', 'Group'],
  groups: ['意见归类及采纳情况', 'Groups and responses'],
  key: ['类别', 'Group'],
  response: ['采纳情况', 'Response'],
  adoptionSummary: ['采纳情况说明', 'Adoption summary'],
  // experts (R11)
  opinions: ['专家意见', 'Expert opinions'],
  expertName: ['专家姓名', 'Expert'],
  institution: ['工作单位', 'Institution'],
  credentials: ['专业资格', 'Credentials'],
  date: ['日期', 'Date'],
  signature: ['签名方式', 'Signature'],
  kind: ['类别', 'Kind'],
  signedCopyDocumentId: ['签名意见书', 'Signed copy'],
  // risk (R13, R14)
  riskPoints: ['风险点', 'Risk points'],
  level: ['风险等级', 'Risk level'],
  preventionMeasures: ['防范措施', 'Prevention measures'],
  responsePlan: ['处置预案', 'Response plan'],
  departmentsConsulted: ['征求意见的部门', 'Departments consulted'],
  thirdParty: ['第三方评估机构', 'Third-party assessor'],
  name: ['名称', 'Name'],
  reportDocumentId: ['报告文件', 'Report'],
  draftAdjustment: ['草案调整情况', 'How the draft was adjusted'],
  'submit_risk_assessment.revisedDraftDocumentId': ['调整后的决策草案', 'The adjusted draft'],
  // legality review (R15–R19)
  fairCompetitionReview: ['公平竞争审查', 'Fair-competition review'],
  conclusion: ['审查结论', 'Conclusion'],
  requestedReviewWorkingDays: ['申请审查时间（工作日）', 'Requested review time (working days)'],
  note: ['备注', 'Note'],
  reviewerUserId: ['审查员', 'Reviewer'],
  findings: ['审查意见', 'Findings'],
  authority: ['制定主体和权限', 'Authority'],
  procedure: ['程序', 'Procedure'],
  content: ['内容', 'Content'],
  conforms: ['是否符合规定', 'Conforms'],
  finding: ['审查意见', 'Finding'],
  outcome: ['审查结论', 'Outcome'],
  requiredChanges: ['需修改事项', 'Required changes'],
  reasons: ['理由', 'Reasons'],
  legalRisks: ['法律风险提示', 'Legal risks'],
  missingItems: ['所缺材料', 'Missing materials'],
  attachedOpinions: ['法律顾问、公职律师意见', 'Legal advisers’ opinions'],
  author: ['提出人', 'Author'],
  revisedDraftDocumentId: ['修改后的草案', 'Revised draft'],
  changesSummary: ['修改情况说明', 'Summary of changes'],
  changes: ['修改情况', 'Changes'],
  requirement: ['需修改事项', 'Required change'],
  howMade: ['落实情况', 'How it was made'],
  // collective discussion (R21–R26)
  approve: ['是否同意报送', 'Approve'],
  comment: ['审核意见', 'Comment'],
  reportedOn: ['请示日期', 'Reported on'],
  reportReference: ['请示文号', 'Report reference'],
  replyOn: ['批复日期', 'Reply on'],
  replySummary: ['批复内容', 'Reply'],
  meetingKind: ['会议类型', 'Meeting'],
  meetingDate: ['会议日期', 'Meeting date'],
  meetingReference: ['会议纪要编号', 'Minutes reference'],
  presentation: ['承办单位汇报情况', 'Presentation'],
  memberOpinions: ['会议组成人员意见', 'Members’ opinions'],
  member: ['组成人员', 'Member'],
  position: ['表态', 'Position'],
  chiefName: ['行政首长', 'Chief executive'],
  chiefDecision: ['行政首长决定', 'Chief executive’s decision'],
  departureReason: ['与多数意见不一致的理由', 'Reason for departing from the majority'],
  description: ['说明', 'Description'],
  dissent: ['不同意见', 'Dissent'],
  // meetings (R24): creating one and its attendees
  'meeting.kind': ['会议类型', 'Meeting'],
  'meeting.date': ['会议日期', 'Date'],
  'meeting.time': ['开始时间', 'Starts at'],
  'meeting.place': ['会议地点', 'Place'],
  'meeting.attendees': ['出席人员', 'Attendees'],
  'meeting.name': ['姓名', 'Name'],
  'meeting.title': ['职务', 'Title'],
  'meeting.member': ['会议组成人员', 'Member'],
  'meeting.legalAdviser': ['法律顾问（司法局负责人）', 'Legal adviser (justice bureau)'],
  'meeting.present': ['出席', 'Present'],
  // supervision (R34) and the legal center (R20)
  stage: ['阶段', 'Stage'],
  status: ['状态', 'Status'],
  workingDays: ['延长工作日数', 'Working days added'],
  startsOn: ['开始日期', 'Starts on'],
  endsOn: ['结束日期', 'Ends on'],
  'reassign.reviewerUserId': ['改派给', 'Reassign to'],
  // publication, implementation, archive (R27–R29)
  published: ['是否公开发布', 'Published'],
  channels: ['发布渠道', 'Channels'],
  publishedOn: ['发布日期', 'Published on'],
  adoptionExplanation: ['意见采纳情况说明', 'How opinions were taken up'],
  interpretationReference: ['政策解读', 'Policy interpretation'],
  implementingDepartmentId: ['执行单位', 'Implementing unit'],
  archiveReference: ['档案号', 'Archive reference'],
  // review by the legal center (R20): second check, sign-off, other kinds of subject
  agrees: ['是否同意审查意见', 'Agrees with the opinion'],
  approved: ['是否同意签发', 'Signs off'],
  'second_check_review.comments': ['意见', 'Comments'],
  'sign_off_review_opinion.comments': ['意见', 'Comments'],
  consultationSummary: ['征求意见情况', 'Consultation summary'],
  counterpartyDocumentId: ['相对方资质材料', 'Counterparty’s qualification'],
  // normative documents and contracts submitted for review; the pool and the kinds' settings (R16, R17, R20)
  'submit_review.kind': ['审查类别', 'Kind of review'],
  'submit_review.title': ['文件或合同名称', 'Title of the document or contract'],
  'submit_review.legalBasis': ['制定或签订依据', 'Legal basis'],
  active: ['在岗（参与分配）', 'Active (takes assignments)'],
  formerDepartmentId: ['原工作单位（回避）', 'Former department (recused)'],
  subjectNumber: ['回避事项编号', 'Subject number'],
  'conflict.departmentId': ['回避单位', 'Department'],
  weight: ['工作量权重', 'Workload weight'],
  targetWorkingDays: ['审查期限（工作日）', 'Review time (working days)'],
  secondCheck: ['需复核', 'Second check'],
  directorSignOff: ['需主任签发', 'Director’s sign-off'],
  numberPrefix: ['意见书文号前缀', 'Opinion number prefix'],
  // meetings and implementation (R24, R29, R30)
  meetingId: ['会议', 'Meeting'],
  period: ['报告期间', 'Period'],
  progress: ['执行进展', 'Progress'],
  problems: ['存在的问题', 'Problems'],
  majorChange: ['客观情况发生重大变化', 'Major change of circumstances'],
  citizenFeedback: ['公民、法人和其他组织的意见', 'Feedback from the public'],
  requestEvaluation: ['提请决策后评估', 'Request a post-decision evaluation'],
  evaluator: ['评估主体', 'Evaluator'],
  publicHeard: ['听取公众意见情况', 'How the public was heard'],
  result: ['评估结论', 'Result'],
  adjustment: ['调整方案', 'Adjustment'],
  substantive: ['是否实质性调整', 'Substantive'],
  // the same name meaning something else in one kind's form
  'evaluate_decision.findings': ['评估情况', 'Findings'],
  'evaluate_decision.name': ['评估主体名称', 'Evaluator'],
};

/** Labels of enum values, by field name (then by value alone). */
const E = {
  methods: {
    written_consultation: ['书面征求意见', 'Written consultation'],
    forum: ['座谈会', 'Forum'],
    field_visit: ['实地走访', 'Field visit'],
    online_comment: ['网上征求意见', 'Online comment'],
    survey: ['问卷调查', 'Survey'],
    hearing: ['听证会', 'Hearing'],
  },
  commenterKind: {
    citizen: ['公民', 'Citizen'],
    enterprise: ['企业', 'Enterprise'],
    trade_association: ['行业协会', 'Trade association'],
    expert: ['专家', 'Expert'],
    organisation: ['社会组织', 'Organisation'],
    other: ['其他', 'Other'],
  },
  response: {
    adopted: ['采纳', 'Adopted'],
    partly_adopted: ['部分采纳', 'Partly adopted'],
    not_adopted: ['不予采纳', 'Not adopted'],
  },
  kind: {
    signed_copy: ['纸质签名件', 'Signed copy'],
    e_signature: ['电子签名', 'Electronic signature'],
    legal_adviser: ['法律顾问', 'Legal adviser'],
    public_sector_lawyer: ['公职律师', 'Public-sector lawyer'],
    substantive: ['实质性修改', 'Substantive'],
    editorial: ['文字性修改', 'Editorial'],
  },
  level: { low: ['低风险', 'Low'], medium: ['中风险', 'Medium'], high: ['高风险', 'High'] },
  outcome: {
    passed: ['通过', 'Passed'],
    passed_with_changes: ['修改后通过', 'Passed with changes'],
    returned_for_revision: ['退回修改', 'Returned for revision'],
    not_lawful: ['不合法', 'Not lawful'],
    exploratory_with_risk: ['探索性改革，提示法律风险', 'Exploratory reform, legal risks stated'],
    materials_incomplete: ['材料不全，退回补充', 'Materials incomplete'],
  },
  meetingKind: { executive: ['政府常务会议', 'Executive meeting'], plenary: ['政府全体会议', 'Plenary meeting'] },
  position: {
    approve: ['同意', 'Approve'],
    approve_with_changes: ['修改后同意', 'Approve with changes'],
    not_approve: ['不同意', 'Not approve'],
    defer: ['暂缓', 'Defer'],
    return_for_more_work: ['退回完善', 'Return for more work'],
    abstain: ['不表态', 'Abstain'],
  },
  chiefDecision: {
    approved: ['通过', 'Approved'],
    approved_with_changes: ['修改后通过', 'Approved with changes'],
    not_approved: ['不予通过', 'Not approved'],
    deferred: ['暂缓决策', 'Deferred'],
    discuss_again: ['再次讨论', 'Discuss again'],
    returned_for_more_work: ['退回完善', 'Returned for more work'],
  },
  channel: { gazette: ['政府公报', 'Gazette'], website: ['政府网站', 'Website'], newspaper: ['报刊', 'Newspaper'], other: ['其他', 'Other'] },
  published: { true: ['公开发布', 'Published'], false: ['依法不予公开', 'Not disclosed'] },
  result: { continue: ['继续执行', 'Continue'], adjust: ['调整', 'Adjust'], suspend: ['暂缓执行', 'Suspend'], terminate: ['停止执行', 'Terminate'] },
  reviewKind: { decision: ['重大行政决策', 'Major decision'], normative_document: ['行政规范性文件', 'Normative document'], contract: ['合同、协议', 'Contract or agreement'] },
  required: { true: ['需要', 'Required'], false: ['不需要（说明理由）', 'Not required (state why)'] },
  mode: { required: ['开展风险评估', 'Assess'], skipped: ['不开展（说明理由）', 'Skipped (state why)'], covered: ['已有评估覆盖', 'Covered by an existing assessment'] },
};

const readable = (name) =>
  String(name)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());

const loc = (pair) => (getLocale() === 'en' ? pair[1] : pair[0]);

/** Whether a field name has its own label (the rest show their name made readable). */
export const hasFieldLabel = (name) => Object.hasOwn(F, name);

/** The label of a field by its name (a form's own label for it first, when it has one). */
export function fieldLabel(name, scope) {
  const pair = (scope && F[`${scope}.${name}`]) || F[name];
  return pair ? loc(pair) : readable(name);
}

/** The label of one choice of a field. */
export function choiceLabel(field, value, codeLabel, { strict = false } = {}) {
  const pair = E[field]?.[String(value)];
  if (pair) return loc(pair);
  if (!strict) for (const m of Object.values(E)) if (m[String(value)]) return loc(m[String(value)]);
  const fromServer = codeLabel?.(value);
  return fromServer && fromServer !== String(value) ? fromServer : readable(value);
}
