/** R1: the catalog as read by staff and by the public, each entry with its decision's progress. */
import { renderCatalogDocument } from '../../records/documents/catalog.js';
import type { CatalogEntrySnapshot } from '../../domain/catalog/schemas.js';
import { type CatalogDiff, catalogDiff } from '../../domain/rules/catalog.js';
import { STAGE_LABELS, type Stage } from '../../domain/stages.js';
import { notFound } from '../errors.js';
import { accessActor, readableDecisionWhere } from './access.js';
import type { ServiceContext, SessionUser } from './context.js';

export interface EntryProgress {
  /** The decision's id when the reader may open it (staff, by the access policy), else null. */
  decisionId: string | null;
  number: string | null;
  stage: string;
  stageLabel: { zh: string; en: string };
  status: string;
}

const NOT_STARTED = { zh: '尚未启动', en: 'Not launched yet' };

/** Who sees every entry of a catalog not yet published: the office drafting it and the leaders approving it. */
const seesWholeDraft = (user: SessionUser) => user.roles.some((r) => r === 'supervisor' || r === 'leader');

/**
 * The catalog of a year with its entries (removed ones included, marked) and each entry's decisions. The public
 * view shows published catalogs only and no decision numbers or stages of confidential decisions. Staff see a
 * catalog not yet published whole when they draft or approve it, else only their own department's entries; an
 * entry's decision links (`decisionIds`) only for the decisions the access policy lets them read, the others as
 * the public sees them.
 */
export async function readCatalog(ctx: ServiceContext, year: number, view: SessionUser | 'public') {
  const c = await ctx.prisma.catalog.findUnique({ where: { year } });
  if (!c || (view === 'public' && c.status !== 'published')) throw notFound(`${year}年度决策事项目录`);
  const ownOnly = view !== 'public' && c.status !== 'published' && !seesWholeDraft(view);
  const entries = await ctx.prisma.catalogEntry.findMany({
    where: {
      catalogId: c.id,
      ...(view === 'public' ? { status: 'active' } : {}),
      ...(ownOnly ? { leadDepartmentId: view.departmentId } : {}),
    },
    orderBy: { seq: 'asc' },
  });
  const links = await ctx.prisma.catalogLink.findMany({ where: { entryId: { in: entries.map((e) => e.id) } } });
  const decisions = await ctx.prisma.decision.findMany({
    where: { id: { in: links.map((l) => l.decisionId) } },
    select: { id: true, number: true, stage: true, status: true, confidential: true, createdAt: true },
  });
  const depts = await ctx.prisma.department.findMany({
    where: { id: { in: [...new Set(entries.map((e) => e.leadDepartmentId))] } },
    select: { id: true, nameZh: true, nameEn: true },
  });
  const deptOf = new Map(depts.map((d) => [d.id, d]));
  const readable =
    view === 'public'
      ? new Set<string>()
      : new Set(
          (
            await ctx.prisma.decision.findMany({
              where: {
                AND: [{ id: { in: decisions.map((d) => d.id) } }, readableDecisionWhere(await accessActor(ctx, view))],
              },
              select: { id: true },
            })
          ).map((d) => d.id),
        );
  const byEntry = new Map<string, typeof decisions>();
  for (const l of links) {
    const d = decisions.find((x) => x.id === l.decisionId);
    if (d) byEntry.set(l.entryId, [...(byEntry.get(l.entryId) ?? []), d]);
  }
  return {
    year: c.year,
    status: c.status,
    version: c.version,
    partyCommitteeRef: c.partyCommitteeRef,
    partyCommitteeAgreedOn: c.partyCommitteeAgreedOn,
    approvedAt: c.approvedAt?.toISOString() ?? null,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    entries: entries.map((e) => {
      const ds = (byEntry.get(e.id) ?? []).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const progress: EntryProgress[] = ds.map((d) =>
        !readable.has(d.id) && d.confidential
          ? {
              decisionId: null,
              number: null,
              stage: 'confidential',
              stageLabel: { zh: '依法不予公开', en: 'Not disclosed' },
              status: d.status,
            }
          : {
              decisionId: readable.has(d.id) ? d.id : null,
              number: d.number,
              stage: d.stage,
              stageLabel: STAGE_LABELS[d.stage as Stage] ?? { zh: d.stage, en: d.stage },
              status: d.status,
            },
      );
      const dept = deptOf.get(e.leadDepartmentId);
      return {
        id: e.id,
        seq: e.seq,
        title: e.title,
        matterType: e.matterType,
        leadDepartmentId: e.leadDepartmentId,
        leadDepartment: dept ? { zh: dept.nameZh, en: dept.nameEn } : null,
        plannedQuarter: e.plannedQuarter,
        legalBasis: e.legalBasis as string[],
        status: e.status,
        ...(view === 'public' ? {} : { decisionIds: ds.filter((d) => readable.has(d.id)).map((d) => d.id) }),
        progress: progress.length
          ? progress
          : [
              {
                decisionId: null,
                number: null,
                stage: 'not_launched',
                stageLabel: NOT_STARTED,
                status: 'not_launched',
              },
            ],
      };
    }),
  };
}

