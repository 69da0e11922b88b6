import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../records/audit-verify.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { payloads } from '../support/procedure-driver.js';
import { Steps } from './steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

/** The Temporal history of a decision from its last accepted update (a person's step) on. */
async function lastStep(workflowId: string) {
  const events = (await h.env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const accepted = events.map((e) => Boolean(e.workflowExecutionUpdateAcceptedEventAttributes)).lastIndexOf(true);
  return events.slice(accepted);
}

describe('issue 13: one record activity per transition', () => {
  it('writes submit_draft, the stages moving on and the three next tasks with their due times in one local activity', async () => {
    const d = await s.drive.launch('drafter.jtysj');
    const draft = await s.drive.upload('drafter.jtysj', d.id, 'draft');
    const explanation = await s.drive.upload('drafter.jtysj', d.id, 'explanation');
    const task = await s.drive.task(d.id, 'submit_draft');
    const auditBefore = await h.db.prisma.auditEvent.count({ where: { decisionId: d.id } });

    const answer = await s.drive.complete(
      d.id,
      'submit_draft',
      'drafter.jtysj',
      payloads.submit_draft({ draft: draft.id, explanation: explanation.id }),
    );

    // The answer already shows the next step: three tasks, each with its due time.
    const next = ['open_comment_period', 'record_expert_opinions', 'submit_risk_assessment'];
    expect(answer.openTasks.map((t) => t.kind).sort()).toEqual(next);
    for (const t of answer.openTasks) expect(t.due?.dueAt).toMatch(/^\d{4}-/);

    // Temporal: no activity scheduled on the server, one local activity, one upsert of Yifa's search attributes.
    const step = await lastStep(d.number);
    expect(step.some((e) => e.workflowExecutionUpdateCompletedEventAttributes)).toBe(true);
    const markers = step.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    expect(step.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(0);
    expect(markers).toHaveLength(1);
    // (A patch the stages check for the first time adds the SDK's own TemporalChangeVersion upsert.)
    const yifaUpserts = step.filter((e) =>
      Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).some((k) =>
        k.startsWith('Yifa'),
      ),
    );
    expect(yifaUpserts).toHaveLength(1);

    // The read model: the task done with its stage record, the three next tasks open with the due the workflow has.
    const done = await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(done.status).toBe('done');
    expect(await h.db.prisma.stageRecord.count({ where: { taskId: task.id } })).toBe(1);
    const open = await h.db.prisma.task.findMany({ where: { decisionId: d.id, status: 'open' } });
    expect(open.map((t) => t.kind).sort()).toEqual(next);
    for (const t of open) expect(t.dueAt?.toISOString()).toBe(answer.openTasks.find((o) => o.id === t.id)?.due?.dueAt);
    const decision = await h.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } });
    expect(decision.stage).toBe('public_participation');

    // Every audit event as the single activities wrote them, in the order the workflow made them, one chain.
    const events = await h.db.prisma.auditEvent.findMany({
      where: { decisionId: d.id },
      orderBy: { seq: 'asc' },
      skip: auditBefore,
      select: { action: true, subjectId: true, data: true },
    });
    expect(events.map((e) => e.action)).toEqual([
      'task.completed.submit_draft',
      'procedure.stage:launch:done',
      'procedure.stage:public_participation:in_progress',
      'procedure.stage:expert_argumentation:in_progress',
      'procedure.stage:risk_assessment:in_progress',
      'task.opened',
      'task.opened',
      'task.opened',
    ]);
    for (const e of events.filter((x) => x.action === 'task.opened')) {
      const row = open.find((t) => t.id === e.subjectId);
      expect((e.data as { due: { dueAt: string } }).due.dueAt).toBe(row?.dueAt?.toISOString());
    }
    expect((await verifyAuditChain(h.db.prisma, { scope: `decision:${d.id}` })).ok).toBe(true);
  });
});
