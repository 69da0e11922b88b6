import { describe, expect, it } from 'vitest';
import { r33AddCalendarDays } from '../../domain/rules/working-days.js';
import { useTimeSkippingHarness, type Harness } from '../support/temporal.js';
import { payloads } from '../support/procedure-driver.js';
import { recordOutcome } from '../../api/services/agenda-items.js';
import { recordItemOutcome } from '../../domain/messages.js';
import { fromTemporal } from '../../api/errors.js';
import { secretaryActor } from '../../api/services/meetings.js';
import { Steps, driverWithConfig, eventually, expectRule } from './steps.js';

let h: Harness;
let s: Steps;
useTimeSkippingHarness((x) => {
  h = x;
  s = new Steps(h);
});

const secretary = 'secretary1';
const kindsOpen = async (decisionId: string) => (await s.openTasks(decisionId)).map((t) => t.kind);
const members = (...positions: Array<'approve' | 'approve_with_changes' | 'not_approve' | 'defer' | 'abstain'>) =>
  positions.map((position, i) => ({ member: ['副市长甲', '副市长乙', '副市长丙'][i], position, opinion: '发言要点' }));

describe('R21 ready for the agenda', () => {
  it('is ready for the agenda only after the head approved and the party committee report is done', async () => {
    const d = await s.toApproval();
    expect(await kindsOpen(d.id)).toEqual(['approve_submission']);
    await s.drive.complete(d.id, 'approve_submission', 'head.jtysj', payloads.approve_submission());
    await s.drive.task(d.id, 'report_to_party_committee');
    expect(await kindsOpen(d.id)).toEqual(['report_to_party_committee']);
    await s.drive.complete(d.id, 'report_to_party_committee', secretary, payloads.report_to_party_committee());
    await s.drive.task(d.id, 'place_on_agenda');
    expect(await kindsOpen(d.id)).toEqual(['place_on_agenda']);
  });

  it('sends the draft back to revision and legality review again when the head returns the submission', async () => {
    const d = await s.toApproval();
    await s.drive.complete(d.id, 'approve_submission', 'head.jtysj', { approve: false, comment: '补贴测算依据不足' });
    const revise = await s.drive.task(d.id, 'revise_draft');
    expect(revise.context).toMatchObject({ returnedBy: 'dept_head' });
    expect(await s.tasks(d.id, 'report_to_party_committee')).toEqual([]);
    await s.revise(d.id, '补充补贴测算');

    await s.drive.task(d.id, 'submit_for_legality_review');
    expect(await s.tasks(d.id, 'submit_for_legality_review')).toHaveLength(2);
    expect(await s.tasks(d.id, 'place_on_agenda')).toEqual([]);
    const review = (await s.workflowState(d.id)).review;
    expect(review.rounds).toBe(2);
    expect(review.outcome).toBeUndefined();
    await s.drive.complete(d.id, 'submit_for_legality_review', 'drafter.jtysj', payloads.submit_for_legality_review());
    const again = await s.drive.task(d.id, 'review_legality');
    expect(again.context).toMatchObject({ round: 2 });
    expect(again.assigneeUserId).toBe((await s.tasks(d.id, 'review_legality'))[0].assigneeUserId);
  });
});

describe('R23 the report to the party committee', () => {
  it('sends the draft back for revision and review when the party committee disagrees', async () => {
    const d = await s.toApproval();
    await s.drive.complete(d.id, 'approve_submission', 'head.jtysj', payloads.approve_submission());
    await s.drive.complete(d.id, 'report_to_party_committee', secretary, payloads.report_to_party_committee(false));
    const revise = await s.drive.task(d.id, 'revise_draft');
    expect(revise.context).toMatchObject({ returnedBy: 'party_committee' });
    expect(await s.tasks(d.id, 'place_on_agenda')).toEqual([]);
    await s.revise(d.id, '按党委意见修改');
    await s.drive.task(d.id, 'submit_for_legality_review');
    expect(await s.tasks(d.id, 'submit_for_legality_review')).toHaveLength(2);
    expect(await s.tasks(d.id, 'place_on_agenda')).toEqual([]);
  });

  it('comes after the meeting’s approval and before publication when so configured', async () => {
    const after = new Steps(h, driverWithConfig(h, { partyCommitteeReportTiming: 'after_meeting' }));
    const d = await after.toApproval();
    await after.drive.complete(d.id, 'approve_submission', 'head.jtysj', payloads.approve_submission());
    await after.drive.task(d.id, 'place_on_agenda');
    expect(await s.tasks(d.id, 'report_to_party_committee')).toEqual([]);

    await after.drive.decideAtMeeting(d.id);
    await after.drive.task(d.id, 'report_to_party_committee');
    expect(await kindsOpen(d.id)).toEqual(['report_to_party_committee']);
    expect(await s.tasks(d.id, 'publish_decision')).toEqual([]);

    await after.drive.complete(d.id, 'report_to_party_committee', secretary, payloads.report_to_party_committee());
    await after.drive.task(d.id, 'publish_decision');
    const order = (await s.tasks(d.id)).filter((t) => t.status === 'done').map((t) => t.kind);
    expect(order.slice(-3)).toEqual(['approve_submission', 'place_on_agenda', 'report_to_party_committee']);
  });
});

