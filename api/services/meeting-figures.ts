/** R39: meetings held and items decided, and the justice-bureau head's (legal adviser's) attendance, per year. */
import { CHIEF_DECISIONS, type ChiefDecision } from '../../domain/tasks/collective-discussion.js';
import type { ServiceContext } from './context.js';

export async function meetingFigures(ctx: ServiceContext, year: number) {
  const meetings = await ctx.prisma.meeting.findMany({
    where: { year, status: 'closed' },
    select: { id: true, kind: true },
  });
  const ids = meetings.map((m) => m.id);
  const [items, advisers] = await Promise.all([
    ctx.prisma.meetingItem.findMany({
      where: { meetingId: { in: ids }, decidedAt: { not: null } },
      select: { chiefDecision: true },
    }),
    ctx.prisma.meetingAttendee.findMany({
      where: { meetingId: { in: ids }, legalAdviser: true, present: true },
      select: { meetingId: true },
    }),
  ]);
  const byDecision = Object.fromEntries(CHIEF_DECISIONS.map((d) => [d, 0])) as Record<ChiefDecision, number>;
  for (const i of items) byDecision[i.chiefDecision as ChiefDecision]++;
  return {
    year,
    meetingsHeld: {
      total: meetings.length,
      executive: meetings.filter((m) => m.kind === 'executive').length,
      plenary: meetings.filter((m) => m.kind === 'plenary').length,
    },
    itemsDecided: { total: items.length, byDecision },
    legalAdviserAttendance: { meetings: meetings.length, attended: new Set(advisers.map((a) => a.meetingId)).size },
  };
}
