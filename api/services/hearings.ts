/**
 * R7 (Art. 16-17): hearings. The lead department announces the hearing (time, place, how participants were
 * selected, the list), records when the materials reached the participants (at least 7 days before: a shorter
 * notice is refused), and records the hearing with each participant's confirmation. Hearings feed the
 * participation's adoption summary.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.js';
import type { AnnounceHearing, HearingRecordInput } from '../../domain/participation/schemas.js';
import { daysBefore, r7MaterialsNoticeViolation, r7RecordViolations } from '../../domain/rules/hearing.js';
import { violation } from '../../domain/violation.js';
import { appendAudit, auditActor } from '../../records/audit.js';
import { fieldIssue, invalid, notFound, ruleRefusal } from '../errors.js';
import { requireFullDecision } from './access.js';
import { nowOf, type ServiceContext, type SessionUser } from './context.js';
import { requireParticipationDrafter, requireParticipationRunning } from './participation-access.js';

export interface HearingParticipant {
  id: string;
  name: string;
  affiliation: string;
  kind: string;
  confirmedAt?: string;
  signatureRef?: string;
}

export async function announceHearing(ctx: ServiceContext, user: SessionUser, decisionId: string, a: AnnounceHearing) {
  const d = await requireParticipationDrafter(ctx, user, decisionId);
  const startsAt = new Date(a.startsAt);
  if (startsAt.getTime() <= nowOf(ctx).getTime())
    throw ruleRefusal([
      violation('R7', 'r7.hearing_in_past', '听证会时间应当在公告之后', 'The hearing must be after its announcement', [
        'startsAt',
      ]),
    ]);
  return ctx.prisma.$transaction(async (tx) => {
    await requireParticipationRunning(tx, d.id, 'R7');
    const seq = (await tx.hearing.count({ where: { decisionId: d.id } })) + 1;
    const participants: HearingParticipant[] = a.participants.map((p, i) => ({ id: `p${i + 1}`, ...p }));
    const row = await tx.hearing.create({
      data: {
        id: randomUUID(),
        decisionId: d.id,
        seq,
        startsAt,
        place: a.place,
        announcement: a.announcement,
        announcedAt: nowOf(ctx),
        selectionMethod: a.selectionMethod,
        participants: participants as unknown as Prisma.InputJsonValue,
        createdById: user.id,
      },
    });
    await appendAudit(tx, {
      idempotencyKey: `hearing.announced:${row.id}`,
      at: row.announcedAt,
      actor: auditActor(user, 'drafter'),
      action: 'hearing.announced',
      decisionId: d.id,
      subjectType: 'hearing',
      subjectId: row.id,
      data: { rule: 'R7', hearingId: row.id, startsAt: a.startsAt, place: a.place },
    });
    return view(row);
  });
}

/** R7: the materials notice; fewer than 7 calendar days before the hearing is refused, naming Art. 17. */
export async function recordHearingMaterials(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  hearingId: string,
  sentAtIso: string,
) {
  const d = await requireParticipationDrafter(ctx, user, decisionId);
  return ctx.prisma.$transaction(async (tx) => {
    await requireParticipationRunning(tx, d.id, 'R7');
    const h = await tx.hearing.findFirst({ where: { id: hearingId, decisionId: d.id } });
    if (!h) throw notFound('听证会');
    const sentAt = new Date(sentAtIso);
    // A record of when the materials reached the participants: a time still to come is not a fact yet.
    if (sentAt.getTime() > nowOf(ctx).getTime() + 60_000)
      throw invalid([
        fieldIssue('sentAt', '送达时间不能晚于当前时间', 'The materials cannot have been sent in the future'),
      ]);
    const v = r7MaterialsNoticeViolation(sentAt, h.startsAt);
    if (v) throw ruleRefusal([v]);
    const row = await tx.hearing.update({ where: { id: h.id }, data: { materialsSentAt: sentAt } });
    await appendAudit(tx, {
      idempotencyKey: `hearing.materials_sent:${h.id}:${sentAt.toISOString()}`,
      at: new Date(),
      actor: auditActor(user, 'drafter'),
      action: 'hearing.materials_sent',
      decisionId: d.id,
      subjectType: 'hearing',
      subjectId: h.id,
      data: { rule: 'R7', hearingId: h.id, sentAt: sentAt.toISOString(), daysBefore: daysBefore(sentAt, h.startsAt) },
    });
    return view(row);
  });
}

