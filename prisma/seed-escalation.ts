/**
 * Mail addresses for the demo organisation (the User and Department models carry none): each demo user
 * `<username>@yifa.example`, each demo department `dept.<code>@yifa.example`. Idempotent (existing rows are
 * kept) and limited to the demo organisation's ids, so a real organisation's people get no made-up address.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import { demoDepartments, demoUsers, departmentId, userId } from './seed.js';

export const DEMO_MAIL_DOMAIN = 'yifa.example';

export async function seedEscalation(prisma: PrismaClient): Promise<number> {
  const users = await prisma.user.findMany({
    where: { id: { in: demoUsers.map((u) => userId(u.username)) } },
    select: { id: true, username: true },
  });
  const departments = await prisma.department.findMany({
    where: { id: { in: demoDepartments.map((d) => departmentId(d.code)) } },
    select: { id: true, code: true },
  });
  const r = await prisma.mailAddress.createMany({
    data: [
      ...users.map((u) => ({ ownerType: 'user', ownerId: u.id, address: `${u.username}@${DEMO_MAIL_DOMAIN}` })),
      ...departments.map((d) => ({
        ownerType: 'department',
        ownerId: d.id,
        address: `dept.${d.code}@${DEMO_MAIL_DOMAIN}`,
      })),
    ],
    skipDuplicates: true,
  });
  return r.count;
}
