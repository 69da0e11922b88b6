import { describe, expect, it } from 'vitest';
import { AppError } from '../../api/errors.js';
import { completeTaskService } from '../../api/services/complete-task.js';
import { reviewWorkflowId } from '../../domain/messages.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { payloads } from '../support/procedure-driver.js';
import { Steps, eventually, expectRule, expectStatus } from './steps.js';
import { verifyAuditChain } from '../../records/audit-verify.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

const drafter = 'drafter.jtysj';

describe('withdrawal', () => {
  it('by the drafter during legality review cancels the open tasks of the decision and of its review, and is audited', async () => {
    const d = await s.toReview();
    const review = await s.drive.task(d.id, 'review_legality');
    const state = await s.drive.withdraw(d.id, drafter, '上级政策调整，暂不推进');
    expect(state.status).toBe('withdrawn');
    expect(state.withdrawal).toMatchObject({ reason: '上级政策调整，暂不推进', by: 'user-drafter.jtysj' });

    const row = await eventually(async () => {
      const r = await s.decision(d.id);
      return r.status === 'withdrawn' && r;
    }, 'decision withdrawn');
    expect(row.status).toBe('withdrawn');
    const withdrawn = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { decisionId: d.id, action: 'decision.withdrawn' },
    });
    expect(withdrawn).toMatchObject({
      actorUserId: 'user-drafter.jtysj',
      actorRole: 'drafter',
      actorDepartmentId: 'dept-jtysj',
    });
    expect(withdrawn.data).toMatchObject({ reason: '上级政策调整，暂不推进' });

    const child = h.ctx.temporal.workflow.getHandle(reviewWorkflowId(d.number, 1));
    const childStatus = await eventually(async () => {
      const status = (await child.describe()).status.name;
      return status !== 'RUNNING' && status;
    }, 'the review workflow to end');
    expect(childStatus).toBe('CANCELLED');
    const stillOpen = await eventually(
      async () => (await s.openTasks(d.id)).length === 0 && 'none',
      'the open tasks to close',
      5_000,
    ).catch(async () => (await s.openTasks(d.id)).map((t) => `${t.kind} (${t.workflowId}) ${t.status}`));
    expect(stillOpen).toBe('none');
    expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: review.id } })).status).toBe('cancelled');
  });

  it('during stages 1-3 cancels every open task of the decision', async () => {
    const d = await s.drive.launchWithDraft();
    await s.drive.task(d.id, 'open_comment_period');
    await s.drive.task(d.id, 'record_expert_opinions');
    await s.drive.task(d.id, 'submit_risk_assessment');
    const state = await s.drive.withdraw(d.id, drafter, '情况变化');
    expect(state.status).toBe('withdrawn');
    expect(state.tasks).toEqual([]);
    // The update answers once the workflow let go of its tasks; the read model follows from the cancelling activity.
    await eventually(async () => (await s.openTasks(d.id)).length === 0, 'the task rows to be cancelled', 5_000).catch(
      () => undefined,
    );
    const tasks = await s.tasks(d.id);
    expect(
      tasks
        .filter((t) => t.kind !== 'submit_draft')
        .map((t) => [t.kind, t.status])
        .sort(),
    ).toEqual([
      ['open_comment_period', 'cancelled'],
      ['record_expert_opinions', 'cancelled'],
      ['submit_risk_assessment', 'cancelled'],
    ]);
    expect(await h.db.prisma.auditEvent.count({ where: { decisionId: d.id, action: 'task.cancelled' } })).toBe(3);
  });

  it('is refused to another department’s drafter and a secretary (404: not theirs to see) and without a reason', async () => {
    const d = await s.drive.launchWithDraft();
    // Neither reads the decision in progress (access policy): for them it does not exist.
    await expectStatus(s.drive.withdraw(d.id, 'drafter.fgw', '不想办了'), 404);
    await expectStatus(s.drive.withdraw(d.id, 'secretary1', '不想办了'), 404);
    await expectRule(s.drive.withdraw(d.id, drafter, '  '), 'WITHDRAW_REASON');
    expect((await s.workflowState(d.id)).status).toBe('active');
    expect(await h.db.prisma.auditEvent.count({ where: { decisionId: d.id, action: 'decision.withdrawn' } })).toBe(0);
  });

  it('is refused once the meeting approved the decision (R31)', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(d.id);
    const publish = await s.drive.task(d.id, 'publish_decision');
    const err = await expectRule(s.drive.withdraw(d.id, drafter, '改变主意'), 'R31');
    expect(err.messageKey).toBe('r31.already_decided');
    expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: publish.id } })).status).toBe('open');
    expect((await s.decision(d.id)).status).toBe('active');
  });
});

