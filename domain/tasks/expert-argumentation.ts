import { z } from 'zod';
import { documentId, isoDate, text } from './fields.js';

/** R11: each expert's signed written opinion, and the drafting department's response to it. */
export const RecordExpertOpinionsSchema = z.strictObject({
  opinions: z
    .array(
      z.strictObject({
        expertName: text(100),
        institution: text(200),
        credentials: text(300).optional(),
        date: isoDate,
        opinion: text(10000),
        signature: z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('signed_copy'), signedCopyDocumentId: documentId }),
          z.strictObject({ kind: z.literal('e_signature'), reference: text(200) }),
        ]),
        response: z.enum(['adopted', 'not_adopted']).optional(),
        reason: text(1000).optional(),
      }),
    )
    .max(50),
  adoptionSummary: text(5000),
});
export type RecordExpertOpinions = z.infer<typeof RecordExpertOpinionsSchema>;
