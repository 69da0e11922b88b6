/**
 * The demo city's published catalog (R1) for the year it is first started: one entry per drafting department,
 * approved after the party committee agreed, published as version 1. Written with the demo organisation.
 */
import type { Prisma } from '../generated/prisma/client.js';
import type { CatalogEntrySnapshot } from '../domain/catalog/schemas.js';

/** The demo entry a drafting department's launches can pick (stable across years, for tests and demos). */
export const demoCatalogEntryId = (departmentCode: string): string => `catalog-entry-demo-${departmentCode}`;

const DEMO_ENTRIES: Array<[code: string, title: string, matterType: string, quarter: number, basis: string]> = [
  ['fgw', '关于优化营商环境的若干措施', 'market_regulation', 2, '《优化营商环境条例》'],
  ['sthjj', '城市大气污染防治行动方案', 'environmental_protection', 2, '《中华人民共和国大气污染防治法》'],
  ['zjj', '老旧小区改造实施方案', 'public_construction_project', 3, '《中华人民共和国城乡规划法》'],
  ['jtysj', '城市公共交通票价调整方案', 'public_services', 1, '《中华人民共和国价格法》'],
  ['jyj', '中小学学位保障规划', 'development_plan', 3, '《中华人民共和国义务教育法》'],
  ['scjgj', '食品安全监管体系建设方案', 'market_regulation', 4, '《中华人民共和国食品安全法》'],
  ['zrzyj', '国土空间总体规划实施方案', 'natural_cultural_resources', 4, '《中华人民共和国土地管理法》'],
  ['czj', '政府投资项目管理办法', 'public_services', 4, '《政府投资条例》'],
];

export async function seedDemoCatalog(tx: Prisma.TransactionClient, year: number): Promise<void> {
  const catalogId = `catalog-${year}`;
  const now = new Date();
  const entries: CatalogEntrySnapshot[] = DEMO_ENTRIES.map(([code, title, matterType, q, basis], i) => ({
    id: demoCatalogEntryId(code),
    seq: i + 1,
    title,
    matterType,
    leadDepartmentId: `dept-${code}`,
    plannedQuarter: `${year}-Q${q}`,
    legalBasis: [basis, '《重大行政决策程序暂行条例》'],
  }));
  await tx.catalog.create({
    data: {
      id: catalogId,
      year,
      status: 'published',
      version: 1,
      partyCommitteeRef: `市委办〔${year}〕3号`,
      partyCommitteeAgreedOn: `${year}-01-15`,
      approvedById: 'user-mayor',
      approvedAt: now,
      publishedById: 'user-supervisor1',
      publishedAt: now,
      createdById: 'user-supervisor1',
    },
  });
  await tx.catalogEntry.createMany({ data: entries.map((e) => ({ ...e, catalogId })) });
  await tx.catalogVersion.create({
    data: {
      catalogId,
      version: 1,
      reason: '年度决策事项目录经市委同意后公布',
      entries: entries as unknown as Prisma.InputJsonValue,
      createdById: 'user-supervisor1',
    },
  });
}
