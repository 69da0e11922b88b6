import { condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { meetingOutcome, type MeetingOutcomeSignal } from '../../domain/messages.js';
import { r21ReadinessViolations, r26SendsBackToReview } from '../../domain/rules/collective-discussion.js';
import type { RecordMeetingOutcome } from '../../domain/tasks/collective-discussion.js';
import { acts } from '../shared/activities.js';
import type { ProcedureContext } from '../shared/procedure-context.js';

export type DiscussionResult = 'approved' | 'not_approved' | 'back_to_review';

/** R21: the department head approves the submission; a head who returns it sends the draft back for revision. */
export async function approveSubmission(p: ProcedureContext, round: number): Promise<boolean> {
  const a = await p.engine.run({
    kind: 'approve_submission',
    step: `approve-submission-${round}`,
    departmentId: p.lead,
    due: p.stepDue('approve_submission'),
  });
  p.state.submissionApproved = a.approve;
  await p.sync(a.approve ? 'submission_approved' : 'submission_returned', { comment: a.comment });
  return a.approve;
}

/** R23: the report to the party committee at the same level and its reply. */
export async function reportToPartyCommittee(p: ProcedureContext, round: number): Promise<boolean> {
  await p.setStage('party_committee_report', 'in_progress');
  const r = await p.engine.run({
    kind: 'report_to_party_committee',
    step: `report-to-party-committee-${round}`,
    due: p.stepDue('report_to_party_committee'),
  });
  p.state.partyCommittee = { reported: true, agreed: r.agreed };
  await p.setStage(
    'party_committee_report',
    r.agreed ? 'done' : 'in_progress',
    r.agreed ? undefined : '党委未同意，退回修改',
  );
  return r.agreed;
}

/** Outcomes the meetings sent, by agenda item (a signal may arrive before the stage waits for it). */
const outcomes = new Map<string, MeetingOutcomeSignal>();
export function listenForMeetingOutcomes(): void {
  setHandler(meetingOutcome, (o) => {
    outcomes.set(o.itemId, o);
  });
}

/**
 * R21, R24-R26: once every condition of R21 holds, the decision waits for a secretary to place it on a
 * meeting's agenda (a task: ready for the agenda); the meeting then signals the chief executive's decision on
 * that item. Deferral and "discuss again" bring it back to a later meeting's agenda.
 */
export async function collectiveDiscussion(
  p: ProcedureContext,
): Promise<{ result: DiscussionResult; outcome: RecordMeetingOutcome }> {
  const pcBefore = p.config.partyCommitteeReportTiming === 'before_meeting';
  await condition(() => r21ReadinessViolations(p.state, pcBefore).length === 0);
  await p.setStage('collective_discussion', 'in_progress');
  for (;;) {
    const round = ++p.state.meeting.rounds;
    const placed = await p.engine.run({
      kind: 'place_on_agenda',
      step: `place-on-agenda-${round}`,
      due: p.stepDue('place_on_agenda'),
      context: { round, previousDecision: p.state.meeting.decision },
    });
    const itemId = `${workflowInfo().workflowId}:agenda-${round}`;
    await acts.recordAgendaItem({
      itemId,
      meetingId: placed.meetingId,
      decisionId: p.state.decisionId,
      presentingDepartmentId: p.lead,
    });
    p.state.meeting = { ...p.state.meeting, meetingId: placed.meetingId, itemId };
    await p.sync('placed_on_agenda', { rule: 'R21', meetingId: placed.meetingId, itemId, round });

    await condition(() => outcomes.has(itemId));
    const signal = outcomes.get(itemId)!;
    const outcome: RecordMeetingOutcome = {
      ...signal.outcome,
      meetingKind: signal.meeting.kind,
      meetingDate: signal.meeting.date,
      meetingReference: signal.meeting.number,
    };
    p.state.meeting = { ...p.state.meeting, decision: outcome.chiefDecision, decidedAt: new Date().toISOString() };
    switch (outcome.chiefDecision) {
      case 'deferred':
      case 'discuss_again':
        await p.sync(`meeting_${outcome.chiefDecision}`, { round, itemId });
        continue;
      case 'not_approved':
        await p.setStage('collective_discussion', 'done', '会议决定不予通过');
        return { result: 'not_approved', outcome };
      default:
        if (r26SendsBackToReview(outcome)) {
          await p.setStage('collective_discussion', 'in_progress', '会议要求实质性修改，重新进行合法性审查（R26）');
          return { result: 'back_to_review', outcome };
        }
        await p.setStage('collective_discussion', 'done');
        return { result: 'approved', outcome };
    }
  }
}
