import type { ReviewKind } from '../../domain/review/kinds.js';
import { REVIEW_KIND_LABELS } from '../../domain/review/kinds.js';
import type { ServiceContext, SessionUser } from './context.js';
import { accessActor, readableDecisionWhere, readableReviewWhere } from './access.js';

/**
 * What a supervision row (step, letter, ledger entry, overdue task) is about: a decision, or a legality review
 * without a decision (a normative document's or contract's submission, GF-…/HT-…), named by its own number.
 */
export interface SupervisedSubject {
  type: 'decision' | 'review';
  id: string;
  /** The decision's number, or the submission's. */
  number: string;
  title: string;
  /** For a review: normative_document | contract. */
  reviewKind?: string;
  kindLabel: { zh: string; en: string };
  /** Where the subject is read in the API. */
  url: string;
}

type Ref = { decisionId: string | null; reviewId: string | null };

const DECISION_LABEL = { zh: '重大行政决策', en: 'major decision' };

/** The subjects of these rows, keyed by `decision:<id>` / `review:<id>`; with a user, only those the user may see. */
export async function supervisedSubjects(
  ctx: ServiceContext,
  rows: Ref[],
  user?: SessionUser,
): Promise<Map<string, SupervisedSubject>> {
  const decisionIds = [...new Set(rows.flatMap((r) => (r.decisionId ? [r.decisionId] : [])))];
  const reviewIds = [...new Set(rows.flatMap((r) => (r.reviewId ? [r.reviewId] : [])))];
  // The supervising office keeps its own register: the letters and overdue steps of every matter, confidential
  // ones too (by number and title); everyone else sees those of the matters the access policy lets them read.
  const actor = user && !user.roles.includes('supervisor') ? await accessActor(ctx, user) : undefined;
  const [decisions, reviews] = await Promise.all([
    decisionIds.length
      ? ctx.prisma.decision.findMany({
          where: { AND: [{ id: { in: decisionIds } }, actor ? readableDecisionWhere(actor) : {}] },
          select: { id: true, number: true, title: true },
        })
      : [],
    reviewIds.length
      ? ctx.prisma.review.findMany({
          where: { AND: [{ id: { in: reviewIds } }, actor ? await readableReviewWhere(ctx, actor) : {}] },
          select: { id: true, kind: true, subjectNumber: true, title: true },
        })
      : [],
  ]);
  const out = new Map<string, SupervisedSubject>();
  for (const d of decisions)
    out.set(`decision:${d.id}`, {
      type: 'decision',
      id: d.id,
      number: d.number,
      title: d.title,
      kindLabel: DECISION_LABEL,
      url: `/api/decisions/${encodeURIComponent(d.id)}`,
    });
  for (const r of reviews)
    out.set(`review:${r.id}`, {
      type: 'review',
      id: r.id,
      number: r.subjectNumber,
      title: r.title,
      reviewKind: r.kind,
      kindLabel: REVIEW_KIND_LABELS[r.kind as ReviewKind] ?? { zh: r.kind, en: r.kind },
      url: `/api/reviews/${encodeURIComponent(r.id)}`,
    });
  return out;
}

export const subjectKey = (r: Ref): string => (r.reviewId ? `review:${r.reviewId}` : `decision:${r.decisionId}`);
