import {
  AmendCatalogSchema,
  ApproveCatalogSchema,
  CreateCatalogSchema,
  OutsideCatalogDecisionSchema,
  OutsideCatalogRequestSchema,
  RefuseCatalogAmendmentSchema,
  SaveCatalogDraftSchema,
} from '../../domain/catalog/schemas.js';
import { AbsenceSchema } from '../../domain/absences.js';
import { LaunchDecisionSchema } from '../../domain/decision/launch.js';
import { LawEntrySchema } from '../../domain/review/law-library.js';
import { DeclineReviewSchema, DismissFlagSchema, ReassignReviewSchema } from '../../domain/review/submission.js';
import {
  ReviewerConflictSchema,
  ReviewerLeaveSchema,
  ReviewerProfileSchema,
  ReviewKindSettingSchema,
} from '../../domain/review/pool-schemas.js';
import { CreateMeetingSchema, RecordOutcomeSchema, RequestEvaluationSchema } from './meetings.schema.js';
import { ExtensionSchema } from './supervision.schema.js';
import { NoticePreferencesSchema } from '../../domain/notices/progress.js';
import { EarlyWarningSettingSchema } from '../../domain/settings/early-warning.js';
import {
  AnnounceHearingSchema,
  AnswerCommentGroupSchema,
  CancelHearingSchema,
  CreateCommentGroupSchema,
  HearingMaterialsSchema,
  HearingRecordSchema,
  RecordCommentSchema,
} from '../../domain/participation/schemas.js';
import {
  ConcludeArgumentationSchema,
  CreateExpertSchema,
  DeclineSelectionSchema,
  ExpertOpinionUploadSchema,
  InterestSchema,
  OpinionResponseSchema,
  SelectExpertSchema,
  UpdateExpertSchema,
} from './experts.schema.js';
import { BulkReassignFormSchema, BulkRemindersSchema } from './bulk.schema.js';
import { RecordFilingSchema, RecordPublicationSchema } from '../../domain/review/filing.js';

/**
 * The forms the web renders from the API's own input schemas (GET /api/forms/:name; a task's form comes with the
 * task). Each is the schema its route parses the body with, or for a dismissed flag the dismissal's form-shaped part.
 */
export const FORMS = {
  launch: LaunchDecisionSchema,
  meeting: CreateMeetingSchema,
  outcome: RecordOutcomeSchema,
  reassign: ReassignReviewSchema,
  decline: DeclineReviewSchema,
  flagDismissal: DismissFlagSchema,
  // a normative document's publication and filing (R20-filing)
  publication: RecordPublicationSchema,
  filing: RecordFilingSchema,
  extension: ExtensionSchema,
  leave: ReviewerLeaveSchema,
  evaluation: RequestEvaluationSchema,
  conflict: ReviewerConflictSchema,
  kindSetting: ReviewKindSettingSchema,
  // the legal center's pool profile and law library (R18, R20)
  profile: ReviewerProfileSchema,
  law: LawEntrySchema,
  // public participation on the decision page (R6, R7)
  comment: RecordCommentSchema,
  commentGroup: CreateCommentGroupSchema,
  commentGroupAnswer: AnswerCommentGroupSchema,
  hearing: AnnounceHearingSchema,
  hearingMaterials: HearingMaterialsSchema,
  hearingRecord: HearingRecordSchema,
  hearingCancel: CancelHearingSchema,
  catalogCreate: CreateCatalogSchema,
  catalogDraft: SaveCatalogDraftSchema,
  catalogApproval: ApproveCatalogSchema,
  catalogAmendment: AmendCatalogSchema,
  catalogRefusal: RefuseCatalogAmendmentSchema,
  outsideCatalogRequest: OutsideCatalogRequestSchema,
  outsideCatalogDecision: OutsideCatalogDecisionSchema,
  absence: AbsenceSchema,
  // the expert pool and a decision's argumentation (R10, R11)
  expert: CreateExpertSchema,
  expertUpdate: UpdateExpertSchema,
  expertInterest: InterestSchema,
  expertSelection: SelectExpertSchema,
  expertResponse: OpinionResponseSchema,
  expertDecline: DeclineSelectionSchema,
  expertConclusion: ConcludeArgumentationSchema,
  expertOpinion: ExpertOpinionUploadSchema,
  bulkReassign: BulkReassignFormSchema,
  bulkReminders: BulkRemindersSchema,
  // the account page's progress-notice choices (issue 16 §3)
  noticePreferences: NoticePreferencesSchema,
  // the office's early-warning N (issue 16 §2, set in the app)
  earlyWarning: EarlyWarningSettingSchema,
} as const;
