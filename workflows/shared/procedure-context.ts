import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { DecisionProcedureInput, ProcedureState } from '../../domain/procedure.js';
import { STAGES, type Stage, type StageState } from '../../domain/stages.js';
import type { TaskKind } from '../../domain/tasks/kinds.js';
import { acts } from './activities.js';
import type { DueSpec, TaskEngine } from './task-engine.js';

/** What every stage module of the decision workflow works with. */
export class ProcedureContext {
  private syncSeq = 0;
  /** R9/R12: stages 1-3 are over (legality review comes next): the flags no longer change. */
  stagesClosed = false;

  constructor(
    readonly input: DecisionProcedureInput,
    readonly state: ProcedureState,
    readonly engine: TaskEngine,
  ) {}

  get config() {
    return this.input.config;
  }

  get lead(): string {
    return this.input.leadDepartmentId;
  }

  /** R9: whether expert argumentation applies, as launched or as changed since (with its reason). */
  get expertApplicability() {
    return this.state.applicability?.expertArgumentation ?? this.input.launch.expertArgumentation;
  }

  /** R12: whether risk assessment applies, as launched or as changed since (with its reason). */
  get riskApplicability() {
    return this.state.applicability?.riskAssessment ?? this.input.launch.riskAssessment;
  }

  /** Stages 1-3 have each ended (done, skipped or not applicable): a skipped stage stops waiting for its flag. */
  parallelStagesSettled(): boolean {
    return (['public_participation', 'expert_argumentation', 'risk_assessment'] as const).every((st) =>
      ['done', 'skipped', 'not_applicable'].includes(this.state.stages[st].status),
    );
  }

  /** The department's own planning period for a step the law gives no period. */
  stepDue(kind: keyof DecisionProcedureInput['config']['stepWorkingDays'] & TaskKind): DueSpec {
    return { days: this.config.stepWorkingDays[kind], basis: 'working_days', rule: `config:${kind}` };
  }

  /** Moves a stage to a new status, mirrors it to the read model and to the Web UI's search attributes. */
  async setStage(stage: Stage, status: StageState['status'], reason?: string): Promise<void> {
    const now = new Date().toISOString();
    const prev = this.state.stages[stage];
    this.state.stages[stage] = {
      status,
      ...(reason ? { reason } : {}),
      startedAt: prev.startedAt ?? (status === 'in_progress' ? now : undefined),
      ...(status === 'done' || status === 'skipped' || status === 'not_applicable' ? { endedAt: now } : {}),
    };
    await this.sync(`stage:${stage}:${status}`, { stage, status, reason });
  }

  /** Writes the decision's stage, status and stage states to the read model (keyed, so a retry is a no-op). */
  async sync(what: string, data: Record<string, unknown> = {}): Promise<void> {
    this.state.stage = headlineStage(this.state);
    const attributes = { YifaStage: [this.state.stage], YifaDepartment: [this.lead] };
    const seq = ++this.syncSeq;
    const write = {
      decisionId: this.state.decisionId,
      eventKey: `${workflowInfo().workflowId}:sync:${seq}`,
      seq,
      event: what,
      data,
      stage: this.state.stage,
      status: this.state.status,
      stageStates: this.state.stages,
    };
    const transition = this.engine.transition;
    if (transition) {
      // One record per transition: queued with the step's other writes; the workflow goes on at once.
      transition.publish(attributes);
      transition.add({ op: 'sync', ...write });
      return;
    }
    upsertSearchAttributes(attributes);
    await acts.syncDecision(write);
  }
}

/** R30: remembers the units that did expert or risk work (state only: no command, so replay is unchanged). */
export function recordArgumentationUnits(p: ProcedureContext, names: string[]): void {
  const known = p.state.facts.argumentationUnits ?? [];
  p.state.facts = { ...p.state.facts, argumentationUnits: [...known, ...names.filter((n) => !known.includes(n))] };
}

/** The earliest stage in progress, or the last stage reached. */
export function headlineStage(s: ProcedureState): Stage {
  const inProgress = STAGES.find((st) => s.stages[st].status === 'in_progress');
  if (inProgress) return inProgress;
  const reached = [...STAGES].reverse().find((st) => s.stages[st].status !== 'pending');
  return reached ?? 'launch';
}
