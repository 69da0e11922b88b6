import { describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { startPendingProcedures } from '../../api/services/launch-decision.js';
import { listOverdue } from '../../api/services/supervision-overdue.js';
import { extendTaskDue } from '../../domain/escalation-messages.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { ProcedureDriver } from '../support/procedure-driver.js';
import { eventually } from './steps.js';

let h: Harness;
let drive: ProcedureDriver;
useTimeSkippingHarness((x) => {
  h = x;
  drive = new ProcedureDriver(h.ctx, h.user);
});

describe('the task engine tells operators what went wrong', () => {
  it('R35: a ladder that fails marks its task "needs attention" on the supervision board instead of stopping silently', async () => {
    const now = await h.now();
    const d = await drive.launch();
    const task = await drive.task(d.id, 'submit_draft');
    expect(task.dueAttention).toBeNull();

    // A year with unreadable data: the ladder cannot be planned (CalendarError, not retried).
    const brokenYear = now.getUTCFullYear() + 1;
    await h.db.prisma.calendarYear.upsert({
      where: { year: brokenYear },
      create: { year: brokenYear, holidays: 'broken', workdays: [], source: 'broken' },
      update: { holidays: 'broken' },
    });
    // An extension moves the due: the ladder is planned again, over the broken calendar.
    const dueAt = new Date(now.getTime() + 20 * 86_400_000).toISOString();
    await h.ctx.temporal.workflow.getHandle(d.number).signal(extendTaskDue, {
      taskId: task.id,
      extensionId: 'test',
      due: { dueAt, days: 20, basis: 'calendar_days', rule: 'R34', provisional: false },
    });

    const marked = await eventually(async () => {
      const t = await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
      return t.dueAttention ? t : undefined;
    }, 'the ladder failure on the task');
    expect(marked.dueAttention).toMatch(/^催办未能进行（.*holidays must be an array.*），请督查机构人工催办$/);
    expect(marked.dueAt!.toISOString()).toBe(dueAt);
    const board = await listOverdue(h.ctx, {}, now);
    expect(board.needsAttention.map((x) => x.taskId)).toContain(task.id);
    // The task itself goes on: still open, waiting for its assignee.
    expect(marked.status).toBe('open');
    await h.db.prisma.calendarYear.delete({ where: { year: brokenYear } });
  });

  it('a procedure that cannot be started at start-up is logged with its decision and reason, the others still start', async () => {
    const a = await drive.launch();
    const b = await drive.launch();
    await eventually(
      async () =>
        (await h.db.prisma.decision.count({ where: { id: { in: [a.id, b.id] }, workflowStarted: true } })) === 2,
      'both procedures started',
    );
    await h.db.prisma.decision.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { workflowStarted: false } });

    const lines: string[] = [];
    const refusing = {
      workflow: {
        start: async (_type: string, opts: { workflowId: string }) => {
          if (opts.workflowId === a.number) throw new Error('connect ECONNREFUSED 127.0.0.1:7233');
          return h.ctx.temporal.workflow.start(_type, opts as never);
        },
      },
    } as unknown as Client;
    const started = await startPendingProcedures({ ...h.ctx, temporal: refusing }, (l) => lines.push(l));
    expect(started).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(a.number);
    expect(lines[0]).toContain('ECONNREFUSED');
    await h.db.prisma.decision.updateMany({ where: { id: a.id }, data: { workflowStarted: true } });
  });
});
