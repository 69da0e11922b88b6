import { letterDocument } from '../../records/documents/letters.js';
import { LETTER_LABELS, r36PairState, type DeliveryState, type LetterKind } from '../../domain/rules/escalation.js';
import { notFound } from '../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { listQueryOf, type ListInput } from '../../domain/lists.js';
import type { ServiceContext, SessionUser } from './context.js';
import { facetCounts, groupRows, listPage, skipTake, whereOf, type FilterParts } from './list-page.js';
import { subjectKey, supervisedSubjects } from './supervision-subjects.js';

export type LetterFilter = ListInput<'letters'>;
type W = Prisma.EscalationLetterWhereInput;

/**
 * R37: the office's letter register, with counts per kind, department and year. It lists the letters on
 * decisions and on reviews without a decision (normative documents, contracts), those the caller may see: a
 * decision as in the decision list, a review as in the legal center's queue (the center and supervisors all,
 * a department its own submissions). Letters are few (a handful per overdue step): the subjects they are about
 * are checked once, then the register is filtered, counted, sorted and paged in SQL.
 */
export async function letterRegister(ctx: ServiceContext, user: SessionUser, input: LetterFilter = {}) {
  const f = listQueryOf('letters', input);
  const parts: FilterParts<W> = {
    year: f.year ? { year: f.year } : undefined,
    kind: f.kind ? { kind: f.kind } : undefined,
    departmentId: f.departmentId ? { departmentId: f.departmentId } : undefined,
    decisionId: f.decisionId ? { decisionId: f.decisionId } : undefined,
    reviewId: f.reviewId ? { reviewId: f.reviewId } : undefined,
    q: f.q ? { number: { contains: f.q, mode: 'insensitive' } } : undefined,
  };
  const refs = await ctx.prisma.escalationLetter.groupBy({
    by: ['decisionId', 'reviewId'],
    where: whereOf([], parts, 'kind'),
  });
  const subjects = await supervisedSubjects(ctx, refs, user);
  const visible: W = {
    OR: [
      { decisionId: { in: refs.flatMap((r) => (r.decisionId && subjects.has(subjectKey(r)) ? [r.decisionId] : [])) } },
      { reviewId: { in: refs.flatMap((r) => (r.reviewId && subjects.has(subjectKey(r)) ? [r.reviewId] : [])) } },
    ],
  };
  const where = whereOf([visible], parts);
  const orderBy: Prisma.EscalationLetterOrderByWithRelationInput[] =
    f.sort === 'number'
      ? [{ year: f.dir }, { kind: 'asc' }, { seq: f.dir }]
      : f.sort === 'due'
        ? [{ dueAt: f.dir }, { seq: 'asc' }]
        : [{ issuedAt: f.dir }, { seq: f.dir }];
  const [total, counts, breakdownRows, rows] = await Promise.all([
    ctx.prisma.escalationLetter.count({ where }),
    facetCounts(
      [visible],
      parts,
      { kind: { by: 'kind' } },
      {
        count: (w) => ctx.prisma.escalationLetter.count({ where: w }),
        groupBy: async (by, w) =>
          groupRows(
            (await ctx.prisma.escalationLetter.groupBy({
              by: [by as 'kind'],
              where: w,
              _count: { _all: true },
            })) as unknown as Array<Record<string, unknown>>,
            by,
          ),
      },
    ),
    ctx.prisma.escalationLetter.groupBy({
      by: ['year', 'kind', 'departmentId'],
      where,
      _count: { _all: true },
      orderBy: [{ year: 'asc' }, { kind: 'asc' }, { departmentId: 'asc' }],
    }),
    ctx.prisma.escalationLetter.findMany({ where, orderBy, ...skipTake(f) }),
  ]);
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
  const breakdown = breakdownRows.map((b) => ({
    year: b.year,
    kind: b.kind,
    departmentId: b.departmentId,
    count: b._count._all,
  }));
  // Per kind within every filter (the register's headline; `counts.kind` leaves the kind filter out).
  const totals = { reminder_letter: 0, supervision_letter: 0 };
  for (const b of breakdown) totals[b.kind as LetterKind] += b.count;
  return { ...listPage(f, total, items, counts), totals, breakdown };
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
