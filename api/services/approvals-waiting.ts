/**
 * What waits for the signed-in person on the catalog page (R1): for a government leader, catalog drafts with entries
 * to approve, pending amendments, pending outside-catalog requests; for the office, approved catalogs to publish.
 * One answer for the navigation's count and the catalog page's to-do line, every year at once.
 */
import { approvalHref } from '../../domain/notices/approvals.js';
import type { ServiceContext, SessionUser } from './context.js';

type Text = { zh: string; en: string };
export interface WaitingItem {
  kind: 'catalog' | 'amendment' | 'outside' | 'publish';
  year: number | null;
  /** How many items this line stands for (outside-catalog requests are one line). */
  count: number;
  label: Text;
  href: string;
}

export async function waitingApprovals(ctx: ServiceContext, user: SessionUser) {
  const leader = user.roles.includes('leader');
  const office = user.roles.includes('supervisor');
  const [drafts, amendments, outside, approved] = await Promise.all([
    leader ? ctx.prisma.catalog.findMany({ where: { status: 'drafting' }, select: { id: true, year: true } }) : [],
    leader
      ? ctx.prisma.catalogAmendment.findMany({
          where: { status: 'pending' },
          select: { id: true, catalogId: true },
          orderBy: { proposedAt: 'asc' },
        })
      : [],
    leader ? ctx.prisma.outsideCatalogRequest.count({ where: { status: 'pending' } }) : 0,
    office ? ctx.prisma.catalog.findMany({ where: { status: 'approved' }, select: { year: true } }) : [],
  ]);
  // A draft waits once it has entries; an amendment names its catalog's year.
  const [withEntries, amendedCatalogs] = await Promise.all([
    drafts.length
      ? ctx.prisma.catalogEntry.groupBy({ by: ['catalogId'], where: { catalogId: { in: drafts.map((d) => d.id) } } })
      : [],
    amendments.length
      ? ctx.prisma.catalog.findMany({
          where: { id: { in: [...new Set(amendments.map((a) => a.catalogId))] } },
          select: { id: true, year: true },
        })
      : [],
  ]);
  const filled = new Set(withEntries.map((e) => e.catalogId));
  const yearOf = new Map(amendedCatalogs.map((c) => [c.id, c.year]));
  const items: WaitingItem[] = [
    ...drafts
      .filter((d) => filled.has(d.id))
      .map((d) => ({
        kind: 'catalog' as const,
        year: d.year,
        count: 1,
        label: { zh: `${d.year}年度目录待批准`, en: `the ${d.year} catalog awaits approval` },
        href: approvalHref({ kind: 'catalog', year: d.year }),
      })),
    ...amendments.map((a) => {
      const year = yearOf.get(a.catalogId) ?? 0;
      return {
        kind: 'amendment' as const,
        year,
        count: 1,
        label: { zh: `${year}年度目录调整待批准`, en: `an amendment of the ${year} catalog awaits approval` },
        href: approvalHref({ kind: 'amendment', year, id: a.id }),
      };
    }),
    ...(outside
      ? [
          {
            kind: 'outside' as const,
            year: null,
            count: outside,
            label: {
              zh: `目录外事项申请${outside}项待审批`,
              en: `${outside} outside-catalog requests await a decision`,
            },
            href: approvalHref({ kind: 'outside', id: '' }),
          },
        ]
      : []),
    ...approved.map((c) => ({
      kind: 'publish' as const,
      year: c.year,
      count: 1,
      label: { zh: `${c.year}年度目录已批准，待公布`, en: `the ${c.year} catalog is approved, to be published` },
      href: `#/catalogs?year=${c.year}`,
    })),
  ];
  return { total: items.reduce((n, i) => n + i.count, 0), items };
}
