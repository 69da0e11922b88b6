/**
 * R1 (Art. 3 para. 3): a decision outside the catalog needs its reason and a leader's approval before it is launched.
 * A drafter asks, a government leader approves or refuses; the launch then names the approval, used once.
 */
import { randomUUID } from 'node:crypto';
import { violation } from '../../domain/violation.js';
import { appendAudit, auditActor } from '../../records/audit.js';
import { forbidden, notFound, ruleRefusal } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

export async function requestOutsideCatalog(
  ctx: ServiceContext,
  user: SessionUser,
  r: { title: string; reason: string },
) {
  if (!user.roles.includes('drafter')) throw forbidden('只有承办单位经办人可以申请', 'Only a drafter can ask');
  return ctx.prisma.$transaction(async (tx) => {
    const row = await tx.outsideCatalogRequest.create({
      data: {
        id: randomUUID(),
        departmentId: user.departmentId,
        requestedById: user.id,
        title: r.title,
        reason: r.reason,
      },
    });
    await appendAudit(tx, {
      idempotencyKey: `catalog.outside_requested:${row.id}`,
      at: row.createdAt,
      actor: auditActor(user, 'drafter'),
      action: 'catalog.outside_requested',
      subjectType: 'outside_catalog_request',
      subjectId: row.id,
      data: { rule: 'R1', title: r.title, reason: r.reason, departmentId: user.departmentId },
    });
    return view(row);
  });
}

export async function decideOutsideCatalog(
  ctx: ServiceContext,
  user: SessionUser,
  id: string,
  d: { approve: boolean; note?: string },
) {
  if (!user.roles.includes('leader'))
    throw forbidden('目录外事项由政府领导审批', 'A government leader decides on outside-catalog requests');
  return ctx.prisma.$transaction(async (tx) => {
    const row = await tx.outsideCatalogRequest.findUnique({ where: { id } });
    if (!row) throw notFound('目录外事项申请');
    if (row.status !== 'pending')
      throw ruleRefusal([
        violation('R1', 'r1.outside_already_decided', '该申请已经审批', 'The request is already decided'),
      ]);
    const updated = await tx.outsideCatalogRequest.update({
      where: { id },
      data: {
        status: d.approve ? 'approved' : 'refused',
        decidedById: user.id,
        decidedAt: new Date(),
        note: d.note ?? null,
      },
    });
    await appendAudit(tx, {
      idempotencyKey: `catalog.outside_decided:${id}`,
      at: updated.decidedAt!,
      actor: auditActor(user, 'leader'),
      action: 'catalog.outside_decided',
      subjectType: 'outside_catalog_request',
      subjectId: id,
      data: { rule: 'R1', approve: d.approve, note: d.note ?? null },
    });
    return view(updated);
  });
}

/** Drafters and department heads see their department's requests; leaders and supervisors see all. */
export async function listOutsideCatalog(ctx: ServiceContext, user: SessionUser) {
  const all = user.roles.some((r) => r === 'leader' || r === 'supervisor');
  const own = user.roles.some((r) => r === 'drafter' || r === 'dept_head');
  if (!all && !own) throw forbidden('无权查看目录外事项申请', 'Not allowed to read outside-catalog requests');
  const rows = await ctx.prisma.outsideCatalogRequest.findMany({
    where: all ? {} : { departmentId: user.departmentId },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
  const ids = [...new Set(rows.flatMap((r) => (r.decidedById ? [r.requestedById, r.decidedById] : [r.requestedById])))];
  const names = new Map(
    (await ctx.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map(
      (u) => [u.id, u.displayName],
    ),
  );
  return {
    items: rows.map((r) => ({
      ...view(r),
      requestedBy: names.get(r.requestedById) ?? null,
      decidedBy: r.decidedById ? (names.get(r.decidedById) ?? null) : null,
    })),
  };
}

function view(r: {
  id: string;
  departmentId: string;
  requestedById: string;
  title: string;
  reason: string;
  status: string;
  decidedById: string | null;
  decidedAt: Date | null;
  note: string | null;
  decisionId: string | null;
  createdAt: Date;
}) {
  return { ...r, decidedAt: r.decidedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() };
}
