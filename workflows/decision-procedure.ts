import {
  CancellationScope,
  condition,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
  allHandlersFinished,
} from '@temporalio/workflow';
import {
  changeProcedureFlags,
  completeTask,
  openTasks,
  procedureState,
  recomputeDeadlines,
  withdrawDecision,
} from '../domain/messages.js';
import { extendTaskDue } from '../domain/escalation-messages.js';
import { factsOf, type DecisionProcedureInput, type ProcedureState } from '../domain/procedure.js';
import { r21ReadinessViolations } from '../domain/rules/collective-discussion.js';
import { r31WithdrawalViolation } from '../domain/rules/changes.js';
import {
  expertApplicabilityAfter,
  r9r12FlagChangeViolations,
  riskApplicabilityAfter,
} from '../domain/rules/procedure-flags.js';
import { initialStageStates } from '../domain/stages.js';
import { acts } from './shared/activities.js';
import { ProcedureContext } from './shared/procedure-context.js';
import { ruleFailure, TaskEngine } from './shared/task-engine.js';
import { launchStage } from './stages/launch.js';
import { publicParticipationStage } from './stages/public-participation.js';
import { expertArgumentationStage } from './stages/expert-argumentation.js';
import { riskAssessmentStage } from './stages/risk-assessment.js';
import { legalityReviewStage, reviseAfterReturn } from './stages/legality-review.js';
import {
  approveSubmission,
  collectiveDiscussion,
  listenForMeetingOutcomes,
  reportToPartyCommittee,
} from './stages/collective-discussion.js';
import { implementationAndArchive, publicationStage } from './stages/publication.js';

/**
 * One major administrative decision from launch to archive (DOMAIN.md stages 1-6). Where the procedure
 * stands lives here; every step's record is written by activities.
 */
export async function decisionProcedure(input: DecisionProcedureInput): Promise<ProcedureState> {
  const state: ProcedureState = {
    decisionId: input.decisionId,
    decisionNo: input.decisionNo,
    status: 'active',
    stage: 'launch',
    stages: initialStageStates(),
    facts: factsOf(input),
    draft: { version: 0 },
    risk: { controllable: true, rounds: 0 },
    review: { requiredChanges: [], requiredChangesDone: false, rounds: 0 },
    submissionApproved: false,
    partyCommittee: { reported: false },
    meeting: { rounds: 0 },
    publication: { done: false },
    tasks: [],
  };
  const pcBefore = input.config.partyCommitteeReportTiming === 'before_meeting';
  const engine = new TaskEngine({
    decisionId: input.decisionId,
    completionContext: () => ({ facts: state.facts, config: input.config }),
    extraViolations: (kind) => (kind === 'place_on_agenda' ? r21ReadinessViolations(state, pcBefore) : []),
    summary: () => ({ stage: state.stage, status: state.status }),
  });
  setHandler(completeTask, (req) => engine.complete(req), { validator: (req) => engine.validate(req) });
  setHandler(openTasks, () => engine.openViews());
  setHandler(extendTaskDue, (req) => engine.extendDue(req));
  setHandler(recomputeDeadlines, () => engine.recomputeDeadlines());
  const p = new ProcedureContext(input, state, engine);
  const snapshot = (): ProcedureState => ({ ...state, tasks: engine.openViews() });
  setHandler(procedureState, snapshot);
  listenForMeetingOutcomes();

  const procedure = new CancellationScope();
  /** Set once a withdrawal has closed every task and the read model says so. */
  let wound = false;
  setHandler(
    withdrawDecision,
    async ({ actor, reason }) => {
      state.status = 'withdrawn';
      state.withdrawal = { reason, by: actor.userId, at: new Date().toISOString() };
      await acts.recordPersonEvent({
        decisionId: state.decisionId,
        key: `${workflowInfo().workflowId}:withdrawn`,
        actor,
        action: 'decision.withdrawn',
        data: { reason, stage: state.stage },
      });
      procedure.cancel();
      await condition(() => wound);
      return snapshot();
    },
    {
      validator: ({ reason }) => {
        const v = r31WithdrawalViolation({ status: state.status, meetingDecision: state.meeting.decision });
        if (v) throw ruleFailure([v]);
        if (!reason?.trim())
          throw ruleFailure([
            {
              rule: 'WITHDRAW_REASON',
              messageKey: 'withdraw.reason_required',
              message: { zh: '撤回应当说明理由', en: 'A withdrawal states its reason' },
              path: ['reason'],
            },
          ]);
      },
    },
  );

  // R9/R12 (Art. 19, 22): the lead department changes the expert / risk flags with a reason before legality review.
  let flagChanges = 0;
  setHandler(
    changeProcedureFlags,
    async ({ actor, expertArgumentation, riskAssessment, reason }) => {
      const applicability = { expertArgumentation: p.expertApplicability, riskAssessment: p.riskApplicability };
      if (expertArgumentation !== undefined)
        applicability.expertArgumentation = expertApplicabilityAfter(expertArgumentation, reason);
      if (riskAssessment !== undefined) applicability.riskAssessment = riskApplicabilityAfter(riskAssessment, reason);
      state.applicability = applicability;
      const key = `${workflowInfo().workflowId}:flags:${++flagChanges}`;
      await acts.recordPersonEvent({
        decisionId: state.decisionId,
        key,
        actor,
        action: 'decision.procedure_flags_changed',
        data: { expertArgumentation, riskAssessment, reason, stage: state.stage },
      });
      if (expertArgumentation === false) await engine.cancelKind('record_expert_opinions', `不进行专家论证：${reason}`);
      if (riskAssessment === false) await engine.cancelKind('submit_risk_assessment', `不进行风险评估：${reason}`);
      return snapshot();
    },
    {
      validator: (req) => {
        const v = r9r12FlagChangeViolations(req, {
          status: state.status,
          stages: state.stages,
          stagesClosed: p.stagesClosed,
        });
        if (v.length) throw ruleFailure(v);
      },
    },
  );

  await p.sync('workflow_started', { workflowId: workflowInfo().workflowId });
  try {
    await procedure.run(() => runProcedure(p));
  } catch (err) {
    if (!(isCancellation(err) && state.status === 'withdrawn')) throw err;
    await CancellationScope.nonCancellable(async () => {
      await engine.cancelAll(`撤回：${state.withdrawal?.reason ?? ''}`);
      await p.sync('withdrawn', { reason: state.withdrawal?.reason });
      if (engine.transition) await engine.drained();
    });
    wound = true;
  }
  if (engine.transition) await engine.drained();
  await condition(allHandlersFinished);
  return snapshot();
}

