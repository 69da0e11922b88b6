/**
 * R37: the office's 提示函 (reminder letter) and 督办函 (supervision letter), rendered with the one GB/T 9704 builder:
 * header of the issuing office, number, addressee, the overdue matter with its subject (a decision, or a
 * normative document's or contract's submission under legality review) and due date, the required action and
 * reply date, date and record block.
 */
import type { PrismaClient } from '../../generated/prisma/client.js';
import { LETTER_LABELS, type LetterKind } from '../../domain/rules/escalation.js';
import type { Tx } from '../audit.js';
import { chineseDate, renderOfficialDocument } from './official-document.js';

export interface SupervisingOffice {
  /** 发文机关标志 and signature, e.g. "××市全面依法治市委员会办公室". */
  name: string;
  /** Number prefix (R37), e.g. "包法" → 包法提〔2026〕12号. */
  abbr: string;
}

/** The office issuing letters when the configuration names none. */
export const DEFAULT_OFFICE: SupervisingOffice = { name: '市全面依法治市委员会办公室', abbr: '依法' };

export interface LetterSpec {
  kind: LetterKind;
  number: string;
  office: SupervisingOffice;
  /** 主送: the responsible department and its principal leader (R36, both letters). */
  addressee: string;
  /** The subject's number: the decision's (JC-…) or the submission's (GF-…, HT-…). */
  subjectNo: string;
  subjectTitle: string;
  /** What the supervision is about, e.g. "重大行政决策程序", "规范性文件合法性审查". */
  procedure: string;
  taskLabel: string;
  dueAt: Date;
  /** Reply by (a date). */
  replyBy: Date;
  issuedAt: Date;
  copyTo: string[];
}

/** Renders a letter as .docx (Buffer). */
export function renderLetter(s: LetterSpec): Promise<Buffer> {
  const label = LETTER_LABELS[s.kind];
  const matter = `“${s.subjectTitle}”（${s.subjectNo}）的“${s.taskLabel}”事项`;
  const body =
    s.kind === 'reminder_letter'
      ? [
          {
            kind: 'paragraph' as const,
            text: `根据${s.procedure}督办工作安排，你单位承办的${matter}办理期限为${chineseDate(s.dueAt)}，现已到期，尚未办结。`,
          },
          { kind: 'heading1' as const, text: '一、有关要求' },
          {
            kind: 'paragraph' as const,
            text: `请你单位高度重视，抓紧办理，并于${chineseDate(s.replyBy)}前将办理情况及未按期办结的原因书面反馈我办。`,
          },
          {
            kind: 'paragraph' as const,
            text: '逾期仍未办结的，我办将按规定发出督办函，并双通报双推送至你单位及分管领导。',
          },
        ]
      : [
          {
            kind: 'paragraph' as const,
            text: `你单位承办的${matter}办理期限为${chineseDate(s.dueAt)}，经提示后仍未办结，已超期。`,
          },
          { kind: 'heading1' as const, text: '一、督办事项' },
          {
            kind: 'paragraph' as const,
            text: `请你单位主要负责人亲自过问，立即组织办理，于${chineseDate(s.replyBy)}前办结并书面报告办理结果。`,
          },
          { kind: 'heading1' as const, text: '二、有关说明' },
          {
            kind: 'paragraph' as const,
            text: '本函同时抄送你单位分管领导（双通报双推送），超期情况记入年度法治政府建设考核台账。',
          },
        ];
  return renderOfficialDocument({
    organMark: s.office.name,
    documentNumber: s.number,
    title: `关于《${s.subjectTitle}》有关事项的${label.zh}`,
    addressee: s.addressee,
    body,
    signature: { organ: s.office.name, date: s.issuedAt },
    record: { copyTo: s.copyTo, printer: s.office.name, printedOn: s.issuedAt },
  });
}

/** A stored letter's .docx: a Document owned by the decision, or by the review when it has no decision. */
export async function letterDocument(db: PrismaClient | Tx, letter: { documentId: string; reviewId: string | null }) {
  return db.document.findUniqueOrThrow({
    where: { id: letter.documentId },
    select: { fileName: true, mimeType: true, sha256: true, contentBase64: true },
  });
}
