/**
 * R6 for staff: one list of a decision's comments (from the public site and recorded from other channels), grouped
 * by topic (linked by id, never retyped), each group answered; the participation step concluded from that list
 * (the conclude_public_participation task's payload is built from it), and the adoption summary as a document.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AnswerCommentGroupSchema, RecordCommentSchema } from '../../domain/participation/schemas.js';
import type { ConcludePublicParticipation } from '../../domain/tasks/public-participation.js';
import { violation } from '../../domain/violation.js';
import { chinaDate, chinaDateZh } from '../../domain/china-time.js';
import { appendAudit, auditActor } from '../../records/audit.js';
import { fieldIssue, invalid, notFound, ruleRefusal } from '../errors.js';
import { renderParticipationSummary } from '../../records/documents/participation-summary.js';
import { requireFullDecision } from './access.js';
import { completeTaskService } from './complete-task.js';
import { nowOf, type ServiceContext, type SessionUser } from './context.js';
import { isOpen, newReceipt, periodOf } from './consultations.js';
import { hearingsSettledViolations } from './hearings.js';
import { requireParticipationDrafter, requireParticipationRunning } from './participation-access.js';

/**
 * The list staff work on: every comment with channel, time, kind, receipt and group (contact details are not
 * listed), the groups with their answers, the comment period as the procedure opened it, and what is left to do.
 */
export async function listComments(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const { id } = await requireFullDecision(ctx, user, decisionId);
  const [decision, comments, groups, period] = await Promise.all([
    ctx.prisma.decision.findUniqueOrThrow({
      where: { id },
      select: { number: true, confidential: true, stageStates: true },
    }),
    ctx.prisma.publicComment.findMany({ where: { decisionId: id }, orderBy: { receivedAt: 'asc' } }),
    ctx.prisma.commentGroup.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' } }),
    periodOf(ctx, id),
  ]);
  const stage = (decision.stageStates as Record<string, { status?: string }>).public_participation?.status ?? null;
  const inGroup = new Map<string, number>();
  for (const c of comments) if (c.groupId) inGroup.set(c.groupId, (inGroup.get(c.groupId) ?? 0) + 1);
  return {
    stage,
    period: period
      ? {
          ...period,
          open: isOpen(period, nowOf(ctx)),
          // The public page of a consultation: only a decision that may be disclosed has one.
          publicPath: decision.confidential ? null : `/public/consultations/${decision.number}`,
        }
      : null,
    counts: {
      comments: comments.length,
      ungrouped: comments.filter((c) => !c.groupId).length,
      groups: groups.length,
      unanswered: groups.filter((g) => !g.response).length,
    },
    comments: comments.map((c) => ({
      id: c.id,
      receipt: c.receipt,
      channel: c.channel,
      commenterKind: c.commenterKind,
      text: c.text,
      receivedAt: c.receivedAt.toISOString(),
      recordedById: c.recordedById,
      groupId: c.groupId,
    })),
    groups: groups.map((g) => ({
      id: g.id,
      seq: g.seq,
      summary: g.summary,
      comments: inGroup.get(g.id) ?? 0,
      response: g.response,
      reason: g.reason,
      respondedAt: g.respondedAt?.toISOString() ?? null,
    })),
  };
}

export async function recordComment(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  c: z.infer<typeof RecordCommentSchema>,
) {
  const d = await requireParticipationDrafter(ctx, user, decisionId);
  if (c.receivedOn > chinaDate(nowOf(ctx)))
    throw invalid([fieldIssue('receivedOn', '收到日期不能晚于今天', 'The date received cannot be later than today')]);
  return ctx.prisma.$transaction(async (tx) => {
    await requireParticipationRunning(tx, d.id, 'R6');
    const number = (await tx.decision.findUniqueOrThrow({ where: { id: d.id }, select: { number: true } })).number;
    const row = await tx.publicComment.create({
      data: {
        id: randomUUID(),
        decisionId: d.id,
        receipt: newReceipt(number),
        channel: c.channel,
        commenterKind: c.commenterKind,
        text: c.text,
        // Received today: when it is recorded; an earlier day: that day, its time not known.
        receivedAt: c.receivedOn === chinaDate(nowOf(ctx)) ? nowOf(ctx) : new Date(`${c.receivedOn}T12:00:00+08:00`),
        recordedById: user.id,
      },
    });
    await appendAudit(tx, {
      idempotencyKey: `comment.recorded:${row.id}`,
      at: row.createdAt,
      actor: auditActor(user, 'drafter'),
      action: 'comment.recorded',
      decisionId: d.id,
      subjectType: 'comment',
      subjectId: row.id,
      data: { rule: 'R6', receipt: row.receipt, channel: c.channel, commenterKind: c.commenterKind },
    });
    return { id: row.id, receipt: row.receipt };
  });
}

