/**
 * R38: the closed list of audit actions. Every event appended to the audit chain names one of these actions and
 * carries data that validates against the action's schema. Stored JSON shapes are part of the legal record:
 * loosen a schema only by adding optional fields; a change of meaning is a new action.
 *
 * Families (an action with a dynamic part) are listed with their closed set of parts, so the list stays closed:
 * `task.completed.<task kind>`, `procedure.stage:<stage>:<status>`, `escalation.<ladder action>`,
 * `letter.issued.<letter kind>`.
 */
import { z } from 'zod';
import { STAGES, STAGE_STATUSES, type Stage, type StageStatus } from './stages.js';
import { TASK_KIND_NAMES, type TaskKind } from './tasks/kinds.js';
import { ESCALATION_ACTIONS, type EscalationAction } from './escalation-config.js';
import { CHIEF_DECISIONS, type ChiefDecision } from './tasks/collective-discussion.js';
import type { LetterKind } from './rules/escalation.js';

const str = z.string();
const optStr = z.string().nullish();
const rule = z.string().regex(/^R\d+$/);
const iso = z.string().min(10);
const sha = z.string().regex(/^[0-9a-f]{64}$/);
const obj = <S extends z.core.$ZodLooseShape>(shape: S) => z.looseObject(shape);
const anyData = z.record(z.string(), z.unknown());
const due = obj({ dueAt: iso, provisional: z.boolean().optional(), rule: str.optional() });
/** The exact document versions a step saw (issue 9 §1). */
const documentRefs = z.array(obj({ id: str, kind: str, version: z.number().int(), sha256: sha, fileName: str }));