describe('R23 a party committee that does not agree after the meeting', () => {
  it('sends the revised draft through legality review, the head’s approval and the meeting again before publication', async () => {
    const after = new Steps(h, driverWithConfig(h, { partyCommitteeReportTiming: 'after_meeting' }));
    const d = await after.toApproval();
    await after.drive.complete(d.id, 'approve_submission', 'head.jtysj', payloads.approve_submission());
    await after.drive.decideAtMeeting(d.id);
    await after.drive.complete(d.id, 'report_to_party_committee', secretary, payloads.report_to_party_committee(false));
    const revise = await after.drive.task(d.id, 'revise_draft');
    expect(revise.context).toMatchObject({ returnedBy: 'party_committee' });
    await after.revise(d.id, '按党委意见修改');

    // The revised draft is not published: it goes back to the legal center first.
    await after.drive.task(d.id, 'submit_for_legality_review');
    expect(await s.tasks(d.id, 'publish_decision')).toEqual([]);
    expect(await s.tasks(d.id, 'submit_for_legality_review')).toHaveLength(2);
    await after.drive.complete(
      d.id,
      'submit_for_legality_review',
      'drafter.jtysj',
      payloads.submit_for_legality_review(),
    );
    await after.drive.complete(d.id, 'review_legality', await after.drive.reviewerOf(d.id), payloads.review_legality());
    await after.drive.complete(d.id, 'approve_submission', 'head.jtysj', payloads.approve_submission());
    await after.drive.task(d.id, 'place_on_agenda');
    expect(await s.tasks(d.id, 'publish_decision')).toEqual([]);
    await after.drive.decideAtMeeting(d.id);
    await after.drive.complete(d.id, 'report_to_party_committee', secretary, payloads.report_to_party_committee());
    await after.drive.task(d.id, 'publish_decision');

    const done = (await s.tasks(d.id)).filter((t) => t.status === 'done').map((t) => t.kind);
    expect(done.slice(-9)).toEqual([
      'approve_submission',
      'place_on_agenda',
      'report_to_party_committee',
      'revise_draft',
      'submit_for_legality_review',
      'review_legality',
      'approve_submission',
      'place_on_agenda',
      'report_to_party_committee',
    ]);
    const items = await h.db.prisma.meetingItem.findMany({ where: { decisionId: d.id } });
    expect(items.map((i) => i.chiefDecision)).toEqual(['approved', 'approved']);
  });
});

describe('R24 opinions from members present, checked by the meeting workflow', () => {
  it('refuses an opinion from someone not attending or absent, or the same member twice, and accepts members present', async () => {
    const d = await s.toMeeting();
    const meeting = await s.drive.meeting();
    const item = await s.drive.placeOnAgenda(d.id, meeting.id);
    const opinion = (member: string) => ({ member, position: 'approve' as const, opinion: '同意' });
    const refused = async (memberOpinions: ReturnType<typeof opinion>[]) =>
      (
        await expectRule(
          recordOutcome(
            h.ctx,
            await h.user(secretary),
            meeting.id,
            item.id,
            payloads.meeting_outcome({ memberOpinions }),
          ),
          'R24',
        )
      ).extra.violations?.map((v) => `${v.messageKey} ${v.path?.join('.')}`);
    expect(await refused([opinion('副市长甲'), opinion('组成人员9')])).toEqual([
      'r24.opinion_not_from_member_present memberOpinions.1.member',
    ]);
    expect(await refused([opinion('秘书长')])).toEqual(['r24.opinion_not_from_member_present memberOpinions.0.member']);
    expect(await refused([opinion('司法局局长')])).toEqual([
      'r24.opinion_not_from_member_present memberOpinions.0.member',
    ]);
    expect(await refused([opinion('副市长甲'), opinion(' 副市长甲')])).toEqual([
      'r24.opinion_twice memberOpinions.1.member',
    ]);
    expect((await h.db.prisma.meetingItem.findUniqueOrThrow({ where: { id: item.id } })).decidedAt).toBeNull();
    await recordOutcome(h.ctx, await h.user(secretary), meeting.id, item.id, payloads.meeting_outcome());
    await s.drive.task(d.id, 'publish_decision');
  });
});

