import type { ProcedureConfig } from '../config.js';
import type { ExpertApplicabilitySchema } from '../decision/launch.js';
import type { RecordExpertOpinions } from '../tasks/expert-argumentation.js';
import { violation, type RuleViolation } from '../violation.js';
import type { z } from 'zod';

/** R9: expert argumentation applies to a specialised or technical matter; otherwise it is skipped with the reason. */
export function r9ExpertArgumentationApplies(
  a: z.infer<typeof ExpertApplicabilitySchema>,
): { applies: true } | { applies: false; reason: string } {
  return a.required ? { applies: true } : { applies: false, reason: `非专业性、技术性较强事项（R9）：${a.reason}` };
}

/** R11: at least the configured number of signed expert opinions, each answered; a non-adoption gives its reason. */
export function r11ExpertOpinionViolations(payload: RecordExpertOpinions, config: ProcedureConfig): RuleViolation[] {
  const out: RuleViolation[] = [];
  const experts = distinctExperts(payload.opinions);
  if (experts < config.minExpertOpinions)
    out.push(
      violation(
        'R11',
        'r11.too_few_opinions',
        `专家论证意见应当来自不少于${config.minExpertOpinions}名不同专家（现有${experts}名）`,
        `At least ${config.minExpertOpinions} opinions from different experts are required (${experts} distinct)`,
        ['opinions'],
      ),
    );
  payload.opinions.forEach((o, i) => {
    if (!o.response)
      out.push(
        violation(
          'R11',
          'r11.opinion_without_response',
          `专家${o.expertName}的意见尚未答复`,
          `Expert ${o.expertName}'s opinion has no response`,
          ['opinions', String(i), 'response'],
        ),
      );
    else if (o.response === 'not_adopted' && !o.reason)
      out.push(
        violation(
          'R11',
          'r11.reason_required',
          `未采纳专家${o.expertName}意见的，应当说明理由`,
          `Say why expert ${o.expertName}'s opinion was not adopted`,
          ['opinions', String(i), 'reason'],
        ),
      );
  });
  return out;
}

/** R11: the number of different experts (name and institution, ignoring spacing and case) among the opinions. */
export function distinctExperts(opinions: Array<{ expertName: string; institution: string }>): number {
  const norm = (x: string) => x.replace(/\s+/g, '').toLowerCase();
  return new Set(opinions.map((o) => `${norm(o.expertName)}|${norm(o.institution)}`)).size;
}

/** An expert chosen from the pool for this decision, as far as R11 cares. */
export interface ArgumentationSelection {
  expertName: string;
  opinionReceivedAt: Date | string | null;
  response: string | null;
  declinedAt: Date | string | null;
}

/**
 * R11 (Decree 713 Art. 19): the argumentation stage completes only when every expert chosen from the pool has
 * given a signed written opinion and the lead department has answered it, or the selection is recorded as
 * declined with its reason.
 */
export function r11SelectionViolations(selections: ArgumentationSelection[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const s of selections) {
    if (s.declinedAt) continue;
    if (!s.opinionReceivedAt)
      out.push(
        violation(
          'R11',
          'r11.selection_without_opinion',
          `尚未收到选定专家${s.expertName}署名的书面论证意见（或记录其谢绝及理由）`,
          `No signed opinion from the chosen expert ${s.expertName} yet (or record that they declined, with the reason)`,
          ['opinions'],
        ),
      );
    else if (!s.response)
      out.push(
        violation(
          'R11',
          'r11.selection_without_response',
          `选定专家${s.expertName}的书面论证意见尚未答复采纳情况`,
          `The chosen expert ${s.expertName}'s opinion has no response yet`,
          ['opinions'],
        ),
      );
  }
  return out;
}
