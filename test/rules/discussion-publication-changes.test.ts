import { describe, expect, it } from 'vitest';
import {
  majorityDecision,
  r21ReadinessViolations,
  r25MeetingOutcomeViolations,
  r26SendsBackToReview,
} from '../../domain/rules/collective-discussion.js';
import { r27PublicationViolations } from '../../domain/rules/publication.js';
import { r31EmergencySuspensionViolation, r31WithdrawalViolation } from '../../domain/rules/changes.js';
import type { RecordMeetingOutcome } from '../../domain/tasks/collective-discussion.js';
import type { PublishDecision } from '../../domain/tasks/publication.js';
import { facts, keys, readyState } from './fixtures.js';

type Position = RecordMeetingOutcome['memberOpinions'][number]['position'];
const members = (...positions: Position[]): RecordMeetingOutcome['memberOpinions'] =>
  positions.map((position, i) => ({ member: `组成人员${i + 1}`, position, opinion: '意见' }));
const meeting = (
  chiefDecision: RecordMeetingOutcome['chiefDecision'],
  positions: Position[],
  over: Partial<RecordMeetingOutcome> = {},
): RecordMeetingOutcome => ({
  meetingKind: 'executive',
  meetingDate: '2027-01-15',
  presentation: '承办单位作说明',
  memberOpinions: members(...positions),
  chiefName: '市长',
  chiefDecision,
  ...over,
});

describe('R21 ready for the agenda', () => {
  it('is ready when every condition holds', () => {
    expect(r21ReadinessViolations(readyState(), true)).toEqual([]);
  });

  it('is not ready while a stage of 1-3 is in progress, naming the stage', () => {
    const s = readyState();
    s.stages.expert_argumentation = { status: 'in_progress' };
    expect(keys(r21ReadinessViolations(s, true))).toEqual(['R21:r21.expert_argumentation_open']);
  });

  it('accepts a stage skipped with a reason but not one skipped without', () => {
    const s = readyState();
    s.stages.public_participation = { status: 'skipped', reason: '依法不予公开' };
    expect(r21ReadinessViolations(s, true)).toEqual([]);
    s.stages.public_participation = { status: 'skipped' };
    expect(keys(r21ReadinessViolations(s, true))).toEqual(['R21:r21.public_participation_open']);
  });

  it('is not ready while the risk is not controllable (R14)', () => {
    expect(
      keys(r21ReadinessViolations(readyState({ risk: { level: 'high', controllable: false, rounds: 1 } }), true)),
    ).toEqual(['R14:r14.risk_not_controllable']);
  });

  it('is not ready without a passed legality review (R15)', () => {
    const base = readyState().review;
    expect(keys(r21ReadinessViolations(readyState({ review: { ...base, outcome: undefined } }), true))).toEqual([
      'R15:r15.review_not_passed',
    ]);
    expect(keys(r21ReadinessViolations(readyState({ review: { ...base, outcome: 'not_lawful' } }), true))).toEqual([
      'R15:r15.review_not_passed',
    ]);
  });

  it('is not ready while the required changes of a passed-with-changes opinion are open (R19)', () => {
    const base = readyState().review;
    const s = readyState({
      review: { ...base, outcome: 'passed_with_changes', requiredChanges: ['改第三条'], requiredChangesDone: false },
    });
    expect(keys(r21ReadinessViolations(s, true))).toEqual(['R19:r19.required_changes_open']);
  });

  it('waits for the party committee’s agreement when the report comes before the meeting (R23)', () => {
    expect(keys(r21ReadinessViolations(readyState({ partyCommittee: { reported: false } }), true))).toEqual([
      'R23:r23.report_pending',
    ]);
    expect(
      keys(r21ReadinessViolations(readyState({ partyCommittee: { reported: true, agreed: false } }), true)),
    ).toEqual(['R23:r23.report_pending']);
  });

  it('does not wait for the party committee when the report comes after the meeting or is not required', () => {
    expect(r21ReadinessViolations(readyState({ partyCommittee: { reported: false } }), false)).toEqual([]);
    expect(
      r21ReadinessViolations(
        readyState({ partyCommittee: { reported: false }, facts: facts({ partyCommitteeReportRequired: false }) }),
        true,
      ),
    ).toEqual([]);
  });

  it('is not ready until the department head approved the submission', () => {
    expect(keys(r21ReadinessViolations(readyState({ submissionApproved: false }), true))).toEqual([
      'R21:r21.head_not_approved',
    ]);
  });
});

