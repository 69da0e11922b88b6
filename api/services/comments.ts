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
import { chinaDate } from '../../domain/china-time.js';
import { appendAudit, auditActor } from '../../records/audit.js';
import { fieldIssue, invalid, notFound, ruleRefusal } from '../errors.js';
import { renderParticipationSummary } from '../../records/documents/participation-summary.js';
import { requireFullDecision } from './access.js';
import { completeTaskService } from './complete-task.js';
import type { ServiceContext, SessionUser } from './context.js';
import { newReceipt } from './consultations.js';
import { requireParticipationDrafter, requireParticipationRunning } from './participation-access.js';

/** The list staff work on: every comment with channel, time, kind, receipt and group; contact details are not listed. */
export async function listComments(ctx: ServiceContext, user: SessionUser, decisionId: string) {
  const { id } = await requireFullDecision(ctx, user, decisionId);
  const [comments, groups] = await Promise.all([
    ctx.prisma.publicComment.findMany({ where: { decisionId: id }, orderBy: { receivedAt: 'asc' } }),
    ctx.prisma.commentGroup.findMany({ where: { decisionId: id }, orderBy: { seq: 'asc' } }),
  ]);
  return {
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
        receivedAt: new Date(`${c.receivedOn}T12:00:00+08:00`),
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

/** The conclude step's payload from the list: every comment with its group's id, every group's answer, hearings in the summary. */
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
  const summary =
    adoptionSummary ??
    `共收到意见${comments.length}条（网上${comments.filter((c) => c.channel === 'online').length}条），归为${groups.length}类：采纳${adopted}类，部分采纳${partly}类，未采纳${groups.length - adopted - partly}类。` +
      (hearings.length ? `召开听证会${hearings.length}次，听证笔录均经参加人确认。` : '');
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
    adoptionSummary: summary,
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
  const content = await renderParticipationSummary({
    organ: d.leadDepartment.nameZh,
    number: d.number,
    title: d.title,
    period: null,
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
      participants: (h.participants as unknown[]).length,
    })),
    date: new Date(),
  });
  return { fileName: `${d.number}公众意见采纳情况.docx`, content };
}
