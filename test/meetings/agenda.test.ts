import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { addAgendaItem, closeMeetingService, recordOutcome } from '../../api/services/agenda-items.js';
import { getMeeting, orderItems, recordAttendance } from '../../api/services/meetings.js';
import { agendaDocument, materialsPack, minutesDocument } from '../../api/services/meeting-documents.js';
import { pendingItems } from '../../api/services/pending-items.js';
import { meetingFigures } from '../../api/services/meeting-figures.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { payloads } from '../support/procedure-driver.js';
import { docxContent } from '../support/docx.js';
import { Steps, eventually, expectRule, expectStatus } from '../workflows/steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

const secretary = () => h.user('secretary1');

describe('placing decisions on the agenda (R21)', () => {
  it('refuses a decision still in legality review (R15) and one without the party-committee report and the head’s approval (R23, R21)', async () => {
    const meeting = await s.drive.meeting();
    const inReview = await s.toSubmission();
    const err = await expectRule(addAgendaItem(h.ctx, await secretary(), meeting.id, inReview.id), 'R15');
    expect(err.extra.violations?.map((v) => v.messageKey)).toContain('r21.head_not_approved');

    const awaitingHead = await s.toApproval();
    const head = await expectRule(addAgendaItem(h.ctx, await secretary(), meeting.id, awaitingHead.id), 'R23');
    expect(head.extra.violations?.map((v) => v.messageKey)).toEqual(['r23.report_pending', 'r21.head_not_approved']);
    expect(await h.db.prisma.meetingItem.count({ where: { meetingId: meeting.id } })).toBe(0);
  });

  it('refuses placing the same decision twice and lets only a secretary place it', async () => {
    const d = await s.toMeeting();
    const meeting = await s.drive.meeting();
    await expectStatus(addAgendaItem(h.ctx, await h.user('drafter.jtysj'), meeting.id, d.id), 403);
    await s.drive.placeOnAgenda(d.id, meeting.id);
    const again = await expectRule(addAgendaItem(h.ctx, await secretary(), meeting.id, d.id), 'R21');
    expect(again.messageKey).toBe('r21.not_awaiting_agenda');
  });

  it('lists what is ready, what awaits an outcome and what awaits publication for the secretaries', async () => {
    const ready = await s.toMeeting();
    const onAgenda = await s.toMeeting();
    const approved = await s.toMeeting();
    const meeting = await s.drive.meeting();
    const item = await s.drive.placeOnAgenda(onAgenda.id, meeting.id);
    await s.drive.decideAtMeeting(approved.id);
    await s.drive.task(approved.id, 'publish_decision');
    const p = await pendingItems(h.ctx, await secretary());
    expect(p.readyForAgenda.map((t) => t.decisionId)).toContain(ready.id);
    expect(p.readyForAgenda.map((t) => t.decisionId)).not.toContain(onAgenda.id);
    expect(p.awaitingOutcome.find((i) => i.itemId === item.id)).toMatchObject({
      decisionId: onAgenda.id,
      meeting: { id: meeting.id },
    });
    expect(p.awaitingPublication.map((t) => t.decisionId)).toContain(approved.id);
    const publish = await s.drive.task(approved.id, 'publish_decision');
    await h.skipPast(publish.dueAt!.toISOString());
    const late = await eventually(
      async () => (await pendingItems(h.ctx, await secretary())).overdue.find((t) => t.id === publish.id),
      'the publication in the overdue list',
    );
    expect(late).toMatchObject({ kind: 'publish_decision', overdue: true, due: { rule: 'R27' } });
  });
});

