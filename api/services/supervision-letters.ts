import { letterDocument } from '../../records/documents/letters.js';
import { LETTER_LABELS, r36PairState, type DeliveryState, type LetterKind } from '../../domain/rules/escalation.js';
import { notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { subjectKey, supervisedSubjects } from './supervision-subjects.js';

export interface LetterFilter {
  year?: number;
  kind?: LetterKind;
  departmentId?: string;
  decisionId?: string;
  /** A normative document's or contract's review (GF-…, HT-…). */
  reviewId?: string;
}

/**
 * R37: the office's letter register, with counts per kind, department and year. It lists the letters on
 * decisions and on reviews without a decision (normative documents, contracts), those the caller may see: a
 * decision as in the decision list, a review as in the legal center's queue (the center and supervisors all,
 * a department its own submissions).
 */
export async function letterRegister(ctx: ServiceContext, user: SessionUser, f: LetterFilter) {
  const rows = await ctx.prisma.escalationLetter.findMany({
    where: {
      ...(f.decisionId ? { decisionId: f.decisionId } : {}),
      ...(f.reviewId ? { reviewId: f.reviewId } : {}),
      ...(f.year ? { year: f.year } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.departmentId ? { departmentId: f.departmentId } : {}),
    },
    orderBy: [{ issuedAt: 'asc' }, { seq: 'asc' }],
  });
  const subjects = await supervisedSubjects(ctx, rows, user);
  const items = rows.flatMap((l) => {
    const subject = subjects.get(subjectKey(l));
    if (!subject) return [];
    return [
      {
        id: l.id,
        kind: l.kind,
        label: LETTER_LABELS[l.kind as LetterKind],
        number: l.number,
        year: l.year,
        subject,
        decisionId: l.decisionId,
        decisionNo: l.decisionId ? subject.number : undefined,
        decisionTitle: l.decisionId ? subject.title : undefined,
        reviewId: l.reviewId,
        taskId: l.taskId,
        taskKind: l.taskKind,
        departmentId: l.departmentId,
        principalLeaderId: l.principalLeaderId,
        dueAt: l.dueAt.toISOString(),
        issuedAt: l.issuedAt.toISOString(),
        documentId: l.documentId,
        downloadUrl: l.reviewId
          ? `/api/reviews/${encodeURIComponent(l.reviewId)}/documents/${l.documentId}`
          : `/api/documents/${l.documentId}`,
        /** R36: the pair, and each half. */
        doubleNotification: {
          state: r36PairState(l.departmentDelivery as DeliveryState, l.leaderDelivery as DeliveryState),
          department: l.departmentDelivery,
          principalLeader: l.leaderDelivery,
        },
      },
    ];
  });
  const counts: Array<{ year: number; kind: string; departmentId: string; count: number }> = [];
  for (const l of items) {
    const c = counts.find((x) => x.year === l.year && x.kind === l.kind && x.departmentId === l.departmentId);
    if (c) c.count++;
    else counts.push({ year: l.year, kind: l.kind, departmentId: l.departmentId, count: 1 });
  }
  const totals = {
    reminder_letter: items.filter((i) => i.kind === 'reminder_letter').length,
    supervision_letter: items.filter((i) => i.kind === 'supervision_letter').length,
  };
  return { totals, counts, items };
}

/** One letter's .docx (its decision or review must be visible to the caller). */
export async function downloadLetter(ctx: ServiceContext, user: SessionUser, id: string) {
  const l = await ctx.prisma.escalationLetter.findUnique({ where: { id } });
  if (!l || !(await supervisedSubjects(ctx, [l], user)).has(subjectKey(l))) throw notFound('函件');
  const doc = await letterDocument(ctx.prisma, l);
  return {
    fileName: doc.fileName,
    mimeType: doc.mimeType,
    sha256: doc.sha256,
    content: Buffer.from(doc.contentBase64, 'base64'),
  };
}
