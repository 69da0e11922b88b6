import { z } from 'zod';

export const DOCUMENT_KINDS = [
  'draft',
  'explanation',
  'alternative_draft',
  'department_opinion',
  'expert_opinion_signed',
  'risk_report',
  'fair_competition_review',
  'legal_basis',
  'review_opinion',
  'meeting_record',
  'party_committee_reply',
  'publication',
  'reminder_letter',
  'supervision_letter',
  'other',
] as const;
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** A MIME type as it may go into a Content-Type header (no control characters, no header injection). */
export const MIME_TYPE = /^[a-z0-9][\w.+-]*\/[\w.+-]+(; *[\w-]+=[\w.-]+)*$/i;
export const MimeTypeSchema = z
  .string()
  .trim()
  .max(100)
  .regex(MIME_TYPE, 'a MIME type such as application/pdf')
  .default('application/octet-stream');

export const UploadDocumentSchema = z.strictObject({
  kind: DocumentKindSchema,
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
    .max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
});
export type UploadDocument = z.infer<typeof UploadDocumentSchema>;
