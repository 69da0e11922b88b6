import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { ProcedureConfig } from '../../domain/config.js';
import {
  completeTask,
  DECISION_WORKFLOW,
  evaluationState,
  openTasks,
  recomputeDeadlines,
  requestEvaluation,
  submitImplementationReport,
  suspendImplementation,
  type EvaluationRequest,
} from '../../domain/messages.js';
import { r31EmergencySuspensionViolation } from '../../domain/rules/changes.js';
import { extendTaskDue } from '../../domain/escalation-messages.js';
import { ReportImplementationSchema } from '../../domain/tasks/publication.js';
import type { DecisionFacts, DecisionProcedureInput } from '../../domain/procedure.js';
import {
  r29AsksForEvaluation,
  r29NextReportDue,
  r30EvaluationDueAt,
  r31StartsNewProcedure,
} from '../../domain/rules/evaluation.js';
import { acts } from '../shared/activities.js';
import { ruleFailure, TaskEngine } from '../shared/task-engine.js';

export interface EvaluationCarry {
  status: 'implementing' | 'suspended' | 'terminated' | 'adjusted';
  reportNo: number;
  /** Reports made at once, outside the periodic ones (R29). */
  adHocReports?: number;
  /** R31: emergency suspensions by the chief executive so far. */
  emergencySuspensions?: number;
  evaluationNo: number;
  nextReportAt: string;
  evaluationDueAt: string;
  requested?: EvaluationRequest;
  linkedDecisionNo?: string;
}

export interface EvaluationInput {
  decisionId: string;
  decisionNo: string;
  implementingDepartmentId: string;
  facts: DecisionFacts;
  config: ProcedureConfig;
  carry: EvaluationCarry;
}

/**
 * R29-R31 after publication: the implementing unit reports every few months; the evaluation falls due a
 * configured period after publication or on request and ends in continue, adjust, suspend or terminate. A
 * substantive adjustment starts a new, linked decision procedure. Each step ends in continue-as-new, so years
 * of waiting never grow one history without bound.
 */
