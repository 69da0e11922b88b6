/**
 * Workload and throughput (R20, R39): per reviewer their open, overdue and done reviews and median turnaround
 * (days from complete materials to the issued opinion); the center's totals per kind and outcome for a year —
 * the figures a city reports ("523 reviewed").
 */
import { REVIEW_KINDS } from '../../domain/review/kinds.js';
import { forbidden } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

const DAY = 86_400_000;

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function reviewWorkload(ctx: ServiceContext, user: SessionUser, year: number, now = new Date()) {
  if (!user.roles.some((r) => r === 'director' || r === 'supervisor' || r === 'admin'))
    throw forbidden(
      '只有法务中心主任和督查人员可以查看工作量统计',
      'Only the director and supervisors see workload figures',
    );
  const [reviewers, profiles, reviews] = await Promise.all([
    ctx.prisma.user.findMany({
      where: { roles: { some: { role: 'reviewer' } } },
      select: { id: true, username: true, displayName: true, active: true },
      orderBy: { username: 'asc' },
    }),
    ctx.prisma.reviewerProfile.findMany(),
    ctx.prisma.review.findMany({ where: { OR: [{ year }, { issuedAt: null, status: { not: 'cancelled' } }] } }),
  ]);
  const isOpen = (r: (typeof reviews)[number]) => !r.issuedAt && r.status !== 'cancelled';
  // Overdue only while the review is with the center: its clock stops during supplement and revision (R34).
  const isOverdue = (r: (typeof reviews)[number]) =>
    isOpen(r) && ['in_review', 'second_check', 'sign_off'].includes(r.status) && !!r.dueAt && r.dueAt < now;
  const turnaround = (r: (typeof reviews)[number]) =>
    r.issuedAt && r.completeAt
      ? Math.round(((r.issuedAt.getTime() - r.completeAt.getTime()) / DAY) * 10) / 10
      : undefined;
  const perReviewer = reviewers.map((u) => {
    const mine = reviews.filter((r) => r.reviewerUserId === u.id);
    const done = mine.filter((r) => r.issuedAt && r.year === year);
    return {
      userId: u.id,
      username: u.username,
      name: u.displayName,
      active: u.active && (profiles.find((p) => p.userId === u.id)?.active ?? true),
      open: mine.filter(isOpen).length,
      openWeight: mine.filter(isOpen).reduce((n, r) => n + r.weight, 0),
      overdue: mine.filter(isOverdue).length,
      done: done.length,
      medianTurnaroundDays: median(done.map(turnaround).filter((x): x is number => x !== undefined)),
    };
  });
  const ofYear = reviews.filter((r) => r.year === year);
  const byKind = REVIEW_KINDS.map((kind) => {
    const k = ofYear.filter((r) => r.kind === kind);
    const outcomes: Record<string, number> = {};
    for (const r of k) if (r.issuedAt && r.outcome) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    return {
      kind,
      submitted: k.length,
      reviewed: k.filter((r) => r.issuedAt).length,
      open: k.filter(isOpen).length,
      outcomes,
    };
  });
  return {
    year,
    reviewers: perReviewer,
    center: {
      reviewed: ofYear.filter((r) => r.issuedAt).length,
      open: reviews.filter(isOpen).length,
      overdue: reviews.filter(isOverdue).length,
      medianTurnaroundDays: median(ofYear.map(turnaround).filter((x): x is number => x !== undefined)),
      byKind,
    },
  };
}
