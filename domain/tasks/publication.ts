import { z } from 'zod';
import { isoDate, text } from './fields.js';

/** R27: published through named channels, or not disclosed with the reason. */
export const PublishDecisionSchema = z.discriminatedUnion('published', [
  z.object({
    published: z.literal(true),
    channels: z
      .array(z.object({ channel: z.enum(['gazette', 'website', 'newspaper', 'other']), reference: text(300), publishedOn: isoDate }))
      .min(1)
      .max(10),
    adoptionExplanation: text(5000).optional(),
    interpretationReference: text(300).optional(),
  }),
  z.object({ published: z.literal(false), reason: text(2000) }),
]);
export type PublishDecision = z.infer<typeof PublishDecisionSchema>;

/** R29 (first step): the implementing unit is named. */
export const NameImplementingUnitSchema = z.object({ implementingDepartmentId: z.string().min(1), note: text(2000).optional() });
export type NameImplementingUnit = z.infer<typeof NameImplementingUnitSchema>;

/** R28: the dossier is archived. */
export const ArchiveDecisionSchema = z.object({ archiveReference: text(200), note: text(2000).optional() });
export type ArchiveDecision = z.infer<typeof ArchiveDecisionSchema>;
