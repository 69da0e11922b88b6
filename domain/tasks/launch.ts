import { z } from 'zod';
import { documentId, text } from './fields.js';

/** R3: the draft and its explanation, alternatives when contested, other departments' opinions. */
export const SubmitDraftSchema = z.strictObject({
  draftDocumentId: documentId,
  explanationDocumentId: documentId,
  contested: z.boolean().default(false),
  alternativeDocumentIds: z.array(documentId).max(10).default([]),
  departmentOpinions: z
    .array(
      z.strictObject({
        departmentId: z.string().min(1),
        opinion: text(),
        agreed: z.boolean(),
        ourReasons: text().optional(),
        theirReasons: text().optional(),
      }),
    )
    .max(20)
    .default([]),
});
export type SubmitDraft = z.infer<typeof SubmitDraftSchema>;
