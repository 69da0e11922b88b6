/**
 * Which document kinds may be added to a decision, by whom and when (issue 9 §1), as data. A kind is either made
 * by the engine only (the review opinion by the legal center's issuing step, letters, agendas, minutes, the
 * dossier) or uploaded by a person of a named role during named stages or open steps. Pure: the upload service,
 * the pages and the tests all read this table.
 */
import type { DocumentKind } from './documents.js';
import type { Role } from './roles.js';
import type { Stage } from './stages.js';
import type { TaskKind } from './tasks/kinds.js';
import { violation, type RuleViolation } from './violation.js';

const DECREE = '《重大行政决策程序暂行条例》';

/** One version of a document as a step saw it: recorded with the step, used later instead of "the latest". */
export interface DocumentRef {
  id: string;
  kind: string;
  version: number;
  sha256: string;
  fileName: string;
}

interface Basis {
  rule: string;
  /** The article (or local rule) named to people. */
  article: string;
}

export type KindPolicy =
  | (Basis & { by: 'engine'; madeBy: { zh: string; en: string } })
  | (Basis & {
      by: 'upload';
      /** drafter and dept_head only of the decision's lead department. */
      roles: readonly Role[];
      /** Stages in which the decision may receive it (the decision's current stage). */
      stages: readonly Stage[];
      /** Open steps of the decision during which it may be added; 'own' = any open step of the uploader's role. */
      steps: readonly TaskKind[] | 'own';
    });

/** The drafting department's own steps in which the draft and its materials may be (re)submitted. */
const DRAFTING_STEPS = [
  'submit_draft',
  'submit_for_legality_review',
  'supplement_materials',
  'revise_draft',
  'record_required_changes',
] as const satisfies readonly TaskKind[];

export const DOCUMENT_POLICY: Record<DocumentKind, KindPolicy> = {
  // R14: after a high risk level the adjusted draft comes with the re-assessment.
  draft: {
    rule: 'R3',
    article: `${DECREE}第十二条、第二十八条`,
    by: 'upload',
    roles: ['drafter'],
    stages: ['launch'],
    steps: [...DRAFTING_STEPS, 'submit_risk_assessment'],
  },
  explanation: {
    rule: 'R3',
    article: `${DECREE}第十二条`,
    by: 'upload',
    roles: ['drafter'],
    stages: ['launch'],
    steps: DRAFTING_STEPS,
  },
  alternative_draft: {
    rule: 'R3',
    article: `${DECREE}第十三条`,
    by: 'upload',
    roles: ['drafter'],
    stages: ['launch'],
    steps: DRAFTING_STEPS,
  },
  department_opinion: {
    rule: 'R3',
    article: `${DECREE}第十三条`,
    by: 'upload',
    roles: ['drafter'],
    stages: ['launch'],
    steps: DRAFTING_STEPS,
  },
  legal_basis: {
    rule: 'R16',
    article: `${DECREE}第二十六条`,
    by: 'upload',
    roles: ['drafter'],
    stages: ['launch'],
    steps: DRAFTING_STEPS,
  },
  fair_competition_review: {
    rule: 'R16',
    article: `${DECREE}第二十六条、第二十九条`,
    by: 'upload',
    roles: ['drafter'],
    stages: ['launch'],
    steps: DRAFTING_STEPS,
  },
  expert_opinion_signed: {
    rule: 'R11',
    article: `${DECREE}第二十条`,
    by: 'upload',
    roles: ['drafter'],
    stages: [],
    steps: ['record_expert_opinions'],
  },
  risk_report: {
    rule: 'R13',
    article: `${DECREE}第二十二条、第二十三条`,
    by: 'upload',
    roles: ['drafter'],
    stages: [],
    steps: ['submit_risk_assessment'],
  },
  party_committee_reply: {
    rule: 'R23',
    article: `${DECREE}第三十一条`,
    by: 'upload',
    roles: ['secretary'],
    stages: [],
    steps: ['report_to_party_committee'],
  },
  publication: {
    rule: 'R27',
    article: `${DECREE}第三十二条`,
    by: 'upload',
    roles: ['secretary'],
    stages: [],
    steps: ['publish_decision'],
  },
  other: {
    rule: 'R38',
    article: `${DECREE}第三十三条`,
    by: 'upload',
    roles: ['drafter', 'secretary'],
    stages: ['launch'],
    steps: 'own',
  },
  review_opinion: {
    rule: 'R19',
    article: `${DECREE}第二十八条`,
    by: 'engine',
    madeBy: { zh: '法务中心签发审查意见书', en: "the legal center's issuing step" },
  },
  meeting_record: {
    rule: 'R25',
    article: `${DECREE}第三十条`,
    by: 'engine',
    madeBy: { zh: '会议结束时生成的会议纪要', en: 'the minutes made when the meeting closes' },
  },
  reminder_letter: {
    rule: 'R37',
    article: '本市重大行政决策提示督办制度',
    by: 'engine',
    madeBy: { zh: '依法治市办的提示督办程序', en: "the supervising office's escalation ladder" },
  },
  supervision_letter: {
    rule: 'R37',
    article: '本市重大行政决策提示督办制度',
    by: 'engine',
    madeBy: { zh: '依法治市办的提示督办程序', en: "the supervising office's escalation ladder" },
  },
};

export interface DocumentAddition {
  kind: DocumentKind;
  /** The uploader's roles. */
  roles: readonly Role[];
  /** Whether the uploader belongs to the decision's lead (drafting) department. */
  inLeadDepartment: boolean;
  decision: { stage: string; status: string; sealed: boolean };
  /** Kinds of the decision's open steps, with the role each needs. */
  openSteps: ReadonlyArray<{ kind: string; role: string }>;
}