async function runProcedure(p: ProcedureContext): Promise<void> {
  const s = p.state;
  await launchStage(p);
  await Promise.all([publicParticipationStage(p), expertArgumentationStage(p), riskAssessmentStage(p)]);
  p.stagesClosed = true;

  const pcRequired = s.facts.partyCommitteeReportRequired;
  const pcBefore = p.config.partyCommitteeReportTiming === 'before_meeting';
  if (!pcRequired) await p.setStage('party_committee_report', 'not_applicable', '无须向党委请示报告');

  const rounds = { review: 0 };
  if ((await reviewAndDiscuss(p, rounds)) === 'not_approved') return;
  if (pcRequired && !pcBefore) {
    if (patched(R23_REPLY_RERUNS_PROCEDURE)) {
      // R23 (Art. 31): a reply that does not agree sends the draft back like R26: the revised draft is reviewed
      // for legality, approved by the head and discussed again before it is reported again and published.
      for (let pcRound = 1; !(await reportToPartyCommittee(p, pcRound)); pcRound++) {
        await back(p, `${rounds.review}-pc${pcRound}`, 'party_committee');
        if ((await reviewAndDiscuss(p, rounds)) === 'not_approved') return;
      }
    } else {
      for (let round = 1; !(await reportToPartyCommittee(p, round)); round++)
        await reviseAfterReturn(p, 'party_committee', `revise-after-party-committee-${round}`);
    }
  }
  await publicationStage(p);
  await implementationAndArchive(p);
}

/** The patch id of R23's after-meeting refusal re-running review, approval and the meeting. */
export const R23_REPLY_RERUNS_PROCEDURE = 'r23-reply-reruns-review-and-meeting';

/**
 * R15, R21, R23 (before the meeting), R24-R26: legality review, the head's approval and the meeting, round after
 * round until the meeting approves (or does not). `rounds` numbers the steps across calls.
 */
async function reviewAndDiscuss(p: ProcedureContext, rounds: { review: number }): Promise<'approved' | 'not_approved'> {
  const s = p.state;
  const pcRequired = s.facts.partyCommitteeReportRequired;
  const pcBefore = p.config.partyCommitteeReportTiming === 'before_meeting';
  for (;;) {
    const round = ++rounds.review;
    if (!s.review.requiredChangesDone) await legalityReviewStage(p);
    if (!(await approveSubmission(p, round))) {
      await back(p, round, 'dept_head');
      continue;
    }
    if (pcRequired && pcBefore && !s.partyCommittee.agreed && !(await reportToPartyCommittee(p, round))) {
      await back(p, round, 'party_committee');
      continue;
    }
    const discussion = await collectiveDiscussion(p);
    if (discussion.result === 'not_approved') {
      s.status = 'not_approved';
      await p.sync('not_approved');
      return 'not_approved';
    }
    if (discussion.result === 'back_to_review') {
      await back(p, round, 'meeting');
      continue;
    }
    return 'approved';
  }
}

/** Sends the draft back for revision; the revised draft goes through legality review again (R26). */
async function back(p: ProcedureContext, round: number | string, by: string): Promise<void> {
  await reviseAfterReturn(p, by, `revise-after-${by}-${round}`);
  p.state.review.requiredChangesDone = false;
  p.state.submissionApproved = false;
}