async function assign(
  tx: Parameters<Parameters<ServiceContext['prisma']['$transaction']>[0]>[0],
  decisionId: string,
  groupId: string,
  commentIds: string[],
) {
  const found = await tx.publicComment.findMany({
    where: { id: { in: commentIds }, decisionId },
    select: { id: true },
  });
  const known = new Set(found.map((c) => c.id));
  const issues = commentIds.flatMap((id, i) =>
    known.has(id) ? [] : [fieldIssue(`commentIds.${i}`, '该决策没有这条意见', 'No such comment on this decision')],
  );
  if (issues.length) throw invalid(issues);
  await tx.publicComment.updateMany({ where: { id: { in: commentIds } }, data: { groupId } });
}

export async function createCommentGroup(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  g: { summary: string; commentIds: string[] },
) {
  const d = await requireParticipationDrafter(ctx, user, decisionId);
  return ctx.prisma.$transaction(async (tx) => {
    await requireParticipationRunning(tx, d.id, 'R6');
    const seq = (await tx.commentGroup.count({ where: { decisionId: d.id } })) + 1;
    const row = await tx.commentGroup.create({
      data: { id: randomUUID(), decisionId: d.id, seq, summary: g.summary, createdById: user.id },
    });
    if (g.commentIds.length) await assign(tx, d.id, row.id, g.commentIds);
    const actor = auditActor(user, 'drafter');
    await appendAudit(tx, {
      idempotencyKey: `comment.group_created:${row.id}`,
      at: row.createdAt,
      actor,
      action: 'comment.group_created',
      decisionId: d.id,
      subjectType: 'comment_group',
      subjectId: row.id,
      data: { rule: 'R6', groupId: row.id, summary: g.summary },
    });
    if (g.commentIds.length)
      await appendAudit(tx, {
        idempotencyKey: `comment.grouped:${row.id}:${randomUUID()}`,
        at: row.createdAt,
        actor,
        action: 'comment.grouped',
        decisionId: d.id,
        subjectType: 'comment_group',
        subjectId: row.id,
        data: { rule: 'R6', groupId: row.id, commentIds: g.commentIds },
      });
    return { id: row.id, seq };
  });
}

export async function groupComments(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  groupId: string,
  commentIds: string[],
) {
  const d = await requireParticipationDrafter(ctx, user, decisionId);
  return ctx.prisma.$transaction(async (tx) => {
    await requireParticipationRunning(tx, d.id, 'R6');
    if (!(await tx.commentGroup.findFirst({ where: { id: groupId, decisionId: d.id } }))) throw notFound('意见分组');
    await assign(tx, d.id, groupId, commentIds);
    await appendAudit(tx, {
      idempotencyKey: `comment.grouped:${groupId}:${randomUUID()}`,
      at: new Date(),
      actor: auditActor(user, 'drafter'),
      action: 'comment.grouped',
      decisionId: d.id,
      subjectType: 'comment_group',
      subjectId: groupId,
      data: { rule: 'R6', groupId, commentIds },
    });
    return { groupId, commentIds };
  });
}

export async function answerCommentGroup(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  groupId: string,
  a: z.infer<typeof AnswerCommentGroupSchema>,
) {
  const d = await requireParticipationDrafter(ctx, user, decisionId);
  if (a.response !== 'adopted' && !a.reason)
    throw ruleRefusal([
      violation('R6', 'r6.reason_required', '未采纳或部分采纳的，应当说明理由', 'Say why it was not (fully) adopted', [
        'reason',
      ]),
    ]);
  return ctx.prisma.$transaction(async (tx) => {
    await requireParticipationRunning(tx, d.id, 'R6');
    const g = await tx.commentGroup.findFirst({ where: { id: groupId, decisionId: d.id } });
    if (!g) throw notFound('意见分组');
    const row = await tx.commentGroup.update({
      where: { id: g.id },
      data: { response: a.response, reason: a.reason ?? null, respondedById: user.id, respondedAt: new Date() },
    });
    await appendAudit(tx, {
      idempotencyKey: `comment.group_answered:${g.id}:${randomUUID()}`,
      at: row.respondedAt!,
      actor: auditActor(user, 'drafter'),
      action: 'comment.group_answered',
      decisionId: d.id,
      subjectType: 'comment_group',
      subjectId: g.id,
      data: {
        rule: 'R6',
        groupId: g.id,
        before: g.response ? { response: g.response, reason: g.reason } : null,
        after: { response: a.response, reason: a.reason ?? null },
      },
    });
    return { id: g.id, response: row.response, reason: row.reason };
  });
}

type HeldHearing = { seq: number; startsAt: Date; place: string; participants: unknown };

/** R7: how the hearings held read in the adoption summary (their date, place, participants, the confirmed record). */
export function hearingAccount(hearings: HeldHearing[]): string {
  if (!hearings.length) return '';
  const each = hearings.map(
    (h) => `${chinaDateZh(h.startsAt)}在${h.place}召开听证会，听证参加人${(h.participants as unknown[]).length}名`,
  );
  return `${each.join('；')}；听证笔录均经听证参加人确认签字。`;
}

