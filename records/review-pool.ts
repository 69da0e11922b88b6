/** The legal center's pool (R20) as the selection function sees it, read in the caller's transaction. */
import type { PrismaClient } from '../generated/prisma/client.js';
import type { PoolMember } from '../domain/review/assignment.js';
import type { Tx } from './audit.js';
import { chinaDate } from '../domain/china-time.js';

/** A review counts as open work from assignment until its opinion is issued. */
const OPEN = { issuedAt: null, status: { not: 'cancelled' } } as const;

export const localDate = chinaDate;

/** The pool as the selection function sees it: every user with the reviewer role, with profile, leave (their absences), conflicts and load. */
export async function loadPool(tx: Tx | PrismaClient): Promise<PoolMember[]> {
  const [users, profiles, leave, conflicts, weights] = await Promise.all([
    tx.user.findMany({ where: { roles: { some: { role: 'reviewer' } } }, select: { id: true, active: true } }),
    tx.reviewerProfile.findMany(),
    tx.absence.findMany({ select: { userId: true, startsOn: true, endsOn: true } }),
    tx.reviewerConflict.findMany(),
    tx.review.groupBy({
      by: ['reviewerUserId'],
      where: { ...OPEN, reviewerUserId: { not: null } },
      _sum: { weight: true },
      _max: { assignedAt: true },
    }),
  ]);
  const lastAssigned = await tx.review.groupBy({
    by: ['reviewerUserId'],
    where: { reviewerUserId: { not: null } },
    _max: { assignedAt: true },
  });
  return users.map((u) => {
    const p = profiles.find((x) => x.userId === u.id);
    return {
      userId: u.id,
      active: u.active && (p?.active ?? true),
      formerDepartmentId: p?.formerDepartmentId,
      leave: leave.filter((l) => l.userId === u.id),
      conflicts: conflicts.filter((c) => c.userId === u.id),
      openLoad: weights.find((w) => w.reviewerUserId === u.id)?._sum.weight ?? 0,
      lastAssignedAt: lastAssigned.find((w) => w.reviewerUserId === u.id)?._max.assignedAt?.toISOString() ?? null,
    };
  });
}