/** R7: the hearing record, accepted only after the hearing, with the materials sent in time and every participant's confirmation. */
export async function recordHearing(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  hearingId: string,
  r: HearingRecordInput,
) {
  const d = await requireParticipationDrafter(ctx, user, decisionId);
  return ctx.prisma.$transaction(async (tx) => {
    await requireParticipationRunning(tx, d.id, 'R7');
    const h = await tx.hearing.findFirst({ where: { id: hearingId, decisionId: d.id } });
    if (!h) throw notFound('听证会');
    if (h.status === 'held')
      throw ruleRefusal([
        violation('R7', 'r7.record_exists', '听证笔录已经记录', 'The hearing record is already on file'),
      ]);
    if (!h.materialsSentAt)
      throw ruleRefusal([
        violation(
          'R7',
          'r7.materials_not_sent',
          '听证材料尚未送达听证参加人',
          'The hearing materials were not sent to the participants',
        ),
      ]);
    if (h.startsAt.getTime() > nowOf(ctx).getTime())
      throw ruleRefusal([
        violation('R7', 'r7.hearing_not_held', '听证会尚未召开', 'The hearing has not taken place yet'),
      ]);
    // Participants confirm the record of a hearing that took place: not before it began, not in the future.
    const now = nowOf(ctx).getTime() + 60_000;
    const badTimes = r.confirmations.flatMap((c, i) => {
      const at = Date.parse(c.confirmedAt);
      return at < h.startsAt.getTime() || at > now
        ? [
            fieldIssue(
              `confirmations.${i}.confirmedAt`,
              '确认时间应在听证会开始之后、当前时间之前',
              'Confirmed after the hearing began and not in the future',
            ),
          ]
        : [];
    });
    if (badTimes.length) throw invalid(badTimes);
    const participants = h.participants as unknown as HearingParticipant[];
    const v = r7RecordViolations(
      participants.map((p) => p.id),
      r.confirmations,
    );
    if (v.length) throw ruleRefusal(v);
    const byId = new Map(r.confirmations.map((c) => [c.participantId, c]));
    const confirmed = participants.map((p) => ({
      ...p,
      confirmedAt: byId.get(p.id)!.confirmedAt,
      signatureRef: byId.get(p.id)!.signatureRef,
    }));
    const row = await tx.hearing.update({
      where: { id: h.id },
      data: {
        status: 'held',
        record: r.record,
        recordedAt: nowOf(ctx),
        participants: confirmed as unknown as Prisma.InputJsonValue,
      },
    });
    await appendAudit(tx, {
      idempotencyKey: `hearing.record_confirmed:${h.id}`,
      at: row.recordedAt!,
      actor: auditActor(user, 'drafter'),
      action: 'hearing.record_confirmed',
      decisionId: d.id,
      subjectType: 'hearing',
      subjectId: h.id,
      data: { rule: 'R7', hearingId: h.id, participants: participants.length, confirmed: confirmed.length },
    });
    return view(row);
  });
}

/** R7: a hearing that will not take place is called off with the reason; one held cannot be. */
export async function cancelHearing(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  hearingId: string,
  reason: string,
) {
  const d = await requireParticipationDrafter(ctx, user, decisionId);
  return ctx.prisma.$transaction(async (tx) => {
    await requireParticipationRunning(tx, d.id, 'R7');
    const h = await tx.hearing.findFirst({ where: { id: hearingId, decisionId: d.id } });
    if (!h) throw notFound('听证会');
    if (h.status !== 'scheduled')
      throw ruleRefusal([
        violation(
          'R7',
          'r7.hearing_not_scheduled',
          h.status === 'held' ? '听证会已举行，笔录已确认，不能取消' : '听证会已经取消',
          h.status === 'held' ? 'The hearing was held and its record confirmed' : 'The hearing was already called off',
        ),
      ]);
    const row = await tx.hearing.update({
      where: { id: h.id },
      data: { status: 'cancelled', cancelledAt: nowOf(ctx), cancelReason: reason },
    });
    await appendAudit(tx, {
      idempotencyKey: `hearing.cancelled:${h.id}`,
      at: row.cancelledAt!,
      actor: auditActor(user, 'drafter'),
      action: 'hearing.cancelled',
      decisionId: d.id,
      subjectType: 'hearing',
      subjectId: h.id,
      data: { rule: 'R7', hearingId: h.id, reason },
    });
    return view(row);
  });
}

/** R7 at the conclusion: every hearing announced was held with its record confirmed, or called off with the reason. */
export async function hearingsSettledViolations(ctx: ServiceContext, decisionId: string) {
  const open = await ctx.prisma.hearing.findMany({
    where: { decisionId, status: 'scheduled' },
    orderBy: { seq: 'asc' },
  });
  return open.map((h) =>
    violation(
      'R7',
      'r7.hearing_unrecorded',
      `第${h.seq}次听证会尚无经听证参加人确认的听证笔录；不再举行的，应当取消并说明理由`,
      `Hearing ${h.seq} has no record confirmed by its participants; call it off with the reason if it will not be held`,
    ),
  );
}

export async function listHearings(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const { id } = await requireFullDecision(ctx, user, decisionId);
  return {
    items: (await ctx.prisma.hearing.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' } })).map(view),
  };
}

type HearingRow = Awaited<ReturnType<ServiceContext['prisma']['hearing']['findFirstOrThrow']>>;
export function view(h: HearingRow) {
  return {
    id: h.id,
    decisionId: h.decisionId,
    seq: h.seq,
    startsAt: h.startsAt.toISOString(),
    place: h.place,
    announcement: h.announcement,
    announcedAt: h.announcedAt.toISOString(),
    selectionMethod: h.selectionMethod,
    participants: h.participants as unknown as HearingParticipant[],
    materialsSentAt: h.materialsSentAt?.toISOString() ?? null,
    status: h.status,
    record: h.record,
    recordedAt: h.recordedAt?.toISOString() ?? null,
    cancelledAt: h.cancelledAt?.toISOString() ?? null,
    cancelReason: h.cancelReason,
  };
}
