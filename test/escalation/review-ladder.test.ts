import { describe, expect, it } from 'vitest';
import { workflowIdle } from '../support/workflow-idle.js';
import { flushOutbox, type OutgoingMail } from '../../activities/mail.js';
import { getReview } from '../../api/services/review-read.js';
import { submitForReview } from '../../api/services/review-submit.js';
import { grantExtension } from '../../api/services/supervision-extension.js';
import { assessmentLedger, ledgerCsv } from '../../api/services/supervision-ledger.js';
import { downloadLetter, letterRegister } from '../../api/services/supervision-letters.js';
import { listOverdue } from '../../api/services/supervision-overdue.js';
import type { SubmitForReview } from '../../domain/review/submission.js';
import { departmentId } from '../../prisma/seed.js';
import { docxContent } from '../support/docx.js';
import type { ProcedureDriver } from '../support/procedure-driver.js';
import type { Harness } from '../support/temporal.js';
import { expectFiredAsPlanned, useEscalationHarness, type EscalationHarness } from '../support/escalation-harness.js';
import { eventually, skipStages1to3 } from '../workflows/steps.js';

let h: Harness;
let drive: ProcedureDriver;
let steps: EscalationHarness['steps'];
let fired: EscalationHarness['fired'];
useEscalationHarness({ submitDraftWorkingDays: 9 }, (e) => ({ h, drive, steps, fired } = e));

const file = (name: string, text: string) => ({
  fileName: name,
  mimeType: 'text/plain',
  contentBase64: Buffer.from(text).toString('base64'),
});
const submitNormative = async (title: string) =>
  submitForReview(h.ctx, await h.user('drafter.scjgj'), {
    kind: 'normative_document',
    title,
    draft: file('办法.txt', '第一条 为规范户外广告设置管理，制定本办法。'),
    explanation: file('起草说明.txt', '起草说明'),
    legalBasis: ['《中华人民共和国行政许可法》'],
    consultationSummary: '已公开征求意见30日。',
  } as SubmitForReview);
const reviewTask = (reviewId: string) =>
  eventually(
    () =>
      h.db.prisma.task.findFirst({
        where: { reviewId, kind: 'review_legality', status: 'open', assigneeUserId: { not: null } },
      }),
    `review_legality on ${reviewId}`,
  );

