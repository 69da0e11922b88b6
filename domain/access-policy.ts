/**
 * Who may read and do what (issue 10 §1): role × department × relationship. Pure: the API loads the facts and
 * translates the same grants into its SQL filters (api/services/access.ts), so a list never holds what the
 * detail refuses. The README's "Access policy" table is this module in words.
 *
 * Basis: Decree 713 gives a decision to the people who carry its procedure — the lead (承办) department and the
 * departments it consults (Art. 11, 15), the legal center reviewing it (Art. 25-28), the meeting discussing it
 * (Art. 30-31) — and opens it to everyone on publication (Art. 32); a reviewer with a declared interest stands
 * aside (回避). Supervision (Art. 39-41) reads, it does not act.
 */
import type { Role } from './roles.js';
import { isPrincipalsTask, type AbsencePerson } from './absences.js';

/** The person asking, with the relationships the policy needs. */
export interface AccessActor {
  userId: string;
  roles: readonly Role[];
  departmentId: string;
  /** Departments whose principal leader (分管领导) this person is. */
  principalOf: readonly string[];
  /** Declared conflicts of interest (reviewers): a department, or one matter's number. */
  conflicts: ReadonlyArray<{ departmentId: string | null; subjectNumber: string | null }>;
  /** Absent people this person substitutes today (issue 16 §4): their open tasks are this person's too, nothing more. */
  actingFor?: readonly AbsencePerson[];
}

/** What the policy needs to know about a decision. */
export interface DecisionFacts {
  number: string;
  leadDepartmentId: string;
  coDepartmentIds: readonly string[];
  confidential: boolean;
  /** R27: the publication stage is done. */
  published: boolean;
  /** Its tasks: who and which department each is for, at which stage. */
  tasks: ReadonlyArray<{ role: string; departmentId: string | null; assigneeUserId: string | null; stage: string }>;
}

/** `full`: everything; `published`: only what was published (R27); `none`: it does not exist for the actor. */
export type DecisionAccess = 'full' | 'published' | 'none';

const has = (a: AccessActor, ...roles: Role[]) => roles.some((r) => a.roles.includes(r));
const DEPARTMENT_ROLES: Role[] = ['drafter', 'dept_head'];

/** The relationships that open a decision in full; each is one clause of the SQL filter too. */
export interface DecisionGrants {
  /** Lead or co-drafting/consulted department (drafter, head), or the principal leader's departments. */
  departments: string[];
  coDepartment: string | null;
  /** A task of the decision named to the actor (assigned reviewer, second checker…) or to the actor's role in their department. */
  ownTasks: boolean;
  /** Decisions that reached these stages (the director: legality review; secretaries and leaders: the meeting). */
  stages: string[];
  /** Every decision that is not confidential (the supervising office, read-only). */
  allNonConfidential: boolean;
  /** Excluded whatever else holds: declared conflicts (回避). */
  conflictedDepartments: string[];
  conflictedNumbers: string[];
}

export function decisionGrants(a: AccessActor): DecisionGrants {
  const reviewerLike = has(a, 'reviewer', 'director');
  return {
    departments: [...(has(a, ...DEPARTMENT_ROLES) ? [a.departmentId] : []), ...(has(a, 'leader') ? a.principalOf : [])],
    coDepartment: has(a, ...DEPARTMENT_ROLES) ? a.departmentId : null,
    ownTasks: true,
    stages: [
      ...(has(a, 'director') ? ['legality_review'] : []),
      ...(has(a, 'secretary', 'leader') ? ['collective_discussion'] : []),
    ],
    allNonConfidential: has(a, 'supervisor'),
    conflictedDepartments: reviewerLike ? a.conflicts.flatMap((c) => (c.departmentId ? [c.departmentId] : [])) : [],
    conflictedNumbers: reviewerLike ? a.conflicts.flatMap((c) => (c.subjectNumber ? [c.subjectNumber] : [])) : [],
  };
}

/**
 * Whether a task is the actor's: named to them, or to a role they hold (in their department where it has one);
 * or, while it is open, the task of an absent person they substitute today.
 */
export function isOwnTask(
  a: AccessActor,
  t: { role: string; departmentId: string | null; assigneeUserId: string | null; status?: string },
): boolean {
  const own = t.assigneeUserId
    ? t.assigneeUserId === a.userId
    : a.roles.includes(t.role as Role) && (t.departmentId === null || t.departmentId === a.departmentId);
  return own || (t.status === 'open' && (a.actingFor ?? []).some((p) => isPrincipalsTask(p, t)));
}

export function decisionAccess(a: AccessActor, d: DecisionFacts): DecisionAccess {
  const g = decisionGrants(a);
  if (g.conflictedDepartments.includes(d.leadDepartmentId) || g.conflictedNumbers.includes(d.number)) return 'none';
  const full =
    g.departments.includes(d.leadDepartmentId) ||
    (g.coDepartment !== null && d.coDepartmentIds.includes(g.coDepartment)) ||
    d.tasks.some((t) => isOwnTask(a, t)) ||
    d.tasks.some((t) => g.stages.includes(t.stage)) ||
    (g.allNonConfidential && !d.confidential);
  if (full) return 'full';
  return d.published ? 'published' : 'none';
}

/** What the policy needs to know about a legality review (of a decision, a normative document or a contract). */
export interface ReviewFacts {
  subjectNumber: string;
  departmentId: string;
  reviewerUserId: string | null;
  /** The subject decision is confidential (false for normative documents and contracts). */
  confidential: boolean;
  /** People its tasks are named to (the second checker among them). */
  assigneeUserIds: readonly string[];
}

export interface ReviewGrants {
  /** The director: the whole queue; the supervising office: everything not confidential. */
  all: boolean;
  allNonConfidential: boolean;
  /** The submitting department (drafter, head). */
  department: string | null;
  conflictedDepartments: string[];
  conflictedNumbers: string[];
}

export function reviewGrants(a: AccessActor): ReviewGrants {
  const d = decisionGrants(a);
  return {
    all: has(a, 'director'),
    allNonConfidential: has(a, 'supervisor'),
    department: has(a, ...DEPARTMENT_ROLES) ? a.departmentId : null,
    conflictedDepartments: d.conflictedDepartments,
    conflictedNumbers: d.conflictedNumbers,
  };
}

/** A review is read by its reviewer and second checker, the director, the submitting department and supervisors. */
export function canReadReview(a: AccessActor, r: ReviewFacts): boolean {
  const g = reviewGrants(a);
  if (g.conflictedDepartments.includes(r.departmentId) || g.conflictedNumbers.includes(r.subjectNumber)) return false;
  return (
    g.all ||
    (g.allNonConfidential && !r.confidential) ||
    r.reviewerUserId === a.userId ||
    r.assigneeUserIds.includes(a.userId) ||
    g.department === r.departmentId
  );
}

/** Meetings: secretaries run them; leaders sit on them; the director attends as the legal center; supervisors read; attendees read theirs. */
export function canReadMeeting(a: AccessActor, attendeeUserIds: readonly string[]): boolean {
  return has(a, 'secretary', 'leader', 'director', 'supervisor') || attendeeUserIds.includes(a.userId);
}

/** A task is read by whoever may do it, and by whoever reads its decision in full. */
export function canReadTask(
  a: AccessActor,
  t: { role: string; departmentId: string | null; assigneeUserId: string | null },
  decision: DecisionAccess,
): boolean {
  return isOwnTask(a, t) || decision === 'full';
}
