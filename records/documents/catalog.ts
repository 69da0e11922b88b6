/** R1: the annual catalog of major decisions (年度重大行政决策事项目录) as an official document in the GB/T 9704 layout. */
import { MATTER_TYPE_LABELS } from '../../domain/labels.js';
import type { MATTER_TYPES } from '../../domain/decision/launch.js';
import { chineseDate, renderOfficialDocument } from './official-document.js';
import { GENERAL_OFFICE } from './meeting-data.js';

export interface CatalogDocumentInput {
  year: number;
  version: number;
  partyCommitteeRef: string | null;
  publishedAt: Date;
  entries: Array<{
    seq: number;
    title: string;
    matterType: string;
    leadDepartment: string;
    plannedQuarter: string;
    legalBasis: string[];
    progress: string;
  }>;
  /** Amendments in force (each approved with the party committee's agreement, R1). */
  amendments: Array<{ version: number; reason: string; at: Date; partyCommitteeRef: string | null; changes: string }>;
}

const quarterZh = (q: string) =>
  q.replace(/^(\d{4})-Q([1-4])$/, (_m, y, n) => `${y}年第${'一二三四'[Number(n) - 1]}季度`);

export async function renderCatalogDocument(c: CatalogDocumentInput): Promise<Buffer> {
  const organ = process.env.YIFA_GOVERNMENT_NAME ?? '市人民政府';
  return renderOfficialDocument({
    organMark: `${GENERAL_OFFICE()}文件`,
    documentNumber: `府办发〔${c.year}〕${c.version}号`,
    title: `${organ}${c.year}年度重大行政决策事项目录${c.version > 1 ? `（第${c.version}版）` : ''}`,
    addressee: '各县（市、区）人民政府，市政府各部门',
    body: [
      {
        kind: 'paragraph',
        text: `根据《重大行政决策程序暂行条例》第三条第三款，经市委同意${c.partyCommitteeRef ? `（${c.partyCommitteeRef}）` : ''}，现将${organ}${c.year}年度重大行政决策事项目录公布如下。各承办单位应当严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定等法定程序，按计划时间提请审议。`,
      },
      { kind: 'heading1', text: '一、决策事项目录' },
      {
        kind: 'table',
        headers: ['序号', '决策事项', '事项类型', '承办单位', '计划提请审议时间', '法律依据', '办理进度'],
        widths: [6, 22, 13, 13, 13, 20, 13],
        rows: c.entries.map((e) => [
          String(e.seq),
          e.title,
          MATTER_TYPE_LABELS[e.matterType as (typeof MATTER_TYPES)[number]]?.zh ?? e.matterType,
          e.leadDepartment,
          quarterZh(e.plannedQuarter),
          e.legalBasis.join('；'),
          e.progress,
        ]),
      },
      ...(c.amendments.length
        ? [
            { kind: 'heading1' as const, text: '二、目录调整情况' },
            ...c.amendments.map((a) => ({
              kind: 'paragraph' as const,
              text: `第${a.version}版（${chineseDate(a.at)}）：${a.reason}${a.partyCommitteeRef ? `（经市委同意，${a.partyCommitteeRef}）` : ''}。${a.changes ? `${a.changes}。` : ''}`,
            })),
          ]
        : []),
    ],
    signature: { organ: GENERAL_OFFICE(), date: c.publishedAt },
    note: '（此件公开发布）',
    record: {
      copyTo: ['市委办公室', '市人大常委会办公室', '市政协办公室'],
      printer: GENERAL_OFFICE(),
      printedOn: c.publishedAt,
    },
  });
}
