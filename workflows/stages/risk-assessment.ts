import { r12RiskAssessmentApplies, r14RiskControllable } from '../../domain/rules/risk-assessment.js';
import { recordArgumentationUnits, type ProcedureContext } from '../shared/procedure-context.js';

/** R12-R14: the risk report; a high risk keeps the stage open until the draft is adjusted and re-assessed. */
export async function riskAssessmentStage(p: ProcedureContext): Promise<void> {
  const applies = r12RiskAssessmentApplies(p.input.launch.riskAssessment);
  if (!applies.applies) return p.setStage('risk_assessment', 'skipped', applies.reason);

  await p.setStage('risk_assessment', 'in_progress');
  for (;;) {
    const round = ++p.state.risk.rounds;
    const afterHighRisk = round > 1;
    const report = await p.engine.run({
      kind: 'submit_risk_assessment',
      step: `submit-risk-assessment-${round}`,
      departmentId: p.lead,
      due: p.stepDue('submit_risk_assessment'),
      context: { afterHighRisk, round },
    });
    // R14: the re-assessed, adjusted draft is the draft from now on.
    if (report.revisedDraftDocumentId) p.state.draft = { ...p.state.draft, draftDocumentId: report.revisedDraftDocumentId, version: p.state.draft.version + 1 };
    if (report.thirdParty) recordArgumentationUnits(p, [report.thirdParty.name]);
    p.state.risk.level = report.level;
    p.state.risk.controllable = r14RiskControllable(report.level);
    if (p.state.risk.controllable) break;
    await p.sync('risk_not_controllable', { rule: 'R14', level: report.level, round });
  }
  await p.setStage('risk_assessment', 'done');
}
