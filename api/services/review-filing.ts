/**
 * Publication and filing (公布与备案) of a normative document after its legality review (R20-filing): the
 * submitting department's drafter (or, while they are away, their substitute) records the document number and
 * publication date, then the filing; each is refused (409 with the rule) before the opinion, before publication, or
 * a second time, and audited.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import { chinaDate, zhCalendarDate } from '../../domain/china-time.js';
import { FILING_BODY_LABELS, type RecordFiling, type RecordPublication } from '../../domain/review/filing.js';
import {
  FILING_RULE,
  r20FilingDueOn,
  r20FilingState,
  r20FilingViolations,
  r20PublicationViolations,
} from '../../domain/rules/filing.js';
import { isPrincipalsTask } from '../../domain/absences.js';
import { principalsOf, substitutionsOf } from '../../records/absences.js';
import { appendAudit, auditActor } from '../../records/audit.js';
import { forbidden, ruleRefusal } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { outsideSubstitution } from './complete-task.js';
import { visibleReview } from './review-access.js';

type FilingRow = Prisma.NormativeFilingGetPayload<object>;

/** The filing record as the API shows it: dates as entered, the due day in Chinese form, and its state today. */
export function filingView(f: FilingRow | null, today = chinaDate(new Date())) {
  if (!f) return null;
  const state = r20FilingState(f, today);
  return {
    documentNumber: f.documentNumber,
    publishedOn: f.publishedOn,
    dueOn: f.dueOn,
    dueOnZh: zhCalendarDate(f.dueOn),
    publishedById: f.publishedById,
    publishedAt: f.publishedAt.toISOString(),
    filedWith: f.filedWith,
    filedWithZh: f.filedWith.map((b) => FILING_BODY_LABELS[b as keyof typeof FILING_BODY_LABELS]?.zh ?? b),
    filedOn: f.filedOn,
    reference: f.reference,
    filedById: f.filedById,
    filedAt: f.filedAt?.toISOString() ?? null,
    state,
    overdue: state === 'overdue',
  };
}

/**
 * The review's filing record and what the caller may record today, for GET /api/reviews/:id: the same recorder
 * rule as the POSTs (filingActor) and the same R20-filing checks, probed with today as the date (never in the
 * future, never before the opinion or the publication), so the page offers a form exactly when a POST would pass.
 */
export async function reviewFiling(
  ctx: ServiceContext,
  user: SessionUser,
  r: { id: string; kind: string; departmentId: string; issuedAt: Date | null; outcome: string | null },
) {
  const today = chinaDate(new Date());
  const [row, actor] = await Promise.all([
    ctx.prisma.normativeFiling.findUnique({ where: { reviewId: r.id } }),
    filingActor(ctx, user, r.departmentId, today),
  ]);
  const principal = actor && 'onBehalfOf' in actor ? actor.onBehalfOf : undefined;
  return {
    filing: filingView(row, today),
    mayRecordFiling: {
      publication: !!actor && !r20PublicationViolations(r, row, today, today).length,
      filing: !!actor && !r20FilingViolations(r, row, today, today).length,
      onBehalfOf: principal ? { name: principal.name } : null,
    },
  };
}

/** The right to record, as a task addressed to the submitting department's drafter role would name it. */
const drafterRight = (departmentId: string) => ({ role: 'drafter', departmentId, assigneeUserId: null });

/**
 * Who records for the submitting department today, as the audit names them: one of its drafters, or the
 * substitute of one who is away (issue 16 §4), audited as "X for Y"; null for anyone else.
 */
async function filingActor(ctx: ServiceContext, user: SessionUser, departmentId: string, today: string) {
  if (user.roles.includes('drafter') && user.departmentId === departmentId) return auditActor(user, 'drafter');
  const principal = (await principalsOf(ctx.prisma, user.id, today)).find((p) =>
    isPrincipalsTask(p, drafterRight(departmentId)),
  );
  if (!principal) return null;
  return auditActor({
    userId: user.id,
    name: user.displayName,
    role: 'drafter',
    departmentId: principal.departmentId,
    onBehalfOf: { userId: principal.id, name: principal.name },
  });
}

