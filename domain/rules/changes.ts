import type { ChiefDecision } from '../tasks/collective-discussion.js';
import { violation, type RuleViolation } from '../violation.js';

/** R31: once the meeting has decided (or the procedure has ended), the decision is changed or stopped only by the procedure, not withdrawn. */
export function r31WithdrawalViolation(s: { status: string; meetingDecision?: ChiefDecision }): RuleViolation | undefined {
  if (s.meetingDecision === 'approved' || s.meetingDecision === 'approved_with_changes')
    return violation('R31', 'r31.already_decided', '决策已经会议审议通过，非经法定程序不得撤回', 'The meeting has approved the decision; it can only be changed through the procedure');
  if (s.status !== 'active')
    return violation('R31', 'r31.not_active', '决策程序已结束，不能撤回', 'The procedure has already ended');
  return undefined;
}