export type AdditionVerdict =
  | { allowed: true; role: Role }
  | { allowed: false; status: 403 | 409; violation: RuleViolation };

const DEPARTMENT_ROLES: readonly Role[] = ['drafter', 'dept_head'];

/** Whether a person may add a document of this kind to the decision now: the role used, or the refusal (403 role, 409 stage). */
export function documentAdditionVerdict(a: DocumentAddition): AdditionVerdict {
  const policy = DOCUMENT_POLICY[a.kind];
  if (a.decision.sealed)
    return refuse(
      409,
      violation(
        'R28',
        'r28.dossier_sealed',
        `决策档案已封存，不得再添加文件（${DECREE}第三十三条）`,
        'The dossier is sealed: nothing can be added to this decision (R28)',
        ['kind'],
      ),
    );
  if (policy.by === 'engine')
    return refuse(
      403,
      violation(
        policy.rule,
        'documents.engine_only',
        `该类文件只能由${policy.madeBy.zh}生成，不能上传（${policy.article}）`,
        `This kind of document is made only by ${policy.madeBy.en}; it cannot be uploaded (${policy.rule})`,
        ['kind'],
      ),
    );
  const role = policy.roles.find((r) => a.roles.includes(r) && (!DEPARTMENT_ROLES.includes(r) || a.inLeadDepartment));
  if (!role)
    return refuse(
      403,
      violation(
        policy.rule,
        'documents.role',
        `只有${policy.roles.map(roleZh).join('或')}可以添加该类文件（${policy.article}）`,
        `Only ${policy.roles.join(' or ')} may add this kind of document (${policy.rule})`,
        ['kind'],
      ),
    );
  const inStage = a.decision.status === 'active' && (policy.stages as readonly string[]).includes(a.decision.stage);
  const steps = policy.steps;
  const inStep = a.openSteps.some((s) =>
    steps === 'own' ? s.role === role : (steps as readonly string[]).includes(s.kind),
  );
  if (!inStage && !inStep)
    return refuse(
      409,
      violation(
        policy.rule,
        'documents.not_now',
        `当前环节不能添加该类文件（${policy.article}）`,
        `This kind of document cannot be added at the decision's current step (${policy.rule})`,
        ['kind'],
      ),
    );
  return { allowed: true, role };
}

const refuse = (status: 403 | 409, v: RuleViolation): AdditionVerdict => ({ allowed: false, status, violation: v });
const ROLE_ZH: Partial<Record<Role, string>> = {
  drafter: '牵头承办单位经办人',
  dept_head: '牵头承办单位负责人',
  secretary: '常务会议秘书',
};
const roleZh = (r: Role) => ROLE_ZH[r] ?? r;

/** R22: the kinds of document that go to the meeting, in the order the materials pack lists them. */
export const MEETING_MATERIAL_KINDS = [
  'draft',
  'explanation',
  'alternative_draft',
  'department_opinion',
  'legal_basis',
  'expert_opinion_signed',
  'risk_report',
  'fair_competition_review',
  'review_opinion',
  'party_committee_reply',
] as const;

/**
 * The procedure's current materials: for each kind, the version last submitted through a step (records in the
 * order they were made). An upload no step took up is not among them. Alternative drafts and department
 * opinions keep every version the last step naming that kind listed.
 */
export function currentMaterials(records: ReadonlyArray<{ documents: readonly DocumentRef[] }>): DocumentRef[] {
  const byKind = new Map<string, DocumentRef[]>();
  for (const r of records) {
    const kinds = new Set(r.documents.map((d) => d.kind));
    for (const kind of kinds)
      byKind.set(
        kind,
        r.documents.filter((d) => d.kind === kind),
      );
  }
  return MEETING_MATERIAL_KINDS.flatMap((k) => byKind.get(k) ?? []);
}

/** The kind of document a payload field names (top-level fields of the drafting and revising steps). */
export const FIELD_DOCUMENT_KINDS: Readonly<Record<string, string>> = {
  draftDocumentId: 'draft',
  revisedDraftDocumentId: 'draft',
  explanationDocumentId: 'explanation',
  alternativeDocumentIds: 'alternative_draft',
};

const KIND_ZH: Readonly<Record<string, string>> = {
  draft: '决策草案',
  explanation: '起草说明',
  alternative_draft: '备选方案',
  counterparty: '对方材料',
  other: '其他材料',
};

/**
 * Issue 14 item 3: a document chosen for a field must be of that field's kind (a draft is a draft, R3), and a
 * "revised" draft must be a new version: not the very file (same SHA-256) of the draft already submitted (R19).
 */
export function chosenDocumentViolations(
  chosen: ReadonlyArray<{ field: string; doc: DocumentRef }>,
  currentDraft?: DocumentRef,
): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const { field, doc } of chosen) {
    const want = FIELD_DOCUMENT_KINDS[field];
    if (want && doc.kind !== want)
      out.push(
        violation(
          'R3',
          'documents.wrong_kind',
          `所选文件“${doc.fileName}”是${KIND_ZH[doc.kind] ?? doc.kind}，不是${KIND_ZH[want]}（${DECREE}第十二条）`,
          `The chosen file "${doc.fileName}" is a ${doc.kind}, not a ${want} (R3)`,
          [field],
        ),
      );
    else if (field === 'revisedDraftDocumentId' && currentDraft && doc.sha256 === currentDraft.sha256)
      out.push(
        violation(
          'R19',
          'r19.draft_unchanged',
          `修改后的决策草案与已送审的第${currentDraft.version}版内容完全相同（SHA-256一致），请上传修改后的新版本（${DECREE}第二十八条）`,
          `The revised draft is the same file as version ${currentDraft.version} already submitted (same SHA-256): upload the revised version (R19)`,
          [field],
        ),
      );
  }
  return out;
}