describe('R25 the majority of members’ opinions', () => {
  it('finds the position more than half of those taking one supported', () => {
    expect(majorityDecision(members('approve', 'approve', 'not_approve'))).toBe('approved');
    expect(majorityDecision(members('not_approve', 'not_approve', 'approve'))).toBe('not_approved');
    expect(majorityDecision(members('defer', 'defer', 'approve'))).toBe('deferred');
  });

  it('has no majority on an even split', () => {
    expect(majorityDecision(members('approve', 'not_approve'))).toBeUndefined();
    expect(majorityDecision(members('approve', 'defer', 'not_approve', 'return_for_more_work'))).toBeUndefined();
  });

  it('ignores abstentions', () => {
    expect(majorityDecision(members('approve', 'abstain', 'abstain'))).toBe('approved');
    expect(majorityDecision(members('abstain', 'abstain'))).toBeUndefined();
  });

  it('counts "approve" and "approve with changes" together as support for approval', () => {
    expect(majorityDecision(members('approve', 'approve_with_changes', 'not_approve'))).toBe('approved');
    expect(
      majorityDecision(
        members('approve_with_changes', 'approve_with_changes', 'approve', 'not_approve', 'not_approve'),
      ),
    ).toBe('approved_with_changes');
  });
});

describe('R25, R26 the chief executive’s decision', () => {
  it('accepts a decision that follows the majority without a reason', () => {
    expect(r25MeetingOutcomeViolations(meeting('approved', ['approve', 'approve', 'not_approve']))).toEqual([]);
    expect(r25MeetingOutcomeViolations(meeting('not_approved', ['not_approve', 'not_approve', 'approve']))).toEqual([]);
  });

  it('refuses a departure from the majority without the reason, and accepts it with one', () => {
    const departs = meeting('not_approved', ['approve', 'approve', 'approve']);
    const vs = r25MeetingOutcomeViolations(departs);
    expect(keys(vs)).toEqual(['R25:r25.departure_reason_required']);
    expect(vs[0].path).toEqual(['departureReason']);
    expect(r25MeetingOutcomeViolations({ ...departs, departureReason: '财政承受能力不足' })).toEqual([]);
    expect(keys(r25MeetingOutcomeViolations(meeting('deferred', ['approve', 'approve', 'approve'])))).toEqual([
      'R25:r25.departure_reason_required',
    ]);
  });

  it('does not treat "approved with changes" against an "approve" majority as a departure, nor the reverse', () => {
    const changes = { kind: 'editorial' as const, description: '文字修改' };
    expect(
      r25MeetingOutcomeViolations(meeting('approved_with_changes', ['approve', 'approve', 'approve'], { changes })),
    ).toEqual([]);
    expect(
      r25MeetingOutcomeViolations(meeting('approved', ['approve_with_changes', 'approve_with_changes', 'approve'])),
    ).toEqual([]);
  });

  it('needs no reason when there is no majority to depart from', () => {
    expect(r25MeetingOutcomeViolations(meeting('deferred', ['approve', 'not_approve']))).toEqual([]);
  });

  it('requires "approved with changes" to describe the changes (R26)', () => {
    expect(keys(r25MeetingOutcomeViolations(meeting('approved_with_changes', ['approve_with_changes'])))).toEqual([
      'R26:r26.changes_required',
    ]);
  });

  it('sends substantive changes and a return for more work back to review, editorial changes not (R26)', () => {
    expect(
      r26SendsBackToReview(
        meeting('approved_with_changes', ['approve'], {
          changes: { kind: 'substantive', description: '调整补贴标准' },
        }),
      ),
    ).toBe(true);
    expect(
      r26SendsBackToReview(
        meeting('approved_with_changes', ['approve'], { changes: { kind: 'editorial', description: '文字修改' } }),
      ),
    ).toBe(false);
    expect(r26SendsBackToReview(meeting('returned_for_more_work', ['return_for_more_work']))).toBe(true);
    expect(r26SendsBackToReview(meeting('approved', ['approve']))).toBe(false);
  });
});

