import type { DecisionFacts } from '../procedure.js';
import type { EvaluateDecision, ReportImplementation } from '../tasks/publication.js';
import { violation, type RuleViolation } from '../violation.js';

const DAY = 86_400_000;

/** R29: the implementing unit reports every `months` months (calendar months, counted from the previous due). */
export function r29NextReportDue(from: string, months: number): string {
  const d = new Date(from);
  const next = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()),
  );
  return next.toISOString();
}

/** R29: a report of problems, a major change of circumstances or force majeure asks for an evaluation at once. */
export function r29AsksForEvaluation(r: ReportImplementation): boolean {
  return r.majorChange || r.requestEvaluation;
}

/** R30: the evaluation falls due `days` calendar days after publication (default one year), or after the last one. */
export function r30EvaluationDueAt(from: string, days: number): string {
  return new Date(Date.parse(from) + days * DAY).toISOString();
}

const unitName = (x: string) => x.replace(/\s+/g, '').toLowerCase();

/**
 * R30 (Art. 36): the evaluator is not the unit that did the main argumentation or assessment before the decision:
 * not the lead department, nor an expert institution or third-party risk assessor the procedure recorded. A
 * department evaluating names itself (an undeclared department cannot slip past); "adjust" names the adjustment.
 */
export function r30EvaluationViolations(p: EvaluateDecision, facts: DecisionFacts): RuleViolation[] {
  const out: RuleViolation[] = [];
  const notIndependent = (path: string[]) =>
    violation(
      'R30',
      'r30.evaluator_not_independent',
      '决策后评估不得由决策作出前承担主要论证评估工作的单位实施',
      'The evaluator may not be a unit that did the main argumentation or assessment',
      path,
    );
  if (!p.evaluator.thirdParty && !p.evaluator.departmentId)
    out.push(
      violation(
        'R30',
        'r30.evaluator_department_required',
        '由政府部门实施评估的，应当写明实施评估的部门',
        'An evaluating department names itself',
        ['evaluator', 'departmentId'],
      ),
    );
  else if (p.evaluator.departmentId && p.evaluator.departmentId === facts.leadDepartmentId)
    out.push(notIndependent(['evaluator', 'departmentId']));
  else if ((facts.argumentationUnits ?? []).some((u) => unitName(u) === unitName(p.evaluator.name)))
    out.push(notIndependent(['evaluator', 'name']));
  if (p.result === 'adjust' && !p.adjustment)
    out.push(
      violation(
        'R30',
        'r30.adjustment_required',
        '评估结论为调整的，应当载明调整内容',
        'An "adjust" result describes the adjustment',
        ['adjustment'],
      ),
    );
  if ((p.result === 'suspend' || p.result === 'terminate') && !p.reason)
    out.push(
      violation(
        'R31',
        'r31.reason_required',
        '暂停或者停止执行决策应当说明理由',
        'Suspending or terminating states the reason',
        ['reason'],
      ),
    );
  return out;
}

/** R31: a substantive adjustment runs the procedure again as a new decision linked to this one. */
export function r31StartsNewProcedure(p: EvaluateDecision): boolean {
  return p.result === 'adjust' && p.adjustment?.substantive === true;
}
