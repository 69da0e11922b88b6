import { r21ReadinessViolations, r26SendsBackToReview } from '../../domain/rules/collective-discussion.js';
import type { RecordMeetingOutcome } from '../../domain/tasks/collective-discussion.js';
import type { ProcedureContext } from '../shared/procedure-context.js';
import { condition } from '@temporalio/workflow';

export type DiscussionResult = 'approved' | 'not_approved' | 'back_to_review';

/** R21: the department head approves the submission; a head who returns it sends the draft back for revision. */
export async function approveSubmission(p: ProcedureContext, round: number): Promise<boolean> {
  const a = await p.engine.run({ kind: 'approve_submission', step: `approve-submission-${round}`, departmentId: p.lead, due: p.stepDue('approve_submission') });
  p.state.submissionApproved = a.approve;
  await p.sync(a.approve ? 'submission_approved' : 'submission_returned', { comment: a.comment });
  return a.approve;
}

/** R23: the report to the party committee at the same level and its reply. */
export async function reportToPartyCommittee(p: ProcedureContext, round: number): Promise<boolean> {
  await p.setStage('party_committee_report', 'in_progress');
  const r = await p.engine.run({ kind: 'report_to_party_committee', step: `report-to-party-committee-${round}`, due: p.stepDue('report_to_party_committee') });
  p.state.partyCommittee = { reported: true, agreed: r.agreed };
  await p.setStage('party_committee_report', r.agreed ? 'done' : 'in_progress', r.agreed ? undefined : '党委未同意，退回修改');
  return r.agreed;
}

/**
 * R21, R25, R26: once every condition of R21 holds, the secretary records the meeting's discussion and the
 * chief executive's decision; deferral and "discuss again" bring it back to a later meeting.
 */
export async function collectiveDiscussion(p: ProcedureContext): Promise<{ result: DiscussionResult; outcome: RecordMeetingOutcome }> {
  const pcBefore = p.config.partyCommitteeReportTiming === 'before_meeting';
  await condition(() => r21ReadinessViolations(p.state, pcBefore).length === 0);
  await p.setStage('collective_discussion', 'in_progress');
  for (;;) {
    const round = ++p.state.meeting.rounds;
    const outcome = await p.engine.run({
      kind: 'record_meeting_outcome',
      step: `record-meeting-outcome-${round}`,
      due: p.stepDue('record_meeting_outcome'),
      context: { round, previousDecision: p.state.meeting.decision },
    });
    p.state.meeting = { ...p.state.meeting, decision: outcome.chiefDecision, decidedAt: new Date().toISOString() };
    switch (outcome.chiefDecision) {
      case 'deferred':
      case 'discuss_again':
        await p.sync(`meeting_${outcome.chiefDecision}`, { round });
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
