import type { ProcedureState } from '../procedure.js';
import type { ChiefDecision, ItemOutcome } from '../tasks/collective-discussion.js';
import { violation, type RuleViolation } from '../violation.js';
import { STAGE_LABELS } from '../stages.js';
import { r15ReviewPassed } from './legality-review.js';

/** R21: what must hold before a decision may go on the agenda; each unmet condition names its rule. */
export function r21ReadinessViolations(s: ProcedureState, partyCommitteeBeforeMeeting: boolean): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const stage of ['public_participation', 'expert_argumentation', 'risk_assessment'] as const) {
    const st = s.stages[stage];
    if (!(st.status === 'done' || ((st.status === 'skipped' || st.status === 'not_applicable') && st.reason)))
      out.push(
        violation(
          'R21',
          `r21.${stage}_open`,
          `${STAGE_LABELS[stage].zh}尚未完成或未说明不开展的理由`,
          `${STAGE_LABELS[stage].en} is not done or skipped with a reason`,
        ),
      );
  }
  if (!s.risk.controllable)
    out.push(violation('R14', 'r14.risk_not_controllable', '风险不可控，不得提交会议讨论', 'Risk not controllable'));
  if (!r15ReviewPassed(s.review.outcome))
    out.push(
      violation(
        'R15',
        'r15.review_not_passed',
        '未经合法性审查或经审查不合法的，不得提交讨论',
        'Legality review not passed',
      ),
    );
  else if (s.review.outcome === 'passed_with_changes' && !s.review.requiredChangesDone)
    out.push(
      violation(
        'R19',
        'r19.required_changes_open',
        '审查意见要求的修改尚未落实',
        'Required changes from the legality review not yet made',
      ),
    );
  if (
    s.facts.partyCommitteeReportRequired &&
    partyCommitteeBeforeMeeting &&
    !(s.partyCommittee.reported && s.partyCommittee.agreed)
  )
    out.push(
      violation('R23', 'r23.report_pending', '尚未向同级党委请示报告', 'Report to the party committee not done'),
    );
  if (!s.submissionApproved)
    out.push(
      violation(
        'R21',
        'r21.head_not_approved',
        '承办单位负责人尚未审核同意报送',
        'The department head has not approved the submission',
      ),
    );
  return out;
}

const POSITION_TO_DECISION: Record<ItemOutcome['memberOpinions'][number]['position'], ChiefDecision | undefined> = {
  approve: 'approved',
  approve_with_changes: 'approved_with_changes',
  not_approve: 'not_approved',
  defer: 'deferred',
  return_for_more_work: 'returned_for_more_work',
  abstain: undefined,
};

/** The decision more than half of the members who took a position supported, if any. */
export function majorityDecision(opinions: ItemOutcome['memberOpinions']): ChiefDecision | undefined {
  const counts = new Map<ChiefDecision, number>();
  let voting = 0;
  for (const o of opinions) {
    const d = POSITION_TO_DECISION[o.position];
    if (!d) continue;
    voting++;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  // "Approve" and "approve with changes" both support approval: the chief choosing either does not depart from it.
  const approving = (counts.get('approved') ?? 0) + (counts.get('approved_with_changes') ?? 0);
  if (approving * 2 > voting)
    return (counts.get('approved_with_changes') ?? 0) > (counts.get('approved') ?? 0)
      ? 'approved_with_changes'
      : 'approved';
  for (const [d, n] of counts) if (n * 2 > voting) return d;
  return undefined;
}

const isApproval = (d: ChiefDecision | undefined) => d === 'approved' || d === 'approved_with_changes';

/** R25: the chief executive decides; a decision departing from the majority of members' opinions records the reason. R26: changes ordered are described. */
export function r25MeetingOutcomeViolations(p: ItemOutcome): RuleViolation[] {
  const out: RuleViolation[] = [];
  const majority = majorityDecision(p.memberOpinions);
  const departs =
    majority !== undefined && !(isApproval(majority) && isApproval(p.chiefDecision)) && majority !== p.chiefDecision;
  if (departs && !p.departureReason)
    out.push(
      violation(
        'R25',
        'r25.departure_reason_required',
        '行政首长拍板意见与会议组成人员多数意见不一致的，应当在会上说明理由',
        'The chief’s decision departs from the majority view: record the reason',
        ['departureReason'],
      ),
    );
  if (p.chiefDecision === 'approved_with_changes' && !p.changes)
    out.push(
      violation(
        'R26',
        'r26.changes_required',
        '“修改后通过”应当载明修改内容及其性质',
        'Describe the changes ordered and whether they are substantive',
        ['changes'],
      ),
    );
  return out;
}

/** R26: substantive changes ordered at the meeting send the draft back to legality review; editorial ones do not. */
export function r26SendsBackToReview(p: Pick<ItemOutcome, 'chiefDecision' | 'changes'>): boolean {
  return (
    p.chiefDecision === 'returned_for_more_work' ||
    (p.chiefDecision === 'approved_with_changes' && p.changes?.kind === 'substantive')
  );
}
