import { violation, type RuleViolation } from '../violation.js';

export interface PoolExpert {
  name: string;
  active: boolean;
  formerDepartmentIds: string[];
  interests: Array<{ departmentId: string | null; decisionId: string | null; description: string }>;
}

/**
 * R10 (Decree 713 Art. 20): experts are chosen for neutrality; one with a direct interest in the matter may not be
 * chosen. A declared interest in the decision or in its lead department's matters blocks selection, and so does
 * former employment in the lead department (neutrality: they would argue their former department's draft).
 */
export function r10SelectionViolations(
  expert: PoolExpert,
  decision: { id: string; leadDepartmentId: string },
): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (!expert.active)
    out.push(
      violation(
        'R10',
        'r10.expert_inactive',
        `专家${expert.name}已退出专家库`,
        `Expert ${expert.name} has left the pool`,
        ['expertId'],
      ),
    );
  for (const i of expert.interests) {
    if (i.decisionId === decision.id || (i.departmentId && i.departmentId === decision.leadDepartmentId))
      out.push(
        violation(
          'R10',
          'r10.declared_interest',
          `专家${expert.name}已申报与本决策事项有利害关系（${i.description}），不得选择`,
          `Expert ${expert.name} declared an interest in this matter (${i.description}) and may not be chosen`,
          ['expertId'],
        ),
      );
  }
  if (expert.formerDepartmentIds.includes(decision.leadDepartmentId))
    out.push(
      violation(
        'R10',
        'r10.former_employment',
        `专家${expert.name}曾在决策承办单位任职，不符合中立性要求，不得选择`,
        `Expert ${expert.name} formerly worked for the lead department and is not neutral`,
        ['expertId'],
      ),
    );
  return out;
}
