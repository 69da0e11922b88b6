/**
 * Shortcuts shared by the workflow tests: refusals as AppErrors, polling the read model, and walking a fresh
 * decision to the step a test is about (stages 1-3 skipped with their reasons, so it gets there fast).
 */
import { expect } from 'vitest';
import { AppError } from '../../api/errors.js';
import type { ServiceContext } from '../../api/services/context.js';
import type { ProcedureConfig } from '../../domain/config.js';
import type { LaunchDecision } from '../../domain/decision/launch.js';
import type { TaskKind } from '../../domain/tasks/kinds.js';
import { procedureState } from '../../domain/messages.js';
import type { ProcedureState } from '../../domain/procedure.js';
import type { StageState } from '../../domain/stages.js';
import type { Harness } from '../support/temporal.js';
import { ProcedureDriver, payloads } from '../support/procedure-driver.js';

/** The AppError a service call was refused with (fails the test if it succeeded or threw something else). */
export async function refusal(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** Expects a 409 naming the rule. */
export async function expectRule(call: Promise<unknown>, rule: string): Promise<AppError> {
  const err = await refusal(call);
  expect({ status: err.status, rule: err.extra.rule }).toEqual({ status: 409, rule });
  return err;
}

/** Expects the given status (400, 403, ...). */
export async function expectStatus(call: Promise<unknown>, status: number): Promise<AppError> {
  const err = await refusal(call);
  expect(err.status, JSON.stringify(err.toJSON())).toBe(status);
  return err;
}

/** Polls until `probe` returns a truthy value. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Launch answers that skip stages 1-3 with their reasons (R4, R9, R12). */
export const skipStages1to3: Partial<LaunchDecision> = {
  confidential: true,
  confidentialReason: '涉及尚未公开的价格调整方案',
  expertArgumentation: { required: false, reason: '事项专业性不强' },
  riskAssessment: { mode: 'skipped', reason: '不涉及社会稳定风险' },
};

/** A driver whose launches start with a different configuration (the harness's ctx, another procedureConfig). */
export function driverWithConfig(h: Harness, config: Partial<ProcedureConfig>): ProcedureDriver {
  const ctx: ServiceContext = { ...h.ctx, procedureConfig: { ...h.ctx.procedureConfig, ...config } };
  return new ProcedureDriver(ctx, h.user);
}

export class Steps {
  constructor(
    readonly h: Harness,
    readonly drive: ProcedureDriver = new ProcedureDriver(h.ctx, h.user),
  ) {}

  get prisma() {
    return this.h.db.prisma;
  }

  tasks(decisionId: string, kind?: TaskKind) {
    return this.prisma.task.findMany({
      where: { decisionId, ...(kind ? { kind } : {}) },
      orderBy: { openedAt: 'asc' },
    });
  }

  openTasks(decisionId: string) {
    return this.prisma.task.findMany({ where: { decisionId, status: 'open' }, orderBy: { openedAt: 'asc' } });
  }

  async decision(decisionId: string) {
    const d = await this.prisma.decision.findUniqueOrThrow({ where: { id: decisionId } });
    return { ...d, stageStates: d.stageStates as unknown as Record<string, StageState> };
  }

  /** Where the workflow itself says the procedure stands (the read model mirrors this). */
  async workflowState(decisionId: string): Promise<ProcedureState> {
    const { workflowId } = await this.prisma.decision.findUniqueOrThrow({
      where: { id: decisionId },
      select: { workflowId: true },
    });
    return this.h.ctx.temporal.workflow.getHandle(workflowId).query(procedureState);
  }

  audit(decisionId: string) {
    return this.prisma.auditEvent.findMany({ where: { decisionId }, orderBy: { seq: 'asc' } });
  }

  /** A fresh decision with its draft submitted and stages 1-3 skipped: the submission for legality review is open. */
  async toSubmission(over: Partial<LaunchDecision> = {}, username = 'drafter.jtysj') {
    const d = await this.drive.launchWithDraft(username, { ...skipStages1to3, ...over });
    await this.drive.task(d.id, 'submit_for_legality_review');
    return d;
  }

  /** ... submitted and assigned by the pool: the review task is open (its reviewer: `drive.reviewerOf`). */
  async toReview(over: Partial<LaunchDecision> = {}) {
    const d = await this.toSubmission(over);
    await this.drive.complete(
      d.id,
      'submit_for_legality_review',
      'drafter.jtysj',
      payloads.submit_for_legality_review(),
    );
    await this.drive.task(d.id, 'review_legality');
    return d;
  }

  /** ... passed by the reviewer: the department head's approval is open. */
  async toApproval(over: Partial<LaunchDecision> = {}) {
    const d = await this.toReview(over);
    await this.drive.complete(d.id, 'review_legality', await this.drive.reviewerOf(d.id), payloads.review_legality());
    await this.drive.task(d.id, 'approve_submission');
    return d;
  }

  /** ... approved by the head and agreed by the party committee: ready for the agenda (R21). */
  async toMeeting(over: Partial<LaunchDecision> = {}) {
    const d = await this.toApproval(over);
    await this.drive.complete(d.id, 'approve_submission', 'head.jtysj', payloads.approve_submission());
    await this.drive.complete(d.id, 'report_to_party_committee', 'secretary1', payloads.report_to_party_committee());
    await this.drive.task(d.id, 'place_on_agenda');
    return d;
  }

  /** Uploads a revised draft and completes the open revise_draft task with it. */
  async revise(decisionId: string, summary = '按意见修改') {
    await this.drive.task(decisionId, 'revise_draft');
    const doc = await this.drive.upload('drafter.jtysj', decisionId, 'draft', `修改稿：${summary}`);
    return this.drive.complete(decisionId, 'revise_draft', 'drafter.jtysj', {
      revisedDraftDocumentId: doc.id,
      changesSummary: summary,
    });
  }
}