describe("R24 the quorum counted from the meeting body's roster", () => {
  const attendee = (name: string, userId: string | undefined, present = true) => ({
    name,
    title: name,
    ...(userId ? { userId } : {}),
    member: true,
    legalAdviser: false,
    present,
  });
  const adviser = { name: '司法局局长', title: '市司法局局长', member: false, legalAdviser: true, present: true };

  it('refuses with R24 and its article when the members flagged present are not more than half of the roster', async () => {
    const d = await s.toMeeting();
    // The executive roster has 4 seats (mayor, three vice mayors). Four attendees flagged "member" and present, but only
    // the mayor holds a seat: the others are department heads (on the plenary roster, not the executive's) or have no account.
    const meeting = await s.drive.meeting({
      attendees: [
        attendee('市长', 'user-mayor'),
        attendee('副市长甲', 'user-vicemayor1', false),
        attendee('交通局局长', 'user-head.jtysj'),
        attendee('住建局局长', 'user-head.zjj'),
        attendee('列席人员', undefined),
        adviser,
      ],
    });
    const item = await s.drive.placeOnAgenda(d.id, meeting.id);
    const refusal = await expectRule(
      recordOutcome(h.ctx, await h.user(secretary), meeting.id, item.id, payloads.meeting_outcome()),
      'R24',
    );
    expect(refusal.messageKey).toBe('r24.no_quorum');
    expect(refusal.localized.zh).toContain('到会组成人员1人，未超过组成人员4人的半数');
    expect(refusal.localized.zh).toContain('第三十条');

    // The meeting workflow's validator applies the same rule to the roster the service reads (the workflow reads nothing).
    const attendance = (await h.db.prisma.meetingAttendee.findMany({ where: { meetingId: meeting.id } })).map(
      ({ id, name, userId, member, legalAdviser, present }) => ({ id, name, userId, member, legalAdviser, present }),
    );
    const roster = (await h.db.prisma.meetingBodyMember.findMany({ where: { body: 'executive' } })).map(
      ({ userId }) => ({ userId }),
    );
    expect(roster).toHaveLength(4);
    const decision = await h.db.prisma.decision.findUniqueOrThrow({ where: { id: d.id } });
    const direct = h.ctx.temporal.workflow.getHandle(meeting.workflowId).executeUpdate(recordItemOutcome, {
      args: [
        {
          itemId: item.id,
          decisionId: d.id,
          decisionWorkflowId: decision.workflowId,
          actor: secretaryActor(await h.user(secretary)),
          outcome: payloads.meeting_outcome(),
          attendance,
          roster,
        },
      ],
    });
    expect(
      (
        await expectRule(
          direct.catch((err) => Promise.reject(fromTemporal(err))),
          'R24',
        )
      ).messageKey,
    ).toBe('r24.no_quorum');
    expect((await h.db.prisma.meetingItem.findUniqueOrThrow({ where: { id: item.id } })).decidedAt).toBeNull();
  });

  it('refuses the opinion of an attendee flagged a member who holds no seat on the roster', async () => {
    const d = await s.toMeeting();
    const meeting = await s.drive.meeting({
      attendees: [
        attendee('市长', 'user-mayor'),
        attendee('副市长甲', 'user-vicemayor1'),
        attendee('副市长乙', 'user-vicemayor2'),
        attendee('交通局局长', 'user-head.jtysj'),
        adviser,
      ],
    });
    const item = await s.drive.placeOnAgenda(d.id, meeting.id);
    const opinion = (member: string) => ({ member, position: 'approve' as const, opinion: '同意' });
    const refused = await expectRule(
      recordOutcome(
        h.ctx,
        await h.user(secretary),
        meeting.id,
        item.id,
        payloads.meeting_outcome({ memberOpinions: [opinion('副市长甲'), opinion('交通局局长')] }),
      ),
      'R24',
    );
    expect(refused.extra.violations?.map((v) => `${v.messageKey} ${v.path?.join('.')}`)).toEqual([
      'r24.opinion_not_from_member_present memberOpinions.1.member',
    ]);
    const byId = await expectRule(
      recordOutcome(
        h.ctx,
        await h.user(secretary),
        meeting.id,
        item.id,
        payloads.meeting_outcome({ memberOpinions: [opinion('user-head.jtysj')] }),
      ),
      'R24',
    );
    expect(byId.messageKey).toBe('r24.opinion_not_from_member_present');
    const done = await recordOutcome(
      h.ctx,
      await h.user(secretary),
      meeting.id,
      item.id,
      payloads.meeting_outcome({ memberOpinions: [opinion('副市长甲'), opinion('user-vicemayor2')] }),
    );
    expect(done.item.chiefDecision).toBe('approved');
  });
});

