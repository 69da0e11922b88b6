import { DEFAULT_PROCEDURE_CONFIG, type ProcedureConfig } from '../../domain/config.js';
import type { DecisionFacts, ProcedureState } from '../../domain/procedure.js';
import { initialStageStates } from '../../domain/stages.js';
import type { RuleViolation } from '../../domain/violation.js';

/** Facts of an ordinary decision of the transport bureau; a test overrides what it is about. */
export const facts = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
  leadDepartmentId: 'dept-jtysj',
  coDepartmentIds: [],
  confidential: false,
  touchesMarketActors: false,
  widePublicConcern: false,
  legalBasis: ['《中华人民共和国价格法》'],
  partyCommitteeReportRequired: true,
  ...over,
});

export const config = (over: Partial<ProcedureConfig> = {}): ProcedureConfig => ({
  ...DEFAULT_PROCEDURE_CONFIG,
  ...over,
});

/** A procedure that meets every R21 condition: stages 1-3 done, review passed, party committee agreed, head approved. */
export const readyState = (over: Partial<ProcedureState> = {}): ProcedureState => {
  const stages = initialStageStates();
  stages.launch = { status: 'done' };
  stages.public_participation = { status: 'done' };
  stages.expert_argumentation = { status: 'done' };
  stages.risk_assessment = { status: 'done' };
  stages.legality_review = { status: 'done' };
  stages.party_committee_report = { status: 'done' };
  return {
    decisionId: 'd-1',
    decisionNo: 'JC-2026-0001',
    status: 'active',
    stage: 'collective_discussion',
    stages,
    facts: facts(),
    draft: { draftDocumentId: 'doc-draft', explanationDocumentId: 'doc-expl', version: 1 },
    risk: { level: 'low', controllable: true, rounds: 1 },
    review: {
      outcome: 'passed',
      opinionNo: '法审〔2026〕1号',
      reviewerUserId: 'user-reviewer01',
      requiredChanges: [],
      requiredChangesDone: true,
      rounds: 1,
    },
    submissionApproved: true,
    partyCommittee: { reported: true, agreed: true },
    meeting: { rounds: 0 },
    publication: { done: false },
    tasks: [],
    ...over,
  };
};

/** The rule ids and message keys of a list of violations, for compact assertions. */
export const keys = (vs: RuleViolation[]) => vs.map((v) => `${v.rule}:${v.messageKey}`);
