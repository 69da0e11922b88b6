/**
 * The legal center's data (idempotent): the pool settings of the 20 reviewers (active, leave, former
 * department, declared conflicts), each kind's weight, target days, second check / sign-off and number prefix,
 * and the law library the assisted review checks citations against (real laws and regulations with their
 * level and in-force dates, a few of them repealed). Only what is missing is written; an admin's later
 * changes to these rows are kept.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import { DEFAULT_REVIEW_SETTINGS } from '../domain/rules/legality-review.js';
import { REVIEW_KINDS } from '../domain/review/kinds.js';

const reviewer = (n: number) => `user-reviewer${String(n).padStart(2, '0')}`;

/** Demo pool: everyone active; one long leave, one former department, one declared conflict. */
const PROFILES = Array.from({ length: 20 }, (_, i) => ({
  userId: reviewer(i + 1),
  active: true,
  formerDepartmentId: i + 1 === 20 ? 'dept-zjj' : null,
  note: i + 1 === 20 ? '2024年由市住建局调入' : null,
}));
const LEAVE = [
  { id: 'leave-reviewer19-2026', userId: reviewer(19), startsOn: '2026-11-01', endsOn: '2027-02-28', reason: '产假' },
];
const CONFLICTS = [
  {
    id: 'conflict-reviewer18-czj',
    userId: reviewer(18),
    departmentId: 'dept-czj',
    subjectNumber: null,
    reason: '配偶在市财政局任职',
  },
];

