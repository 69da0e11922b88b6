import type { ProcedureContext } from '../shared/procedure-context.js';

/** R27: publication within the configured period after approval (calendar days). */
export async function publicationStage(p: ProcedureContext): Promise<void> {
  await p.setStage('publication', 'in_progress');
  const pub = await p.engine.run({
    kind: 'publish_decision',
    step: 'publish-decision',
    due: { from: p.state.meeting.decidedAt, days: p.config.publicationPeriodDays, basis: 'calendar_days', rule: 'R27' },
    context: { widePublicConcern: p.state.facts.widePublicConcern, confidential: p.state.facts.confidential },
  });
  const publishedAt = new Date().toISOString();
  p.state.publication = { done: true, published: pub.published, publishedAt };
  await p.setStage('publication', pub.published ? 'done' : 'not_applicable', pub.published ? undefined : `不予公开（R27）：${pub.reason}`);
}

/** R29 (its first step) and R28: the implementing unit is named and the dossier archived within the period. */
export async function implementationAndArchive(p: ProcedureContext): Promise<void> {
  await p.setStage('implementation', 'in_progress');
  await p.engine.run({ kind: 'name_implementing_unit', step: 'name-implementing-unit', due: p.stepDue('name_implementing_unit') });
  await p.setStage('implementation', 'done');
  await p.engine.run({
    kind: 'archive_decision',
    step: 'archive-decision',
    due: { from: p.state.publication.publishedAt, days: p.config.archivePeriodDays, basis: 'calendar_days', rule: 'R28' },
  });
  p.state.status = 'closed';
  await p.setStage('archived', 'done');
}
