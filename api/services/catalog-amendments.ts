/**
 * R1 (Art. 3 para. 3): amending a published catalog. The office proposes an amendment with its reason (pending, its
 * diff against the published version shown); a leader approves it recording the party committee's agreement — then
 * it becomes the new published version — or refuses it with a reason. Until approval, launches see the published
 * version (the entries are changed only on approval). Each step audited.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.js';
import type { AmendCatalog, CatalogEntrySnapshot } from '../../domain/catalog/schemas.js';
import {
  type AmendmentChanges,
  applyAmendment,
  catalogDiff,
  r1AgreementDateViolations,
  r1DecideAmendmentViolations,
  r1ProposeAmendmentViolations,
} from '../../domain/rules/catalog.js';
import type { Tx } from '../../records/audit.js';
import { fieldIssue, invalid, notFound, ruleRefusal } from '../errors.js';
import { audit, catalogOf, checkDepartments, requireRole, snapshot } from './catalog.js';
import type { ServiceContext, SessionUser } from './context.js';
import { notifyApprovalWaiting, settleApprovalNotices } from '../../records/approval-notices.js';

/** The catalog row locked for the transaction, so proposals and decisions on one catalog run one at a time. */
async function lockedCatalog(tx: Tx, year: number) {
  const c = await catalogOf(tx, year);
  await tx.$queryRaw`SELECT "id" FROM "Catalog" WHERE "id" = ${c.id} FOR UPDATE`;
  return tx.catalog.findUniqueOrThrow({ where: { id: c.id } });
}

const activeEntries = async (tx: Tx, catalogId: string) =>
  (await tx.catalogEntry.findMany({ where: { catalogId, status: 'active' }, orderBy: { seq: 'asc' } })).map(snapshot);

/** The office proposes an amendment: checked against the published entries, stored pending with its diff. */
export async function proposeAmendment(ctx: ServiceContext, user: SessionUser, year: number, a: AmendCatalog) {
  requireRole(user, 'supervisor');
  return ctx.prisma.$transaction(async (tx) => {
    const c = await lockedCatalog(tx, year);
    const pending = await tx.catalogAmendment.findFirst({ where: { catalogId: c.id, status: 'pending' } });
    const refused = r1ProposeAmendmentViolations({
      catalogStatus: c.status,
      catalogVersion: c.version,
      pendingId: pending?.id ?? null,
    });
    if (refused.length) throw ruleRefusal(refused);
    await checkDepartments(tx, a.add, 'add');
    await checkDepartments(tx, a.change, 'change');
    const before = await activeEntries(tx, c.id);
    const ids = new Set(before.map((e) => e.id));
    const issues = [
      ...a.change.flatMap((e, i) =>
        ids.has(e.id) ? [] : [fieldIssue(`change.${i}.id`, '目录中没有该事项', 'No active entry with that id')],
      ),
      ...a.remove.flatMap((id, i) =>
        ids.has(id) ? [] : [fieldIssue(`remove.${i}`, '目录中没有该事项', 'No active entry with that id')],
      ),
      ...a.remove.flatMap((id, i) =>
        a.change.some((e) => e.id === id)
          ? [fieldIssue(`remove.${i}`, '同一事项不能既调整又移出', 'An entry is either changed or removed, not both')]
          : [],
      ),
    ];
    if (issues.length) throw invalid(issues);
    const max = await tx.catalogEntry.aggregate({ where: { catalogId: c.id }, _max: { seq: true } });
    let seq = max._max.seq ?? 0;
    const changes: AmendmentChanges = {
      add: a.add.map((e) => ({ ...e, id: randomUUID(), seq: ++seq })),
      change: a.change,
      remove: a.remove,
    };
    const diff = catalogDiff(before, applyAmendment(before, changes));
    const row = await tx.catalogAmendment.create({
      data: {
        id: randomUUID(),
        catalogId: c.id,
        reason: a.reason,
        changes: changes as unknown as Prisma.InputJsonValue,
        baseVersion: c.version,
        diff: diff as unknown as Prisma.InputJsonValue,
        proposedById: user.id,
      },
    });
    await audit(tx, user, 'supervisor', 'catalog.amendment_proposed', c.id, row.id, {
      amendmentId: row.id,
      reason: a.reason,
      baseVersion: c.version,
      diff,
    });
    const counts = `新增${diff.added.length}项、调整${diff.changed.length}项、移出${diff.removed.length}项`;
    await notifyApprovalWaiting(
      tx,
      { kind: 'amendment', year, id: row.id },
      {
        title: { zh: `【待审批】${year}年度目录调整`, en: `[Awaiting approval] An amendment of the ${year} catalog` },
        body: {
          zh: `依法治市办提出调整${year}年度重大行政决策事项目录（${counts}），理由：${a.reason}。请经党委同意后批准。`,
          en: `The office proposes to amend the ${year} catalog (${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed): ${a.reason}. Approve it once the party committee agrees.`,
        },
      },
      row.proposedAt,
    );
    return view(row);
  });
}

