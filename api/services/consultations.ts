/**
 * R5, R6 on the public site (no sign-in): the open comment periods with the draft, its explanation, the period
 * and the channels; comments submitted there (stored with channel and time, a receipt number, nothing personal
 * shown back); the feedback after the period. Only non-confidential, active decisions whose comment period the
 * procedure opened are shown; nothing here needs or reads a session.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PublicCommentInput } from '../../domain/participation/schemas.js';
import { violation } from '../../domain/violation.js';
import { appendAudit } from '../../records/audit.js';
import { notFound, ruleRefusal } from '../errors.js';
import { nowOf, type ServiceContext } from './context.js';

export interface CommentPeriod {
  openedAt: string;
  endsAt: string;
  days: number;
}

/** The comment period the procedure opened (its sync event), and how the public may comment (the open step's answers). */
export async function periodOf(ctx: ServiceContext, decisionId: string) {
  const [opened, step] = await Promise.all([
    ctx.prisma.auditEvent.findFirst({
      where: { decisionId, action: 'procedure.comment_period_opened' },
      orderBy: { seq: 'desc' },
    }),
    ctx.prisma.auditEvent.findFirst({
      where: { decisionId, action: 'task.completed.open_comment_period' },
      orderBy: { seq: 'desc' },
    }),
  ]);
  if (!opened) return null;
  const period = opened.data as unknown as CommentPeriod;
  const payload = ((step?.data as { payload?: Record<string, unknown> } | null)?.payload ?? {}) as {
    methods?: string[];
    publishedWhere?: string;
    howToComment?: string;
  };
  return {
    ...period,
    methods: payload.methods ?? [],
    publishedWhere: payload.publishedWhere ?? '',
    howToComment: payload.howToComment ?? '',
  };
}

const PUBLIC_DECISION = { confidential: false } as const;

/** Decisions whose comment period the public can see: not confidential, the period opened. */
async function publicDecision(ctx: ServiceContext, number: string) {
  const d = await ctx.prisma.decision.findFirst({
    where: { number, ...PUBLIC_DECISION },
    include: { leadDepartment: true },
  });
  const period = d ? await periodOf(ctx, d.id) : null;
  if (!d || !period) throw notFound('征求意见');
  return { d, period };
}

export const isOpen = (p: { endsAt: string }, now: Date) => now.getTime() < Date.parse(p.endsAt);

export async function openConsultations(ctx: ServiceContext) {
  const events = await ctx.prisma.auditEvent.findMany({
    where: { action: 'procedure.comment_period_opened' },
    select: { decisionId: true },
    distinct: ['decisionId'],
  });
  const ds = await ctx.prisma.decision.findMany({
    where: { id: { in: events.map((e) => e.decisionId!).filter(Boolean) }, status: 'active', ...PUBLIC_DECISION },
    include: { leadDepartment: true },
    orderBy: { createdAt: 'desc' },
  });
  const out = [];
  for (const d of ds) {
    const p = await periodOf(ctx, d.id);
    if (p)
      out.push({
        number: d.number,
        title: d.title,
        department: d.leadDepartment.nameZh,
        open: isOpen(p, nowOf(ctx)),
        ...p,
      });
  }
  return { open: out.filter((c) => c.open), closed: out.filter((c) => !c.open) };
}

/** One consultation: the draft and explanation (latest versions), the period, the channels, announced hearings. */
export async function consultation(ctx: ServiceContext, number: string) {
  const { d, period } = await publicDecision(ctx, number);
  const docs = await ctx.prisma.document.findMany({
    where: { decisionId: d.id, kind: { in: ['draft', 'explanation'] } },
    orderBy: { version: 'desc' },
    select: { id: true, kind: true, fileName: true, version: true, createdAt: true },
  });
  const latest = ['draft', 'explanation'].flatMap((k) => docs.filter((x) => x.kind === k).slice(0, 1));
  const hearings = await ctx.prisma.hearing.findMany({ where: { decisionId: d.id }, orderBy: { seq: 'asc' } });
  return {
    number: d.number,
    title: d.title,
    summary: d.summary,
    department: d.leadDepartment.nameZh,
    open: isOpen(period, nowOf(ctx)),
    ...period,
    documents: latest.map((x) => ({ id: x.id, kind: x.kind, fileName: x.fileName })),
    // R7 (Art. 17): the hearing's time, place, selection method and participant list are published.
    hearings: hearings.map((h) => ({
      startsAt: h.startsAt.toISOString(),
      place: h.place,
      announcement: h.announcement,
      selectionMethod: h.selectionMethod,
      cancelReason: h.status === 'cancelled' ? (h.cancelReason ?? '') : null,
      participants: (h.participants as Array<{ name: string; affiliation: string }>).map((p) => ({
        name: p.name,
        affiliation: p.affiliation,
      })),
    })),
  };
}