/** Schemas of the actions without a dynamic part. */
const FIXED_SCHEMAS = {
  'auth.login': obj({ address: optStr }),
  'auth.login_failed': obj({ username: str, address: optStr, reason: str }),
  'auth.logout': obj({}),
  'auth.logout_everywhere': obj({ sessions: z.number().int() }),
  'auth.password_change_failed': obj({ address: optStr }),
  'auth.password_changed': obj({ address: optStr, sessionsEnded: z.number().int() }),
  'user.created': obj({ username: str, displayName: str, departmentId: str, roles: z.array(str) }),
  'user.updated': obj({ before: obj({}), after: obj({}), sessionsEnded: z.number().int().optional() }),
  'user.password_reset': obj({ sessionsEnded: z.number().int() }),
  'calendar.loaded': obj({ before: obj({}).nullable(), after: obj({}), reason: str.optional() }),
  'calendar.withdrawn': obj({ reason: str, before: obj({}) }),
  'law.added': obj({ rule, before: obj({}).nullable(), after: obj({ name: str }) }),
  'law.updated': obj({ rule, before: obj({}).nullable(), after: obj({ name: str }) }),
  'decision.launched': obj({ number: str, title: str, launch: obj({}), rule: rule.optional() }),
  'decision.withdrawn': obj({ reason: str, stage: str.optional() }),
  'decision.procedure_flags_changed': obj({
    expertArgumentation: z.boolean().optional(),
    riskAssessment: z.boolean().optional(),
    reason: str,
    stage: str.optional(),
  }),
  'decision.adjustment_started': obj({ rule, newDecisionId: str, newNumber: str, description: optStr }),
  'document.uploaded': obj({ kind: str, fileName: str, sha256: sha, version: z.number().int() }),
  'dossier.sealed': obj({
    rule,
    reference: str,
    sha256: sha,
    entries: z.number().int(),
    chainHead: obj({ scope: str, scopeSeq: z.number().int(), hash: sha }).optional(),
  }),
  'evaluation.requested': obj({ rule, trigger: str, reason: optStr }),
  'evaluation.concluded': obj({ rule, result: z.unknown(), status: optStr, linkedDecisionNo: optStr }),
  'implementation.reported': obj({ rule, stage: str }),
  'implementation.emergency_suspended': obj({ rule, stage: str, reason: str }),
  'mail.sent': obj({ to: str, subject: str, recipientRole: optStr, letterId: optStr }),
  'meeting.created': obj({ number: str, kind: str, startsAt: iso, place: optStr, attendees: z.array(z.unknown()) }),
  'meeting.attendance_recorded': obj({ before: z.array(z.unknown()), after: z.array(z.unknown()) }),
  'meeting.items_ordered': obj({ before: z.array(str), after: z.array(str) }),
  'meeting.item_added': obj({ meetingId: str }),
  'meeting.item_decided': obj({ meeting: z.unknown(), outcome: z.unknown(), documents: documentRefs.optional() }),
  'meeting.closed': obj({}),
  'notice.read': obj({ action: str }),
  'notice.preferences_changed': obj({ before: anyData, after: anyData }),
  'setting.changed': obj({ key: str, before: z.unknown(), after: z.unknown() }),
  'view.saved': obj({ list: str, title: str, query: anyData }),
  'view.updated': obj({ list: str, before: obj({}), after: obj({}) }),
  'view.deleted': obj({ list: str, title: str }),
  'temporal.codec_used': obj({
    operation: z.enum(['encode', 'decode']),
    payloads: z.number().int(),
    namespace: optStr,
  }),
  'procedure.workflow_started': obj({ workflowId: str }),
  'procedure.comment_period_opened': anyData,
  'procedure.risk_not_controllable': obj({ rule, level: str, round: z.number().int() }),
  'procedure.legality_review_passed': obj({ rule, outcome: str, opinionNo: optStr }),
  'procedure.submission_approved': obj({ comment: optStr }),
  'procedure.submission_returned': obj({ comment: optStr }),
  'procedure.placed_on_agenda': obj({ rule, meetingId: str, itemId: str, round: z.number().int() }),
  'procedure.withdrawn': obj({ reason: optStr }),
  'procedure.not_approved': anyData,
  'review.opened': obj({ kind: str, subjectNumber: optStr, settings: z.unknown() }),
  'review.submitted': obj({ rule, kind: str, title: str, files: obj({}) }),
  'review.resubmitted': obj({ rule, supplied: z.array(str) }),
  'review.returned_for_supplement': obj({ rule, missingItems: z.array(str) }),
  'review.document_uploaded': obj({ documentId: str, kind: str, fileName: str, sha256: sha }),
  'review.flags_found': obj({ draftDocumentId: optStr, flags: z.array(obj({ code: str, excerpt: optStr })) }),
  'review.flag_confirmed': obj({ reviewId: str, code: str }),
  'review.flag_dismissed': obj({ reviewId: str, code: str }),
  'review.opinion_issued': obj({
    rule,
    reference: str,
    outcome: str,
    documentId: str,
    sha256: sha,
    version: z.number().int().optional(),
  }),
  'review.assigned': obj({ rule, reviewerUserId: optStr }),
  'review.reassigned': obj({ rule, reviewerUserId: str, from: optStr, reason: optStr }),
  'review.declined': obj({ rule, reviewerUserId: optStr, from: optStr, reason: optStr }),
  'review.review_time_decided': obj({
    rule,
    stage: str,
    requested: z.number().int().nullish(),
    granted: z.boolean(),
    reason: optStr,
    workingDays: z.number().int(),
  }),
  'review.no_eligible_reviewer': obj({ rule }),
  'review.second_checker_assigned': obj({ rule, reviewerUserId: optStr }),
  'review.pool_profile_changed': obj({ rule }),
  'review.pool_leave_recorded': obj({ rule }),
  'review.pool_conflict_declared': obj({ rule }),
  'absence.recorded': obj({
    absenceId: str,
    userId: str,
    startsOn: iso,
    endsOn: iso,
    reason: str,
    substituteUserId: optStr,
  }),
  'absence.withdrawn': obj({ absenceId: str, userId: str, before: obj({}) }),
  'expert.created': obj({
    rule,
    name: str,
    institution: str,
    fields: z.array(str),
    formerDepartmentIds: z.array(str),
    interests: z.array(obj({ description: str })),
  }),
  'expert.interest_declared': obj({
    rule,
    interestId: str,
    description: str,
    departmentId: optStr,
    decisionId: optStr,
  }),
  'expert.opinion_received': obj({ rule, expertId: str, signedBy: str, signedOn: str, documentId: str, sha256: sha }),
  'expert.opinion_answered': obj({ rule, response: z.enum(['adopted', 'not_adopted']), reason: optStr }),
  'expert.selected': obj({ rule, selectionId: str, expertId: str, expertName: str, institution: str, reason: str }),
  'expert.updated': obj({ rule, name: str, changed: z.array(str) }),
  'expert.declined': obj({ rule, selectionId: str, expertName: str, reason: str }),
  'review.settings_changed': obj({ rule }),
  'review.publication_recorded': obj({ rule: str, reviewId: str, documentNumber: str, publishedOn: str, dueOn: str }),
  'review.filing_recorded': obj({
    rule: str,
    reviewId: str,
    filedWith: z.array(str),
    filedOn: str,
    reference: str,
    onTime: z.boolean(),
  }),
  'catalog.created': obj({ rule, year: z.number().int() }),
  'catalog.draft_saved': obj({ rule, before: z.array(z.unknown()), after: z.array(z.unknown()) }),
  'catalog.approved': obj({ rule, partyCommitteeRef: str, partyCommitteeAgreedOn: str }),
  'catalog.published': obj({ rule, version: z.number().int(), entries: z.number().int() }),
  'catalog.amended': obj({ rule, version: z.number().int(), reason: str, diff: obj({}) }),
  'catalog.amendment_proposed': obj({
    rule,
    amendmentId: str,
    reason: str,
    baseVersion: z.number().int(),
    diff: obj({}),
  }),
  'catalog.amendment_approved': obj({
    rule,
    amendmentId: str,
    version: z.number().int(),
    reason: str,
    partyCommitteeRef: str,
    partyCommitteeAgreedOn: str,
    diff: obj({}),
  }),
  'catalog.amendment_refused': obj({ rule, amendmentId: str, reason: str }),
  'catalog.amendment_withdrawn': obj({ rule, amendmentId: str, reason: str }),
  'catalog.outside_requested': obj({ rule, title: str, reason: str, departmentId: str }),
  'catalog.outside_decided': obj({ rule, approve: z.boolean(), note: optStr }),
  'comment.submitted': obj({ rule, receipt: str, channel: str, commenterKind: str }),
  'comment.recorded': obj({ rule, receipt: str, channel: str, commenterKind: str }),
  'comment.grouped': obj({ rule, groupId: str, commentIds: z.array(str) }),
  'comment.group_created': obj({ rule, groupId: str, summary: str }),
  'comment.group_answered': obj({
    rule,
    groupId: str,
    before: obj({}).nullable(),
    after: obj({ response: str, reason: optStr }),
  }),
  'hearing.announced': obj({ rule, hearingId: str, startsAt: iso, place: str }),
  'hearing.materials_sent': obj({ rule, hearingId: str, sentAt: iso, daysBefore: z.number().int() }),
  'hearing.cancelled': obj({ rule, hearingId: str, reason: str }),
  'hearing.record_confirmed': obj({
    rule,
    hearingId: str,
    participants: z.number().int(),
    confirmed: z.number().int(),
  }),
  'task.opened': obj({
    kind: str,
    role: str,
    departmentId: optStr,
    assigneeUserId: optStr,
    due: due.nullish(),
    reviewId: str.optional(),
  }),
  'task.overdue': obj({ dueAt: iso, reviewId: str.optional() }),
  'task.cancelled': obj({ reason: str, reviewId: str.optional() }),
  'task.due_moved': obj({ before: obj({ dueAt: iso.nullish() }), after: due.nullish(), pausedAt: iso.nullish() }),
  'task.extended': obj({ rule, reason: str, workingDays: z.number().int(), before: obj({}), after: obj({}) }),
  'audit.chain_migrated': obj({
    scheme: str,
    events: z.number().int(),
    legacyHead: obj({ seq: z.number().int(), hash: str }).nullable(),
  }),
  'audit.checkpoint': obj({ scheme: str, heads: z.record(str, z.tuple([z.number().int(), sha])) }),
  'audit.break_detected': obj({
    seq: z.number().int(),
    scope: str,
    scopeSeq: z.number().int().nullable(),
    action: str,
    reason: str,
    expectedHash: str.nullable(),
    actualHash: str.nullable(),
  }),
} as const satisfies Record<string, z.ZodType>;

