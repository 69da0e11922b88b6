import type { ExpertApplicabilitySchema, RiskApplicabilitySchema } from '../decision/launch.js';
import type { Stage, StageState } from '../stages.js';
import { violation, type RuleViolation } from '../violation.js';
import type { z } from 'zod';

/** R9/R12: a change of the expert-argumentation or risk-assessment flag after launch, with its reason. */
export interface ProcedureFlagChange {
  expertArgumentation?: boolean;
  riskAssessment?: boolean;
  reason: string;
}

const FLAGS = [
  { key: 'expertArgumentation', rule: 'R9', stage: 'expert_argumentation', zh: '专家论证', en: 'expert argumentation' },
  { key: 'riskAssessment', rule: 'R12', stage: 'risk_assessment', zh: '风险评估', en: 'risk assessment' },
] as const;

/**
 * R9 (Art. 19), R12 (Art. 22): the lead department may decide later that expert argumentation or risk assessment
 * applies, or no longer applies, with its reason — while the procedure has not reached legality review and the
 * stage itself is not done. Turning a flag off always states why.
 */
export function r9r12FlagChangeViolations(
  change: ProcedureFlagChange,
  at: { status: string; stages: Record<Stage, StageState>; stagesClosed: boolean },
): RuleViolation[] {
  const out: RuleViolation[] = [];
  const reviewReached = at.stagesClosed || at.stages.legality_review.status !== 'pending';
  for (const f of FLAGS) {
    const value = change[f.key];
    if (value === undefined) continue;
    if (at.status !== 'active' || reviewReached)
      out.push(
        violation(
          f.rule,
          `${f.rule.toLowerCase()}.flag_after_review`,
          `已进入合法性审查，不得再变更是否进行${f.zh}`,
          `The procedure has reached legality review: whether ${f.en} applies can no longer change`,
          [f.key],
        ),
      );
    else if (at.stages[f.stage].status === 'done')
      out.push(
        violation(
          f.rule,
          `${f.rule.toLowerCase()}.flag_stage_done`,
          `${f.zh}已经完成，不得再变更`,
          `The ${f.en} stage is done and can no longer change`,
          [f.key],
        ),
      );
    else if (!value && !change.reason?.trim())
      out.push(
        violation(
          f.rule,
          `${f.rule.toLowerCase()}.flag_reason_required`,
          `不进行${f.zh}的，应当说明理由`,
          `Turning ${f.en} off states the reason`,
          ['reason'],
        ),
      );
  }
  if (!out.length && change.expertArgumentation === undefined && change.riskAssessment === undefined)
    out.push(
      violation(
        'R9',
        'r9.flag_nothing_to_change',
        '应当说明变更专家论证或者风险评估中的哪一项',
        'Name the flag to change: expertArgumentation or riskAssessment',
        ['expertArgumentation'],
      ),
    );
  return out;
}

/** R9: the expert-argumentation answer after a change (turned off: skipped with the change's reason). */
export function expertApplicabilityAfter(on: boolean, reason: string): z.infer<typeof ExpertApplicabilitySchema> {
  return on ? { required: true } : { required: false, reason };
}

/** R12: the risk-assessment answer after a change (turned off: skipped with the change's reason). */
export function riskApplicabilityAfter(on: boolean, reason: string): z.infer<typeof RiskApplicabilitySchema> {
  return on ? { mode: 'required' } : { mode: 'skipped', reason };
}
