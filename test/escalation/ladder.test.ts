import { describe, expect, it } from 'vitest';
import { workflowIdle } from '../support/workflow-idle.js';
import { flushOutbox, type OutgoingMail } from '../../activities/mail.js';
import { grantExtension } from '../../api/services/supervision-extension.js';
import { letterRegister } from '../../api/services/supervision-letters.js';
import { listOverdue } from '../../api/services/supervision-overdue.js';
import { departmentId, userId } from '../../prisma/seed.js';
import type { Harness } from '../support/temporal.js';
import { expectFiredAsPlanned, useEscalationHarness, type EscalationHarness } from '../support/escalation-harness.js';
import { type ProcedureDriver, payloads } from '../support/procedure-driver.js';
import { eventually, skipStages1to3 } from '../workflows/steps.js';

let h: Harness;
let drive: ProcedureDriver;
let steps: EscalationHarness['steps'];
let fired: EscalationHarness['fired'];
// The draft is due 9 working days after launch: launched Monday 16 Sep 2030, due Friday 27 Sep.
useEscalationHarness({ submitDraftWorkingDays: 9 }, (e) => ({ h, drive, steps, fired } = e));

async function launchSubmitDraft() {
  const d = await drive.launch('drafter.jtysj', skipStages1to3);
  const task = await drive.task(d.id, 'submit_draft');
  return { d, task };
}