export async function decisionEvaluation(input: EvaluationInput): Promise<EvaluationCarry> {
  const c: EvaluationCarry = { ...input.carry };
  const engine = new TaskEngine({
    decisionId: input.decisionId,
    completionContext: () => ({ facts: input.facts, config: input.config }),
    summary: () => ({ stage: 'implementation', status: c.status }),
  });
  setHandler(completeTask, (req) => engine.complete(req), { validator: (req) => engine.validate(req) });
  setHandler(openTasks, () => engine.openViews());
  setHandler(extendTaskDue, (req) => engine.extendDue(req));
  setHandler(recomputeDeadlines, () => engine.recomputeDeadlines());
  setHandler(requestEvaluation, (r) => {
    c.requested ??= r;
  });
  setHandler(evaluationState, () => ({ ...c }));
  setHandler(
    submitImplementationReport,
    async ({ actor, report }) => {
      c.adHocReports = (c.adHocReports ?? 0) + 1;
      const n = c.adHocReports;
      await acts.recordPersonEvent({
        decisionId: input.decisionId,
        key: `${workflowInfo().workflowId}:report-at-once-${n}`,
        actor,
        action: 'implementation.reported',
        data: { stage: 'implementation', rule: 'R29', ...report },
      });
      const asks = r29AsksForEvaluation(report);
      if (asks)
        c.requested ??= { trigger: 'reported_problem', reason: report.problems ?? '执行单位报告情况重大变化', actor };
      return { recorded: true as const, evaluationRequested: asks };
    },
    {
      validator: ({ report }) => {
        const parsed = ReportImplementationSchema.safeParse(report);
        if (!parsed.success)
          throw ApplicationFailure.create({
            type: 'InvalidPayload',
            message: 'invalid report',
            nonRetryable: true,
            details: [parsed.error.issues],
          });
      },
    },
  );
  setHandler(
    suspendImplementation,
    async ({ actor, reason }) => {
      c.emergencySuspensions = (c.emergencySuspensions ?? 0) + 1;
      const n = c.emergencySuspensions;
      c.status = 'suspended';
      c.requested ??= { trigger: 'emergency_suspension', reason, actor };
      await acts.recordPersonEvent({
        decisionId: input.decisionId,
        key: `${workflowInfo().workflowId}:emergency-suspension-${n}`,
        actor,
        action: 'implementation.emergency_suspended',
        data: { stage: 'implementation', rule: 'R31', reason },
      });
      return { suspended: true as const, evaluationRequested: true as const };
    },
    {
      validator: ({ reason }) => {
        const v = r31EmergencySuspensionViolation({
          implementation: c.status,
          reason: typeof reason === 'string' ? reason : '',
        });
        if (v) throw ruleFailure([v]);
      },
    },
  );
  const due = (kind: 'report_implementation' | 'evaluate_decision') => ({
    days: input.config.stepWorkingDays[kind],
    basis: 'working_days' as const,
    rule: kind === 'evaluate_decision' ? 'R30' : 'R29',
  });

  const nextWake = () =>
    Math.min(c.status === 'suspended' ? Infinity : Date.parse(c.nextReportAt), Date.parse(c.evaluationDueAt));
  const wait = nextWake() - Date.now();
  if (!c.requested && wait > 0) await condition(() => !!c.requested, wait);

  if (c.requested || Date.now() >= Date.parse(c.evaluationDueAt)) {
    const n = ++c.evaluationNo;
    const trigger = c.requested?.trigger ?? 'scheduled';
    const result = await engine.run({
      kind: 'evaluate_decision',
      step: `evaluate-${n}`,
      due: due('evaluate_decision'),
      context: { round: n, trigger, reason: c.requested?.reason },
    });
    c.requested = undefined;
    if (r31StartsNewProcedure(result)) {
      const linked = await acts.launchLinkedDecision({
        key: `${workflowInfo().workflowId}:adjust-${n}`,
        previousDecisionId: input.decisionId,
        description: result.adjustment!.description,
      });
      const child: DecisionProcedureInput = { ...linked, config: input.config };
      await startChild(DECISION_WORKFLOW, {
        workflowId: linked.decisionNo,
        args: [child],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      c.status = 'adjusted';
      c.linkedDecisionNo = linked.decisionNo;
    } else if (result.result === 'terminate') c.status = 'terminated';
    else {
      c.status = result.result === 'suspend' ? 'suspended' : 'implementing';
      c.evaluationDueAt = r30EvaluationDueAt(new Date().toISOString(), input.config.evaluationAfterDays);
    }
    await acts.recordEngineEvent({
      decisionId: input.decisionId,
      key: `${workflowInfo().workflowId}:evaluated-${n}`,
      action: 'evaluation.concluded',
      data: {
        stage: 'implementation',
        rule: 'R30',
        result: result.result,
        status: c.status,
        linkedDecisionNo: c.linkedDecisionNo,
      },
    });
    if (c.status === 'adjusted' || c.status === 'terminated') {
      await condition(allHandlersFinished);
      return c;
    }
  } else {
    const n = ++c.reportNo;
    const report = await engine.run({
      kind: 'report_implementation',
      step: `report-${n}`,
      departmentId: input.implementingDepartmentId,
      due: due('report_implementation'),
      context: { round: n, dueBy: c.nextReportAt },
    });
    c.nextReportAt = r29NextReportDue(c.nextReportAt, input.config.implementationReportMonths);
    if (r29AsksForEvaluation(report))
      c.requested ??= { trigger: 'reported_problem', reason: report.problems ?? '执行单位报告情况重大变化' };
  }
  await condition(allHandlersFinished);
  return continueAsNew<typeof decisionEvaluation>({ ...input, carry: c });
}