describe('R35–R37, R40: legality reviews of normative documents climb the same ladder', () => {
  it('sends the submitting department a 提示函 and a 督办函 numbered in the yearly sequence shared with decisions, lists them in the register and on the review, and enters the ledger', async () => {
    await h.skipPast('2030-09-16T02:00:00Z', 0); // Monday 10:00 Beijing time
    // A decision's draft falls due on Friday 27 Sep, after the review's task: its letters take the next numbers.
    const d = await drive.launch('drafter.jtysj', skipStages1to3);
    const draft = await drive.task(d.id, 'submit_draft');
    const { id } = await submitNormative('某市户外广告设置管理办法');
    const task = await reviewTask(id);
    expect(task.departmentId).toBeNull();
    const reviewer = await h.db.prisma.user.findUniqueOrThrow({ where: { id: task.assigneeUserId! } });
    // Counted by hand on the loaded 2030 notice (make-up working day Sunday 29 Sep): R17's 5 working days from Tuesday
    // 17 Sep: 17,18,19,20,23 → Mon 23 Sep 18:00. The ladder: reminder 2 working days before (20, 19 → Thu 19 Sep),
    // 提示函 at the due, 督办函 3 working days after (24,25,26 → Thu 26 Sep), assessment 5 after (…, 27, Sun 29 Sep).
    expect(task.dueAt!.toISOString()).toBe('2030-09-23T10:00:00.000Z');
    const plan = [
      { id: 'reminder', fireAt: '2030-09-19T10:00:00.000Z' },
      { id: 'reminder-letter', fireAt: '2030-09-23T10:00:00.000Z' },
      { id: 'supervision-letter', fireAt: '2030-09-26T10:00:00.000Z' },
      { id: 'assessment', fireAt: '2030-09-29T10:00:00.000Z' },
    ];
    expect(plan[1].fireAt < draft.dueAt!.toISOString()).toBe(true);

    await h.skipPast(plan[0].fireAt);
    await fired(task.id, 1);
    await h.skipPast(plan[1].fireAt);
    await fired(task.id, 2);
    await h.skipPast(plan[2].fireAt);
    await fired(task.id, 3);
    await h.skipPast(plan[3].fireAt);
    const all = await fired(task.id, 4);
    expect(
      all.map((s) => [s.stepId, s.plannedAt.toISOString(), s.reviewId, s.decisionId, s.departmentId, s.skipped]),
    ).toEqual(plan.map((p) => [p.id, p.fireAt, id, null, departmentId('scjgj'), false]));
    expectFiredAsPlanned(all);

    // The decision's 提示函 (due 27 Sep) comes after the review's: the same yearly sequence per letter kind.
    await h.skipPast(draft.dueAt!.toISOString());
    await fired(draft.id, 2);
    const letters = await h.db.prisma.escalationLetter.findMany({
      where: { taskId: { in: [task.id, draft.id] } },
      orderBy: { issuedAt: 'asc' },
    });
    expect(letters.map((l) => [l.taskId, l.kind, l.number, l.departmentId, l.reviewId, l.decisionId])).toEqual([
      [task.id, 'reminder_letter', '依法提〔2030〕1号', departmentId('scjgj'), id, null],
      [task.id, 'supervision_letter', '依法督〔2030〕1号', departmentId('scjgj'), id, null],
      [draft.id, 'reminder_letter', '依法提〔2030〕2号', departmentId('jtysj'), null, d.id],
    ]);

    // The letter names the submission (number, title) and the review procedure, not a decision.
    const [reminderLetter, supervisionLetter] = letters;
    const doc = await downloadLetter(h.ctx, await h.user('drafter.scjgj'), reminderLetter.id);
    const text = (await docxContent(doc.content)).text;
    expect(text).toContain('依法提〔2030〕1号');
    expect(text).toContain(`“某市户外广告设置管理办法”（${id}）`);
    expect(text).toContain('行政规范性文件合法性审查督办工作安排');
    expect(text).toContain('市市场监督管理局');
    await expect(downloadLetter(h.ctx, await h.user('drafter.jtysj'), reminderLetter.id)).rejects.toMatchObject({
      status: 404,
    });
    // Stored with the review's documents, listed on the review.
    const onReview = (await getReview(h.ctx, await h.user('drafter.scjgj'), id)).documents.filter((x) =>
      x.kind.endsWith('_letter'),
    );
    expect(onReview.map((x) => [x.id, x.kind])).toEqual([
      [reminderLetter.documentId, 'reminder_letter'],
      [supervisionLetter.documentId, 'supervision_letter'],
    ]);
    // Owned by the review (it has no decision), in the one document table.
    expect(
      await h.db.prisma.document.count({
        where: {
          id: { in: [reminderLetter.documentId, supervisionLetter.documentId] },
          ownerType: 'review',
          ownerId: id,
          decisionId: null,
        },
      }),
    ).toBe(2);

    // Recipients: the reviewer is reminded; R36: the 督办函 reaches the submitting department's head, its principal leader and the office.
    const dept = await h.db.prisma.department.findUniqueOrThrow({ where: { id: departmentId('scjgj') } });
    const notices = await h.db.prisma.notice.findMany({ where: { taskId: task.id } });
    expect(notices.every((n) => n.reviewId === id && n.decisionId === null)).toBe(true);
    expect(notices.filter((n) => n.action === 'reminder').map((n) => n.userId)).toEqual([reviewer.id]);
    const head = await h.db.prisma.user.findUniqueOrThrow({ where: { username: 'head.scjgj' } });
    const supervisor = await h.db.prisma.user.findUniqueOrThrow({ where: { username: 'supervisor1' } });
    expect(notices.filter((n) => n.action === 'reminder_letter').map((n) => n.userId)).toContain(head.id);
    expect(notices.filter((n) => n.action === 'supervision_letter').map((n) => n.userId)).toEqual(
      expect.arrayContaining([head.id, dept.principalLeaderId, supervisor.id]),
    );
    expect(notices.find((n) => n.action === 'reminder_letter')!.titleZh).toContain(`${id} 某市户外广告设置管理办法`);
    const mails = await h.db.prisma.mailMessage.findMany({ where: { reviewId: id } });
    expect(
      mails
        .filter((m) => m.letterId === supervisionLetter.id)
        .map((m) => m.recipientRole)
        .sort(),
    ).toEqual(['department', 'principal_leader', 'supervisors', 'supervisors']);
    expect(
      mails.filter((m) => m.letterId === null && m.recipientRole === 'assignee').map((m) => m.recipientId),
    ).toEqual([reviewer.id]);

    // R40: the ledger entry for the submitting department, after the 督办函.
    const entries = await h.db.prisma.assessmentEntry.findMany({ where: { taskId: task.id } });
    expect(entries).toMatchObject([
      {
        departmentId: departmentId('scjgj'),
        reviewId: id,
        decisionId: null,
        taskKind: 'review_legality',
        workingDaysOverdue: 5,
        lettersReceived: 2,
      },
    ]);
    expect(entries[0].recordedAt.getTime()).toBeGreaterThan(supervisionLetter.issuedAt.getTime());
    const ledger = await assessmentLedger(h.ctx, { year: 2030, departmentId: departmentId('scjgj') });
    expect(ledger.byDepartment[departmentId('scjgj')]).toEqual({
      entries: 1,
      lettersReceived: 2,
      returnedAsUnlawful: 0,
    });
    expect(ledger.items[0].subject).toMatchObject({
      type: 'review',
      id,
      number: id,
      title: '某市户外广告设置管理办法',
      reviewKind: 'normative_document',
    });
    expect(ledgerCsv(ledger.items)).toContain(`"${id}","某市户外广告设置管理办法","行政规范性文件"`);
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

    // The office's views list both kinds of subject.
    const register = await letterRegister(h.ctx, await h.user('supervisor1'), { year: 2030 });
    expect(register.totals).toEqual({ reminder_letter: 2, supervision_letter: 1 });
    expect(register.breakdown).toEqual(
      expect.arrayContaining([
        { year: 2030, kind: 'reminder_letter', departmentId: departmentId('scjgj'), count: 1 },
        { year: 2030, kind: 'supervision_letter', departmentId: departmentId('scjgj'), count: 1 },
        { year: 2030, kind: 'reminder_letter', departmentId: departmentId('jtysj'), count: 1 },
      ]),
    );
    expect(register.items.find((i) => i.id === reminderLetter.id)).toMatchObject({
      subject: { type: 'review', number: id },
      reviewId: id,
      downloadUrl: `/api/reviews/${id}/documents/${reminderLetter.documentId}`,
    });
    expect(
      (await letterRegister(h.ctx, await h.user('drafter.scjgj'), { reviewId: id })).items.map((i) => i.number),
    ).toEqual(['依法提〔2030〕1号', '依法督〔2030〕1号']);
    expect(
      (await letterRegister(h.ctx, await h.user('drafter.jtysj'), { year: 2030 })).items.map((i) => i.number),
    ).toEqual(['依法提〔2030〕2号']);
    const overdue = await listOverdue(h.ctx, { departmentId: departmentId('scjgj') }, await h.now());
    expect(overdue.items.find((i) => i.taskId === task.id)).toMatchObject({
      reviewId: id,
      subject: { type: 'review', number: id },
      stage: task.stage,
      letters: { reminder_letter: 1, supervision_letter: 1 },
    });
    expect(
      (await listOverdue(h.ctx, { departmentId: departmentId('jtysj') }, await h.now())).items.map((i) => i.taskId),
    ).toContain(draft.id);

    // Mail: the review's letter goes out attached, read from the review's documents.
    const sent: OutgoingMail[] = [];
    await flushOutbox(h.db.prisma, { from: 'yifa@yifa.example', send: async (m: OutgoingMail) => void sent.push(m) });
    const withLetter = sent.filter((m) => m.subject.includes('依法督〔2030〕1号'));
    expect(withLetter.length).toBeGreaterThan(0);
    expect(withLetter.every((m) => m.attachments[0]?.filename === '督办函-依法督〔2030〕1号.docx')).toBe(true);
    expect(await h.db.prisma.escalationLetter.findUniqueOrThrow({ where: { id: supervisionLetter.id } })).toMatchObject(
      { departmentDelivery: 'sent', leaderDelivery: 'sent' },
    );
  });

  it('moves a review task’s ladder with an extension granted by the office (R34)', async () => {
    // Submitted Monday 14 Oct 2030 10:00 (after the previous test's clock; the make-up Saturday 12 Oct is before it).
    // Counted by hand: due 5 working days later, 15,16,17,18,21 → Mon 21 Oct 18:00; 督办函 3 after: 22,23,24 → Thu 24 Oct.
    await h.skipPast('2030-10-14T02:00:00Z', 0);
    const { id } = await submitNormative('某市城市道路挖掘管理规定');
    const task = await reviewTask(id);
    expect(task.dueAt!.toISOString()).toBe('2030-10-21T10:00:00.000Z');
    const oldPlan = [
      { fireAt: '2030-10-17T10:00:00.000Z' },
      { fireAt: '2030-10-21T10:00:00.000Z' },
      { fireAt: '2030-10-24T10:00:00.000Z' },
    ];
    await h.skipPast(oldPlan[1].fireAt);
    await fired(task.id, 2);

    const ext = await grantExtension(h.ctx, await h.user('supervisor1'), task.id, {
      workingDays: 5,
      reason: '涉及多部门职责，经研究同意延期5个工作日',
    });
    expect(ext.signalled).toBe(true);
    expect(await h.db.prisma.taskExtension.findUniqueOrThrow({ where: { id: ext.id } })).toMatchObject({
      reviewId: id,
      decisionId: null,
    });
    const moved = await eventually(async () => {
      const t = await h.db.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
      return t.dueAt!.getTime() !== task.dueAt!.getTime() ? t : null;
    }, 'the moved due time');
    expect(moved.dueAt!.toISOString()).toBe(ext.newDueAt);
    // Extended 5 working days from the due: 22,23,24,25,28 → Mon 28 Oct 18:00, when the new 提示函 goes out.
    expect(ext.newDueAt).toBe('2030-10-28T10:00:00.000Z');
    const newPlan = [{ fireAt: '2030-10-24T10:00:00.000Z' }, { fireAt: '2030-10-28T10:00:00.000Z' }];

    await h.skipPast(oldPlan[2].fireAt);
    await workflowIdle(h.ctx.temporal, id);
    expect(await h.db.prisma.escalationLetter.count({ where: { taskId: task.id, kind: 'supervision_letter' } })).toBe(
      0,
    );
    await h.skipPast(newPlan[1].fireAt);
    await fired(task.id, 4);
    const letters = await h.db.prisma.escalationLetter.findMany({
      where: { taskId: task.id },
      orderBy: { issuedAt: 'asc' },
    });
    expect(letters.map((l) => [l.kind, l.dueAt.toISOString(), l.reviewId])).toEqual([
      ['reminder_letter', task.dueAt!.toISOString(), id],
      ['reminder_letter', ext.newDueAt, id],
    ]);
  });
});
