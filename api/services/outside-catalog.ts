/**
 * R1 (Art. 3 para. 3): a decision outside the catalog needs its reason and a leader's approval before it is launched.
 * A drafter asks, a government leader approves or refuses; the launch then names the approval, used once.
 */
import { randomUUID } from 'node:crypto';
import { violation } from '../../domain/violation.js';
import { listQueryOf, type ListInput, type ListQuery } from '../../domain/lists.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { appendAudit, auditActor } from '../../records/audit.js';
import { forbidden, notFound, ruleRefusal } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { facetCounts, groupRows, listPage, skipTake, whereOf, type FilterParts } from './list-page.js';
import { notifyApprovalWaiting, settleApprovalNotices } from '../../records/approval-notices.js';

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
    const dept = await tx.department.findUnique({
      where: { id: user.departmentId },
      select: { nameZh: true, nameEn: true },
    });
    await notifyApprovalWaiting(
      tx,
      { kind: 'outside', id: row.id },
      {
        title: { zh: `【待审批】目录外事项：${r.title}`, en: `[Awaiting approval] Outside the catalog: ${r.title}` },
        body: {
          zh: `${dept?.nameZh ?? user.departmentId}申请启动未列入年度目录的决策事项“${r.title}”，理由：${r.reason}。请审批。`,
          en: `${dept?.nameEn ?? user.departmentId} asks to launch "${r.title}", which is not in the annual catalog: ${r.reason}.`,
        },
      },
      row.createdAt,
    );
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
    await settleApprovalNotices(tx, { kind: 'outside', id }, updated.decidedAt!);
    return view(updated);
  });
}

/**
 * The requests as a list (issue 16 §1's frame): drafters and department heads see their department's, leaders and
 * the office every one; filtered by status (approved = not yet launched on, used = launched on), department and year
 * asked (Beijing), searched in title and reason, sorted, paged, counted per status and department.
 */
export async function listOutsideCatalog(
  ctx: ServiceContext,
  user: SessionUser,
  input: ListInput<'outsideCatalog'> = {},
) {
  const all = user.roles.some((r) => r === 'leader' || r === 'supervisor');
  const own = user.roles.some((r) => r === 'drafter' || r === 'dept_head');
  if (!all && !own) throw forbidden('无权查看目录外事项申请', 'Not allowed to read outside-catalog requests');
  const f = listQueryOf('outsideCatalog', input);
  const base: Prisma.OutsideCatalogRequestWhereInput[] = all ? [] : [{ departmentId: user.departmentId }];
  const contains = f.q ? { contains: f.q, mode: 'insensitive' as const } : undefined;
  const parts: FilterParts<Prisma.OutsideCatalogRequestWhereInput> = {
    status: f.status ? STATUS_WHERE[f.status] : undefined,
    departmentId: f.departmentId ? { departmentId: f.departmentId } : undefined,
    year: f.year ? { createdAt: { gte: beijingNewYear(f.year), lt: beijingNewYear(f.year + 1) } } : undefined,
    q: contains ? { OR: [{ title: contains }, { reason: contains }] } : undefined,
  };
  const where = whereOf(base, parts);
  const orderBy: Prisma.OutsideCatalogRequestOrderByWithRelationInput[] =
    f.sort === 'title'
      ? [{ title: f.dir }, { id: 'asc' }]
      : f.sort === 'decided'
        ? [{ decidedAt: { sort: f.dir, nulls: 'last' } }, { createdAt: 'desc' }, { id: 'asc' }]
        : [{ createdAt: f.dir }, { id: 'asc' }];
  // counts=false (the web's page turn, issue 13): the total and the page only.
  const [total, counts, rows] = await Promise.all([
    ctx.prisma.outsideCatalogRequest.count({ where }),
    f.counts === 'false'
      ? {}
      : facetCounts(
          base,
          parts,
          {
            status: { values: Object.keys(STATUS_WHERE), where: (v) => STATUS_WHERE[v as OutsideStatus] },
            departmentId: { by: 'departmentId' },
          },
          {
            count: (w) => ctx.prisma.outsideCatalogRequest.count({ where: w }),
            groupBy: async (by, w) =>
              groupRows(
                (await ctx.prisma.outsideCatalogRequest.groupBy({
                  by: [by as 'departmentId'],
                  where: w,
                  _count: { _all: true },
                })) as unknown as Array<Record<string, unknown>>,
                by,
              ),
          },
        ),
    ctx.prisma.outsideCatalogRequest.findMany({ where, orderBy, ...skipTake(f) }),
  ]);
  const ids = [...new Set(rows.flatMap((r) => (r.decidedById ? [r.requestedById, r.decidedById] : [r.requestedById])))];
  const names = new Map(
    (ids.length
      ? await ctx.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })
      : []
    ).map((u) => [u.id, u.displayName]),
  );
  return listPage(
    f,
    total,
    rows.map((r) => ({
      ...view(r),
      requestedBy: names.get(r.requestedById) ?? null,
      decidedBy: r.decidedById ? (names.get(r.decidedById) ?? null) : null,
    })),
    counts,
  );
}

type OutsideStatus = NonNullable<ListQuery<'outsideCatalog'>['status']>;
const STATUS_WHERE: Record<OutsideStatus, Prisma.OutsideCatalogRequestWhereInput> = {
  pending: { status: 'pending' },
  approved: { status: 'approved', decisionId: null },
  used: { status: 'approved', decisionId: { not: null } },
  refused: { status: 'refused' },
};

/** 00:00 of 1 January in Beijing (UTC+8, no daylight saving). */
const beijingNewYear = (year: number) => new Date(Date.UTC(year - 1, 11, 31, 16));

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