type FixedAction = keyof typeof FIXED_SCHEMAS;
const LETTER_KINDS = ['reminder_letter', 'supervision_letter'] as const satisfies readonly LetterKind[];

/** Every action the audit chain accepts (type level). */
export type AuditAction =
  | FixedAction
  | `procedure.meeting_${ChiefDecision}`
  | `task.completed.${TaskKind}`
  | `procedure.stage:${Stage}:${StageStatus}`
  | `escalation.${EscalationAction}`
  | `letter.issued.${LetterKind}`;

/** The families: a pattern whose parts come from closed lists, each with its data schema. */
const FAMILIES: Array<{ parts: readonly (readonly string[])[]; build: (...p: string[]) => string; schema: z.ZodType }> =
  [
    {
      parts: [CHIEF_DECISIONS],
      build: (d) => `procedure.meeting_${d}`,
      schema: obj({ itemId: str.optional(), round: z.number().int().optional() }),
    },
    {
      parts: [TASK_KIND_NAMES],
      build: (k) => `task.completed.${k}`,
      schema: obj({
        kind: str,
        payload: z.unknown(),
        stage: str.optional(),
        reviewId: str.optional(),
        documents: documentRefs.optional(),
      }),
    },
    {
      parts: [STAGES, STAGE_STATUSES],
      build: (s, st) => `procedure.stage:${s}:${st}`,
      schema: obj({ stage: str, status: str, reason: optStr }),
    },
    {
      parts: [ESCALATION_ACTIONS],
      build: (a) => `escalation.${a}`,
      schema: obj({
        rule,
        step: str,
        round: z.number().int(),
        dueAt: iso,
        departmentId: optStr,
        recipients: z.record(str, z.array(str)),
      }),
    },
    {
      parts: [LETTER_KINDS],
      build: (k) => `letter.issued.${k}`,
      schema: obj({ rule, number: str, departmentId: str, documentId: str }),
    },
  ];

