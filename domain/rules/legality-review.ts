import type { ProcedureConfig } from '../config.js';
import { CHECKLISTS, type ReviewKind } from '../review/kinds.js';
import type {
  ReviewLegality,
  ReviewOutcome,
  SubmitForLegalityReview,
  RecordRequiredChanges,
} from '../tasks/legality-review.js';
import { violation, type RuleViolation } from '../violation.js';

/** The materials a legality review starts from (R16, Art. 26). */
export interface ReviewMaterials {
  draftDocumentId?: string;
  explanationDocumentId?: string;
  legalBasis: string[];
  /**
   * One line per stage 1-3: done, or skipped/not applicable with its reason. `record` names the stage record
   * that shows a done stage was carried out (the completed step's kind, e.g. record_expert_opinions).
   */
  statutorySteps: Array<{ stage: string; status: string; reason?: string; record?: string }>;
  touchesMarketActors: boolean;
  fairCompetitionReview?: { conclusion: string; reportDocumentId?: string };
  /** Normative documents: how opinions were sought (征求意见情况). */
  consultationSummary?: string;
  /** Contracts: the counterparty's qualification (对方主体资格材料). */
  counterpartyDocumentId?: string;
}

export const MATERIAL_ITEMS = {
  draft: { zh: '决策草案', en: 'draft decision' },
  explanation: { zh: '起草说明', en: 'explanation of the draft' },
  legal_basis: { zh: '法律依据', en: 'legal basis' },
  statutory_steps: { zh: '履行法定程序情况', en: 'account of the statutory steps' },
  fair_competition_review: { zh: '公平竞争审查结论', en: 'fair-competition review' },
  consultation: { zh: '征求意见及采纳情况', en: 'account of the consultation' },
  counterparty: { zh: '合同相对方主体资格材料', en: 'the counterparty’s qualification' },
} as const;
export type MaterialItem = keyof typeof MATERIAL_ITEMS;

/** R16: the stage record that shows each of stages 1-3 was carried out (the kind of its concluding step). */
export const STAGE_RECORDS: Readonly<Record<string, string>> = {
  public_participation: 'conclude_public_participation',
  expert_argumentation: 'record_expert_opinions',
  risk_assessment: 'submit_risk_assessment',
};

/** R16: the items missing from a submission of its kind; non-empty means it is returned for supplement and the clock does not run. */
export function r16MissingMaterials(
  m: ReviewMaterials,
  kind: ReviewKind = 'decision',
  opts: { stageRecords?: boolean } = {},
): MaterialItem[] {
  const checkRecords = opts.stageRecords ?? true;
  const missing: MaterialItem[] = [];
  if (!m.draftDocumentId) missing.push('draft');
  if (kind !== 'contract' && !m.explanationDocumentId) missing.push('explanation');
  if (m.legalBasis.length === 0) missing.push('legal_basis');
  if (kind === 'normative_document') {
    if (!m.consultationSummary) missing.push('consultation');
    return missing;
  }
  if (kind === 'contract') {
    if (!m.counterpartyDocumentId) missing.push('counterparty');
    return missing;
  }
  const stepsAccounted = ['public_participation', 'expert_argumentation', 'risk_assessment'].every((s) =>
    m.statutorySteps.some(
      (x) =>
        x.stage === s &&
        ((x.status === 'done' && (!checkRecords || x.record === STAGE_RECORDS[s])) ||
          ((x.status === 'skipped' || x.status === 'not_applicable') && x.reason)),
    ),
  );
  if (!stepsAccounted) missing.push('statutory_steps');
  if (m.touchesMarketActors && !m.fairCompetitionReview) missing.push('fair_competition_review');
  return missing;
}

/** R17: the review gets at least 7 working days (the center's target unless a shorter time is asked for with a reason). */
export function r17ReviewWorkingDays(
  request: Pick<SubmitForLegalityReview, 'requestedReviewWorkingDays' | 'shortenedReason'>,
  config: ProcedureConfig,
): { days: number } | { violation: RuleViolation } {
  const asked = request.requestedReviewWorkingDays;
  if (asked === undefined) return { days: Math.max(config.reviewTargetWorkingDays, config.minReviewWorkingDays) };
  if (asked < config.minReviewWorkingDays && !request.shortenedReason)
    return {
      violation: violation(
        'R17',
        'r17.review_time_too_short',
        `合法性审查时间一般不少于${config.minReviewWorkingDays}个工作日，缩短的应当说明理由`,
        `Legality review gets at least ${config.minReviewWorkingDays} working days unless a reason is recorded`,
        ['shortenedReason'],
      ),
    };
  return { days: asked };
}

/**
 * R17 (Art. 26): the working days a decision's review runs on. Without a request, the kind's target (the
 * director's per-kind setting), never under the statutory minimum; a requested time at or above the minimum as
 * asked; a shorter one only once the center granted it — until then, or when it refused, the minimum.
 */
export function r17ReviewDays(a: {
  requested?: number;
  granted?: boolean;
  targetDays: number;
  minDays: number;
}): number {
  if (a.requested === undefined) return Math.max(a.targetDays, a.minDays);
  if (a.requested >= a.minDays || a.granted === true) return a.requested;
  return a.minDays;
}

