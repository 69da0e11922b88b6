import { ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import { EVALUATION_WORKFLOW, evaluationWorkflowId } from '../../domain/messages.js';
import { r29NextReportDue, r30EvaluationDueAt } from '../../domain/rules/evaluation.js';
import { acts } from '../shared/activities.js';
import type { ProcedureContext } from '../shared/procedure-context.js';
import type { EvaluationInput } from '../evaluation/workflow.js';

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
  await p.setStage(
    'publication',
    pub.published ? 'done' : 'not_applicable',
    pub.published ? undefined : `不予公开（R27）：${pub.reason}`,
  );
}

/**
 * R29: the implementing unit is named and its reports and the post-decision evaluation (R30, R31) run in their
 * own long-lived workflow; R28: the dossier is archived within the period and sealed.
 */
export async function implementationAndArchive(p: ProcedureContext): Promise<void> {
  await p.setStage('implementation', 'in_progress');
  const unit = await p.engine.run({
    kind: 'name_implementing_unit',
    step: 'name-implementing-unit',
    due: p.stepDue('name_implementing_unit'),
  });
  const from = p.state.publication.publishedAt ?? new Date().toISOString();
  const evaluation: EvaluationInput = {
    decisionId: p.state.decisionId,
    decisionNo: p.state.decisionNo,
    implementingDepartmentId: unit.implementingDepartmentId,
    facts: p.state.facts,
    config: p.config,
    carry: {
      status: 'implementing',
      reportNo: 0,
      evaluationNo: 0,
      nextReportAt: r29NextReportDue(from, p.config.implementationReportMonths),
      evaluationDueAt: r30EvaluationDueAt(from, p.config.evaluationAfterDays),
    },
  };
  const wid = evaluationWorkflowId(workflowInfo().workflowId);
  await startChild(EVALUATION_WORKFLOW, {
    workflowId: wid,
    args: [evaluation],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  await p.setStage('implementation', 'done', '执行单位已明确；执行情况报告和决策后评估继续跟踪（R29、R30）');

  const archive = await p.engine.run({
    kind: 'archive_decision',
    step: 'archive-decision',
    due: {
      from: p.state.publication.publishedAt,
      days: p.config.archivePeriodDays,
      basis: 'calendar_days',
      rule: 'R28',
    },
  });
  p.state.status = 'closed';
  await acts.sealDossier({ decisionId: p.state.decisionId, reference: archive.archiveReference });
  await p.setStage('archived', 'done');
}