describe('R38 the audit trail', () => {
  it('records every completion with the actor’s id, role and department, in the order they happened', async () => {
    const d = await s.toApproval();
    await s.drive.complete(d.id, 'approve_submission', 'head.jtysj', payloads.approve_submission());
    await s.drive.task(d.id, 'report_to_party_committee');
    const completions = (await s.audit(d.id)).filter((e) => e.action.startsWith('task.completed.'));
    expect(completions.map((e) => [e.action, e.actorUserId, e.actorRole, e.actorDepartmentId])).toEqual([
      ['task.completed.submit_draft', 'user-drafter.jtysj', 'drafter', 'dept-jtysj'],
      ['task.completed.submit_for_legality_review', 'user-drafter.jtysj', 'drafter', 'dept-jtysj'],
      ['task.completed.review_legality', expect.stringMatching(/^user-reviewer\d\d$/), 'reviewer', 'dept-sfj'],
      ['task.completed.approve_submission', 'user-head.jtysj', 'dept_head', 'dept-jtysj'],
    ]);
    const tasks = await s.tasks(d.id);
    for (const e of completions) expect(tasks.find((t) => t.id === e.subjectId)?.status).toBe('done');
    const ats = completions.map((e) => e.at.getTime());
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
  });

  it('chains every event of a decision to the one before it, and every hash recomputes from the stored rows', async () => {
    const d = await s.drive.launchWithDraft();
    const all = await h.db.prisma.auditEvent.findMany({
      where: { scope: `decision:${d.id}` },
      orderBy: { seq: 'asc' },
      select: { seq: true, prevHash: true, hash: true },
    });
    expect(all.length).toBeGreaterThan(10);
    all.slice(1).forEach((e, i) => expect(e.prevHash, `event ${e.seq}`).toBe(all[i].hash));
    expect((await verifyAuditChain(h.db.prisma)).firstBreak).toBeNull();
  });

  it('writes a retried completion with the same idempotency key once', async () => {
    const d = await s.drive.launchWithDraft();
    const t = await s.drive.task(d.id, 'record_expert_opinions');
    const user = await h.user(drafter);
    const key = `retry-${t.id}`;
    const first = await completeTaskService(h.ctx, user, t.id, payloads.record_expert_opinions(), key);
    expect(first.task.status).toBe('done');
    await completeTaskService(h.ctx, user, t.id, payloads.record_expert_opinions(), key).catch(() => undefined);
    expect(
      await h.db.prisma.auditEvent.count({
        where: { subjectId: t.id, action: 'task.completed.record_expert_opinions' },
      }),
    ).toBe(1);
    expect(await h.db.prisma.stageRecord.count({ where: { taskId: t.id } })).toBe(1);
  });

  it('writes concurrent completions with the same idempotency key once, both answered alike', async () => {
    const d = await s.drive.launchWithDraft();
    const t = await s.drive.task(d.id, 'submit_risk_assessment');
    const user = await h.user(drafter);
    const key = `double-click-${t.id}`;
    const [a, b] = await Promise.all([
      completeTaskService(h.ctx, user, t.id, payloads.submit_risk_assessment(), key),
      completeTaskService(h.ctx, user, t.id, payloads.submit_risk_assessment(), key),
    ]);
    expect(a.task.id).toBe(t.id);
    expect(b.task).toEqual(a.task);
    expect(
      await h.db.prisma.auditEvent.count({
        where: { subjectId: t.id, action: 'task.completed.submit_risk_assessment' },
      }),
    ).toBe(1);
  });

  it('answers a retry after success with the first answer, not as a completion of a closed task', async () => {
    const d = await s.drive.launchWithDraft();
    const t = await s.drive.task(d.id, 'open_comment_period');
    const user = await h.user(drafter);
    const key = `retry-after-success-${t.id}`;
    const first = await completeTaskService(h.ctx, user, t.id, payloads.open_comment_period(), key);
    const retry = await completeTaskService(h.ctx, user, t.id, payloads.open_comment_period(), key).catch(
      (e: unknown) => (e instanceof AppError ? e.toJSON() : e),
    );
    expect(retry).toMatchObject({ task: first.task });
  });
});

describe('who may complete a task', () => {
  it('refuses a person without the task’s role (403) or who may not see the decision (404), writing nothing', async () => {
    const d = await s.drive.launch();
    const t = await s.drive.task(d.id, 'submit_draft');
    const draft = await s.drive.upload(drafter, d.id, 'draft');
    const explanation = await s.drive.upload(drafter, d.id, 'explanation');
    const payload = payloads.submit_draft({ draft: draft.id, explanation: explanation.id });
    // The head reads the task but lacks its role (403); the others may not read the decision, so the task does not exist for them (404).
    await expectStatus(completeTaskService(h.ctx, await h.user('head.jtysj'), t.id, payload), 403);
    for (const who of ['secretary1', 'reviewer01', 'drafter.fgw'])
      await expectStatus(completeTaskService(h.ctx, await h.user(who), t.id, payload), 404);
    expect(
      await h.db.prisma.auditEvent.count({ where: { subjectId: t.id, action: { startsWith: 'task.completed' } } }),
    ).toBe(0);
    await completeTaskService(h.ctx, await h.user(drafter), t.id, payload);
  });

  it('refuses a reviewer other than the one assigned (404) and the director (403)', async () => {
    const d = await s.toReview();
    const review = await s.drive.task(d.id, 'review_legality');
    const other = review.assigneeUserId === 'user-reviewer02' ? 'reviewer03' : 'reviewer02';
    await expectStatus(completeTaskService(h.ctx, await h.user(other), review.id, payloads.review_legality()), 404); // not their review (access policy)
    await expectStatus(
      completeTaskService(h.ctx, await h.user('director'), review.id, payloads.review_legality()),
      403,
    );
    expect((await h.db.prisma.task.findUniqueOrThrow({ where: { id: review.id } })).status).toBe('open');
  });

  it('refuses to complete a task that is already closed (409 TASK_CLOSED)', async () => {
    const d = await s.toSubmission();
    const submitted = (await s.tasks(d.id, 'submit_draft'))[0];
    expect(submitted.status).toBe('done');
    const err = await expectRule(
      completeTaskService(h.ctx, await h.user(drafter), submitted.id, submitted.result),
      'TASK_CLOSED',
    );
    expect(err.toJSON()).toMatchObject({ error: 'rule_violation', rule: 'TASK_CLOSED' });
    expect(
      await h.db.prisma.auditEvent.count({ where: { subjectId: submitted.id, action: 'task.completed.submit_draft' } }),
    ).toBe(1);
  });
});
