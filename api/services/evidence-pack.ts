/**
 * The evidence pack for a year (issue 15 §6): what evaluators of a model rule-of-law government check, as one zip —
 * the year's catalog with each item's full process record (decision, stage records, audit trail), the legality-review
 * and archiving (归档) rates over the decided items, the filing (备案) rate of the normative documents published in
 * the year (R20-filing), the public pages' addresses, the letters register, an index
 * document in the GB/T 9704 layout, and manifest.json with every file's SHA-256.
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { chinaDate, chinaDateTimeZh, zhCalendarDate } from '../../domain/china-time.js';
import { r20FilingState } from '../../domain/rules/filing.js';
import { renderOfficialDocument } from '../../records/documents/official-document.js';
import { GENERAL_OFFICE } from '../../records/documents/meeting-data.js';
import { notFound } from '../errors.js';
import type { ServiceContext } from './context.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const jsonFile = (v: unknown) =>
  Buffer.from(`${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x), 2)}\n`, 'utf8');
const rate = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);

export async function evidencePack(ctx: ServiceContext, year: number, origin: string) {
  const p = ctx.prisma;
  const catalog = await p.catalog.findUnique({ where: { year } });
  if (!catalog) throw notFound(`${year}年度目录`);
  const entries = await p.catalogEntry.findMany({ where: { catalogId: catalog.id }, orderBy: { seq: 'asc' } });
  const links = await p.catalogLink.findMany({ where: { entryId: { in: entries.map((e) => e.id) } } });
  const decisions = await p.decision.findMany({ where: { id: { in: links.map((l) => l.decisionId) } } });
  const [records, events, reviews, dossiers, letters, departments, filingRows] = await Promise.all([
    p.stageRecord.findMany({
      where: { decisionId: { in: decisions.map((d) => d.id) } },
      orderBy: { createdAt: 'asc' },
    }),
    p.auditEvent.findMany({ where: { decisionId: { in: decisions.map((d) => d.id) } }, orderBy: { seq: 'asc' } }),
    p.review.findMany({
      where: { decisionId: { in: decisions.map((d) => d.id) }, issuedAt: { not: null } },
      select: { decisionId: true, opinionNo: true, outcome: true, issuedAt: true },
    }),
    p.dossier.findMany({
      where: { decisionId: { in: decisions.map((d) => d.id) } },
      select: { decisionId: true, reference: true, sha256: true },
    }),
    p.escalationLetter.findMany({ where: { year }, orderBy: [{ kind: 'asc' }, { seq: 'asc' }] }),
    p.department.findMany({ select: { id: true, nameZh: true } }),
    p.normativeFiling.findMany({
      where: { publishedOn: { gte: `${year}-01-01`, lte: `${year}-12-31` } },
      orderBy: [{ publishedOn: 'asc' }, { reviewId: 'asc' }],
    }),
  ]);
  const deptName = (id: string) => departments.find((d) => d.id === id)?.nameZh ?? id;
  const files: Array<{ path: string; title: string; content: Buffer }> = [];

  const items = entries.map((e) => {
    const d = decisions.find((x) => links.some((l) => l.entryId === e.id && l.decisionId === x.id));
    const decided =
      !!d && (d.stageStates as Record<string, { status?: string }>)?.collective_discussion?.status === 'done';
    const reviewed = !!d && reviews.some((r) => r.decisionId === d.id);
    const archived = !!d && dossiers.some((x) => x.decisionId === d.id);
    if (d) {
      const record = {
        entry: {
          seq: e.seq,
          title: e.title,
          leadDepartment: deptName(e.leadDepartmentId),
          plannedQuarter: e.plannedQuarter,
        },
        decision: {
          id: d.id,
          number: d.number,
          title: d.title,
          stage: d.stage,
          status: d.status,
          stageStates: d.stageStates,
          launchedAt: d.createdAt,
        },
        stageRecords: records
          .filter((r) => r.decisionId === d.id)
          .map((r) => ({
            stage: r.stage,
            kind: r.kind,
            reference: r.reference,
            at: r.createdAt,
            data: r.data,
            documents: r.documents,
          })),
        reviewOpinions: reviews.filter((r) => r.decisionId === d.id),
        dossier: dossiers.find((x) => x.decisionId === d.id) ?? null,
        auditTrail: events
          .filter((x) => x.decisionId === d.id)
          .map((x) => ({
            seq: x.seq,
            at: x.at,
            actor: x.actorName,
            role: x.actorRole,
            action: x.action,
            data: x.data,
            hash: x.hash,
          })),
      };
      files.push({
        path: `process-records/${d.number}.json`,
        title: `${d.number} ${d.title} 决策过程记录`,
        content: jsonFile(record),
      });
    }
    return {
      seq: e.seq,
      title: e.title,
      leadDepartment: deptName(e.leadDepartmentId),
      number: d?.number ?? null,
      stage: d?.stage ?? null,
      decided,
      reviewed,
      archived,
    };
  });
  const decided = items.filter((i) => i.decided);
  const now = new Date();
  const filings = await normativeFilings(ctx, filingRows, chinaDate(now), deptName);
  const rates = {
    year,
    catalogEntries: items.length,
    launched: items.filter((i) => i.number).length,
    decided: decided.length,
    legalityReviewRate: rate(decided.filter((i) => i.reviewed).length, decided.length),
    archiveRate: rate(decided.filter((i) => i.archived).length, decided.length),
    items,
    normativeDocuments: filings,
  };
  files.push({ path: 'rates.json', title: '合法性审查率、归档率和规范性文件备案率', content: jsonFile(rates) });
  const publicPages = {
    catalog: `${origin}/public/catalogs/${year}`,
    consultations: `${origin}/public/`,
    decisions: items
      .filter((i) => i.number)
      .map((i) => ({
        number: i.number,
        consultation: `${origin}/public/consultations/${i.number}`,
        feedback: `${origin}/public/consultations/${i.number}/feedback`,
      })),
  };
  files.push({ path: 'public-pages.json', title: '网上公开页面地址', content: jsonFile(publicPages) });
  const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const register = [
    '文号,类别,单位,事项,期限,发出时间',
    ...letters.map((l) =>
      [
        l.number,
        l.kind === 'reminder_letter' ? '提示函' : '督办函',
        deptName(l.departmentId),
        l.taskKind,
        l.dueAt.toISOString(),
        l.issuedAt.toISOString(),
      ]
        .map(cell)
        .join(','),
    ),
  ].join('\r\n');
  files.push({
    path: 'letters-register.csv',
    title: '提示函、督办函登记',
    content: Buffer.from(`\ufeff${register}\r\n`, 'utf8'),
  });

  const index = await renderOfficialDocument({
    organMark: GENERAL_OFFICE(),
    documentNumber: `佐证〔${year}〕1号`,
    title: `${year}年度重大行政决策佐证材料目录`,
    body: [
      {
        kind: 'paragraph',
        text: `本佐证材料包收录${year}年度重大行政决策事项目录所列${items.length}项事项的决策过程记录、合法性审查率、归档率和规范性文件备案率、网上公开页面地址及提示函、督办函登记。已作出决定${decided.length}项，合法性审查率${rates.legalityReviewRate ?? '—'}%，归档率${rates.archiveRate ?? '—'}%。本年度公布行政规范性文件${filings.published}件，已报送备案${filings.filed}件（按期${filings.filedOnTime}件），逾期未备案${filings.overdue}件，备案期限内未到期${filings.pending}件，备案率${filings.filingRate ?? '—'}%，按期备案率${filings.onTimeFilingRate ?? '—'}%（以已备案和已到期的文件计）。各文件的SHA-256校验值见manifest.json，生成时间${chinaDateTimeZh(now)}。`,
      },
      { kind: 'heading1', text: '一、目录事项' },
      {
        kind: 'table',
        headers: ['序号', '事项', '承办单位', '决策编号', '审查', '归档'],
        widths: [8, 38, 18, 16, 10, 10],
        rows: items.map((i) => [
          String(i.seq),
          i.title,
          i.leadDepartment,
          i.number ?? '未启动',
          i.reviewed ? '是' : '否',
          i.archived ? '是' : '否',
        ]),
      },
      { kind: 'heading1', text: '二、规范性文件公布与备案' },
      {
        kind: 'table',
        headers: ['审查编号', '文号', '制定单位', '公布日期', '备案期限', '备案情况'],
        widths: [18, 20, 14, 15, 15, 18],
        rows: filings.items.length
          ? filings.items.map((f) => [
              f.subjectNumber,
              f.documentNumber,
              f.department,
              zhCalendarDate(f.publishedOn),
              zhCalendarDate(f.dueOn),
              FILING_STATE_ZH[f.state] + (f.filedOn ? `（${zhCalendarDate(f.filedOn)}，${f.reference}）` : ''),
            ])
          : [['—', '本年度无公布的规范性文件', '', '', '', '']],
      },
      { kind: 'heading1', text: '三、文件清单' },
      {
        kind: 'table',
        headers: ['序号', '文件', '名称', '校验值（前12位）'],
        widths: [8, 38, 36, 18],
        rows: files.map((f, i) => [String(i + 1), f.path, f.title, sha(f.content).slice(0, 12)]),
      },
    ],
    signature: { organ: GENERAL_OFFICE(), date: now },
    record: { printer: GENERAL_OFFICE(), printedOn: now },
  });
  files.unshift({ path: 'index.docx', title: '佐证材料目录', content: index });

  const zip = new JSZip();
  for (const f of files) zip.file(f.path, f.content, { date: now });
  const manifest = {
    year,
    generatedAt: now.toISOString(),
    files: files.map((f) => ({ path: f.path, title: f.title, size: f.content.length, sha256: sha(f.content) })),
  };
  zip.file('manifest.json', jsonFile(manifest), { date: now });
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { fileName: `佐证材料-${year}.zip`, content, sha256: sha(content) };
}

const FILING_STATE_ZH = {
  filed_on_time: '按期备案',
  filed_late: '逾期备案',
  overdue: '逾期未备案',
  pending: '未到备案期限',
} as const;

/**
 * The normative documents published in the year and their filing (R20-filing), with the filing rate and the
 * on-time filing rate in per cent over the documents whose filing is done or due (published − pending).
 */
