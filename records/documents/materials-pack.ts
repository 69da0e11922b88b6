/**
 * R22: the readable part of an agenda item's materials pack (上会材料): one GB/T 9704 document per item whose
 * contents page lists each material placed on the agenda (name, version, SHA-256, time in Beijing) and whose
 * body gives the summaries the meeting must receive (comment and expert adoption, risk, review, fair competition).
 */
import type { DocumentRef } from '../../domain/document-policy.js';
import { DOCUMENT_KIND_LABELS } from '../../domain/labels.js';
import { REVIEW_OUTCOME_LABELS } from '../../domain/review/kinds.js';
import type { R22Item } from '../../domain/rules/meeting.js';
import { chinaClock } from '../../domain/china-time.js';
import { confidentialMarking, renderOfficialDocument, type Block } from './official-document.js';
import { GENERAL_OFFICE } from './meeting-data.js';

export interface PackMaterial extends DocumentRef {
  createdAt: Date;
}

export interface PackInput {
  decision: { number: string; title: string; department: string; confidential: boolean };
  meeting: { title: string; number: string };
  position: number;
  materials: PackMaterial[];
  checklist: R22Item[];
  /** Stage records the meeting receives, by kind (the latest of each). */
  records: Partial<
    Record<
      'conclude_public_participation' | 'record_expert_opinions' | 'submit_risk_assessment' | 'review_opinion',
      { data: unknown; reference: string | null }
    >
  >;
  fairCompetition?: string;
  madeAt: Date;
}

/** 2026年12月1日10时05分 (Beijing time). */
export function chineseDateTime(d: Date): string {
  const l = chinaClock(d);
  return `${l.getUTCFullYear()}年${l.getUTCMonth() + 1}月${l.getUTCDate()}日${l.getUTCHours()}时${String(l.getUTCMinutes()).padStart(2, '0')}分`;
}

const kindZh = (kind: string) => DOCUMENT_KIND_LABELS[kind as keyof typeof DOCUMENT_KIND_LABELS]?.zh ?? '其他材料';
const ADOPTION_ZH: Record<string, string> = { adopted: '采纳', partly_adopted: '部分采纳', not_adopted: '不予采纳' };
const RISK_ZH: Record<string, string> = { low: '低', medium: '中', high: '高' };
const STATUS_ZH: Record<R22Item['status'], string> = {
  present: '已具备',
  skipped: '依法未开展',
  missing: '缺少',
  not_applicable: '不适用',
};
const ORDINAL = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The name of the material's file inside the pack (materials/NN-<name>-第N版-<file>). */
export function packFileName(m: DocumentRef, i: number): string {
  return `材料/${String(i + 1).padStart(2, '0')}-${kindZh(m.kind)}-第${m.version}版-${m.fileName.replace(/[/\\]/g, '_')}`;
}

