/**
 * The escalation tests' setup (R32–R37): the time-skipping harness with the draft due a given number of working
 * days after launch, a procedure driver, and the 2030 National Day notice loaded by the admin, so the ladder's dates
 * are the same whatever day the tests run. Also how those tests read the ladder the workflow climbed.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Prisma } from '../../generated/prisma/client.js';
import { loadCalendarYear } from '../../api/services/load-calendar.js';
import { chinaDate } from '../../domain/china-time.js';
import { DEFAULT_PROCEDURE_CONFIG } from '../../domain/config.js';
import type { EscalationConfig } from '../../domain/escalation-config.js';
import { NATIONAL_DAY_2030, NOW_2030 } from '../escalation/fixtures.js';
import { eventually } from '../workflows/steps.js';
import { ProcedureDriver } from './procedure-driver.js';
import { timeSkippingHarness, type Harness } from './temporal.js';

type EscalationStepRow = Prisma.EscalationStepGetPayload<object>;

export interface EscalationHarness {
  h: Harness;
  drive: ProcedureDriver;
  /** The ladder steps recorded for a task, in the order they fired. */
  steps(taskId: string): Promise<EscalationStepRow[]>;
  /** Waits until at least `n` steps of the task fired; returns them in firing order. */
  fired(taskId: string, n: number): Promise<EscalationStepRow[]>;
}

/** Starts the harness before the file's tests (then `ready` keeps what the file uses of it), closes it after them. */
export function useEscalationHarness(
  opts: { submitDraftWorkingDays: number; escalation?: EscalationConfig },
  ready: (e: EscalationHarness) => unknown,
): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await timeSkippingHarness(
      { stepWorkingDays: { ...DEFAULT_PROCEDURE_CONFIG.stepWorkingDays, submit_draft: opts.submitDraftWorkingDays } },
      opts.escalation ? { escalation: opts.escalation } : {},
    );
    await loadCalendarYear(
      h.ctx,
      await h.user('admin'),
      2030,
      { ...NATIONAL_DAY_2030, source: '国办发明电〔2029〕测试' },
      { now: NOW_2030 },
    );
    const harness = h;
    const steps = (taskId: string) =>
      harness.db.prisma.escalationStep.findMany({
        where: { taskId },
        orderBy: [{ firedAt: 'asc' }, { plannedAt: 'asc' }],
      });
    const fired = (taskId: string, n: number) =>
      eventually(
        async () => ((await steps(taskId)).length >= n ? steps(taskId) : null),
        `${n} fired steps on ${taskId}`,
      );
    await ready({ h, drive: new ProcedureDriver(h.ctx, h.user), steps, fired });
  }, 120_000);
  afterAll(async () => h?.close());
}

/**
 * Each step fired on its own timer, as the workflow recorded it: never before the instant it planned, on the
 * planned day in Beijing (a step fired on another working day fails), and in the planned order. How late within
 * that day is the machine's business (the firing workflow task waits for a free worker), so no wall-clock bound.
 */
export function expectFiredAsPlanned(steps: Array<{ stepId: string; plannedAt: Date; firedAt: Date }>): void {
  for (const s of steps) {
    expect(s.firedAt.getTime(), `${s.stepId} fired before its time`).toBeGreaterThanOrEqual(s.plannedAt.getTime());
    expect(chinaDate(s.firedAt), `${s.stepId} fired on another day`).toBe(chinaDate(s.plannedAt));
  }
  const byPlan = [...steps].sort((a, b) => a.plannedAt.getTime() - b.plannedAt.getTime());
  expect(steps.map((s) => s.stepId)).toEqual(byPlan.map((s) => s.stepId));
}
