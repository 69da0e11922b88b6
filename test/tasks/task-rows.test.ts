/**
 * Issue 13: a transition (`recordTransition`) and the single task activities that workflows started before it
 * still schedule (`openTask`, `recordTaskCompletion`) write a task's rows through one home, records/task-rows.ts.
 * Run side by side on two like decisions, they leave the same rows, audit events and notices; retried, neither
 * writes anything twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTaskActivities } from '../../activities/tasks.js';
import { createTransitionActivities, type TransitionWrite } from '../../activities/transitions.js';
import { DEFAULT_ESCALATION_CONFIG } from '../../domain/escalation-config.js';
import type { TaskView } from '../../domain/procedure.js';
import type { Actor } from '../../domain/roles.js';
import { verifyAuditChain } from '../../records/audit-verify.js';
import { testDatabase } from '../support/database.js';

let db: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  db = await testDatabase();
}, 120_000);
afterAll(async () => db?.close());

const drafter: Actor = {
  userId: 'user-drafter.jtysj',
  name: '交通运输局经办人',
  role: 'drafter',
  departmentId: 'dept-jtysj',
};

async function decision(n: number) {
  const number = `JC-2026-${String(n).padStart(4, '0')}`;
  await db.prisma.decision.create({
    data: {
      id: `d-${n}`,
      number,
      year: 2026,
      seq: n,
      title: '城市公交票价调整',
      matterType: 'public_services',
      summary: '…',
      launch: {},
      leadDepartmentId: 'dept-jtysj',
      confidential: false,
      stage: 'launch',
      status: 'active',
      workflowId: number,
      createdById: 'user-drafter.jtysj',
    },
  });
  return { id: `d-${n}`, number };
}

/** A decision's tasks: two for the department's drafters (one a revision after a return), one for a named head. */
function tasks(workflowId: string): Record<'draft' | 'revise' | 'approve', TaskView> {
  const base = { workflowId, openedAt: '2026-03-02T01:00:00.000Z', overdue: false, status: 'open' as const };
  const due = { dueAt: '2026-03-16T10:00:00.000Z', rule: 'R5', days: 10, basis: 'working_days' as const };
  return {
    draft: {
      ...base,
      id: `${workflowId}:draft`,
      kind: 'submit_draft',
      stage: 'launch',
      role: 'drafter',
      departmentId: 'dept-jtysj',
      due: { ...due, provisional: false, from: base.openedAt },
      context: {},
    },
    revise: {
      ...base,
      id: `${workflowId}:revise-1`,
      kind: 'revise_draft',
      stage: 'launch',
      role: 'drafter',
      departmentId: 'dept-jtysj',
      context: { returnedBy: 'dept_head' },
    },
    approve: {
      ...base,
      id: `${workflowId}:approve`,
      kind: 'approve_submission',
      stage: 'launch',
      role: 'dept_head',
      departmentId: 'dept-jtysj',
      assigneeUserId: 'user-head.jtysj',
      due: { ...due, provisional: false },
      context: {},
    },
  };
}

/** Everything written for a decision, with its id, number and workflow id replaced, so two decisions compare. */
async function written(d: { id: string; number: string }) {
  const p = db.prisma;
  const [taskRows, records, events, notices, mail] = await Promise.all([
    p.task.findMany({ where: { decisionId: d.id }, orderBy: { id: 'asc' } }),
    p.stageRecord.findMany({ where: { decisionId: d.id }, orderBy: { id: 'asc' } }),
    p.auditEvent.findMany({
      where: { decisionId: d.id },
      orderBy: { scopeSeq: 'asc' },
      select: { action: true, subjectType: true, subjectId: true, actorUserId: true, at: true, data: true },
    }),
    p.notice.findMany({ where: { decisionId: d.id }, orderBy: { id: 'asc' } }),
    p.mailMessage.findMany({
      where: { decisionId: d.id },
      orderBy: { id: 'asc' },
      omit: { messageId: true },
    }),
  ]);
  const text = JSON.stringify({ taskRows, records, events, notices, mail });
  return JSON.parse(text.replaceAll(d.number, 'JC-N').replaceAll(d.id, 'D')) as Record<string, unknown[]>;
}