describe('R27 publication of a decision of wide public concern', () => {
  const published = (over: Partial<Extract<PublishDecision, { published: true }>> = {}): PublishDecision => ({
    published: true,
    channels: [{ channel: 'website', reference: 'https://example.gov.cn/1', publishedOn: '2027-01-20' }],
    ...over,
  });

  it('requires the adoption explanation and the policy interpretation', () => {
    const vs = r27PublicationViolations(published(), facts({ widePublicConcern: true }));
    expect(keys(vs)).toEqual(['R27:r27.adoption_explanation_required', 'R27:r27.interpretation_required']);
    expect(
      keys(
        r27PublicationViolations(published({ adoptionExplanation: '采纳情况' }), facts({ widePublicConcern: true })),
      ),
    ).toEqual(['R27:r27.interpretation_required']);
    expect(
      r27PublicationViolations(
        published({ adoptionExplanation: '采纳情况', interpretationReference: '政策解读' }),
        facts({ widePublicConcern: true }),
      ),
    ).toEqual([]);
  });

  it('asks nothing more of an ordinary decision or of one not published', () => {
    expect(r27PublicationViolations(published(), facts())).toEqual([]);
    expect(r27PublicationViolations({ published: false, reason: '涉密' }, facts({ widePublicConcern: true }))).toEqual(
      [],
    );
  });
});

describe('R31 withdrawal', () => {
  it('is allowed while the procedure runs and before the meeting approved', () => {
    expect(r31WithdrawalViolation({ status: 'active' })).toBeUndefined();
    expect(r31WithdrawalViolation({ status: 'active', meetingDecision: 'deferred' })).toBeUndefined();
    expect(r31WithdrawalViolation({ status: 'active', meetingDecision: 'discuss_again' })).toBeUndefined();
  });

  it('is refused once the meeting approved, with or without changes', () => {
    expect(r31WithdrawalViolation({ status: 'active', meetingDecision: 'approved' })?.messageKey).toBe(
      'r31.already_decided',
    );
    expect(r31WithdrawalViolation({ status: 'active', meetingDecision: 'approved_with_changes' })?.messageKey).toBe(
      'r31.already_decided',
    );
    expect(r31WithdrawalViolation({ status: 'closed', meetingDecision: 'approved' })?.rule).toBe('R31');
  });

  it('is refused once the procedure has ended', () => {
    for (const status of ['withdrawn', 'not_approved', 'closed'] as const)
      expect(r31WithdrawalViolation({ status })?.messageKey).toBe('r31.not_active');
  });
});

describe('R31 the chief executive’s emergency suspension (Decree 713 Art. 37)', () => {
  it('is for the chief executive alone, with a reason, of a decision being implemented', () => {
    expect(r31EmergencySuspensionViolation({ chiefExecutive: true, reason: '情况紧急' })).toBeUndefined();
    expect(r31EmergencySuspensionViolation({ chiefExecutive: false, reason: '情况紧急' })?.messageKey).toBe(
      'r31.not_chief_executive',
    );
    expect(r31EmergencySuspensionViolation({ chiefExecutive: true, reason: '  ' })?.messageKey).toBe(
      'r31.suspension_reason',
    );
    expect(r31EmergencySuspensionViolation({ implementation: 'implementing', reason: '情况紧急' })).toBeUndefined();
    for (const implementation of ['suspended', 'terminated', 'adjusted'])
      expect(r31EmergencySuspensionViolation({ implementation, reason: '情况紧急' })).toMatchObject({
        rule: 'R31',
        messageKey: 'r31.not_implementing',
      });
  });
});
