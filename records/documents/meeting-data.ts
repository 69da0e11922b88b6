import type { PrismaClient } from '../../generated/prisma/client.js';
import type { ItemOutcome } from '../../domain/tasks/collective-discussion.js';
import { chinaClock } from '../../domain/china-time.js';
import { BODY_POSITIONS, type MeetingBody } from '../../domain/meeting-bodies.js';

export const GENERAL_OFFICE = () => process.env.YIFA_GENERAL_OFFICE_NAME ?? '市人民政府办公室';
export const MEETING_ORGAN_ABBR = () => process.env.YIFA_MEETING_ORGAN_ABBR ?? '府办';

/** A meeting with its attendees and its agenda in order, each item with its decision and department. */
export async function loadMeeting(prisma: PrismaClient, meetingId: string) {
  const meeting = await prisma.meeting.findUnique({ where: { id: meetingId } });
  if (!meeting) return undefined;
  const [attendees, items, roster] = await Promise.all([
    prisma.meetingAttendee.findMany({ where: { meetingId }, orderBy: { position: 'asc' } }),
    prisma.meetingItem.findMany({ where: { meetingId }, orderBy: [{ position: 'asc' }, { addedAt: 'asc' }] }),
    // R24: the seats of the meeting body's roster that count for the quorum.
    prisma.meetingBodyMember.findMany({
      where: { body: meeting.kind, position: { in: [...(BODY_POSITIONS[meeting.kind as MeetingBody] ?? [])] } },
      select: { userId: true },
      orderBy: { userId: 'asc' },
    }),
  ]);
  const decisions = await prisma.decision.findMany({
    where: { id: { in: items.map((i) => i.decisionId) } },
    select: { id: true, number: true, title: true, status: true, stage: true, workflowId: true, confidential: true },
  });
  const departments = await prisma.department.findMany({ select: { id: true, nameZh: true } });
  const opinions = await prisma.stageRecord.findMany({
    where: { decisionId: { in: items.map((i) => i.decisionId) }, kind: 'review_opinion' },
    orderBy: { createdAt: 'desc' },
    select: { decisionId: true, reference: true },
  });
  const deptName = (id: string) => departments.find((d) => d.id === id)?.nameZh ?? id;
  return {
    meeting,
    attendees,
    roster,
    /** Any item's decision is not to be disclosed: the meeting's documents carry 份号 and 密级. */
    confidential: decisions.some((d) => d.confidential),
    items: items.map((i) => {
      const d = decisions.find((x) => x.id === i.decisionId)!;
      return {
        ...i,
        decision: d,
        department: deptName(i.presentingDepartmentId),
        reviewOpinionNo: opinions.find((o) => o.decisionId === i.decisionId)?.reference ?? null,
        outcome: i.outcome as unknown as ItemOutcome | null,
      };
    }),
  };
}
export type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

export const meetingTitle = (m: { year: number; sessionNo: number; kind: string }) =>
  `${m.year}年第${m.sessionNo}次市政府${m.kind === 'plenary' ? '全体会议' : '常务会议'}`;

/** 2026年11月25日 15:00 in Asia/Shanghai. */
export function shanghaiDateTime(d: Date): string {
  const l = chinaClock(d);
  return `${l.getUTCFullYear()}年${l.getUTCMonth() + 1}月${l.getUTCDate()}日 ${String(l.getUTCHours()).padStart(2, '0')}:${String(l.getUTCMinutes()).padStart(2, '0')}`;
}