describe('the meeting (R24, R25)', () => {
  it('refuses to decide without a quorum, and warns when the legal adviser is absent', async () => {
    const d = await s.toMeeting();
    const meeting = await s.drive.meeting();
    const item = await s.drive.placeOnAgenda(d.id, meeting.id);
    const thin = payloads.meeting().attendees.map((a, i) => ({ ...a, present: i === 0 || a.legalAdviser }));
    const absentAdviser = payloads.meeting().attendees.map((a) => ({ ...a, present: !a.legalAdviser }));
    await recordAttendance(h.ctx, await secretary(), meeting.id, thin);
    const quorum = await expectRule(
      recordOutcome(h.ctx, await secretary(), meeting.id, item.id, payloads.meeting_outcome()),
      'R24',
    );
    expect(quorum.messageKey).toBe('r24.no_quorum');

    const withoutAdviser = await recordAttendance(h.ctx, await secretary(), meeting.id, absentAdviser);
    // The executive roster has 4 seats (mayor, three vice mayors); the secretary-general holds none and does not count.
    expect(withoutAdviser.quorum).toEqual({ members: 4, present: 4, reached: true });
    expect(withoutAdviser.warnings.map((w) => w.messageKey)).toEqual(['r24.legal_adviser_absent']);
    const done = await recordOutcome(h.ctx, await secretary(), meeting.id, item.id, payloads.meeting_outcome());
    expect(done.warnings.map((w) => w.rule)).toEqual(['R24']);
    expect(done.item.chiefDecision).toBe('approved');
    await expectRule(recordOutcome(h.ctx, await secretary(), meeting.id, item.id, payloads.meeting_outcome()), 'R25');
  });

  it('orders the agenda, writes the agenda and the minutes, and closes only when every item is decided', async () => {
    const [a, b] = [await s.toMeeting(), await s.toMeeting()];
    const meeting = await s.drive.meeting();
    const first = await s.drive.placeOnAgenda(a.id, meeting.id);
    const second = await s.drive.placeOnAgenda(b.id, meeting.id);
    await expectStatus(orderItems(h.ctx, await secretary(), meeting.id, [second.id]), 400);
    const ordered = await orderItems(h.ctx, await secretary(), meeting.id, [second.id, first.id]);
    expect(ordered.items.map((i) => i.id)).toEqual([second.id, first.id]);

    const agenda = await docxContent((await agendaDocument(h.ctx, meeting.id)).content);
    const numbers = await h.db.prisma.decision.findMany({ where: { id: { in: [a.id, b.id] } } });
    const na = numbers.find((x) => x.id === a.id)!.number;
    const nb = numbers.find((x) => x.id === b.id)!.number;
    expect(agenda.text).toContain('议题单');
    expect(agenda.text.indexOf(nb)).toBeLessThan(agenda.text.indexOf(na));
    expect(agenda.text).toContain('司法局局长');
    expect(agenda.text).toMatch(/府办议〔\d{4}〕\d+号/);

    await recordOutcome(h.ctx, await secretary(), meeting.id, second.id, payloads.meeting_outcome());
    await expectRule(closeMeetingService(h.ctx, await secretary(), meeting.id), 'R25');
    await recordOutcome(
      h.ctx,
      await secretary(),
      meeting.id,
      first.id,
      payloads.meeting_outcome({
        memberOpinions: payloads.meeting_outcome().memberOpinions.map((o) => ({ ...o, position: 'defer' as const })),
        chiefDecision: 'approved',
        departureReason: '时间紧迫，须在汛期前实施',
        dissent: '副市长乙保留意见',
      }),
    );
    const closed = await closeMeetingService(h.ctx, await secretary(), meeting.id);
    expect(closed.status).toBe('closed');
    await expectRule(addAgendaItem(h.ctx, await secretary(), meeting.id, a.id), 'R25');

    const minutes = await docxContent((await minutesDocument(h.ctx, meeting.id)).content);
    expect(minutes.text).toContain('纪要');
    expect(minutes.text).toContain('与多数意见不一致的理由：时间紧迫，须在汛期前实施');
    expect(minutes.text).toContain('不同意见：副市长乙保留意见');
    expect(minutes.text).toContain('市长最后发表意见，决定：通过');
    expect(minutes.text).toMatch(/应到会议组成人员4人，实到4人，超过半数/);
    expect((await getMeeting(h.ctx, meeting.id)).items.map((i) => i.chiefDecision)).toEqual(['approved', 'approved']);

    // R39: the year's figures count this closed meeting, its two decided items and the legal adviser's attendance.
    const figures = await meetingFigures(h.ctx, closed.year);
    expect(figures.meetingsHeld.total).toBeGreaterThanOrEqual(1);
    expect(figures.itemsDecided.byDecision.approved).toBeGreaterThanOrEqual(2);
    expect(figures.legalAdviserAttendance.attended).toBeGreaterThanOrEqual(1);
  });

  it('packs each item’s materials (R22): its contents document, the draft, explanation and review opinion', async () => {
    const d = await s.toMeeting();
    const meeting = await s.drive.meeting();
    const item = await s.drive.placeOnAgenda(d.id, meeting.id);
    const pack = await materialsPack(h.ctx, await secretary(), meeting.id, item.id);
    const zip = await JSZip.loadAsync(pack.content);
    const names = Object.keys(zip.files);
    expect(names.some((n) => n.startsWith('材料/') && n.includes('决策草案-第1版'))).toBe(true);
    expect(names.some((n) => n.startsWith('材料/') && n.includes('起草说明-第1版'))).toBe(true);
    expect(names.some((n) => n.startsWith('材料/') && n.includes('合法性审查意见书'))).toBe(true);
    expect(names.some((n) => n.startsWith('00-上会材料目录') && n.endsWith('.docx'))).toBe(true);
    const checklist = Object.fromEntries(pack.checklist.map((c) => [c.key, c.status]));
    expect(checklist).toMatchObject({
      draft: 'present',
      explanation: 'present',
      comment_adoption: 'skipped',
      expert_adoption: 'skipped',
      risk_report: 'skipped',
      fair_competition: 'not_applicable',
    });
  });
});