describe('R25 the chief executive decides', () => {
  it('refuses a decision departing from the majority without the reason, and accepts it with one', async () => {
    const d = await s.toMeeting();
    const meeting = await s.drive.meeting();
    const item = await s.drive.placeOnAgenda(d.id, meeting.id);
    const departing = payloads.meeting_outcome({ chiefDecision: 'deferred' });
    const err = await expectRule(recordOutcome(h.ctx, await h.user(secretary), meeting.id, item.id, departing), 'R25');
    expect(err.extra.violations?.[0].path).toEqual(['departureReason']);
    expect((await h.db.prisma.meetingItem.findUniqueOrThrow({ where: { id: item.id } })).decidedAt).toBeNull();
    await recordOutcome(h.ctx, await h.user(secretary), meeting.id, item.id, {
      ...departing,
      departureReason: '需与省级部门进一步衔接',
    });
    const record = await eventually(
      () => h.db.prisma.stageRecord.findFirst({ where: { decisionId: d.id, kind: 'meeting_outcome' } }),
      'the meeting outcome record',
    );
    expect(record.data).toMatchObject({
      chiefDecision: 'deferred',
      departureReason: '需与省级部门进一步衔接',
      meetingKind: 'executive',
      meetingNumber: meeting.number,
    });
  });

  it('accepts "approved with changes" against a majority that said "approve" without a departure reason', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(
      d.id,
      payloads.meeting_outcome({
        chiefDecision: 'approved_with_changes',
        changes: { kind: 'editorial', description: '个别文字修改' },
      }),
    );
    // The outcome is accepted: the procedure goes on to publication (a refusal would leave no publish task).
    const publish = await s.drive.task(d.id, 'publish_decision');
    expect(publish).toMatchObject({ kind: 'publish_decision', status: 'open' });
  });

  it('brings a deferred or "discuss again" decision back to a later meeting’s agenda until it is decided', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(
      d.id,
      payloads.meeting_outcome({ memberOpinions: members('defer', 'defer', 'approve'), chiefDecision: 'deferred' }),
    );
    const second = await eventually(
      async () =>
        (await s.tasks(d.id, 'place_on_agenda')).find(
          (t) => t.status === 'open' && (t.context as { round: number }).round === 2,
        ),
      'a second place on the agenda',
    );
    expect(second.context).toMatchObject({ round: 2, previousDecision: 'deferred' });
    await s.drive.decideAtMeeting(
      d.id,
      payloads.meeting_outcome({ memberOpinions: members('approve', 'not_approve'), chiefDecision: 'discuss_again' }),
    );
    const third = await eventually(
      async () =>
        (await s.tasks(d.id, 'place_on_agenda')).find(
          (t) => t.status === 'open' && (t.context as { round: number }).round === 3,
        ),
      'a third place on the agenda',
    );
    expect(third.context).toMatchObject({ round: 3, previousDecision: 'discuss_again' });
    expect(await s.tasks(d.id, 'publish_decision')).toEqual([]);
    await s.drive.decideAtMeeting(d.id);
    await s.drive.task(d.id, 'publish_decision');
    expect((await s.tasks(d.id, 'place_on_agenda')).map((t) => t.status)).toEqual(['done', 'done', 'done']);
    const items = await h.db.prisma.meetingItem.findMany({ where: { decisionId: d.id }, orderBy: { addedAt: 'asc' } });
    expect(items.map((i) => i.chiefDecision)).toEqual(['deferred', 'discuss_again', 'approved']);
    expect(new Set(items.map((i) => i.meetingId)).size).toBe(3);
    expect(await s.tasks(d.id, 'revise_draft')).toEqual([]);
  });

  it('ends the procedure with status not_approved when the meeting does not approve', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(
      d.id,
      payloads.meeting_outcome({
        memberOpinions: members('not_approve', 'not_approve', 'approve'),
        chiefDecision: 'not_approved',
      }),
    );
    const row = await eventually(async () => {
      const r = await s.decision(d.id);
      return r.status === 'not_approved' && r;
    }, 'decision not_approved');
    expect(row.stageStates.collective_discussion.status).toBe('done');
    expect(await s.openTasks(d.id)).toEqual([]);
    expect(await s.tasks(d.id, 'publish_decision')).toEqual([]);
  });
});