export async function listCatalogs(ctx: ServiceContext) {
  const items = await ctx.prisma.catalog.findMany({ orderBy: { year: 'desc' } });
  return {
    items: items.map((c) => ({
      year: c.year,
      status: c.status,
      version: c.version,
      publishedAt: c.publishedAt?.toISOString() ?? null,
    })),
  };
}

/** The published catalog as a GB/T 9704 Word document, each entry with its progress. */
export async function catalogDocument(
  ctx: ServiceContext,
  year: number,
): Promise<{ fileName: string; content: Buffer }> {
  const c = await readCatalog(ctx, year, 'public');
  const row = await ctx.prisma.catalog.findUniqueOrThrow({ where: { year } });
  const all = await ctx.prisma.catalogVersion.findMany({ where: { catalogId: row.id }, orderBy: { version: 'asc' } });
  const versions = all.filter((v) => v.version > 1);
  const snapshotOf = (version: number) =>
    (all.find((v) => v.version === version)?.entries ?? []) as unknown as CatalogEntrySnapshot[];
  const content = await renderCatalogDocument({
    year,
    version: c.version,
    partyCommitteeRef: c.partyCommitteeRef,
    // The document of the version in force is dated on that version's publication.
    publishedAt: versions.at(-1)?.createdAt ?? row.publishedAt ?? new Date(),
    entries: c.entries.map((e) => ({
      ...e,
      leadDepartment: e.leadDepartment?.zh ?? e.leadDepartmentId,
      progress: e.progress.map((p) => (p.number ? `${p.number} ${p.stageLabel.zh}` : p.stageLabel.zh)).join('；'),
    })),
    amendments: versions.map((v) => ({
      version: v.version,
      reason: v.reason,
      at: v.createdAt,
      partyCommitteeRef: v.partyCommitteeRef,
      changes: diffInWords(catalogDiff(snapshotOf(v.version - 1), snapshotOf(v.version))),
    })),
  });
  return { fileName: `${year}年度重大行政决策事项目录.docx`, content };
}

/** R1: the catalog entry a decision carries out (year, item number, title), or null (outside the catalog, or launched before the catalog model). */
export async function catalogEntryOfDecision(ctx: ServiceContext, decisionId: string) {
  const link = await ctx.prisma.catalogLink.findUnique({ where: { decisionId } });
  const e = link ? await ctx.prisma.catalogEntry.findUnique({ where: { id: link.entryId } }) : null;
  const c = e ? await ctx.prisma.catalog.findUnique({ where: { id: e.catalogId } }) : null;
  return e && c ? { id: e.id, year: c.year, seq: e.seq, title: e.title, status: e.status } : null;
}

/** The entry fields as the catalog document names them. */
const FIELD_WORDS: Record<string, string> = {
  title: '事项名称',
  matterType: '事项类型',
  leadDepartmentId: '承办单位',
  plannedQuarter: '计划提请审议时间',
  legalBasis: '法律依据',
};

/** An amendment's diff as the document says it: 新增第3项“…”；移出第2项“…”；调整第1项“…”的计划提请审议时间. */
function diffInWords(d: CatalogDiff): string {
  return [
    ...d.added.map((e) => `新增第${e.seq}项“${e.title}”`),
    ...d.removed.map((e) => `移出第${e.seq}项“${e.title}”`),
    ...d.changed.map(
      (c) => `调整第${c.seq}项“${c.title}”的${c.changes.map((f) => FIELD_WORDS[f.field] ?? f.field).join('、')}`,
    ),
  ].join('；');
}
