import { z } from 'zod';

/**
 * The procedure's configurable values (DOMAIN.md: "Where a rule says configurable, the default given here is
 * the value, kept as data, not code"). A decision's workflow receives the values in force when it started, so
 * a later change never alters a running procedure's history.
 */
export const ProcedureConfigSchema = z.object({
  /** R5: minimum public comment period in calendar days. */
  minCommentPeriodDays: z.number().int().positive().default(30),
  /** R11: minimum number of expert opinions. */
  minExpertOpinions: z.number().int().positive().default(3),
  /** R17: the statutory minimum review time, and the center's own target per kind, in working days. */
  minReviewWorkingDays: z.number().int().positive().default(7),
  reviewTargetWorkingDays: z.number().int().positive().default(10),
  /** R23: whether the party-committee report comes before or after the meeting. */
  partyCommitteeReportTiming: z.enum(['before_meeting', 'after_meeting']).default('before_meeting'),
  /** R27: publication period in calendar days after approval. */
  publicationPeriodDays: z.number().int().positive().default(20),
  /** R28: archive within this many calendar days of publication. */
  archivePeriodDays: z.number().int().positive().default(30),
  /** R20-filing: a normative document is filed within this many calendar days of its publication (国办发〔2018〕37号). */
  filingPeriodDays: z.number().int().positive().default(30),
  /** R29: the implementing unit reports every this many months. */
  implementationReportMonths: z.number().int().positive().default(6),
  /** R30: the post-decision evaluation falls due this many calendar days after publication (and after each evaluation). */
  evaluationAfterDays: z.number().int().positive().default(365),
  /** Working days allowed for steps the law gives no period (the department's own planning). */
  stepWorkingDays: z
    .object({
      submit_draft: z.number().int().positive().default(20),
      open_comment_period: z.number().int().positive().default(5),
      conclude_public_participation: z.number().int().positive().default(10),
      record_expert_opinions: z.number().int().positive().default(30),
      submit_risk_assessment: z.number().int().positive().default(30),
      submit_for_legality_review: z.number().int().positive().default(5),
      supplement_materials: z.number().int().positive().default(5),
      second_check_review: z.number().int().positive().default(3),
      sign_off_review_opinion: z.number().int().positive().default(2),
      revise_draft: z.number().int().positive().default(15),
      record_required_changes: z.number().int().positive().default(10),
      approve_submission: z.number().int().positive().default(5),
      report_to_party_committee: z.number().int().positive().default(15),
      place_on_agenda: z.number().int().positive().default(30),
      name_implementing_unit: z.number().int().positive().default(5),
      report_implementation: z.number().int().positive().default(10),
      evaluate_decision: z.number().int().positive().default(60),
    })
    .prefault({}),
});
export type ProcedureConfig = z.infer<typeof ProcedureConfigSchema>;

export const DEFAULT_PROCEDURE_CONFIG: ProcedureConfig = ProcedureConfigSchema.parse({});
