import { z } from 'zod';
import { text } from '../tasks/fields.js';
import { STANDALONE_REVIEW_KINDS } from './kinds.js';
import { MimeTypeSchema } from '../documents.js';

/** An uploaded file inside a submission (base64; at most 10 MB decoded, checked by the service). */
export const SubmittedFileSchema = z.strictObject({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^/\\]+$/, 'no path separators'),
  mimeType: MimeTypeSchema,
  contentBase64: z
    .string()
    .min(1)
    .max(14_000_000)
    .regex(/^[A-Za-z0-9+/=\s]+$/, 'base64'),
});
export type SubmittedFile = z.infer<typeof SubmittedFileSchema>;

/**
 * R16, R20: a drafting department submits a normative document or a contract for legality review with the
 * materials its kind needs (missing ones are returned for supplement, and the clock waits).
 */
export const SubmitForReviewSchema = z.strictObject({
  kind: z.enum(STANDALONE_REVIEW_KINDS),
  title: text(200),
  draft: SubmittedFileSchema.optional().describe(
    'The normative document’s draft, or the contract text (.txt or .docx are read by the assisted review)',
  ),
  explanation: SubmittedFileSchema.optional().describe('Normative documents: the drafting explanation (起草说明)'),
  counterparty: SubmittedFileSchema.optional().describe('Contracts: the counterparty’s qualification (主体资格材料)'),
  legalBasis: z.array(text(300)).max(50).default([]),
  consultationSummary: text(5000).optional().describe('Normative documents: how opinions were sought and taken up'),
  requestedReviewWorkingDays: z.number().int().min(1).max(60).optional(),
  shortenedReason: text(500).optional(),
});
export type SubmitForReview = z.infer<typeof SubmitForReviewSchema>;

/** R20: the director reassigns, or the assigned reviewer declines; either with a reason. */
export const ReassignReviewSchema = z.strictObject({ reviewerUserId: z.string().min(1).max(100), reason: text(1000) });
export const DeclineReviewSchema = z.strictObject({ reason: text(1000) });

/** R17: the center grants or refuses a shortened review time asked for with the submission (refusing states why). */
export const DecideReviewTimeSchema = z.strictObject({ grant: z.boolean(), reason: text(1000).optional() });

/** Assisted review: the reviewer confirms or dismisses a flag; a dismissal carries its reason. */
/** Why a reviewer dismisses an assisted-review flag: the dismissal's form (GET /api/forms/flagDismissal). */
export const DismissFlagSchema = z.strictObject({ reason: text(2000) });
export const DecideFlagSchema = z
  .strictObject({ decision: z.enum(['confirmed', 'dismissed']), reason: DismissFlagSchema.shape.reason.optional() })
  .refine((d) => d.decision === 'confirmed' || d.reason, {
    path: ['reason'],
    message: '驳回提示应当说明理由 / a dismissal needs a reason',
  });
export type DecideFlag = z.infer<typeof DecideFlagSchema>;
