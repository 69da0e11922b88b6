import { describe, expect, it } from 'vitest';
import { createEscalationActivities, type RunStepInput } from '../../activities/escalation.js';
import { DEFAULT_OFFICE } from '../../activities/index.js';
import { DEFAULT_ESCALATION_CONFIG } from '../../domain/escalation-config.js';
import { r37StepKey } from '../../domain/rules/escalation.js';
import type { TaskKind } from '../../domain/tasks/kinds.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { ProcedureDriver } from '../support/procedure-driver.js';
import { skipStages1to3 } from './steps.js';

let h: Harness;
let drive: ProcedureDriver;
useTimeSkippingHarness((x) => {
  h = x;
  drive = new ProcedureDriver(h.ctx, h.user);
});

/**
 * R37: a fired escalation step is one activity keyed by task, round and step. Temporal retries an activity whose
 * attempt committed its transaction but failed before reporting (a lost connection, a killed worker): the retry —
 * the same input again, after or alongside the first — must not number a second letter, notify twice or write a
 * second ledger line. The activity is called here as the retry calls it.
 */
describe('R37: a step retried after it committed', () => {
  it('issues one letter with one number, one notice per person and one audit event; the next letter takes the next number', async () => {
    const d = await drive.launch('drafter.jtysj', skipStages1to3);
    const task = await drive.task(d.id, 'submit_draft');
    const run = createEscalationActivities({
      prisma: h.db.prisma,
      calendar: h.db.calendar,
      config: DEFAULT_ESCALATION_CONFIG,
      office: DEFAULT_OFFICE,
    }).runEscalationStep;
    const now = await h.now();
    const input = (stepId: string, action: 'reminder_letter' | 'supervision_letter'): RunStepInput => ({
      key: r37StepKey(task.id, 0, stepId),
      decisionId: d.id,
      task: { id: task.id, kind: task.kind as TaskKind, role: task.role, departmentId: task.departmentId ?? undefined },
      round: 0,
      step: { id: stepId, action, fireAt: now.toISOString() },
      dueAt: task.dueAt!.toISOString(),
      firedAt: now.toISOString(),
    });

    const first = await run(input('reminder-letter', 'reminder_letter'));
    // The retry after a committed attempt, and two attempts racing.
    const retried = await run(input('reminder-letter', 'reminder_letter'));
    const raced = await Promise.all([
      run(input('reminder-letter', 'reminder_letter')),
      run(input('reminder-letter', 'reminder_letter')),
    ]);
    expect(retried).toEqual(first);
    for (const r of raced) expect(r.mailIds.sort()).toEqual([...first.mailIds].sort());

    const letters = await h.db.prisma.escalationLetter.findMany({ where: { taskId: task.id } });
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ kind: 'reminder_letter', seq: 1, number: `依法提〔${letters[0].year}〕1号` });
    expect(await h.db.prisma.escalationStep.count({ where: { taskId: task.id } })).toBe(1);
    expect(
      await h.db.prisma.auditEvent.count({ where: { subjectId: task.id, action: 'escalation.reminder_letter' } }),
    ).toBe(1);
    expect(
      await h.db.prisma.auditEvent.count({
        where: { action: 'letter.issued.reminder_letter', subjectId: letters[0].id },
      }),
    ).toBe(1);
    const notices = await h.db.prisma.notice.findMany({ where: { taskId: task.id, action: 'reminder_letter' } });
    expect(notices.length).toBeGreaterThan(0);
    expect(new Set(notices.map((n) => n.userId)).size).toBe(notices.length);
    expect(
      await h.db.prisma.mailMessage.count({ where: { stepKey: input('reminder-letter', 'reminder_letter').key } }),
    ).toBe(first.mailIds.length);

    // The sequence was consumed once: the next reminder letter of the year is number 2.
    const other = await drive.launch('drafter.fgw', skipStages1to3);
    const otherTask = await drive.task(other.id, 'submit_draft');
    const next = await run({
      ...input('reminder-letter', 'reminder_letter'),
      key: r37StepKey(otherTask.id, 0, 'reminder-letter'),
      decisionId: other.id,
      task: {
        id: otherTask.id,
        kind: 'submit_draft',
        role: otherTask.role,
        departmentId: otherTask.departmentId ?? undefined,
      },
      dueAt: otherTask.dueAt!.toISOString(),
    });
    expect((await h.db.prisma.escalationLetter.findUniqueOrThrow({ where: { id: next.letterId! } })).seq).toBe(2);
  });
});