/** A leader approves a pending amendment with the party committee's agreement: it becomes the new published version. */
export async function approveAmendment(
  ctx: ServiceContext,
  user: SessionUser,
  year: number,
  id: string,
  p: { partyCommitteeRef: string; partyCommitteeAgreedOn: string },
) {
  requireRole(user, 'leader');
  const early = r1AgreementDateViolations(p.partyCommitteeAgreedOn, new Date());
  if (early.length) throw ruleRefusal(early);
  return ctx.prisma.$transaction(async (tx) => {
    const c = await lockedCatalog(tx, year);
    const a = await amendmentOf(tx, c.id, id);
    const refused = r1DecideAmendmentViolations(a, c.version);
    if (refused.length) throw ruleRefusal(refused);
    const changes = a.changes as unknown as AmendmentChanges;
    const before = await activeEntries(tx, c.id);
    for (const { id: entryId, ...fields } of changes.change)
      await tx.catalogEntry.update({ where: { id: entryId }, data: fields });
    if (changes.remove.length)
      await tx.catalogEntry.updateMany({ where: { id: { in: changes.remove } }, data: { status: 'removed' } });
    for (const e of changes.add) await tx.catalogEntry.create({ data: { ...e, catalogId: c.id } });
    const after = await activeEntries(tx, c.id);
    const version = c.version + 1;
    const now = new Date();
    await tx.catalogVersion.create({
      data: {
        catalogId: c.id,
        version,
        reason: a.reason,
        entries: after as unknown as Prisma.InputJsonValue,
        createdById: user.id,
        approvedById: user.id,
        ...p,
      },
    });
    await tx.catalog.update({ where: { id: c.id }, data: { version } });
    const updated = await tx.catalogAmendment.update({
      where: { id },
      data: { status: 'approved', decidedById: user.id, decidedAt: now, version, ...p },
    });
    const diff = catalogDiff(before, after);
    await audit(tx, user, 'leader', 'catalog.amendment_approved', c.id, id, {
      amendmentId: id,
      version,
      reason: a.reason,
      ...p,
      diff,
    });
    await settleApprovalNotices(tx, { kind: 'amendment', year, id }, now);
    return view(updated);
  });
}

/** A leader refuses a pending amendment with the reason: the published version stays as it is. */
export async function refuseAmendment(
  ctx: ServiceContext,
  user: SessionUser,
  year: number,
  id: string,
  reason: string,
) {
  requireRole(user, 'leader');
  return ctx.prisma.$transaction(async (tx) => {
    const c = await lockedCatalog(tx, year);
    const a = await amendmentOf(tx, c.id, id);
    const refused = r1DecideAmendmentViolations({ ...a, baseVersion: c.version }, c.version);
    if (refused.length) throw ruleRefusal(refused);
    const updated = await tx.catalogAmendment.update({
      where: { id },
      data: { status: 'refused', decidedById: user.id, decidedAt: new Date(), refusalReason: reason },
    });
    await audit(tx, user, 'leader', 'catalog.amendment_refused', c.id, id, { amendmentId: id, reason });
    await settleApprovalNotices(tx, { kind: 'amendment', year, id }, updated.decidedAt ?? new Date());
    return view(updated);
  });
}

