import { condition, patched } from '@temporalio/workflow';
import { r9ExpertArgumentationApplies } from '../../domain/rules/expert-argumentation.js';
import { recordArgumentationUnits, type ProcedureContext } from '../shared/procedure-context.js';

/** The patch id of R9's flag changeable after launch (the skipped stage waits; the task reopens; a turn-off skips). */
export const R9_R12_FLAGS_CHANGEABLE = 'r9-r12-flags-changeable';

/** R9, R11: signed expert opinions, at least the configured number, each answered. */
export async function expertArgumentationStage(p: ProcedureContext): Promise<void> {
  if (!patched(R9_R12_FLAGS_CHANGEABLE)) {
    const applies = r9ExpertArgumentationApplies(p.input.launch.expertArgumentation);
    if (!applies.applies) return p.setStage('expert_argumentation', 'skipped', applies.reason);
    await p.setStage('expert_argumentation', 'in_progress');
    await recordOpinions(p, 'record-expert-opinions');
    await p.setStage('expert_argumentation', 'done');
    return;
  }
  // R9: the lead department may turn the flag on or off with a reason until legality review (changeProcedureFlags).
  for (let opening = 1; ; ) {
    const applies = r9ExpertArgumentationApplies(p.expertApplicability);
    if (!applies.applies) {
      await p.setStage('expert_argumentation', 'skipped', applies.reason);
      await condition(() => p.expertApplicability.required || p.parallelStagesSettled());
      if (!p.expertApplicability.required) return;
      continue;
    }
    await p.setStage('expert_argumentation', 'in_progress');
    const done = await recordOpinions(
      p,
      opening === 1 ? 'record-expert-opinions' : `record-expert-opinions-${opening}`,
    );
    opening++;
    if (done) return p.setStage('expert_argumentation', 'done');
  }
}

/** Opens the opinions task; false when it was cancelled because the flag was turned off. */
async function recordOpinions(p: ProcedureContext, step: string): Promise<boolean> {
  const record = await p.engine.run({
    kind: 'record_expert_opinions',
    step,
    departmentId: p.lead,
    due: p.stepDue('record_expert_opinions'),
    context: { minOpinions: p.config.minExpertOpinions },
  });
  if (!record) return false;
  // R30: the institutions that argued the decision may not evaluate it later.
  recordArgumentationUnits(
    p,
    record.opinions.map((o) => o.institution),
  );
  return true;
}
