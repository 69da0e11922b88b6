import type { DecisionFacts } from '../procedure.js';
import type { PublishDecision } from '../tasks/publication.js';
import { violation, type RuleViolation } from '../violation.js';

/** R27: a matter of wide public concern is published with how opinions were taken up and a policy interpretation. */
export function r27PublicationViolations(p: PublishDecision, facts: DecisionFacts): RuleViolation[] {
  if (!p.published || !facts.widePublicConcern) return [];
  const out: RuleViolation[] = [];
  if (!p.adoptionExplanation)
    out.push(
      violation(
        'R27',
        'r27.adoption_explanation_required',
        '社会广泛关注的决策应当说明公众意见、专家意见的采纳情况',
        'Explain how public and expert opinions were taken up',
        ['adoptionExplanation'],
      ),
    );
  if (!p.interpretationReference)
    out.push(
      violation(
        'R27',
        'r27.interpretation_required',
        '社会广泛关注的决策应当同步发布政策解读',
        'Publish a policy interpretation',
        ['interpretationReference'],
      ),
    );
  return out;
}
