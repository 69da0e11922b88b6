import { condition, patched } from '@temporalio/workflow';
import { r12RiskAssessmentApplies, r14RiskControllable } from '../../domain/rules/risk-assessment.js';
import { recordArgumentationUnits, type ProcedureContext } from '../shared/procedure-context.js';
import { R9_R12_FLAGS_CHANGEABLE } from './expert-argumentation.js';

/** R12-R14: the risk report; a high risk keeps the stage open until the draft is adjusted and re-assessed. */
export async function riskAssessmentStage(p: ProcedureContext): Promise<void> {
  if (!patched(R9_R12_FLAGS_CHANGEABLE)) {
    const applies = r12RiskAssessmentApplies(p.input.launch.riskAssessment);
    if (!applies.applies) return p.setStage('risk_assessment', 'skipped', applies.reason);
    await p.setStage('risk_assessment', 'in_progress');
    await assessUntilControllable(p);
    await p.setStage('risk_assessment', 'done');
    return;
  }
  // R12: the lead department may turn the flag on or off with a reason until legality review (changeProcedureFlags).
  for (;;) {
    const applies = r12RiskAssessmentApplies(p.riskApplicability);
    if (!applies.applies) {
      await p.setStage('risk_assessment', 'skipped', applies.reason);
      await condition(() => p.riskApplicability.mode === 'required' || p.parallelStagesSettled());
      if (p.riskApplicability.mode !== 'required') return;
      continue;
    }
    await p.setStage('risk_assessment', 'in_progress');
    if (await assessUntilControllable(p)) return p.setStage('risk_assessment', 'done');
  }
}

/** R13, R14: rounds of reports until the risk is controllable; false when a round's task was cancelled (flag off). */
async function assessUntilControllable(p: ProcedureContext): Promise<boolean> {
  for (;;) {
    const round = ++p.state.risk.rounds;
    const afterHighRisk = round > 1 && p.state.risk.level === 'high';
    const report = await p.engine.run({
      kind: 'submit_risk_assessment',
      step: `submit-risk-assessment-${round}`,
      departmentId: p.lead,
      due: p.stepDue('submit_risk_assessment'),
      context: { afterHighRisk, round },
    });
    if (!report) return false;
    // R14: the re-assessed, adjusted draft is the draft from now on.
    if (report.revisedDraftDocumentId)
      p.state.draft = {
        ...p.state.draft,
        draftDocumentId: report.revisedDraftDocumentId,
        version: p.state.draft.version + 1,
      };
    if (report.thirdParty) recordArgumentationUnits(p, [report.thirdParty.name]);
    p.state.risk.level = report.level;
    p.state.risk.controllable = r14RiskControllable(report.level);
    if (p.state.risk.controllable) return true;
    await p.sync('risk_not_controllable', { rule: 'R14', level: report.level, round });
  }
}
