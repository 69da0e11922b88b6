import type { ProcedureContext } from '../shared/procedure-context.js';

/** R2-R3: the drafting department submits the draft, its explanation and the other departments' opinions. */
export async function launchStage(p: ProcedureContext): Promise<void> {
  await p.setStage('launch', 'in_progress');
  const draft = await p.engine.run({
    kind: 'submit_draft',
    step: 'submit-draft',
    departmentId: p.lead,
    due: p.stepDue('submit_draft'),
    context: { coDepartmentIds: p.state.facts.coDepartmentIds },
  });
  p.state.draft = {
    draftDocumentId: draft.draftDocumentId,
    explanationDocumentId: draft.explanationDocumentId,
    version: 1,
  };
  await p.setStage('launch', 'done');
}