/** R17: the center decides a shortened review time once, while one is asked for; refusing states why. */
export function r17ReviewTimeDecisionViolation(a: {
  shortenedRequested: boolean;
  alreadyDecided: boolean;
  grant: boolean;
  reason?: string;
}): RuleViolation | undefined {
  if (!a.shortenedRequested)
    return violation(
      'R17',
      'r17.no_shortened_request',
      '报送单位未申请缩短审查时间，无须决定',
      'No shortened review time was asked for',
    );
  if (a.alreadyDecided)
    return violation(
      'R17',
      'r17.already_decided',
      '是否同意缩短审查时间已经决定',
      'The shortened review time has already been decided',
    );
  if (!a.grant && !a.reason?.trim())
    return violation(
      'R17',
      'r17.refusal_reason_required',
      '不同意缩短审查时间的，应当说明理由',
      'Refusing a shortened review time states the reason',
      ['reason'],
    );
  return undefined;
}

/** R15: only these outcomes let a decision go on to the meeting. */
export function r15ReviewPassed(outcome: ReviewOutcome | undefined): boolean {
  return outcome === 'passed' || outcome === 'passed_with_changes' || outcome === 'exploratory_with_risk';
}

/** R18: the opinion addresses every item of its kind's checklist (for decisions: authority, procedure, content). */
export function r18ChecklistViolations(
  p: Pick<ReviewLegality, 'findings'>,
  kind: ReviewKind = 'decision',
): RuleViolation[] {
  const missing = CHECKLISTS[kind].filter((i) => !p.findings[i.key]);
  return missing.length
    ? [
        violation(
          'R18',
          'r18.checklist_item_missing',
          `审查意见未对以下事项作出结论：${missing.map((i) => i.zh).join('；')}`,
          `The opinion does not address: ${missing.map((i) => i.en).join('; ')}`,
          ['findings'],
        ),
      ]
    : [];
}

/** R18, R19: the opinion addresses its kind's checklist, and its outcome carries what it requires; a draft found non-conforming cannot pass (R15). */
export function r19OpinionViolations(p: ReviewLegality, kind: ReviewKind = 'decision'): RuleViolation[] {
  const out: RuleViolation[] = [...r18ChecklistViolations(p, kind)];
  if (p.outcome === 'passed_with_changes' && !p.requiredChanges?.length)
    out.push(
      violation('R19', 'r19.required_changes_missing', '“修改后通过”应当列明需修改事项', 'List the required changes', [
        'requiredChanges',
      ]),
    );
  if ((p.outcome === 'returned_for_revision' || p.outcome === 'not_lawful') && !p.reasons)
    out.push(
      violation('R19', 'r19.reasons_missing', '退回修改或认定不合法的，应当说明理由', 'State the reasons', ['reasons']),
    );
  if (p.outcome === 'exploratory_with_risk' && !p.legalRisks)
    out.push(
      violation(
        'R15',
        'r15.legal_risks_missing',
        '探索性改革事项应当明确提示法律风险',
        'State the legal risks of the exploratory reform',
        ['legalRisks'],
      ),
    );
  if (p.outcome === 'materials_incomplete' && !p.missingItems?.length)
    out.push(
      violation('R16', 'r16.missing_items_missing', '退回补充材料的，应当列明所缺材料', 'List the missing materials', [
        'missingItems',
      ]),
    );
  const nonConforming = CHECKLISTS[kind].filter((i) => p.findings[i.key] && !p.findings[i.key].conforms);
  if ((p.outcome === 'passed' || p.outcome === 'passed_with_changes') && nonConforming.length)
    out.push(
      violation(
        'R15',
        'r15.unlawful_cannot_pass',
        `审查认定“${nonConforming.map((i) => i.zh).join('”“')}”不符合规定的，不得通过`,
        `A draft found non-conforming (${nonConforming.map((i) => i.en).join('; ')}) cannot pass`,
        ['outcome'],
      ),
    );
  return out;
}

/** R19: each required change of a "passed with changes" opinion is answered with how it was made. */
export function r19RequiredChangesViolations(payload: RecordRequiredChanges, required: string[]): RuleViolation[] {
  const answered = new Set(payload.changes.map((c) => c.requirement));
  const missing = required.filter((r) => !answered.has(r));
  return missing.length
    ? [
        violation(
          'R19',
          'r19.required_change_unanswered',
          `以下修改要求尚未落实：${missing.join('；')}`,
          `Required changes not yet answered: ${missing.join('; ')}`,
          ['changes'],
        ),
      ]
    : [];
}

export interface ReviewSettings {
  weight: number;
  targetWorkingDays: number;
  secondCheck: boolean;
  directorSignOff: boolean;
  numberPrefix: string;
}

/**
 * R17: the center's own target per kind of review (10 working days for decisions, 5 for normative documents and
 * contracts), with the kind's weight, checks and number prefix. Built-in settings for a kind with no row (the seed
 * writes rows; an admin changes them as data).
 */
export const DEFAULT_REVIEW_SETTINGS: Record<ReviewKind, ReviewSettings> = {
  decision: { weight: 3, targetWorkingDays: 10, secondCheck: false, directorSignOff: false, numberPrefix: '法审' },
  normative_document: {
    weight: 2,
    targetWorkingDays: 5,
    secondCheck: false,
    directorSignOff: false,
    numberPrefix: '法规审',
  },
  contract: { weight: 1, targetWorkingDays: 5, secondCheck: false, directorSignOff: false, numberPrefix: '法合审' },
};
