import { describe, expect, it } from 'vitest';
import { implementationOverview, suspendImplementationService } from '../../api/services/archive.js';
import { evaluationState, evaluationWorkflowId } from '../../domain/messages.js';
import { payloads } from '../support/procedure-driver.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { Steps, eventually, expectRule } from './steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

/** A decision approved, published, its implementing unit named and archived: the evaluation workflow runs. */
async function implementing() {
  const d = await s.toMeeting();
  await s.drive.decideAtMeeting(d.id);
  await s.drive.complete(d.id, 'publish_decision', 'secretary1', payloads.publish_decision());
  await s.drive.complete(d.id, 'name_implementing_unit', 'secretary1', payloads.name_implementing_unit());
  await s.drive.complete(d.id, 'archive_decision', 'secretary1', payloads.archive_decision());
  return d;
}

const REASON = '票价调整引发大面积停运风险，情况紧急';

describe('R31 (Decree 713 Art. 37): the chief executive’s emergency suspension of implementation', () => {
  it('only the mayor on the executive roster may suspend; the decision is suspended, audited, and an evaluation decides to resume', async () => {
    const d = await implementing();
    const evaluation = h.ctx.temporal.workflow.getHandle(evaluationWorkflowId(d.number));

    // A vice mayor is a government leader but not the chief executive: refused, nothing recorded.
    const vice = await expectRule(suspendImplementationService(h.ctx, await h.user('vicemayor3'), d.id, REASON), 'R31');
    expect(vice.messageKey).toBe('r31.not_chief_executive');
    expect(
      await h.db.prisma.auditEvent.count({ where: { decisionId: d.id, action: 'implementation.emergency_suspended' } }),
    ).toBe(0);
    expect((await evaluation.query(evaluationState)).status).toBe('implementing');

    const mayor = await h.user('mayor');
    expect(await suspendImplementationService(h.ctx, mayor, d.id, REASON)).toEqual({
      suspended: true,
      evaluationRequested: true,
    });
    expect((await h.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('suspended');
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { decisionId: d.id, action: 'implementation.emergency_suspended' },
    });
    expect(audit).toMatchObject({ actorUserId: mayor.id, actorRole: 'leader' });
    expect(audit.data).toMatchObject({ rule: 'R31', reason: REASON });

    // Already suspended: a second suspension is refused by the workflow.
    const again = await expectRule(suspendImplementationService(h.ctx, mayor, d.id, REASON), 'R31');
    expect(again.messageKey).toBe('r31.not_implementing');

    // The procedure to resume or adjust: an evaluation is opened with the emergency as its trigger; "continue" resumes.
    const task = await eventually(
      () => h.db.prisma.task.findFirst({ where: { decisionId: d.id, kind: 'evaluate_decision', status: 'open' } }),
      'the evaluation',
    );
    expect(task.context).toMatchObject({ trigger: 'emergency_suspension', reason: REASON });
    await s.drive.complete(d.id, 'evaluate_decision', 'secretary1', {
      evaluator: { name: '市法学会', thirdParty: true },
      publicHeard: '座谈会',
      findings: '风险已排除，可恢复执行',
      result: 'continue',
    });
    await eventually(
      async () => (await evaluation.query(evaluationState)).status === 'implementing',
      'implementation resumed',
    );
    expect((await h.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('closed');
    const overview = await implementationOverview(h.ctx, await h.user('secretary1'), d.id);
    expect(overview.evaluations).toHaveLength(1);
  });
});
