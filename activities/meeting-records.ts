/**
 * Activities of the executive meeting (R24-R26): agenda items and their outcomes, written once each (keyed by
 * item id) with their audit events in the same transaction.
 */
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Actor } from '../domain/roles.js';
import type { MeetingFacts } from '../domain/messages.js';
import type { ItemOutcome } from '../domain/tasks/collective-discussion.js';
import { appendAudit, engineActor, auditActor } from '../records/audit.js';
import { notifyDecided, notifyPlacedOnAgenda } from '../records/progress-notices.js';

export function createMeetingActivities(prisma: PrismaClient) {
  return {
    /** R21: a ready decision placed on a meeting's agenda becomes its last item. */
    async recordAgendaItem(a: {
      itemId: string;
      meetingId: string;
      decisionId: string;
      presentingDepartmentId: string;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, {
          idempotencyKey: `meeting.item_added:${a.itemId}`,
          at: new Date(),
          actor: engineActor,
          action: 'meeting.item_added',
          decisionId: a.decisionId,
          subjectType: 'meeting_item',
          subjectId: a.itemId,
          data: { meetingId: a.meetingId },
        });
        if (!fresh) return;
        const position = (await tx.meetingItem.count({ where: { meetingId: a.meetingId } })) + 1;
        // R22: the item carries the exact versions the placement on the agenda recorded.
        const placed = await tx.stageRecord.findFirst({
          where: { decisionId: a.decisionId, kind: 'place_on_agenda' },
          orderBy: { createdAt: 'desc' },
          select: { documents: true },
        });
        const materials = (placed?.documents ?? []) as Prisma.InputJsonValue;
        await tx.meetingItem.create({
          data: {
            id: a.itemId,
            meetingId: a.meetingId,
            decisionId: a.decisionId,
            position,
            presentingDepartmentId: a.presentingDepartmentId,
            materials,
          },
        });
        await notifyPlacedOnAgenda(tx, {
          itemId: a.itemId,
          decisionId: a.decisionId,
          meetingId: a.meetingId,
          at: new Date(),
        });
      });
    },

    /** R25: the discussion and the chief's decision on one item, recorded on the item and in the decision's records. */
    async recordMeetingItemOutcome(a: {
      itemId: string;
      decisionId: string;
      actor: Actor;
      outcome: ItemOutcome;
      meeting: MeetingFacts;
    }): Promise<void> {
      const at = new Date();
      await prisma.$transaction(async (tx) => {
        // The decision was taken on the versions placed on the agenda (R22): recorded with the outcome.
        const item = await tx.meetingItem.findUnique({ where: { id: a.itemId }, select: { materials: true } });
        const documents = (item?.materials ?? []) as Prisma.InputJsonValue;
        const fresh = await appendAudit(tx, {
          idempotencyKey: `meeting.item_decided:${a.itemId}`,
          at,
          actor: auditActor(a.actor),
          action: 'meeting.item_decided',
          decisionId: a.decisionId,
          subjectType: 'meeting_item',
          subjectId: a.itemId,
          data: { meeting: a.meeting, outcome: a.outcome, documents },
        });
        if (!fresh) return;
        await tx.meetingItem.update({
          where: { id: a.itemId },
          data: {
            outcome: a.outcome as unknown as Prisma.InputJsonValue,
            chiefDecision: a.outcome.chiefDecision,
            decidedAt: at,
            decidedById: a.actor.userId,
          },
        });
        await tx.stageRecord.create({
          data: {
            id: `rec:meeting:${a.itemId}`,
            decisionId: a.decisionId,
            stage: 'collective_discussion',
            kind: 'meeting_outcome',
            reference: a.meeting.number,
            data: {
              ...a.outcome,
              meetingId: a.meeting.meetingId,
              meetingKind: a.meeting.kind,
              meetingDate: a.meeting.date,
              meetingNumber: a.meeting.number,
            } as unknown as Prisma.InputJsonValue,
            documents,
            recordedById: a.actor.userId,
            createdAt: at,
          },
        });
        await notifyDecided(tx, {
          itemId: a.itemId,
          decisionId: a.decisionId,
          chiefDecision: a.outcome.chiefDecision,
          meetingId: a.meeting.meetingId,
          at,
        });
      });
    },

    /** The meeting is closed once every item is decided; its minutes can then be issued. */
    async closeMeetingRecord(a: { meetingId: string; actor: Actor }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, {
          idempotencyKey: `meeting.closed:${a.meetingId}`,
          at: new Date(),
          actor: auditActor(a.actor),
          action: 'meeting.closed',
          subjectType: 'meeting',
          subjectId: a.meetingId,
        });
        if (fresh)
          await tx.meeting.update({ where: { id: a.meetingId }, data: { status: 'closed', closedAt: new Date() } });
      });
    },
  };
}
