/**
 * R1 (Art. 3 para. 3): the annual catalog of major decisions. The law-based-governance office drafts it, a leader
 * approves it recording the party committee's agreement, the office publishes it (version 1); amendments during the
 * year are proposed and approved the same way (catalog-amendments.ts; every version kept, the diff shown).
 */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.js';
import type { CatalogEntryInput, CatalogEntrySnapshot } from '../../domain/catalog/schemas.js';
import { catalogDiff, r1AgreementDateViolations } from '../../domain/rules/catalog.js';
import { violation } from '../../domain/violation.js';
import { appendAudit, auditActor, type Tx } from '../../records/audit.js';
import type { AuditAction } from '../../domain/audit-events.js';
import { AppError, fieldIssue, forbidden, invalid, notFound, ruleRefusal } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';
import { notifyApprovalWaiting, settleApprovalNotices } from '../../records/approval-notices.js';

export const requireRole = (user: SessionUser, role: 'supervisor' | 'leader') => {
  if (!user.roles.includes(role))
    throw role === 'supervisor'
      ? forbidden(
          '年度决策事项目录由依法治市办编制、公布和调整',
          'The law-based-governance office drafts, publishes and amends the catalog',
        )
      : forbidden('年度决策事项目录由政府领导批准', 'A government leader approves the catalog');
};

export const statusRefusal = (zh: string, en: string) => ruleRefusal([violation('R1', 'r1.catalog_status', zh, en)]);

export async function audit(
  tx: Tx,
  user: SessionUser,
  role: string,
  action: AuditAction,
  catalogId: string,
  key: string,
  data: Record<string, unknown>,
) {
  await appendAudit(tx, {
    idempotencyKey: `${action}:${catalogId}:${key}`,
    at: new Date(),
    actor: auditActor(user, role),
    action,
    subjectType: 'catalog',
    subjectId: catalogId,
    data: { rule: 'R1', ...data },
  });
}

export async function catalogOf(db: Tx | ServiceContext['prisma'], year: number) {
  const c = await db.catalog.findUnique({ where: { year } });
  if (!c) throw notFound(`${year}年度决策事项目录`);
  return c;
}

export const snapshot = (e: {
  id: string;
  seq: number;
  title: string;
  matterType: string;
  leadDepartmentId: string;
  plannedQuarter: string;
  legalBasis: unknown;
}): CatalogEntrySnapshot => ({
  id: e.id,
  seq: e.seq,
  title: e.title,
  matterType: e.matterType,
  leadDepartmentId: e.leadDepartmentId,
  plannedQuarter: e.plannedQuarter,
  legalBasis: e.legalBasis as string[],
});

export async function checkDepartments(tx: Tx, entries: Array<Partial<CatalogEntryInput>>, path: string) {
  const ids = [...new Set(entries.map((e) => e.leadDepartmentId).filter((x): x is string => !!x))];
  const known = new Set(
    (await tx.department.findMany({ where: { id: { in: ids }, kind: 'drafting' }, select: { id: true } })).map(
      (d) => d.id,
    ),
  );
  const issues = entries.flatMap((e, i) =>
    e.leadDepartmentId && !known.has(e.leadDepartmentId)
      ? [
          fieldIssue(
            `${path}.${i}.leadDepartmentId`,
            `未知的承办单位：${e.leadDepartmentId}`,
            `Unknown drafting department: ${e.leadDepartmentId}`,
          ),
        ]
      : [],
  );
  if (issues.length) throw invalid(issues);
}

export async function createCatalog(ctx: ServiceContext, user: SessionUser, year: number) {
  requireRole(user, 'supervisor');
  return ctx.prisma.$transaction(async (tx) => {
    if (await tx.catalog.findUnique({ where: { year } }))
      throw new AppError(409, 'conflict', 'catalog.exists', {
        zh: `${year}年度目录已存在`,
        en: `The ${year} catalog exists`,
      });
    const c = await tx.catalog.create({ data: { id: `catalog-${year}`, year, createdById: user.id } });
    await audit(tx, user, 'supervisor', 'catalog.created', c.id, 'created', { year });
    return c;
  });
}

