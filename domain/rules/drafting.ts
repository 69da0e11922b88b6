import type { DecisionFacts } from '../procedure.js';
import type { SubmitDraft } from '../tasks/launch.js';
import { violation, type RuleViolation } from '../violation.js';

/** R3: a contested matter has two or more alternatives; every co-drafting department's opinion is recorded; a disagreement keeps both sides' reasons. */
export function r3DraftViolations(payload: SubmitDraft, facts: DecisionFacts): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (payload.contested && payload.alternativeDocumentIds.length < 2)
    out.push(
      violation(
        'R3',
        'r3.alternatives_required',
        '有争议的事项应当提出两个以上备选方案',
        'A contested matter needs two or more alternative drafts',
        ['alternativeDocumentIds'],
      ),
    );
  const answered = new Set(payload.departmentOpinions.map((o) => o.departmentId));
  const missing = facts.coDepartmentIds.filter((d) => !answered.has(d));
  if (missing.length)
    out.push(
      violation(
        'R3',
        'r3.department_opinion_missing',
        `缺少相关部门意见：${missing.join('、')}`,
        `Opinions missing from departments: ${missing.join(', ')}`,
        ['departmentOpinions'],
      ),
    );
  payload.departmentOpinions.forEach((o, i) => {
    if (!o.agreed && (!o.ourReasons || !o.theirReasons))
      out.push(
        violation(
          'R3',
          'r3.disagreement_reasons',
          '意见分歧应当载明各方理由',
          'A disagreement records each side’s reasons',
          ['departmentOpinions', String(i)],
        ),
      );
  });
  return out;
}
