/**
 * R20 assignment: a new review goes to the active reviewer with the least open work, weighted by kind;
 * reviewers on leave and reviewers with a conflict of interest (a declared one, or their own former
 * department) are skipped; ties go to the reviewer who has waited longest since their last assignment, then
 * to the lower user id, so the same pool always gives the same answer.
 */
export interface PoolMember {
  userId: string;
  active: boolean;
  formerDepartmentId?: string | null;
  /** Leave periods, local dates inclusive (YYYY-MM-DD). */
  leave: Array<{ startsOn: string; endsOn: string }>;
  conflicts: Array<{ departmentId?: string | null; subjectNumber?: string | null }>;
  /** Sum of the weights of the reviewer's open reviews. */
  openLoad: number;
  /** When the reviewer was last given a review (ISO), if ever. */
  lastAssignedAt?: string | null;
}

export interface AssignmentSubject {
  departmentId: string;
  subjectNumber: string;
  /** The local date the assignment is made (YYYY-MM-DD). */
  onDate: string;
  /** Reviewers not to be chosen (the one declining, the primary reviewer for a second check). */
  exclude?: string[];
}

export type Ineligibility = 'inactive' | 'on_leave' | 'declared_conflict' | 'former_department' | 'excluded';

/** Why a reviewer may not take this review, or undefined when they may. */
export function ineligibility(m: PoolMember, s: AssignmentSubject): Ineligibility | undefined {
  if (!m.active) return 'inactive';
  if (s.exclude?.includes(m.userId)) return 'excluded';
  if (m.leave.some((l) => l.startsOn <= s.onDate && s.onDate <= l.endsOn)) return 'on_leave';
  if (m.formerDepartmentId && m.formerDepartmentId === s.departmentId) return 'former_department';
  if (
    m.conflicts.some(
      (c) =>
        (c.departmentId && c.departmentId === s.departmentId) ||
        (c.subjectNumber && c.subjectNumber === s.subjectNumber),
    )
  )
    return 'declared_conflict';
  return undefined;
}

/** The reviewer a new review goes to, or undefined when nobody in the pool may take it. */
export function pickReviewer(pool: PoolMember[], s: AssignmentSubject): PoolMember | undefined {
  return pool
    .filter((m) => !ineligibility(m, s))
    .sort(
      (a, b) =>
        a.openLoad - b.openLoad ||
        (a.lastAssignedAt ?? '').localeCompare(b.lastAssignedAt ?? '') ||
        a.userId.localeCompare(b.userId),
    )[0];
}
