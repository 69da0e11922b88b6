import type { ChiefDecision } from '../tasks/collective-discussion.js';
import { violation, type RuleViolation } from '../violation.js';

/** R31: once the meeting has decided (or the procedure has ended), the decision is changed or stopped only by the procedure, not withdrawn. */
export function r31WithdrawalViolation(s: {
  status: string;
  meetingDecision?: ChiefDecision;
}): RuleViolation | undefined {
  if (s.meetingDecision === 'approved' || s.meetingDecision === 'approved_with_changes')
    return violation(
      'R31',
      'r31.already_decided',
      '决策已经会议审议通过，非经法定程序不得撤回',
      'The meeting has approved the decision; it can only be changed through the procedure',
    );
  if (s.status !== 'active')
    return violation('R31', 'r31.not_active', '决策程序已结束，不能撤回', 'The procedure has already ended');
  return undefined;
}

/**
 * R31 (Art. 37): in an emergency the chief executive (行政首长: the mayor on the executive meeting's roster) may
 * suspend implementation first, with the reason; only a decision being implemented can be suspended. The
 * procedure then decides to resume or adjust it (an evaluation, R30). Each check applies when its fact is given.
 */
export function r31EmergencySuspensionViolation(s: {
  chiefExecutive?: boolean;
  implementation?: string;
  reason?: string;
}): RuleViolation | undefined {
  if (s.chiefExecutive === false)
    return violation(
      'R31',
      'r31.not_chief_executive',
      '情况紧急时只有决策机关行政首长可以先决定中止执行',
      'Only the chief executive may suspend implementation in an emergency',
    );
  if (s.reason !== undefined && !s.reason.trim())
    return violation(
      'R31',
      'r31.suspension_reason',
      '中止执行须说明紧急情况和理由',
      'A suspension states the emergency and its reason',
    );
  if (s.implementation !== undefined && s.implementation !== 'implementing')
    return violation(
      'R31',
      'r31.not_implementing',
      '该决策不在执行中，不能中止执行',
      'The decision is not being implemented, so it cannot be suspended',
    );
  return undefined;
}