/** The draft or explanation published for comment (only those kinds, only of a public consultation). */
export async function consultationDocument(ctx: ServiceContext, number: string, documentId: string) {
  const { d } = await publicDecision(ctx, number);
  const doc = await ctx.prisma.document.findFirst({
    where: { id: documentId, decisionId: d.id, kind: { in: ['draft', 'explanation'] } },
  });
  if (!doc) throw notFound('文件');
  return { fileName: doc.fileName, mimeType: doc.mimeType, content: Buffer.from(doc.contentBase64, 'base64') };
}

/** A receipt number: the decision's number and an unguessable suffix (no sequence to enumerate). */
export const newReceipt = (number: string) => `YJ-${number}-${randomBytes(4).toString('hex').toUpperCase()}`;

/** R6: a comment from the public site, while the period is open (R5: not after it ends). */
export async function submitPublicComment(ctx: ServiceContext, number: string, c: PublicCommentInput) {
  const { d, period } = await publicDecision(ctx, number);
  if (d.status !== 'active' || !isOpen(period, nowOf(ctx)))
    throw ruleRefusal([
      violation('R5', 'r5.period_closed', '征求意见期限已届满，不再接收意见', 'The comment period has ended'),
    ]);
  return ctx.prisma.$transaction(async (tx) => {
    const now = nowOf(ctx);
    const receipt = newReceipt(d.number);
    const row = await tx.publicComment.create({
      data: {
        id: randomUUID(),
        decisionId: d.id,
        receipt,
        channel: 'online',
        commenterKind: c.commenterKind,
        text: c.text,
        contactName: c.contactName ?? null,
        contact: c.contact ?? null,
        receivedAt: now,
      },
    });
    await appendAudit(tx, {
      idempotencyKey: `comment.submitted:${row.id}`,
      at: now,
      actor: { userId: null, name: '公众', role: 'none', departmentId: null },
      action: 'comment.submitted',
      decisionId: d.id,
      subjectType: 'comment',
      subjectId: row.id,
      data: { rule: 'R6', receipt, channel: 'online', commenterKind: c.commenterKind },
    });
    return { receipt, receivedAt: now.toISOString(), number: d.number, title: d.title };
  });
}

/** R6: after the period, how the comments were answered: each group's summary, answer, reason and count. */
export async function consultationFeedback(ctx: ServiceContext, number: string) {
  const { d, period } = await publicDecision(ctx, number);
  if (isOpen(period, nowOf(ctx)))
    throw ruleRefusal([
      violation(
        'R6',
        'r6.feedback_after_period',
        '征求意见期限届满后公布意见采纳情况',
        'The feedback is published after the comment period',
      ),
    ]);
  const [groups, comments, hearings] = await Promise.all([
    ctx.prisma.commentGroup.findMany({ where: { decisionId: d.id }, orderBy: { seq: 'asc' } }),
    ctx.prisma.publicComment.groupBy({ by: ['groupId'], where: { decisionId: d.id }, _count: { _all: true } }),
    ctx.prisma.hearing.findMany({ where: { decisionId: d.id, status: 'held' }, orderBy: { seq: 'asc' } }),
  ]);
  const counts = new Map(comments.map((c) => [c.groupId, c._count._all]));
  return {
    number: d.number,
    title: d.title,
    department: d.leadDepartment.nameZh,
    ...period,
    total: comments.reduce((n, c) => n + c._count._all, 0),
    groups: groups.map((g) => ({
      seq: g.seq,
      summary: g.summary,
      response: g.response,
      reason: g.reason,
      comments: counts.get(g.id) ?? 0,
    })),
    // R7: the hearings held, as published (time, place, how many took part); the record stays with the department.
    hearings: hearings.map((h) => ({
      startsAt: h.startsAt.toISOString(),
      place: h.place,
      participants: (h.participants as unknown[]).length,
    })),
  };
}
