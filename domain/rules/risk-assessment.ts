import type { RiskApplicabilitySchema } from '../decision/launch.js';
import type { SubmitRiskAssessment } from '../tasks/risk-assessment.js';
import { violation, type RuleViolation } from '../violation.js';
import type { z } from 'zod';

/** R12: risk assessment applies, is skipped with a reason, or is covered by an existing assessment (no duplicate). */
export function r12RiskAssessmentApplies(
  a: z.infer<typeof RiskApplicabilitySchema>,
): { applies: true } | { applies: false; reason: string } {
  if (a.mode === 'required') return { applies: true };
  if (a.mode === 'covered')
    return { applies: false, reason: `已有风险评估覆盖（R12）：${a.reference}${a.reason ? `；${a.reason}` : ''}` };
  return { applies: false, reason: `无须进行风险评估（R12）：${a.reason}` };
}

/** R14: a high risk level is not controllable; the decision waits until the draft is adjusted and re-assessed. */
export function r14RiskControllable(level: SubmitRiskAssessment['level']): boolean {
  return level !== 'high';
}

/** R14 (Art. 24): a re-assessment after a high-risk finding states how the draft was adjusted and carries the adjusted draft. */
export function r14ReassessmentViolation(
  payload: SubmitRiskAssessment,
  context: { afterHighRisk?: boolean },
): RuleViolation | undefined {
  if (!context.afterHighRisk) return undefined;
  if (!payload.draftAdjustment)
    return violation(
      'R14',
      'r14.adjustment_required',
      '风险不可控的，应当调整决策草案后重新评估，并说明调整情况',
      'After an uncontrollable risk, state how the draft was adjusted before re-assessing',
      ['draftAdjustment'],
    );
  if (!payload.revisedDraftDocumentId)
    return violation(
      'R14',
      'r14.revised_draft_required',
      '风险不可控的，应当提交调整后的决策草案再重新评估',
      'After an uncontrollable risk, the adjusted draft is submitted before re-assessing',
      ['revisedDraftDocumentId'],
    );
  return undefined;
}
