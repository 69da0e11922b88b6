import { z } from 'zod';
import { documentId, text } from './fields.js';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;

/** R13: risk points, level, prevention measures, response plan, departments consulted, who assessed. */
export const SubmitRiskAssessmentSchema = z.strictObject({
  riskPoints: z.array(text(1000)).min(1).max(100),
  level: z.enum(RISK_LEVELS),
  preventionMeasures: text(5000),
  responsePlan: text(5000),
  departmentsConsulted: z.array(text(100)).min(1).max(50),
  thirdParty: z.strictObject({ name: text(200) }).optional(),
  reportDocumentId: documentId.optional(),
  /** R14: after a high-risk finding, how the draft was adjusted before re-assessment. */
  draftAdjustment: text(5000).optional(),
  /** R14: the adjusted draft itself (an uploaded document), re-assessed by this report. */
  revisedDraftDocumentId: documentId.optional(),
});
export type SubmitRiskAssessment = z.infer<typeof SubmitRiskAssessmentSchema>;
