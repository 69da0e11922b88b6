import { allHandlersFinished, condition, getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import {
  closeMeeting,
  meetingOutcome,
  meetingState,
  recordItemOutcome,
  type MeetingFacts,
} from '../../domain/messages.js';
import { r25MeetingOutcomeViolations } from '../../domain/rules/collective-discussion.js';
import { r24OpinionsFromMembersPresent, r24QuorumViolation } from '../../domain/rules/meeting.js';
import { violation } from '../../domain/violation.js';
import { acts } from '../shared/activities.js';
import { ruleFailure } from '../shared/task-engine.js';

/**
 * One executive or plenary meeting (R24, R25): the secretary records each agenda item's discussion and the
 * chief executive's decision; each item signals the decision it decides. The meeting ends when it is closed.
 */
export async function executiveMeeting(meeting: MeetingFacts): Promise<{ decided: Record<string, string> }> {
  const decided: Record<string, string> = {};
  let closed = false;
  setHandler(meetingState, () => ({ meetingId: meeting.meetingId, decided: { ...decided }, closed }));

  setHandler(
    recordItemOutcome,
    async (req) => {
      await acts.recordMeetingItemOutcome({
        itemId: req.itemId,
        decisionId: req.decisionId,
        actor: req.actor,
        outcome: req.outcome,
        meeting,
      });
      decided[req.itemId] = req.outcome.chiefDecision;
      await getExternalWorkflowHandle(req.decisionWorkflowId).signal(meetingOutcome, {
        itemId: req.itemId,
        meeting,
        outcome: req.outcome,
      });
      return { itemId: req.itemId, chiefDecision: req.outcome.chiefDecision };
    },
    {
      validator: (req) => {
        if (closed) throw ruleFailure([violation('R25', 'meeting.closed', '会议已结束', 'The meeting is closed')]);
        if (decided[req.itemId])
          throw ruleFailure([
            violation('R25', 'meeting.item_decided', '该议题已作出决定', 'This item has already been decided'),
          ]);
        // R24: quorum = more than half of the body's roster present in the recorded attendance; opinions only from roster members present.
        const quorum = r24QuorumViolation(req.roster ?? [], req.attendance ?? []);
        if (quorum) throw ruleFailure([quorum]);
        const who = r24OpinionsFromMembersPresent(req.outcome.memberOpinions, req.attendance ?? [], req.roster ?? []);
        if (who.length) throw ruleFailure(who);
        const v = r25MeetingOutcomeViolations(req.outcome);
        if (v.length) throw ruleFailure(v);
      },
    },
  );

  setHandler(
    closeMeeting,
    async ({ actor }) => {
      await acts.closeMeetingRecord({ meetingId: meeting.meetingId, actor });
      closed = true;
      return { closed: true as const };
    },
    {
      validator: ({ undecidedItemIds }: { undecidedItemIds: string[] }) => {
        const open = undecidedItemIds.filter((id) => !decided[id]);
        if (open.length)
          throw ruleFailure([
            violation(
              'R25',
              'meeting.items_undecided',
              `尚有${open.length}项议题未作出决定`,
              `${open.length} agenda item(s) not yet decided`,
            ),
          ]);
      },
    },
  );

  await condition(() => closed);
  await condition(allHandlersFinished);
  return { decided };
}