describe('one home for a task opening and completing (records/task-rows.ts)', () => {
  it('writes the same rows, audit events and notices through the single activities and through a transition, once each', async () => {
    const single = createTaskActivities(db.prisma);
    const transition = createTransitionActivities({
      prisma: db.prisma,
      calendar: db.calendar,
      config: DEFAULT_ESCALATION_CONFIG,
    });
    const completion = { actor: drafter, payload: { note: '已报送' }, completedAt: '2026-03-03T02:00:00.000Z' };

    // The single activities, one write each (a workflow started before the transition).
    const a = await decision(1);
    const ta = tasks(a.number);
    const singleRun = async () => {
      await single.openTask({ decisionId: a.id, task: ta.draft });
      await single.openTask({ decisionId: a.id, task: ta.revise });
      await single.recordTaskCompletion({ decisionId: a.id, task: ta.draft, ...completion });
      await single.openTask({ decisionId: a.id, task: ta.approve });
    };
    await singleRun();

    // One transition opens two tasks; the next completes one and opens the third.
    const b = await decision(2);
    const tb = tasks(b.number);
    const first: TransitionWrite[] = [
      { op: 'open', decisionId: b.id, task: tb.draft },
      { op: 'open', decisionId: b.id, task: tb.revise },
    ];
    const second: TransitionWrite[] = [
      { op: 'complete', decisionId: b.id, task: tb.draft, ...completion },
      { op: 'open', decisionId: b.id, task: tb.approve },
    ];
    const transitionRun = async () => {
      await transition.recordTransition({ writes: first });
      await transition.recordTransition({ writes: second });
    };
    await transitionRun();

    const left = await written(a);
    const right = await written(b);
    expect(right).toEqual(left);
    // Not equal by being empty: the task done with its stage record, two open, and their people told.
    expect(left.taskRows.map((t) => (t as { status: string }).status)).toEqual(['open', 'done', 'open']);
    expect(left.records).toHaveLength(1);
    expect(left.events).toHaveLength(4);
    const actions = (left.notices as Array<{ action: string; userId: string }>).map((n) => `${n.action} ${n.userId}`);
    expect(actions).toContain('progress.task_assigned user-head.jtysj');
    expect(actions).toContain('progress.draft_returned user-drafter.jtysj');
    expect(left.mail.length).toBeGreaterThan(0);

    // A retry (a local activity run again after its transaction committed) writes nothing more.
    await singleRun();
    await transitionRun();
    expect(await written(a)).toEqual(left);
    expect(await written(b)).toEqual(right);
    for (const d of [a, b]) expect((await verifyAuditChain(db.prisma, { scope: `decision:${d.id}` })).ok).toBe(true);
  });

  it('opens and completes a review task (no decision) the same way through both paths', async () => {
    const single = createTaskActivities(db.prisma);
    const transition = createTransitionActivities({
      prisma: db.prisma,
      calendar: db.calendar,
      config: DEFAULT_ESCALATION_CONFIG,
    });
    const review = (id: string): TaskView => ({
      id: `${id}:review-1`,
      workflowId: id,
      kind: 'review_legality',
      stage: 'legality_review',
      role: 'reviewer',
      assigneeUserId: 'user-reviewer01',
      openedAt: '2026-03-02T01:00:00.000Z',
      overdue: false,
      status: 'open',
      context: {},
    });
    const completion = { actor: drafter, payload: { outcome: 'lawful' }, completedAt: '2026-03-04T02:00:00.000Z' };
    await single.openTask({ reviewId: 'GF-2026-0101', task: review('GF-2026-0101') });
    await single.recordTaskCompletion({ reviewId: 'GF-2026-0101', task: review('GF-2026-0101'), ...completion });
    await transition.recordTransition({
      writes: [{ op: 'open', reviewId: 'GF-2026-0102', task: review('GF-2026-0102') }],
    });
    await transition.recordTransition({
      writes: [{ op: 'complete', reviewId: 'GF-2026-0102', task: review('GF-2026-0102'), ...completion }],
    });

    const rows = async (id: string) => {
      const [task, events, notices] = await Promise.all([
        db.prisma.task.findUniqueOrThrow({ where: { id: `${id}:review-1` } }),
        db.prisma.auditEvent.findMany({
          where: { subjectId: `${id}:review-1` },
          orderBy: { seq: 'asc' },
          select: { action: true, decisionId: true, data: true },
        }),
        db.prisma.notice.findMany({ where: { reviewId: id }, select: { userId: true, action: true, titleZh: true } }),
      ]);
      return JSON.parse(JSON.stringify({ task, events, notices }).replaceAll(id, 'GF-N'));
    };
    const left = await rows('GF-2026-0101');
    expect(await rows('GF-2026-0102')).toEqual(left);
    expect(left.task).toMatchObject({
      status: 'done',
      decisionId: null,
      reviewId: 'GF-N',
      completedById: drafter.userId,
    });
    expect(left.events.map((e: { action: string }) => e.action)).toEqual([
      'task.opened',
      'task.completed.review_legality',
    ]);
    expect(left.notices).toEqual([
      { userId: 'user-reviewer01', action: 'progress.task_assigned', titleZh: expect.stringContaining('合法性审查') },
    ]);
    expect(await db.prisma.stageRecord.count({ where: { taskId: { startsWith: 'GF-2026-01' } } })).toBe(0);
  });
});