describe('R35: the escalation ladder on durable timers', () => {
  it('walks a task through the whole ladder across National Day and its make-up Sunday, each step at its calendar time', async () => {
    await h.skipPast('2030-09-16T02:00:00Z', 0); // Monday 10:00 Beijing time
    const { d, task } = await launchSubmitDraft();
    expect(task.dueAt!.toISOString()).toBe('2030-09-27T10:00:00.000Z');

    await h.skipPast('2030-09-25T09:00:00Z', 0);
    expect(await steps(task.id)).toHaveLength(0);
    await h.skipPast('2030-09-25T10:00:00Z');
    await fired(task.id, 1);
    await h.skipPast('2030-09-27T10:00:00Z');
    await fired(task.id, 2);
    // A calendar blind to the holiday would send the 督办函 on 2 Oct; R32's calendar waits until 8 Oct.
    await h.skipPast('2030-10-07T12:00:00Z');
    expect(await steps(task.id)).toHaveLength(2);
    await h.skipPast('2030-10-08T10:00:00Z');
    await fired(task.id, 3);
    await h.skipPast('2030-10-10T10:00:00Z');
    const all = await fired(task.id, 4);

    expect(all.map((s) => [s.stepId, s.plannedAt.toISOString()])).toEqual([
      ['reminder', '2030-09-25T10:00:00.000Z'],
      ['reminder-letter', '2030-09-27T10:00:00.000Z'],
      ['supervision-letter', '2030-10-08T10:00:00.000Z'],
      ['assessment', '2030-10-10T10:00:00.000Z'],
    ]);
    // Each fired on its timer: the workflow clock at firing is on the planned day, never before the planned time.
    expectFiredAsPlanned(all);

    const letters = await h.db.prisma.escalationLetter.findMany({
      where: { taskId: task.id },
      orderBy: { issuedAt: 'asc' },
    });
    expect(letters.map((l) => [l.kind, l.number, l.departmentId])).toEqual([
      ['reminder_letter', '依法提〔2030〕1号', departmentId('jtysj')],
      ['supervision_letter', '依法督〔2030〕1号', departmentId('jtysj')],
    ]);
    const docs = await h.db.prisma.document.findMany({
      where: { decisionId: d.id, kind: { in: ['reminder_letter', 'supervision_letter'] } },
    });
    expect(docs).toHaveLength(2);

    // Notices: the assignee is reminded; R36: the 督办函 reaches the department head and the principal leader.
    const dept = await h.db.prisma.department.findUniqueOrThrow({ where: { id: departmentId('jtysj') } });
    const notices = await h.db.prisma.notice.findMany({ where: { taskId: task.id } });
    expect(notices.filter((n) => n.action === 'reminder').map((n) => n.userId)).toEqual([userId('drafter.jtysj')]);
    expect(notices.filter((n) => n.action === 'supervision_letter').map((n) => n.userId)).toEqual(
      expect.arrayContaining([userId('head.jtysj'), dept.principalLeaderId, userId('supervisor1')]),
    );
    // R36: the 提示函 too reaches the principal leader (double notification for both letters).
    expect(notices.filter((n) => n.action === 'reminder_letter').map((n) => n.userId)).toEqual(
      expect.arrayContaining([userId('head.jtysj'), dept.principalLeaderId]),
    );
    // No SMTP server in this harness: the mail waits in the outbox, one row per step and recipient.
    const mails = await h.db.prisma.mailMessage.findMany({
      where: { decisionId: d.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(mails.every((m) => m.state === 'queued')).toBe(true);
    expect(
      mails
        .filter((m) => m.letterId === letters[1].id)
        .map((m) => m.recipientRole)
        .sort(),
    ).toEqual(['department', 'principal_leader', 'supervisors', 'supervisors']);
    expect(
      mails
        .filter((m) => m.letterId === letters[0].id)
        .map((m) => m.recipientRole)
        .sort(),
    ).toEqual(['assignee_leader', 'department', 'principal_leader']);

    const ledger = await h.db.prisma.assessmentEntry.findMany({ where: { taskId: task.id } });
    expect(ledger).toMatchObject([
      { departmentId: departmentId('jtysj'), year: 2030, workingDaysOverdue: 5, lettersReceived: 2 },
    ]);
    const audit = await h.db.prisma.auditEvent.findMany({
      where: { subjectId: task.id, action: { startsWith: 'escalation.' } },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual([
      'escalation.reminder',
      'escalation.reminder_letter',
      'escalation.supervision_letter',
      'escalation.assessment',
    ]);

    // The office's views: overdue across the government with days overdue, and the register's counts.
    const overdue = await listOverdue(
      h.ctx,
      { departmentId: departmentId('jtysj'), minWorkingDaysOverdue: 5 },
      await h.now(),
    );
    expect(overdue.items.find((i) => i.taskId === task.id)).toMatchObject({
      stage: 'launch',
      workingDaysOverdue: 5,
      letters: { reminder_letter: 1, supervision_letter: 1 },
    });
    const register = await letterRegister(h.ctx, await h.user('supervisor1'), { year: 2030 });
    expect(register.totals).toEqual({ reminder_letter: 1, supervision_letter: 1 });
    expect(register.breakdown).toEqual(
      expect.arrayContaining([
        { year: 2030, kind: 'supervision_letter', departmentId: departmentId('jtysj'), count: 1 },
      ]),
    );
  });

  it('stops the ladder when the task is completed midway: nothing after the completion fires', async () => {
    // Launched Monday 14 Oct 2030 10:00 Beijing time (after the first test's clock). Counted by hand on the loaded 2030
    // notice (no holiday after 7 Oct; the make-up Saturday 12 Oct is before the launch): the draft is due 9 working days
    // later, 15,16,17,18,21,22,23,24,25 Oct → Fri 25 Oct 18:00; the ladder's reminder letter at the due, the assessment
    // 5 working days after it: 28,29,30,31 Oct, 1 Nov → Fri 1 Nov 18:00.
    await h.skipPast('2030-10-14T02:00:00Z', 0);
    const { d, task } = await launchSubmitDraft();
    expect(task.dueAt!.toISOString()).toBe('2030-10-25T10:00:00.000Z');
    const plan = [
      { fireAt: '2030-10-23T10:00:00.000Z' },
      { fireAt: '2030-10-25T10:00:00.000Z' },
      { fireAt: '2030-10-30T10:00:00.000Z' },
      { fireAt: '2030-11-01T10:00:00.000Z' },
    ];
    await h.skipPast(plan[1].fireAt);
    await fired(task.id, 2);
    const draft = await drive.upload('drafter.jtysj', d.id, 'draft');
    const explanation = await drive.upload('drafter.jtysj', d.id, 'explanation');
    await drive.complete(
      d.id,
      'submit_draft',
      'drafter.jtysj',
      payloads.submit_draft({ draft: draft.id, explanation: explanation.id }),
    );
    await h.skipPast(plan[3].fireAt, 86_400_000);
    await workflowIdle(h.ctx.temporal, task.workflowId);
    expect((await steps(task.id)).map((s) => s.stepId)).toEqual(['reminder', 'reminder-letter']);
    expect(await h.db.prisma.escalationLetter.count({ where: { taskId: task.id, kind: 'supervision_letter' } })).toBe(
      0,
    );
  });

  it('moves the ladder with an extension granted by the office with a reason (R34): the old times pass silently, the new ones fire', async () => {
    // Launched Monday 4 Nov 2030 10:00 (after the previous test's clock); counted by hand on the loaded 2030 notice (no
    // holiday in November): due 9 working days later, 5,6,7,8,11,12,13,14,15 Nov → Fri 15 Nov 18:00; the reminder letter
    // then, the 督办函 3 working days after it: 18,19,20 Nov → Wed 20 Nov 18:00.
    await h.skipPast('2030-11-04T02:00:00Z', 0);
    const { task } = await launchSubmitDraft();
    expect(task.dueAt!.toISOString()).toBe('2030-11-15T10:00:00.000Z');
    const oldPlan = [
      { fireAt: '2030-11-13T10:00:00.000Z' },
      { fireAt: '2030-11-15T10:00:00.000Z' },
      { fireAt: '2030-11-20T10:00:00.000Z' },
    ];
    await h.skipPast(oldPlan[1].fireAt);
    await fired(task.id, 2);

    await expect(
      grantExtension(h.ctx, await h.user('drafter.jtysj'), task.id, { workingDays: 5, reason: '需补充调研' }),
    ).rejects.toMatchObject({ status: 403 });
    const ext = await grantExtension(h.ctx, await h.user('supervisor1'), task.id, {
      workingDays: 5,
      reason: '涉及跨部门协调，经研究同意延期5个工作日',
    });
    expect(ext.signalled).toBe(true);
    const moved = await eventually(async () => {
      const t = await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
      return t.dueAt!.getTime() !== task.dueAt!.getTime() ? t : null;
    }, 'the moved due time');
    expect(moved.dueAt!.toISOString()).toBe(ext.newDueAt);
    expect(moved.dueRule).toBe('R34');
    // Extended 5 working days from the due: 18,19,20,21,22 Nov → Fri 22 Nov 18:00. The new ladder: reminder 2 working
    // days before (Wed 20 Nov), reminder letter at the due, 督办函 3 working days after (25,26,27 → Wed 27 Nov).
    expect(ext.newDueAt).toBe('2030-11-22T10:00:00.000Z');
    const newPlan = [
      { id: 'reminder', fireAt: '2030-11-20T10:00:00.000Z' },
      { id: 'reminder-letter', fireAt: '2030-11-22T10:00:00.000Z' },
      { id: 'supervision-letter', fireAt: '2030-11-27T10:00:00.000Z' },
    ];

    await h.skipPast(oldPlan[2].fireAt);
    await workflowIdle(h.ctx.temporal, task.workflowId);
    expect(await h.db.prisma.escalationLetter.count({ where: { taskId: task.id, kind: 'supervision_letter' } })).toBe(
      0,
    );

    await h.skipPast(newPlan[2].fireAt);
    const after = await fired(task.id, 5);
    const round1 = after.filter((s) => s.round === 1);
    expect(round1.map((s) => [s.stepId, s.plannedAt.toISOString()])).toEqual(
      newPlan.slice(0, 3).map((p) => [p.id, p.fireAt]),
    );
    const letters = await h.db.prisma.escalationLetter.findMany({
      where: { taskId: task.id },
      orderBy: { issuedAt: 'asc' },
    });
    expect(letters.map((l) => [l.kind, l.dueAt.toISOString()])).toEqual([
      ['reminder_letter', task.dueAt!.toISOString()],
      ['reminder_letter', ext.newDueAt],
      ['supervision_letter', ext.newDueAt],
    ]);
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { subjectId: task.id, action: 'task.extended' },
    });
    expect(audit).toMatchObject({ actorUserId: userId('supervisor1'), actorRole: 'supervisor' });
  });

  it('keeps mail queued in the outbox while no SMTP server is configured, and sends each once when one is', async () => {
    const queued = await h.db.prisma.mailMessage.count({ where: { state: 'queued' } });
    expect(queued).toBeGreaterThan(0);
    const sent: OutgoingMail[] = [];
    const mailer = { from: 'yifa@yifa.example', send: async (m: OutgoingMail) => void sent.push(m) };
    expect(await flushOutbox(h.db.prisma, mailer)).toBe(queued);
    expect(await flushOutbox(h.db.prisma, mailer)).toBe(0);
    expect(sent).toHaveLength(queued);
    expect(new Set(sent.map((m) => m.messageId)).size).toBe(queued);
    expect(
      sent.filter((m) => m.subject.includes('督办函')).every((m) => m.attachments[0]?.filename.endsWith('.docx')),
    ).toBe(true);
    expect(await h.db.prisma.mailMessage.count({ where: { state: 'queued' } })).toBe(0);
  });
});
