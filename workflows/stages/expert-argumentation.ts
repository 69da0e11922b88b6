import { r9ExpertArgumentationApplies } from '../../domain/rules/expert-argumentation.js';
import { recordArgumentationUnits, type ProcedureContext } from '../shared/procedure-context.js';

/** R9, R11: signed expert opinions, at least the configured number, each answered. */
export async function expertArgumentationStage(p: ProcedureContext): Promise<void> {
  const applies = r9ExpertArgumentationApplies(p.input.launch.expertArgumentation);
  if (!applies.applies) return p.setStage('expert_argumentation', 'skipped', applies.reason);

  await p.setStage('expert_argumentation', 'in_progress');
  const record = await p.engine.run({
    kind: 'record_expert_opinions',
    step: 'record-expert-opinions',
    departmentId: p.lead,
    due: p.stepDue('record_expert_opinions'),
    context: { minOpinions: p.config.minExpertOpinions },
  });
  // R30: the institutions that argued the decision may not evaluate it later.
  recordArgumentationUnits(p, record.opinions.map((o) => o.institution));
  await p.setStage('expert_argumentation', 'done');
}