/** The office's draft, saved whole; only while drafting. */
export async function saveCatalogDraft(
  ctx: ServiceContext,
  user: SessionUser,
  year: number,
  entries: Array<CatalogEntryInput & { id?: string }>,
) {
  requireRole(user, 'supervisor');
  return ctx.prisma.$transaction(async (tx) => {
    const c = await catalogOf(tx, year);
    if (c.status !== 'drafting')
      throw statusRefusal('目录已批准，只能按程序调整', 'The catalog is approved: amend it instead');
    await checkDepartments(tx, entries, 'entries');
    const before = await tx.catalogEntry.findMany({ where: { catalogId: c.id }, orderBy: { seq: 'asc' } });
    const byId = new Map(before.map((e) => [e.id, e]));
    const unknown = entries.flatMap((e, i) =>
      e.id && !byId.has(e.id) ? [fieldIssue(`entries.${i}.id`, '目录事项不存在', 'No such entry in this catalog')] : [],
    );
    if (unknown.length) throw invalid(unknown);
    const kept = new Set(entries.map((e) => e.id).filter(Boolean));
    await tx.catalogEntry.deleteMany({ where: { catalogId: c.id, id: { notIn: [...kept] as string[] } } });
    let seq = 0;
    for (const e of entries) {
      seq += 1;
      const data = {
        seq: -seq,
        title: e.title,
        matterType: e.matterType,
        leadDepartmentId: e.leadDepartmentId,
        plannedQuarter: e.plannedQuarter,
        legalBasis: e.legalBasis,
      };
      if (e.id) await tx.catalogEntry.update({ where: { id: e.id }, data });
      else await tx.catalogEntry.create({ data: { ...data, id: randomUUID(), catalogId: c.id } });
    }
    // Numbered in the order given (negative first, so the unique item numbers never collide midway).
    await tx.$executeRaw`UPDATE "CatalogEntry" SET "seq" = -"seq" WHERE "catalogId" = ${c.id} AND "seq" < 0`;
    const after = await tx.catalogEntry.findMany({ where: { catalogId: c.id }, orderBy: { seq: 'asc' } });
    await audit(tx, user, 'supervisor', 'catalog.draft_saved', c.id, randomUUID(), {
      before: before.map(snapshot),
      after: after.map(snapshot),
    });
    // A draft with entries awaits a leader's approval: the leaders are told once per catalog.
    if (after.length)
      await notifyApprovalWaiting(
        tx,
        { kind: 'catalog', year },
        {
          title: { zh: `【待审批】${year}年度重大行政决策事项目录`, en: `[Awaiting approval] The ${year} catalog` },
          body: {
            zh: `依法治市办已编制${year}年度重大行政决策事项目录草案（${after.length}项），请经党委同意后批准。`,
            en: `The office has drafted the ${year} catalog of major decisions (${after.length} entries); approve it once the party committee agrees.`,
          },
        },
        new Date(),
      );
    return { year, entries: after.map(snapshot) };
  });
}

/** Approval after the party committee agreed (党委同意), recorded with its reference and date. */
export async function approveCatalog(
  ctx: ServiceContext,
  user: SessionUser,
  year: number,
  a: { partyCommitteeRef: string; partyCommitteeAgreedOn: string },
) {
  requireRole(user, 'leader');
  const early = r1AgreementDateViolations(a.partyCommitteeAgreedOn, new Date());
  if (early.length) throw ruleRefusal(early);
  return ctx.prisma.$transaction(async (tx) => {
    const c = await catalogOf(tx, year);
    if (c.status !== 'drafting') throw statusRefusal('目录已经批准', 'The catalog is already approved');
    if (!(await tx.catalogEntry.count({ where: { catalogId: c.id } })))
      throw statusRefusal('目录没有事项，不能批准', 'The catalog has no entries to approve');
    await tx.catalog.update({
      where: { id: c.id },
      data: { status: 'approved', ...a, approvedById: user.id, approvedAt: new Date() },
    });
    await audit(tx, user, 'leader', 'catalog.approved', c.id, 'approved', { ...a });
    await settleApprovalNotices(tx, { kind: 'catalog', year }, new Date());
    return { year, status: 'approved' };
  });
}

/** Publication: version 1, the entries as approved. */
export async function publishCatalog(ctx: ServiceContext, user: SessionUser, year: number) {
  requireRole(user, 'supervisor');
  return ctx.prisma.$transaction(async (tx) => {
    const c = await catalogOf(tx, year);
    if (c.status !== 'approved')
      throw statusRefusal(
        '目录应当经党委同意、政府批准后公布',
        'The catalog is published only after its approval with the party committee’s agreement',
      );
    const entries = (await tx.catalogEntry.findMany({ where: { catalogId: c.id }, orderBy: { seq: 'asc' } })).map(
      snapshot,
    );
    await tx.catalogVersion.create({
      data: {
        catalogId: c.id,
        version: 1,
        reason: '年度决策事项目录经党委同意后公布',
        entries: entries as unknown as Prisma.InputJsonValue,
        createdById: user.id,
        partyCommitteeRef: c.partyCommitteeRef,
        partyCommitteeAgreedOn: c.partyCommitteeAgreedOn,
        approvedById: c.approvedById,
      },
    });
    await tx.catalog.update({
      where: { id: c.id },
      data: { status: 'published', version: 1, publishedById: user.id, publishedAt: new Date() },
    });
    await audit(tx, user, 'supervisor', 'catalog.published', c.id, 'published', {
      version: 1,
      entries: entries.length,
    });
    return { year, status: 'published', version: 1 };
  });
}

/** Every published version with its reason and what it changed against the one before. */
export async function catalogVersions(ctx: ServiceContext, year: number) {
  const c = await catalogOf(ctx.prisma, year);
  const versions = await ctx.prisma.catalogVersion.findMany({
    where: { catalogId: c.id },
    orderBy: { version: 'asc' },
  });
  return {
    year,
    items: versions.map((v, i) => {
      const entries = v.entries as unknown as CatalogEntrySnapshot[];
      const prev = i > 0 ? (versions[i - 1].entries as unknown as CatalogEntrySnapshot[]) : [];
      return {
        version: v.version,
        reason: v.reason,
        createdAt: v.createdAt.toISOString(),
        createdById: v.createdById,
        partyCommitteeRef: v.version === 1 ? (v.partyCommitteeRef ?? c.partyCommitteeRef) : v.partyCommitteeRef,
        partyCommitteeAgreedOn:
          v.version === 1 ? (v.partyCommitteeAgreedOn ?? c.partyCommitteeAgreedOn) : v.partyCommitteeAgreedOn,
        entries,
        diff: catalogDiff(prev, entries),
      };
    }),
  };
}
