import { BODY_POSITIONS, POSITION_LABELS, POSITIONS, type MeetingBody } from '../../domain/meeting-bodies.js';
import type { ServiceContext } from './context.js';

/** One person a secretary can pick as a meeting attendee: a member of the body's roster, or the justice bureau's head (the legal adviser, R24). */
export interface RosterEntry {
  userId: string;
  name: string;
  title: string;
  member: boolean;
  legalAdviser: boolean;
}

/**
 * The accounts a meeting's attendees are picked from (R24): the body's roster (MeetingBodyMember, kept as data)
 * in the order of its positions (mayor, vice mayors, secretary-general, members), then the active heads of the
 * justice department as legal advisers. Inactive accounts are left out.
 */
export async function meetingRoster(ctx: ServiceContext, body: MeetingBody): Promise<{ items: RosterEntry[] }> {
  const members = await ctx.prisma.meetingBodyMember.findMany({ where: { body } });
  const users = await ctx.prisma.user.findMany({
    where: {
      active: true,
      OR: [
        { id: { in: members.map((m) => m.userId) } },
        { roles: { some: { role: 'dept_head' } }, department: { kind: 'justice' } },
      ],
    },
    include: { department: { select: { nameZh: true } } },
    orderBy: [{ createdAt: 'asc' }, { username: 'asc' }],
  });
  const rank = (p: string) => POSITIONS.indexOf(p as (typeof POSITIONS)[number]);
  const onRoster = members
    .filter((m) => users.some((u) => u.id === m.userId))
    .sort(
      (a, b) =>
        rank(a.position) - rank(b.position) ||
        users.findIndex((u) => u.id === a.userId) - users.findIndex((u) => u.id === b.userId),
    )
    .map((m): RosterEntry => {
      const u = users.find((x) => x.id === m.userId)!;
      const position = POSITION_LABELS[m.position as keyof typeof POSITION_LABELS]?.zh;
      return {
        userId: u.id,
        name: u.displayName,
        title: m.position === 'member' || !position ? `${u.department.nameZh}负责人` : position,
        member: true,
        legalAdviser: false,
      };
    });
  const advisers = users
    .filter((u) => !members.some((m) => m.userId === u.id))
    .map(
      (u): RosterEntry => ({
        userId: u.id,
        name: u.displayName,
        title: `${u.department.nameZh}负责人`,
        member: false,
        legalAdviser: true,
      }),
    );
  return { items: [...onRoster, ...advisers] };
}

/** R24: the seats of a meeting body's roster that count for its quorum (executive meeting: its members by position; plenary: all members). */
export async function bodyRosterSeats(ctx: ServiceContext, body: MeetingBody): Promise<Array<{ userId: string }>> {
  const seats = await ctx.prisma.meetingBodyMember.findMany({
    where: { body, position: { in: [...BODY_POSITIONS[body]] } },
    select: { userId: true },
    orderBy: { userId: 'asc' },
  });
  return seats.map(({ userId }) => ({ userId }));
}
