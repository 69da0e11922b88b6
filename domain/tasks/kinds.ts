import { z } from 'zod';
import type { Role } from '../roles.js';
import type { Stage } from '../stages.js';
import { SubmitDraftSchema } from './launch.js';
import { ConcludePublicParticipationSchema, OpenCommentPeriodSchema } from './public-participation.js';
import { RecordExpertOpinionsSchema } from './expert-argumentation.js';
import { SubmitRiskAssessmentSchema } from './risk-assessment.js';
import {
  RecordRequiredChangesSchema,
  ReviewLegalitySchema,
  ReviseDraftSchema,
  SecondCheckReviewSchema,
  SignOffReviewOpinionSchema,
  SubmitForLegalityReviewSchema,
  SupplementMaterialsSchema,
} from './legality-review.js';
import { ApproveSubmissionSchema, PlaceOnAgendaSchema, ReportToPartyCommitteeSchema } from './collective-discussion.js';
import {
  ArchiveDecisionSchema,
  EvaluateDecisionSchema,
  NameImplementingUnitSchema,
  PublishDecisionSchema,
  ReportImplementationSchema,
} from './publication.js';

interface TaskKindDefinition {
  stage: Stage;
  role: Role;
  schema: z.ZodType;
  label: { zh: string; en: string };
}

/** Every human step of the procedure: who does it, in which stage, and what its completion must carry. */
export const TASK_KINDS = {
  submit_draft: {
    stage: 'launch',
    role: 'drafter',
    schema: SubmitDraftSchema,
    label: { zh: '提交决策草案及起草说明', en: 'Submit the draft and explanation' },
  },
  open_comment_period: {
    stage: 'public_participation',
    role: 'drafter',
    schema: OpenCommentPeriodSchema,
    label: { zh: '发布公开征求意见', en: 'Open the public comment period' },
  },
  conclude_public_participation: {
    stage: 'public_participation',
    role: 'drafter',
    schema: ConcludePublicParticipationSchema,
    label: { zh: '汇总意见并说明采纳情况', en: 'Record comments and responses' },
  },
  record_expert_opinions: {
    stage: 'expert_argumentation',
    role: 'drafter',
    schema: RecordExpertOpinionsSchema,
    label: { zh: '记录专家论证意见', en: 'Record expert opinions' },
  },
  submit_risk_assessment: {
    stage: 'risk_assessment',
    role: 'drafter',
    schema: SubmitRiskAssessmentSchema,
    label: { zh: '提交风险评估报告', en: 'Submit the risk assessment' },
  },
  submit_for_legality_review: {
    stage: 'legality_review',
    role: 'drafter',
    schema: SubmitForLegalityReviewSchema,
    label: { zh: '报送合法性审查', en: 'Submit for legality review' },
  },
  supplement_materials: {
    stage: 'legality_review',
    role: 'drafter',
    schema: SupplementMaterialsSchema,
    label: { zh: '补充审查材料', en: 'Supplement review materials' },
  },
  review_legality: {
    stage: 'legality_review',
    role: 'reviewer',
    schema: ReviewLegalitySchema,
    label: { zh: '合法性审查', en: 'Review legality' },
  },
  second_check_review: {
    stage: 'legality_review',
    role: 'reviewer',
    schema: SecondCheckReviewSchema,
    label: { zh: '审查意见复核', en: 'Second check of the opinion' },
  },
  sign_off_review_opinion: {
    stage: 'legality_review',
    role: 'director',
    schema: SignOffReviewOpinionSchema,
    label: { zh: '主任签发审查意见', en: 'Sign off the opinion' },
  },
  revise_draft: {
    stage: 'legality_review',
    role: 'drafter',
    schema: ReviseDraftSchema,
    label: { zh: '修改决策草案', en: 'Revise the draft' },
  },
  record_required_changes: {
    stage: 'legality_review',
    role: 'drafter',
    schema: RecordRequiredChangesSchema,
    label: { zh: '落实审查意见修改', en: 'Record the required changes' },
  },
  approve_submission: {
    stage: 'collective_discussion',
    role: 'dept_head',
    schema: ApproveSubmissionSchema,
    label: { zh: '单位负责人审核报送', en: 'Approve the submission' },
  },
  report_to_party_committee: {
    stage: 'party_committee_report',
    role: 'secretary',
    schema: ReportToPartyCommitteeSchema,
    label: { zh: '向同级党委请示报告', en: 'Report to the party committee' },
  },
  place_on_agenda: {
    stage: 'collective_discussion',
    role: 'secretary',
    schema: PlaceOnAgendaSchema,
    label: { zh: '列入会议议题', en: 'Place on a meeting agenda' },
  },
  publish_decision: {
    stage: 'publication',
    role: 'secretary',
    schema: PublishDecisionSchema,
    label: { zh: '公布决策', en: 'Publish the decision' },
  },
  name_implementing_unit: {
    stage: 'implementation',
    role: 'secretary',
    schema: NameImplementingUnitSchema,
    label: { zh: '明确决策执行单位', en: 'Name the implementing unit' },
  },
  archive_decision: {
    stage: 'archived',
    role: 'secretary',
    schema: ArchiveDecisionSchema,
    label: { zh: '决策归档', en: 'Archive the decision' },
  },
  report_implementation: {
    stage: 'implementation',
    role: 'drafter',
    schema: ReportImplementationSchema,
    label: { zh: '报告决策执行情况', en: 'Report on implementation' },
  },
  evaluate_decision: {
    stage: 'implementation',
    role: 'secretary',
    schema: EvaluateDecisionSchema,
    label: { zh: '决策后评估', en: 'Post-decision evaluation' },
  },
} as const satisfies Record<string, TaskKindDefinition>;

export type TaskKind = keyof typeof TASK_KINDS;
export const TASK_KIND_NAMES = Object.keys(TASK_KINDS) as [TaskKind, ...TaskKind[]];
export const TaskKindSchema = z.enum(TASK_KIND_NAMES);
export type TaskPayload<K extends TaskKind> = z.infer<(typeof TASK_KINDS)[K]['schema']>;

export function isTaskKind(kind: string): kind is TaskKind {
  return Object.hasOwn(TASK_KINDS, kind);
}