function expand(parts: readonly (readonly string[])[]): string[][] {
  return parts.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((p) => [...prefix, p])), [[]]);
}

/** action → data schema, families expanded (a few hundred entries). */
const SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  ...Object.entries(FIXED_SCHEMAS),
  ...FAMILIES.flatMap((f) => expand(f.parts).map((p) => [f.build(...p), f.schema] as [string, z.ZodType])),
]);

/** Every listed action, families expanded (for the OpenAPI enum, tests and labels). */
export const AUDIT_ACTIONS: readonly AuditAction[] = [...SCHEMAS.keys()] as AuditAction[];

export function isAuditAction(action: string): action is AuditAction {
  return SCHEMAS.has(action);
}

/** A dynamic action string checked against the list (throws when it is not listed). */
export function auditAction(action: string): AuditAction {
  if (!isAuditAction(action))
    throw new AuditEventError(`audit action '${action}' is not in the list of audit actions (domain/audit-events.ts)`);
  return action;
}

export class AuditEventError extends Error {
  override name = 'AuditEventError';
}

/** Validates an event's data (already in its stored JSON form) against its action's schema; throws when invalid. */
export function checkAuditData(action: string, data: unknown): void {
  const schema = SCHEMAS.get(action);
  if (!schema)
    throw new AuditEventError(`audit action '${action}' is not in the list of audit actions (domain/audit-events.ts)`);
  const r = schema.safeParse(data);
  if (!r.success) {
    const where = r.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');
    throw new AuditEventError(`audit event '${action}' has invalid data: ${where}`);
  }
}

/** Who acted, as the audit chain records it: a person (with the role they used) or the engine. */
export const AuditActorSchema = z.union([
  z.object({
    userId: z.string().min(1),
    name: z.string().min(1),
    role: z
      .string()
      .min(1)
      .refine((r) => r !== 'engine'),
    departmentId: z.string().min(1).nullable(),
    /** A substitute acting for an absent person (issue 16 §4): recorded as "X for Y". */
    onBehalfOf: z.object({ userId: z.string().min(1), name: z.string().min(1) }).optional(),
  }),
  z.object({ userId: z.null(), name: z.literal('系统'), role: z.literal('engine'), departmentId: z.null() }),
  // Someone not identified (a failed sign-in with an unknown user name): the name they gave, no role.
  z.object({ userId: z.null(), name: z.string().min(1), role: z.literal('none'), departmentId: z.null() }),
]);
export type AuditActor = z.infer<typeof AuditActorSchema>;

/** The engine, for events no person caused (tasks opened, deadlines passed, checkpoints). */
export const engineActor: AuditActor = Object.freeze({
  userId: null,
  name: '系统',
  role: 'engine',
  departmentId: null,
});

/**
 * The one helper that builds a person's actor: from a workflow Actor (`{ userId, name, role, departmentId }`) or a
 * signed-in user (`{ id, displayName, departmentId }` plus the role they act in).
 */
export function auditActor(p: {
  userId: string;
  name: string;
  role: string;
  departmentId: string | null;
  onBehalfOf?: { userId: string; name: string };
}): AuditActor;
export function auditActor(
  p: { id: string; displayName: string; departmentId: string | null },
  role: string,
): AuditActor;
export function auditActor(
  p: {
    userId?: string;
    name?: string;
    id?: string;
    displayName?: string;
    role?: string;
    departmentId: string | null;
    onBehalfOf?: { userId: string; name: string };
  },
  role?: string,
): AuditActor {
  return {
    userId: (p.userId ?? p.id)!,
    name: (p.name ?? p.displayName)!,
    role: (role ?? p.role)!,
    departmentId: p.departmentId ?? null,
    ...(p.onBehalfOf ? { onBehalfOf: { userId: p.onBehalfOf.userId, name: p.onBehalfOf.name } } : {}),
  };
}

/**
 * The chain an event belongs to: one per decision, per standalone review, per meeting, and the city's chain for
 * everything else (sign-ins, calendar, reviewer pool, checkpoints). Writes of different chains never wait on
 * each other; the city chain's checkpoints anchor every chain's head.
 */
export function auditScopeOf(e: {
  decisionId?: string | null;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}): string {
  if (e.decisionId) return `decision:${e.decisionId}`;
  if (e.subjectType === 'review' || e.subjectType === 'meeting') return `${e.subjectType}:${e.subjectId}`;
  const reviewId = e.data?.reviewId;
  if (typeof reviewId === 'string' && reviewId) return `review:${reviewId}`;
  return CITY_SCOPE;
}

export const CITY_SCOPE = 'city';
