/**
 * R38 trails as lists (issue 16 §1): one decision's trail and the city-wide trail, filtered by who acted (a person
 * or the engine), role, chain and action, searched over the action, the actor's name and the subject, paged in
 * order of the chain (`seq`), with counts per filter. A decision's trail carries its chain's verification.
 */
import type { Prisma } from '../../generated/prisma/client.js';
import { listQueryOf, type ListInput } from '../../domain/lists.js';
import { verifyAuditChain } from '../../records/audit-verify.js';
import { forbidden } from '../errors.js';
import { requireFullDecision } from './access.js';
import type { ServiceContext, SessionUser } from './context.js';
import { facetCounts, groupRows, listPage, skipTake, whereOf, type FilterParts } from './list-page.js';
import { auditView } from './read-decisions.js';
import { verificationView } from './verify-audit.js';

type W = Prisma.AuditEventWhereInput;

const actorWhere = (v: string): W => (v === 'person' ? { actorUserId: { not: null } } : { actorUserId: null });
const chainWhere = (v: string): W =>
  v === 'city' ? { OR: [{ scope: 'city' }, { scope: null }] } : { scope: { startsWith: `${v}:` } };
const contains = (q: string) => ({ contains: q, mode: 'insensitive' as const });
/** A Beijing calendar day's first instant. */
const beijingDay = (isoDate: string, plusDays = 0) =>
  new Date(Date.parse(`${isoDate}T00:00:00+08:00`) + plusDays * 86_400_000);

function source(ctx: ServiceContext) {
  return {
    count: (w: { AND: W[] }) => ctx.prisma.auditEvent.count({ where: w }),
    groupBy: async (by: string, w: { AND: W[] }) =>
      groupRows(
        (await ctx.prisma.auditEvent.groupBy({
          by: [by as 'actorRole'],
          where: w,
          _count: { _all: true },
        })) as unknown as Array<Record<string, unknown>>,
        by,
      ),
  };
}

/** One decision's trail (its readers in full), a page at a time, with its chain verified whole. */
export async function decisionAudit(
  ctx: ServiceContext,
  user: SessionUser,
  idOrNumber: string,
  input: ListInput<'audit'> = {},
) {
  const f = listQueryOf('audit', input);
  const { id } = await requireFullDecision(ctx, user, idOrNumber);
  const d = await ctx.prisma.decision.findUniqueOrThrow({ where: { id }, select: { id: true, number: true } });
  const base: W[] = [{ decisionId: d.id }];
  const parts: FilterParts<W> = {
    actor: f.actor ? actorWhere(f.actor) : undefined,
    role: f.role ? { actorRole: f.role } : undefined,
    action: f.action ? { action: { startsWith: f.action } } : undefined,
    q: f.q ? { OR: [{ action: contains(f.q) }, { actorName: contains(f.q) }] } : undefined,
  };
  const where = whereOf(base, parts);
  const [total, counts, events, chain] = await Promise.all([
    ctx.prisma.auditEvent.count({ where }),
    facetCounts(
      base,
      parts,
      { actor: { values: ['person', 'engine'], where: actorWhere }, role: { by: 'actorRole' } },
      source(ctx),
    ),
    ctx.prisma.auditEvent.findMany({ where, orderBy: { seq: f.dir }, ...skipTake(f) }),
    verifyAuditChain(ctx.prisma, { scope: `decision:${d.id}` }).then(verificationView),
  ]);
  const items = events.map(auditView);
  return {
    decisionId: d.id,
    number: d.number,
    ...listPage(f, total, items, counts),
    /** The page's events (the trail's name for `items`). */
    events: items,
    chain: {
      ok: chain.ok,
      events: chain.events,
      head: chain.head,
      firstBreak: chain.firstBreak,
      checkedAt: chain.checkedAt,
    },
  };
}

/**
 * The city-wide trail: every chain's events, for the administrator and the supervising office. The office reads
 * what it reads elsewhere: not the events of confidential decisions (they stay with those carrying them).
 */
export async function cityAudit(ctx: ServiceContext, user: SessionUser, input: ListInput<'cityAudit'> = {}) {
  const f = listQueryOf('cityAudit', input);
  if (!user.roles.some((r) => r === 'admin' || r === 'supervisor'))
    throw forbidden(
      '只有系统管理员和督查人员可以查看全市审计记录',
      'Only the administrator and supervisors read the city-wide trail',
    );
  const base: W[] = [];
  if (!user.roles.includes('admin')) {
    const confidential = await ctx.prisma.decision.findMany({ where: { confidential: true }, select: { id: true } });
    if (confidential.length)
      base.push({ OR: [{ decisionId: null }, { decisionId: { notIn: confidential.map((c) => c.id) } }] });
  }
  const parts: FilterParts<W> = {
    actor: f.actor ? actorWhere(f.actor) : undefined,
    chain: f.chain ? chainWhere(f.chain) : undefined,
    action: f.action ? { action: { startsWith: f.action } } : undefined,
    actorUserId: f.actorUserId ? { actorUserId: f.actorUserId } : undefined,
    from: f.from ? { at: { gte: beijingDay(f.from) } } : undefined,
    to: f.to ? { at: { lt: beijingDay(f.to, 1) } } : undefined,
    q: f.q
      ? { OR: [{ action: contains(f.q) }, { actorName: contains(f.q) }, { subjectId: contains(f.q) }] }
      : undefined,
  };
  const where = whereOf(base, parts);
  const [total, counts, events] = await Promise.all([
    ctx.prisma.auditEvent.count({ where }),
    facetCounts(
      base,
      parts,
      {
        actor: { values: ['person', 'engine'], where: actorWhere },
        chain: { values: ['decision', 'review', 'meeting', 'city'], where: chainWhere },
      },
      source(ctx),
    ),
    ctx.prisma.auditEvent.findMany({ where, orderBy: { seq: f.dir }, ...skipTake(f) }),
  ]);
  return listPage(
    f,
    total,
    events.map((e) => ({ ...auditView(e), decisionId: e.decisionId, scope: e.scope })),
    counts,
  );
}