/** The office withdraws its pending amendment with the reason (a mistake, a changed plan): the published version stays. */
export async function withdrawAmendment(
  ctx: ServiceContext,
  user: SessionUser,
  year: number,
  id: string,
  reason: string,
) {
  requireRole(user, 'supervisor');
  return ctx.prisma.$transaction(async (tx) => {
    const c = await lockedCatalog(tx, year);
    const a = await amendmentOf(tx, c.id, id);
    const refused = r1DecideAmendmentViolations({ ...a, baseVersion: c.version }, c.version);
    if (refused.length) throw ruleRefusal(refused);
    const updated = await tx.catalogAmendment.update({
      where: { id },
      data: { status: 'withdrawn', decidedById: user.id, decidedAt: new Date(), refusalReason: reason },
    });
    await audit(tx, user, 'supervisor', 'catalog.amendment_withdrawn', c.id, id, { amendmentId: id, reason });
    await settleApprovalNotices(tx, { kind: 'amendment', year, id }, updated.decidedAt ?? new Date());
    return view(updated);
  });
}

/**
 * The amendments of a year's catalog, newest first. The office and leaders see every one; a department's staff see
 * those touching their department's entries (before or after); anyone else none.
 */
export async function listAmendments(ctx: ServiceContext, user: SessionUser, year: number) {
  const c = await catalogOf(ctx.prisma, year);
  const rows = await ctx.prisma.catalogAmendment.findMany({
    where: { catalogId: c.id },
    orderBy: { proposedAt: 'desc' },
  });
  const all = user.roles.some((r) => r === 'supervisor' || r === 'leader');
  const own = user.roles.some((r) => r === 'drafter' || r === 'dept_head');
  const names = await userNames(ctx, rows);
  return {
    year,
    items: rows
      .filter((r) => all || (own && touches(r.diff as unknown as AmendmentDiff, user.departmentId)))
      .map((r) => ({
        ...view(r),
        proposedBy: names.get(r.proposedById) ?? null,
        decidedBy: r.decidedById ? (names.get(r.decidedById) ?? null) : null,
      })),
  };
}

type AmendmentDiff = ReturnType<typeof catalogDiff>;

function touches(d: AmendmentDiff, departmentId: string): boolean {
  const inDept = (e: CatalogEntrySnapshot) => e.leadDepartmentId === departmentId;
  return (
    d.added.some(inDept) ||
    d.removed.some(inDept) ||
    d.changed.some((c) =>
      c.changes.some((f) => f.field === 'leadDepartmentId' && (f.before === departmentId || f.after === departmentId)),
    ) ||
    d.changed.some((c) => c.leadDepartmentId === departmentId)
  );
}

async function userNames(ctx: ServiceContext, rows: Array<{ proposedById: string; decidedById: string | null }>) {
  const ids = [...new Set(rows.flatMap((r) => [r.proposedById, r.decidedById ?? []].flat()))];
  const users = await ctx.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

async function amendmentOf(tx: Tx, catalogId: string, id: string) {
  const a = await tx.catalogAmendment.findUnique({ where: { id } });
  if (!a || a.catalogId !== catalogId) throw notFound('目录调整');
  return a;
}

function view(r: {
  id: string;
  status: string;
  reason: string;
  baseVersion: number;
  diff: unknown;
  proposedAt: Date;
  decidedAt: Date | null;
  partyCommitteeRef: string | null;
  partyCommitteeAgreedOn: string | null;
  refusalReason: string | null;
  version: number | null;
}) {
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    baseVersion: r.baseVersion,
    diff: r.diff as AmendmentDiff,
    proposedAt: r.proposedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    partyCommitteeRef: r.partyCommitteeRef,
    partyCommitteeAgreedOn: r.partyCommitteeAgreedOn,
    refusalReason: r.refusalReason,
    version: r.version,
  };
}