/**
 * The review and the audit actor for a POST. Someone who is neither a drafter nor ever a drafter's substitute is
 * refused (403) before the review is looked up; then the review must be readable (404) and the caller's
 * (filingActor; else 403, and a named substitute outside the period is told the period).
 */
async function ownSubmission(ctx: ServiceContext, user: SessionUser, id: string) {
  const notRecorder = () =>
    forbidden(
      '只有报送单位的经办人（或其代办人）可以登记公布和备案情况',
      'Only the submitting department’s drafter (or their substitute) records the publication and filing',
    );
  if (
    !user.roles.includes('drafter') &&
    !(await substitutionsOf(ctx.prisma, user.id)).some((p) => p.roles.includes('drafter'))
  )
    throw notRecorder();
  const r = await visibleReview(ctx, user, id);
  const today = chinaDate(new Date());
  const actor = await filingActor(ctx, user, r.departmentId, today);
  if (actor) return { r, actor };
  throw (await outsideSubstitution(ctx, user, drafterRight(r.departmentId), today)) ?? notRecorder();
}

export async function recordPublication(ctx: ServiceContext, user: SessionUser, id: string, body: RecordPublication) {
  const { r, actor } = await ownSubmission(ctx, user, id);
  const now = new Date();
  const today = chinaDate(now);
  return ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.normativeFiling.findUnique({ where: { reviewId: r.id } });
    const refused = r20PublicationViolations(r, existing, body.publishedOn, today);
    if (refused.length) throw ruleRefusal(refused);
    const dueOn = r20FilingDueOn(body.publishedOn, ctx.procedureConfig.filingPeriodDays);
    const row = await tx.normativeFiling.create({
      data: {
        reviewId: r.id,
        departmentId: r.departmentId,
        documentNumber: body.documentNumber,
        publishedOn: body.publishedOn,
        dueOn,
        publishedById: user.id,
        publishedAt: now,
      },
    });
    await appendAudit(tx, {
      idempotencyKey: `review.publication_recorded:${r.id}`,
      at: now,
      actor,
      action: 'review.publication_recorded',
      subjectType: 'review',
      subjectId: r.id,
      data: {
        rule: FILING_RULE,
        reviewId: r.id,
        documentNumber: body.documentNumber,
        publishedOn: body.publishedOn,
        dueOn,
      },
    });
    return filingView(row, today);
  });
}

export async function recordFiling(ctx: ServiceContext, user: SessionUser, id: string, body: RecordFiling) {
  const { r, actor } = await ownSubmission(ctx, user, id);
  const now = new Date();
  const today = chinaDate(now);
  return ctx.prisma.$transaction(async (tx) => {
    const record = await tx.normativeFiling.findUnique({ where: { reviewId: r.id } });
    const refused = r20FilingViolations(r, record, body.filedOn, today);
    if (refused.length || !record) throw ruleRefusal(refused);
    // Only the first of two concurrent filings writes: the other finds filedOn set and is refused.
    const { count } = await tx.normativeFiling.updateMany({
      where: { reviewId: r.id, filedOn: null },
      data: {
        filedWith: body.filedWith,
        filedOn: body.filedOn,
        reference: body.reference,
        filedById: user.id,
        filedAt: now,
      },
    });
    if (!count) throw ruleRefusal(r20FilingViolations(r, { ...record, filedOn: body.filedOn }, body.filedOn, today));
    await appendAudit(tx, {
      idempotencyKey: `review.filing_recorded:${r.id}`,
      at: now,
      actor,
      action: 'review.filing_recorded',
      subjectType: 'review',
      subjectId: r.id,
      data: {
        rule: FILING_RULE,
        reviewId: r.id,
        filedWith: body.filedWith,
        filedOn: body.filedOn,
        reference: body.reference,
        onTime: body.filedOn <= record.dueOn,
      },
    });
    return filingView(await tx.normativeFiling.findUniqueOrThrow({ where: { reviewId: r.id } }), today);
  });
}
