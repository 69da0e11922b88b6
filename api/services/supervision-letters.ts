import { LETTER_LABELS, r36PairState, type DeliveryState, type LetterKind } from '../../domain/rules/escalation.js';
import { notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { visibleTo } from './read-decisions.js';

export interface LetterFilter {
  year?: number;
  kind?: LetterKind;
  departmentId?: string;
  decisionId?: string;
}

/** R37: the office's letter register (visible decisions only), with counts per kind, department and year. */
export async function letterRegister(ctx: ServiceContext, user: SessionUser, f: LetterFilter) {
  const visible = await ctx.prisma.decision.findMany({ where: { ...visibleTo(user), ...(f.decisionId ? { id: f.decisionId } : {}) }, select: { id: true, number: true, title: true } });
  const byId = new Map(visible.map((d) => [d.id, d]));
  const rows = await ctx.prisma.escalationLetter.findMany({
    where: { decisionId: { in: [...byId.keys()] }, ...(f.year ? { year: f.year } : {}), ...(f.kind ? { kind: f.kind } : {}), ...(f.departmentId ? { departmentId: f.departmentId } : {}) },
    orderBy: [{ issuedAt: 'asc' }, { seq: 'asc' }],
  });
  const items = rows.map((l) => ({
    id: l.id,
    kind: l.kind,
    label: LETTER_LABELS[l.kind as LetterKind],
    number: l.number,
    year: l.year,
    decisionId: l.decisionId,
    decisionNo: byId.get(l.decisionId)?.number,
    decisionTitle: byId.get(l.decisionId)?.title,
    taskId: l.taskId,
    taskKind: l.taskKind,
    departmentId: l.departmentId,
    principalLeaderId: l.principalLeaderId,
    dueAt: l.dueAt.toISOString(),
    issuedAt: l.issuedAt.toISOString(),
    documentId: l.documentId,
    downloadUrl: `/api/documents/${l.documentId}`,
    /** R36: the pair, and each half. */
    doubleNotification: {
      state: r36PairState(l.departmentDelivery as DeliveryState, l.leaderDelivery as DeliveryState),
      department: l.departmentDelivery,
      principalLeader: l.leaderDelivery,
    },
  }));
  const counts: Array<{ year: number; kind: string; departmentId: string; count: number }> = [];
  for (const l of items) {
    const c = counts.find((x) => x.year === l.year && x.kind === l.kind && x.departmentId === l.departmentId);
    if (c) c.count++;
    else counts.push({ year: l.year, kind: l.kind, departmentId: l.departmentId, count: 1 });
  }
  const totals = { reminder_letter: items.filter((i) => i.kind === 'reminder_letter').length, supervision_letter: items.filter((i) => i.kind === 'supervision_letter').length };
  return { totals, counts, items };
}

/** One letter's .docx (the decision must be visible to the caller). */
export async function downloadLetter(ctx: ServiceContext, user: SessionUser, id: string) {
  const l = await ctx.prisma.escalationLetter.findUnique({ where: { id } });
  const doc = l && (await ctx.prisma.document.findFirst({ where: { id: l.documentId, decision: visibleTo(user) } }));
  if (!doc) throw notFound('函件');
  return { fileName: doc.fileName, mimeType: doc.mimeType, sha256: doc.sha256, content: Buffer.from(doc.contentBase64, 'base64') };
}
