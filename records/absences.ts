/** Absences (issue 16 §4) as the services and the reviewer pool read them. */
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Principal } from '../domain/absences.js';
import type { Role } from '../domain/roles.js';
import type { Tx } from './audit.js';

/** The absent people whose task rights this person holds as their substitute on the given China date. */
export const principalsOf = (db: Tx | PrismaClient, substituteUserId: string, onDate: string) =>
  absentPeople(db, { substituteUserId, startsOn: { lte: onDate }, endsOn: { gte: onDate } }, true);

/** Every period (past, present, future) in which this person is someone's substitute, with the absent person. */
export const substitutionsOf = (db: Tx | PrismaClient, substituteUserId: string) =>
  absentPeople(db, { substituteUserId }, false);

async function absentPeople(
  db: Tx | PrismaClient,
  where: Prisma.AbsenceWhereInput,
  activeOnly: boolean,
): Promise<Principal[]> {
  const rows = await db.absence.findMany({ where, orderBy: { startsOn: 'asc' } });
  if (!rows.length) return [];
  const users = await db.user.findMany({
    where: { id: { in: rows.map((r) => r.userId) }, ...(activeOnly ? { active: true } : {}) },
    select: { id: true, displayName: true, departmentId: true, roles: { select: { role: true } } },
  });
  return rows.flatMap((r) => {
    const u = users.find((x) => x.id === r.userId);
    if (!u) return [];
    return [
      {
        id: u.id,
        name: u.displayName,
        roles: u.roles.map((x) => x.role as Role),
        departmentId: u.departmentId,
        absenceId: r.id,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
      },
    ];
  });
}
