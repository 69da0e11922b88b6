/**
 * Absences and substitutes (issue 16 §4): a person away for a period of China dates, optionally naming a
 * substitute (代办人) who, during that period and only then, holds exactly the absent person's task rights: sees
 * their open tasks and completes them, recorded as "X for Y" (X 代 Y). A reviewer's leave is an absence too (R20:
 * no new assignment while on leave). Pure: the API loads the facts.
 */
import { z } from 'zod';
import type { Role } from './roles.js';
import { isoDate, text } from './tasks/fields.js';

/** What a person (or their head) records: the absent person (default: oneself), the period, the reason, the substitute. */
export const AbsenceSchema = z
  .strictObject({
    userId: z.string().min(1).max(100).optional(),
    startsOn: isoDate,
    endsOn: isoDate,
    reason: text(200),
    substituteUserId: z.string().min(1).max(100).optional(),
  })
  .refine((a) => a.startsOn <= a.endsOn, {
    path: ['endsOn'],
    message: '结束日期不得早于开始日期 / endsOn must not be before startsOn',
  });
export type AbsenceInput = z.infer<typeof AbsenceSchema>;

/** A person as the rules of absences see them. */
export interface AbsencePerson {
  id: string;
  roles: readonly Role[];
  departmentId: string;
}

/**
 * Who may record (or withdraw) someone's absence, and in which role: the person themself; the legal center's
 * director for a reviewer; a department head for their department's staff; the admin for a reviewer (the pool's
 * leave, as before). Null: nobody else.
 */
export function absenceRecorderRole(by: AbsencePerson, absent: AbsencePerson): Role | null {
  if (by.id === absent.id) return by.roles[0] ?? null;
  const reviewer = absent.roles.includes('reviewer');
  if (reviewer && by.roles.includes('director')) return 'director';
  if (by.roles.includes('dept_head') && by.departmentId === absent.departmentId) return 'dept_head';
  if (reviewer && by.roles.includes('admin')) return 'admin';
  return null;
}

/** Whether a period (both ends inclusive, YYYY-MM-DD) covers a China date. */
export const coversDate = (p: { startsOn: string; endsOn: string }, date: string): boolean =>
  p.startsOn <= date && date <= p.endsOn;

/** Whether two periods share a day. */
export const periodsOverlap = (a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }) =>
  a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

/** The absent person whose task rights a substitute holds today. */
export interface Principal extends AbsencePerson {
  name: string;
  absenceId: string;
  startsOn: string;
  endsOn: string;
}

/** Whether a task is the principal's (named to them, or to a role they hold in their department): the substitute may do it while it is open. */
export function isPrincipalsTask(
  p: AbsencePerson,
  t: { role: string; departmentId: string | null; assigneeUserId: string | null; status?: string },
): boolean {
  if (t.status !== undefined && t.status !== 'open') return false;
  if (t.assigneeUserId) return t.assigneeUserId === p.id;
  return p.roles.includes(t.role as Role) && (t.departmentId === null || t.departmentId === p.departmentId);
}

/** Who is told when someone is away with no substitute: the director for a reviewer, else the department's head(s). */
export const headRoleOf = (absent: AbsencePerson): Role =>
  absent.roles.includes('reviewer') ? 'director' : 'dept_head';

/** "2026-05-04" → "2026年5月4日": how a period reads in Chinese. */
export function dateZh(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
