import type { ServiceContext } from './context.js';

/** One person a secretary can pick as a meeting attendee: a city leader (a member) or the justice bureau's head (the legal adviser, R24). */
export interface RosterEntry {
  userId: string;
  name: string;
  title: string;
  member: boolean;
  legalAdviser: boolean;
}

/**
 * The accounts a meeting's attendees are picked from (R24): the active leaders as members, and the head of the
 * justice department as the legal adviser, leaders first in the seed's order (mayor, then vice mayors).
 */
export async function meetingRoster(ctx: ServiceContext): Promise<{ items: RosterEntry[] }> {
  const users = await ctx.prisma.user.findMany({
    where: {
      active: true,
      OR: [{ roles: { some: { role: 'leader' } } }, { roles: { some: { role: 'dept_head' } }, department: { kind: 'justice' } }],
    },
    include: { roles: true, department: { select: { nameZh: true } } },
    orderBy: [{ createdAt: 'asc' }, { username: 'asc' }],
  });
  const items = users.map((u): RosterEntry => {
    const leader = u.roles.some((r) => r.role === 'leader');
    // A leader's display name may carry the portfolio in brackets (副市长（分管…）): the title is the part before it.
    const title = leader ? u.displayName.replace(/[（(].*$/, '') : `${u.department.nameZh}负责人`;
    return { userId: u.id, name: u.displayName, title, member: leader, legalAdviser: !leader };
  });
  return { items: [...items.filter((x) => x.member), ...items.filter((x) => !x.member)] };
}
