import { z } from 'zod';
import { documentId, text } from './fields.js';

export const FairCompetitionReviewSchema = z.strictObject({
  conclusion: text(2000),
  reportDocumentId: documentId.optional(),
});

/** R16, R17: what goes to the legal center, and an optional shorter review time with its reason. */
export const SubmitForLegalityReviewSchema = z.strictObject({
  legalBasis: z.array(text(300)).max(50),
  fairCompetitionReview: FairCompetitionReviewSchema.optional(),
  requestedReviewWorkingDays: z.number().int().min(1).max(60).optional(),
  shortenedReason: text(500).optional(),
  note: text(2000).optional(),
});
export type SubmitForLegalityReview = z.infer<typeof SubmitForLegalityReviewSchema>;

/** R16: the missing items, supplied. */
export const SupplementMaterialsSchema = z.strictObject({
  legalBasis: z.array(text(300)).max(50).optional(),
  fairCompetitionReview: FairCompetitionReviewSchema.optional(),
  draftDocumentId: documentId.optional(),
  explanationDocumentId: documentId.optional(),
  /** Normative documents: the account of the consultation. */
  consultationSummary: text(5000).optional(),
  /** Contracts: the counterparty's qualification. */
  counterpartyDocumentId: documentId.optional(),
  note: text(2000),
});
export type SupplementMaterials = z.infer<typeof SupplementMaterialsSchema>;

/** A second reviewer's check (复核) of the opinion before it is issued; disagreement sends it back to the reviewer. */
export const SecondCheckReviewSchema = z
  .strictObject({ agrees: z.boolean(), comments: text(5000).optional() })
  .refine((p) => p.agrees || p.comments, {
    path: ['comments'],
    message: '不同意的应当说明意见 / state why you disagree',
  });
export type SecondCheckReview = z.infer<typeof SecondCheckReviewSchema>;

/** The director's sign-off of the opinion before it is issued; a refusal sends it back to the reviewer. */
export const SignOffReviewOpinionSchema = z
  .strictObject({ approved: z.boolean(), comments: text(5000).optional() })
  .refine((p) => p.approved || p.comments, {
    path: ['comments'],
    message: '不同意签发的应当说明意见 / state why you do not sign off',
  });
export type SignOffReviewOpinion = z.infer<typeof SignOffReviewOpinionSchema>;

export const REVIEW_OUTCOMES = [
  'passed',
  'passed_with_changes',
  'returned_for_revision',
  'not_lawful',
  'exploratory_with_risk',
  'materials_incomplete',
] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

const Finding = z.strictObject({ conforms: z.boolean(), finding: text(5000) });

/** R18: each item of the kind's checklist addressed (decisions: authority, procedure, content); R19: an outcome with what it requires. */
export const ReviewLegalitySchema = z.strictObject({
  findings: z.record(z.string().regex(/^[a-z_]{1,40}$/), Finding),
  outcome: z.enum(REVIEW_OUTCOMES),
  requiredChanges: z.array(text(1000)).max(50).optional(),
  reasons: text(5000).optional(),
  legalRisks: text(5000).optional(),
  missingItems: z.array(text(200)).max(50).optional(),
  attachedOpinions: z
    .array(
      z.strictObject({ author: text(100), kind: z.enum(['legal_adviser', 'public_sector_lawyer']), text: text(10000) }),
    )
    .max(20)
    .default([]),
});
export type ReviewLegality = z.infer<typeof ReviewLegalitySchema>;

/** R19 returned for revision / not lawful / returned by the meeting: the revised draft. */
export const ReviseDraftSchema = z.strictObject({
  revisedDraftDocumentId: documentId,
  explanationDocumentId: documentId.optional(),
  changesSummary: text(5000),
});
export type ReviseDraft = z.infer<typeof ReviseDraftSchema>;

/** R19 passed with required changes: how each required change was made. */
export const RecordRequiredChangesSchema = z.strictObject({
  changes: z
    .array(z.strictObject({ requirement: text(1000), howMade: text(2000) }))
    .min(1)
    .max(50),
  revisedDraftDocumentId: documentId.optional(),
});
export type RecordRequiredChanges = z.infer<typeof RecordRequiredChangesSchema>;