type Law = {
  name: string;
  level: string;
  issuedBy: string;
  effectiveOn: string;
  repealedOn?: string;
  replacedBy?: string;
};
export const LAW_LIBRARY: Law[] = [
  { name: '中华人民共和国宪法', level: 'constitution', issuedBy: '全国人民代表大会', effectiveOn: '1982-12-04' },
  { name: '中华人民共和国立法法', level: 'law', issuedBy: '全国人民代表大会', effectiveOn: '2000-07-01' },
  { name: '中华人民共和国行政许可法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '2004-07-01' },
  { name: '中华人民共和国行政处罚法', level: 'law', issuedBy: '全国人民代表大会', effectiveOn: '1996-10-01' },
  { name: '中华人民共和国行政强制法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '2012-01-01' },
  { name: '中华人民共和国价格法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1998-05-01' },
  { name: '中华人民共和国民法典', level: 'law', issuedBy: '全国人民代表大会', effectiveOn: '2021-01-01' },
  {
    name: '中华人民共和国合同法',
    level: 'law',
    issuedBy: '全国人民代表大会',
    effectiveOn: '1999-10-01',
    repealedOn: '2021-01-01',
    replacedBy: '中华人民共和国民法典',
  },
  { name: '中华人民共和国政府采购法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '2003-01-01' },
  { name: '中华人民共和国招标投标法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '2000-01-01' },
  { name: '中华人民共和国城乡规划法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '2008-01-01' },
  { name: '中华人民共和国环境保护法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1989-12-26' },
  {
    name: '中华人民共和国道路交通安全法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '2004-05-01',
  },
  {
    name: '中华人民共和国突发事件应对法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '2007-11-01',
  },
  {
    name: '中华人民共和国治安管理处罚法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '2006-03-01',
  },
  {
    name: '中华人民共和国治安管理处罚条例',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '1987-01-01',
    repealedOn: '2006-03-01',
    replacedBy: '中华人民共和国治安管理处罚法',
  },
  {
    name: '重大行政决策程序暂行条例',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '2019-09-01',
  },
  {
    name: '国有土地上房屋征收与补偿条例',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '2011-01-21',
  },
  {
    name: '城市房屋拆迁管理条例',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '2001-11-01',
    repealedOn: '2011-01-21',
    replacedBy: '国有土地上房屋征收与补偿条例',
  },
  {
    name: '中华人民共和国政府信息公开条例',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '2008-05-01',
  },
  { name: '优化营商环境条例', level: 'administrative_regulation', issuedBy: '国务院', effectiveOn: '2020-01-01' },
  { name: '政府投资条例', level: 'administrative_regulation', issuedBy: '国务院', effectiveOn: '2019-07-01' },
  { name: '公平竞争审查条例', level: 'administrative_regulation', issuedBy: '国务院', effectiveOn: '2024-08-01' },
  {
    name: '城市生活无着的流浪乞讨人员收容遣送办法',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '1982-05-12',
    repealedOn: '2003-08-01',
    replacedBy: '城市生活无着的流浪乞讨人员救助管理办法',
  },
  {
    name: '城市生活无着的流浪乞讨人员救助管理办法',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '2003-08-01',
  },
  {
    name: '政府制定价格行为规则',
    level: 'department_rule',
    issuedBy: '国家发展和改革委员会',
    effectiveOn: '2018-01-01',
  },
  // The administrative-law family a city government's decisions cite most (effective date of the law as first in force; later revisions keep the name).
  { name: '中华人民共和国行政复议法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1999-10-01' },
  {
    name: '行政复议条例',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '1991-01-01',
    repealedOn: '1999-10-01',
    replacedBy: '中华人民共和国行政复议法',
  },
  { name: '中华人民共和国行政诉讼法', level: 'law', issuedBy: '全国人民代表大会', effectiveOn: '1990-10-01' },
  { name: '中华人民共和国国家赔偿法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1995-01-01' },
  {
    name: '中华人民共和国地方各级人民代表大会和地方各级人民政府组织法',
    level: 'law',
    issuedBy: '全国人民代表大会',
    effectiveOn: '1980-01-01',
  },
  { name: '中华人民共和国反垄断法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '2008-08-01' },
  {
    name: '中华人民共和国反恐怖主义法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '2016-01-01',
  },
  {
    name: '中华人民共和国保守国家秘密法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '1989-05-01',
  },
  { name: '中华人民共和国数据安全法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '2021-09-01' },
  {
    name: '中华人民共和国个人信息保护法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '2021-11-01',
  },
  { name: '中华人民共和国安全生产法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '2002-11-01' },
  { name: '中华人民共和国消防法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1998-09-01' },
  {
    name: '中华人民共和国民法通则',
    level: 'law',
    issuedBy: '全国人民代表大会',
    effectiveOn: '1987-01-01',
    repealedOn: '2021-01-01',
    replacedBy: '中华人民共和国民法典',
  },
  {
    name: '中华人民共和国物权法',
    level: 'law',
    issuedBy: '全国人民代表大会',
    effectiveOn: '2007-10-01',
    repealedOn: '2021-01-01',
    replacedBy: '中华人民共和国民法典',
  },
  { name: '规章制定程序条例', level: 'administrative_regulation', issuedBy: '国务院', effectiveOn: '2002-01-01' },
  { name: '法规规章备案条例', level: 'administrative_regulation', issuedBy: '国务院', effectiveOn: '2002-01-01' },
  // Sector laws of the demo departments: development and reform, ecology and environment, housing, transport, education, market regulation, natural resources, finance.
  {
    name: '中华人民共和国招标投标法实施条例',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '2012-02-01',
  },
  {
    name: '中华人民共和国大气污染防治法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '1988-06-01',
  },
  {
    name: '中华人民共和国水污染防治法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '1984-11-01',
  },
  {
    name: '中华人民共和国环境影响评价法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '2003-09-01',
  },
  {
    name: '中华人民共和国固体废物污染环境防治法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '1996-04-01',
  },
  {
    name: '中华人民共和国城市规划法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '1990-04-01',
    repealedOn: '2008-01-01',
    replacedBy: '中华人民共和国城乡规划法',
  },
  { name: '中华人民共和国建筑法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1998-03-01' },
  {
    name: '中华人民共和国城市房地产管理法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '1995-01-01',
  },
  { name: '中华人民共和国公路法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1998-01-01' },
  {
    name: '中华人民共和国道路运输条例',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '2004-07-01',
  },
  { name: '城市公共交通条例', level: 'administrative_regulation', issuedBy: '国务院', effectiveOn: '2024-12-01' },
  { name: '中华人民共和国教育法', level: 'law', issuedBy: '全国人民代表大会', effectiveOn: '1995-09-01' },
  { name: '中华人民共和国义务教育法', level: 'law', issuedBy: '全国人民代表大会', effectiveOn: '1986-07-01' },
  {
    name: '中华人民共和国民办教育促进法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '2003-09-01',
  },
  { name: '中华人民共和国产品质量法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1993-09-01' },
  { name: '中华人民共和国食品安全法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '2009-06-01' },
  {
    name: '中华人民共和国食品卫生法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '1995-10-30',
    repealedOn: '2009-06-01',
    replacedBy: '中华人民共和国食品安全法',
  },
  {
    name: '中华人民共和国消费者权益保护法',
    level: 'law',
    issuedBy: '全国人民代表大会常务委员会',
    effectiveOn: '1994-01-01',
  },
  { name: '中华人民共和国土地管理法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1987-01-01' },
  {
    name: '中华人民共和国土地管理法实施条例',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '1999-01-01',
  },
  { name: '中华人民共和国矿产资源法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1986-10-01' },
  { name: '中华人民共和国森林法', level: 'law', issuedBy: '全国人民代表大会常务委员会', effectiveOn: '1985-01-01' },
  { name: '中华人民共和国预算法', level: 'law', issuedBy: '全国人民代表大会', effectiveOn: '1995-01-01' },
  {
    name: '中华人民共和国预算法实施条例',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '1995-11-22',
  },
  {
    name: '中华人民共和国政府采购法实施条例',
    level: 'administrative_regulation',
    issuedBy: '国务院',
    effectiveOn: '2015-03-01',
  },
];

export async function seedLegalCenter(prisma: PrismaClient): Promise<void> {
  const reviewers = new Set(
    (await prisma.user.findMany({ where: { id: { in: PROFILES.map((p) => p.userId) } }, select: { id: true } })).map(
      (u) => u.id,
    ),
  );
  for (const p of PROFILES.filter((x) => reviewers.has(x.userId)))
    await prisma.reviewerProfile.upsert({ where: { userId: p.userId }, create: p, update: {} });
  for (const l of LEAVE.filter((x) => reviewers.has(x.userId)))
    await prisma.absence.upsert({ where: { id: l.id }, create: { ...l, createdById: 'user-director' }, update: {} });
  for (const c of CONFLICTS.filter((x) => reviewers.has(x.userId)))
    await prisma.reviewerConflict.upsert({ where: { id: c.id }, create: c, update: {} });
  for (const kind of REVIEW_KINDS)
    await prisma.reviewKindSetting.upsert({
      where: { kind },
      create: { kind, ...DEFAULT_REVIEW_SETTINGS[kind] },
      update: {},
    });
  for (const law of LAW_LIBRARY)
    await prisma.lawEntry.upsert({ where: { name: law.name }, create: { id: `law:${law.name}`, ...law }, update: {} });
}