/**
 * The conclude step's payload from the list: every comment with its group's id, every group's answer, and the
 * adoption summary, which always gives an account of the hearings held (R7) — added to a summary the drafter wrote
 * when it does not speak of them.
 */
export async function participationConclusion(
  ctx: ServiceContext,
  decisionId: string,
  adoptionSummary?: string,
): Promise<ConcludePublicParticipation> {
  const [comments, groups, hearings] = await Promise.all([
    ctx.prisma.publicComment.findMany({ where: { decisionId }, orderBy: { receivedAt: 'asc' } }),
    ctx.prisma.commentGroup.findMany({ where: { decisionId }, orderBy: { seq: 'asc' } }),
    ctx.prisma.hearing.findMany({ where: { decisionId, status: 'held' }, orderBy: { seq: 'asc' } }),
  ]);
  const adopted = groups.filter((g) => g.response === 'adopted').length;
  const partly = groups.filter((g) => g.response === 'partly_adopted').length;
  const heard = hearingAccount(hearings);
  const summary = adoptionSummary
    ? adoptionSummary.includes('听证') || !heard
      ? adoptionSummary
      : `${adoptionSummary}${/[。；！？]$/.test(adoptionSummary) ? '' : '。'}${heard}`
    : `共收到意见${comments.length}条（网上${comments.filter((c) => c.channel === 'online').length}条），归为${groups.length}类：采纳${adopted}类，部分采纳${partly}类，未采纳${groups.length - adopted - partly}类。` +
      heard;
  return {
    comments: comments.map((c) => ({
      channel: c.channel,
      receivedOn: chinaDate(c.receivedAt),
      text: c.text,
      commenterKind: c.commenterKind as ConcludePublicParticipation['comments'][number]['commenterKind'],
      groupKey: c.groupId ?? '',
    })),
    groups: groups.map((g) => ({
      key: g.id,
      summary: g.summary,
      ...(g.response ? { response: g.response as 'adopted' } : {}),
      ...(g.reason ? { reason: g.reason } : {}),
    })),
    adoptionSummary: summary.slice(0, 5000),
  };
}

/** R6: concludes the participation step from the list (the R6 checks of the step apply: every comment grouped, every group answered). */
export async function concludeFromList(
  ctx: ServiceContext,
  user: SessionUser,
  decisionId: string,
  adoptionSummary?: string,
) {
  const d = await requireParticipationDrafter(ctx, user, decisionId);
  const unsettled = await hearingsSettledViolations(ctx, d.id);
  if (unsettled.length) throw ruleRefusal(unsettled);
  const task = await ctx.prisma.task.findFirst({
    where: { decisionId: d.id, kind: 'conclude_public_participation', status: 'open' },
  });
  if (!task)
    throw ruleRefusal([
      violation(
        'R5',
        'r5.period_still_open',
        '征求意见期限届满后方可汇总答复',
        'Conclude after the comment period has ended',
      ),
    ]);
  return completeTaskService(ctx, user, task.id, await participationConclusion(ctx, d.id, adoptionSummary));
}

/** R6: the adoption summary as a Word document (GB/T 9704 layout). */
export async function participationSummaryDocument(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const { id } = await requireFullDecision(ctx, user, decisionId);
  const d = await ctx.prisma.decision.findUniqueOrThrow({ where: { id }, include: { leadDepartment: true } });
  const conclusion = await participationConclusion(ctx, id);
  const [groups, counts, hearings] = await Promise.all([
    ctx.prisma.commentGroup.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' } }),
    ctx.prisma.publicComment.groupBy({ by: ['groupId'], where: { decisionId: id }, _count: { _all: true } }),
    ctx.prisma.hearing.findMany({ where: { decisionId: id, status: 'held' }, orderBy: { seq: 'asc' } }),
  ]);
  const count = new Map(counts.map((c) => [c.groupId, c._count._all]));
  const period = await periodOf(ctx, id);
  const content = await renderParticipationSummary({
    organ: d.leadDepartment.nameZh,
    number: d.number,
    title: d.title,
    period: period ? { openedAt: new Date(period.openedAt), endsAt: new Date(period.endsAt), days: period.days } : null,
    summary: conclusion.adoptionSummary,
    groups: groups.map((g) => ({
      seq: g.seq,
      summary: g.summary,
      response: g.response,
      reason: g.reason,
      comments: count.get(g.id) ?? 0,
    })),
    hearings: hearings.map((h) => ({
      startsAt: h.startsAt,
      place: h.place,
      selectionMethod: h.selectionMethod,
      participants: (h.participants as Array<{ name: string; affiliation: string }>).map(
        (p) => `${p.name}（${p.affiliation}）`,
      ),
      materialsSentAt: h.materialsSentAt,
      recordedAt: h.recordedAt,
    })),
    date: nowOf(ctx),
  });
  return { fileName: `${d.number}公众意见采纳情况.docx`, content };
}