async function normativeFilings(
  ctx: ServiceContext,
  rows: Array<{
    reviewId: string;
    departmentId: string;
    documentNumber: string;
    publishedOn: string;
    dueOn: string;
    filedWith: string[];
    filedOn: string | null;
    reference: string | null;
  }>,
  today: string,
  deptName: (id: string) => string,
) {
  const reviews = await ctx.prisma.review.findMany({
    where: { id: { in: rows.map((r) => r.reviewId) } },
    select: { id: true, subjectNumber: true, title: true, opinionNo: true },
  });
  const items = rows.map((f) => {
    const r = reviews.find((x) => x.id === f.reviewId);
    return {
      subjectNumber: r?.subjectNumber ?? f.reviewId,
      title: r?.title ?? '',
      opinionNo: r?.opinionNo ?? null,
      documentNumber: f.documentNumber,
      department: deptName(f.departmentId),
      publishedOn: f.publishedOn,
      dueOn: f.dueOn,
      filedWith: f.filedWith,
      filedOn: f.filedOn,
      reference: f.reference,
      state: r20FilingState(f, today),
    };
  });
  const n = (s: string) => items.filter((i) => i.state === s).length;
  const filedOnTime = n('filed_on_time');
  const filed = filedOnTime + n('filed_late');
  const owed = items.length - n('pending');
  return {
    published: items.length,
    filed,
    filedOnTime,
    overdue: n('overdue'),
    pending: n('pending'),
    filingRate: rate(filed, owed),
    onTimeFilingRate: rate(filedOnTime, owed),
    items,
  };
}