describe('R26 changes ordered at the meeting', () => {
  it('sends substantive changes back to revision and legality review again', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(
      d.id,
      payloads.meeting_outcome({
        chiefDecision: 'approved_with_changes',
        changes: { kind: 'substantive', description: '补贴标准由5元调整为3元' },
      }),
    );
    const revise = await s.drive.task(d.id, 'revise_draft');
    expect(revise.context).toMatchObject({ returnedBy: 'meeting' });
    expect(await s.tasks(d.id, 'publish_decision')).toEqual([]);
    await s.revise(d.id, '补贴标准调整为3元');
    await s.drive.task(d.id, 'submit_for_legality_review');
    expect(await s.tasks(d.id, 'submit_for_legality_review')).toHaveLength(2);
  });

  it('goes on to publication after editorial changes', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(
      d.id,
      payloads.meeting_outcome({
        chiefDecision: 'approved_with_changes',
        changes: { kind: 'editorial', description: '标点和文字修改' },
      }),
    );
    await s.drive.task(d.id, 'publish_decision');
    expect(await s.tasks(d.id, 'revise_draft')).toEqual([]);
    expect(await s.tasks(d.id, 'submit_for_legality_review')).toHaveLength(1);
  });
});

describe('R27 publication', () => {
  it('is due 20 calendar days after the approval', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(d.id);
    const publish = await s.drive.task(d.id, 'publish_decision');
    const decidedAt = (await s.workflowState(d.id)).meeting.decidedAt!;
    const cal = await h.db.calendar.calendar();
    expect(publish.dueRule).toBe('R27');
    expect(publish.dueBasis).toBe('20 calendar_days');
    expect(publish.dueAt?.toISOString()).toBe(r33AddCalendarDays(new Date(decidedAt), 20, cal, 'R27').dueAt);
  });

  it('refuses to publish a decision of wide public concern without the interpretation', async () => {
    const d = await s.toMeeting({ widePublicConcern: true });
    await s.drive.decideAtMeeting(d.id);
    const withExplanation = {
      published: true as const,
      channels: [
        { channel: 'website' as const, reference: 'https://www.example.gov.cn/jc/2', publishedOn: '2027-01-20' },
      ],
      adoptionExplanation: '公众意见采纳情况：采纳1条',
    };
    const err = await expectRule(s.drive.complete(d.id, 'publish_decision', secretary, withExplanation), 'R27');
    expect(err.extra.violations?.map((v) => v.messageKey)).toEqual(['r27.interpretation_required']);
    await s.drive.complete(d.id, 'publish_decision', secretary, {
      ...withExplanation,
      interpretationReference: '《关于调整公交票价的政策解读》',
    });
    await s.drive.task(d.id, 'name_implementing_unit');
  });

  it('marks the publication task overdue once its due time passes, with an audit event', async () => {
    const d = await s.toMeeting();
    await s.drive.decideAtMeeting(d.id);
    const publish = await s.drive.task(d.id, 'publish_decision');
    expect(publish.overdueAt).toBeNull();
    await h.skipPast(publish.dueAt!.toISOString());
    const overdue = await eventually(async () => {
      const t = await h.db.prisma.task.findUniqueOrThrow({ where: { id: publish.id } });
      return t.overdueAt && t;
    }, 'overdueAt on the publication task');
    expect(overdue.status).toBe('open');
    const events = await h.db.prisma.auditEvent.findMany({
      where: { decisionId: d.id, action: 'task.overdue', subjectId: publish.id },
    });
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ dueAt: publish.dueAt!.toISOString() });
    expect(events[0].actorRole).toBe('engine');
  });
});