export async function renderMaterialsContents(p: PackInput): Promise<Buffer> {
  const sections: Array<{ title: string; blocks: Block[] }> = [];
  sections.push({
    title: '材料目录',
    blocks: [
      {
        kind: 'table',
        headers: ['序号', '材料名称', '版本', '形成时间', 'SHA-256校验值'],
        widths: [7, 27, 8, 22, 36],
        rows: p.materials.map((m, i) => [
          String(i + 1),
          `${kindZh(m.kind)}：${m.fileName}`,
          `第${m.version}版`,
          chineseDateTime(m.createdAt),
          m.sha256,
        ]),
      },
      {
        kind: 'paragraph',
        text: '以上材料为列入议题时记录的版本，原件附后（见压缩包“材料”目录，文件名与序号对应）；校验值可用于核对原件未被更改。',
      },
    ],
  });
  sections.push({
    title: '材料齐备情况',
    blocks: [
      {
        kind: 'table',
        headers: ['材料', '情况', '说明'],
        widths: [34, 16, 50],
        rows: p.checklist.map((c) => [c.zh, STATUS_ZH[c.status], c.reason ?? '']),
      },
    ],
  });
  const comments = p.records.conclude_public_participation?.data as
    | { adoptionSummary?: string; groups?: Array<{ summary: string; response?: string; reason?: string }> }
    | undefined;
  if (comments)
    sections.push({
      title: '公众意见采纳情况',
      blocks: [
        { kind: 'paragraph', text: comments.adoptionSummary ?? '' },
        ...(comments.groups?.length
          ? [
              {
                kind: 'table' as const,
                headers: ['意见归类', '采纳情况', '理由'],
                widths: [46, 14, 40],
                rows: comments.groups.map((g) => [g.summary, ADOPTION_ZH[g.response ?? ''] ?? '', g.reason ?? '']),
              },
            ]
          : []),
      ],
    });
  const experts = p.records.record_expert_opinions?.data as
    | {
        adoptionSummary?: string;
        opinions?: Array<{ expertName: string; institution: string; response?: string; reason?: string }>;
      }
    | undefined;
  if (experts)
    sections.push({
      title: '专家论证意见采纳情况',
      blocks: [
        { kind: 'paragraph', text: experts.adoptionSummary ?? '' },
        ...(experts.opinions?.length
          ? [
              {
                kind: 'table' as const,
                headers: ['专家', '单位', '采纳情况', '理由'],
                widths: [16, 30, 14, 40],
                rows: experts.opinions.map((o) => [
                  o.expertName,
                  o.institution,
                  ADOPTION_ZH[o.response ?? ''] ?? '',
                  o.reason ?? '',
                ]),
              },
            ]
          : []),
      ],
    });
  const risk = p.records.submit_risk_assessment?.data as
    | { level?: string; riskPoints?: string[]; preventionMeasures?: string; responsePlan?: string }
    | undefined;
  if (risk)
    sections.push({
      title: '风险评估结论',
      blocks: [
        {
          kind: 'paragraph',
          text: `风险等级：${RISK_ZH[risk.level ?? ''] ?? ''}。风险点：${(risk.riskPoints ?? []).join('；')}。`,
        },
        { kind: 'paragraph', text: `防范措施：${risk.preventionMeasures ?? ''}` },
        { kind: 'paragraph', text: `处置预案：${risk.responsePlan ?? ''}` },
      ],
    });
  const review = p.records.review_opinion;
  if (review) {
    const o = (review.data as { opinion?: { outcome?: string; reasons?: string; requiredChanges?: string[] } }).opinion;
    const outcome = REVIEW_OUTCOME_LABELS[o?.outcome as keyof typeof REVIEW_OUTCOME_LABELS]?.zh;
    sections.push({
      title: '合法性审查意见',
      blocks: [
        {
          kind: 'paragraph',
          text: `审查意见书${review.reference ? `（${review.reference}）` : ''}原件见材料目录。审查结论：${outcome ?? ''}。${o?.reasons ?? ''}`,
        },
        ...(o?.requiredChanges?.length
          ? [{ kind: 'paragraph' as const, text: `修改要求：${o.requiredChanges.join('；')}` }]
          : []),
      ],
    });
  }
  if (p.fairCompetition)
    sections.push({ title: '公平竞争审查结论', blocks: [{ kind: 'paragraph', text: p.fairCompetition }] });

  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `议题${p.position}：${p.decision.title}（决策编号${p.decision.number}，承办单位${p.decision.department}）。根据《重大行政决策程序暂行条例》第二十九条，现将提交会议讨论的材料汇编如下。`,
    },
  ];
  sections.forEach((s, i) =>
    body.push({ kind: 'heading1', text: `${ORDINAL[i] ?? String(i + 1)}、${s.title}` }, ...s.blocks),
  );
  return renderOfficialDocument({
    organMark: GENERAL_OFFICE(),
    documentNumber: `${p.meeting.title}议题${p.position}`,
    title: `《${p.decision.title}》上会材料`,
    body,
    // A decision not to be disclosed: the pack carries 份号 and 密级 like the meeting's other documents.
    ...(p.decision.confidential ? { classification: confidentialMarking() } : {}),
    signature: { organ: GENERAL_OFFICE(), date: p.madeAt },
    record: { printer: GENERAL_OFFICE(), printedOn: p.madeAt },
  });
}
