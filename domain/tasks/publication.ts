import { z } from 'zod';
import { isoDate, text } from './fields.js';

/** R27: published through named channels, or not disclosed with the reason. */
export const PublishDecisionSchema = z.discriminatedUnion('published', [
  z.strictObject({
    published: z.literal(true),
    channels: z
      .array(
        z.strictObject({
          channel: z.enum(['gazette', 'website', 'newspaper', 'other']),
          reference: text(300),
          publishedOn: isoDate,
        }),
      )
      .min(1)
      .max(10),
    adoptionExplanation: text(5000).optional(),
    interpretationReference: text(300).optional(),
  }),
  z.strictObject({ published: z.literal(false), reason: text(2000) }),
]);
export type PublishDecision = z.infer<typeof PublishDecisionSchema>;

/** R29 (first step): the implementing unit is named. */
export const NameImplementingUnitSchema = z.strictObject({
  implementingDepartmentId: z.string().min(1),
  note: text(2000).optional(),
});
export type NameImplementingUnit = z.infer<typeof NameImplementingUnitSchema>;

/** R28: the dossier is archived (and sealed by the engine). */
export const ArchiveDecisionSchema = z.strictObject({ archiveReference: text(200), note: text(2000).optional() });
export type ArchiveDecision = z.infer<typeof ArchiveDecisionSchema>;

/** R29: the implementing unit's periodic report; problems or a major change ask for an evaluation at once. */
export const ReportImplementationSchema = z.strictObject({
  period: text(100),
  progress: text(5000),
  problems: text(5000).optional(),
  majorChange: z.boolean().default(false),
  citizenFeedback: z
    .array(z.strictObject({ channel: text(100), summary: text(2000) }))
    .max(100)
    .default([]),
  requestEvaluation: z.boolean().default(false),
});
export type ReportImplementation = z.infer<typeof ReportImplementationSchema>;

export const EVALUATION_TRIGGERS = [
  'scheduled',
  'requested',
  'ineffective',
  'public_objections',
  'reported_problem',
  'emergency_suspension',
] as const;
export const EVALUATION_RESULTS = ['continue', 'adjust', 'suspend', 'terminate'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];

/** R30, R31: the post-decision evaluation and its result. */
export const EvaluateDecisionSchema = z.strictObject({
  evaluator: z.strictObject({
    name: text(200),
    departmentId: z.string().min(1).max(100).optional(),
    thirdParty: z.boolean().default(false),
  }),
  publicHeard: text(5000),
  findings: text(10000),
  result: z.enum(EVALUATION_RESULTS),
  adjustment: z.strictObject({ substantive: z.boolean(), description: text(5000) }).optional(),
  reason: text(5000).optional(),
});
export type EvaluateDecision = z.infer<typeof EvaluateDecisionSchema>;
