/**
 * The legality-review opinion (合法性审查意见书, R19) as an official document in the GB/T 9704 layout: the
 * justice bureau's header, the opinion number, title, the submitting department as addressee, the findings item
 * by item, the outcome with its reasons or required changes, the date and the record block.
 */
import { CHECKLISTS, REVIEW_KIND_LABELS, REVIEW_OUTCOME_LABELS, type ReviewKind } from '../../domain/review/kinds.js';
import type { ReviewLegality } from '../../domain/tasks/legality-review.js';
import { confidentialMarking, renderOfficialDocument, type Block } from './official-document.js';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export interface ReviewOpinionContent {
  kind: ReviewKind;
  opinionNo: string;
  subjectNumber: string;
  title: string;
  addressee: string;
  opinion: ReviewLegality;
  /** Confirmed assisted-review flags, quoted under their checklist item. */
  confirmedFlags: Array<{ checklistItem: string; excerpt: string; messageZh: string }>;
  reviewerName: string;
  checkerName?: string;
  signedOffBy?: string;
  issuedAt: Date;
  organ: string;
  /** The decision is not to be disclosed: the document carries 份号 and 密级. */
  confidential?: boolean;
}

export function reviewOpinionTitle(_kind: ReviewKind, title: string): string {
  return `关于《${title.replace(/^《|》$/g, '')}》的合法性审查意见书`;
}

export function reviewOpinionBody(c: ReviewOpinionContent): Block[] {
  const o = c.opinion;
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `你单位报送的${REVIEW_KIND_LABELS[c.kind].zh}《${c.title}》（${c.subjectNumber}）及相关材料收悉。经审查，现提出如下意见：`,
    },
    { kind: 'heading1', text: '一、审查事项' },
  ];
  const items = CHECKLISTS[c.kind].filter((i) => o.findings[i.key]);
  const extra = Object.keys(o.findings).filter((k) => !CHECKLISTS[c.kind].some((i) => i.key === k));
  [...items.map((i) => ({ key: i.key, zh: i.zh })), ...extra.map((k) => ({ key: k, zh: k }))].forEach((item, i) => {
    const f = o.findings[item.key];
    body.push({ kind: 'heading2', text: `（${NUMERALS[i] ?? i + 1}）${item.zh}` });
    body.push({ kind: 'paragraph', text: `${f.conforms ? '符合规定。' : '不符合规定。'}${f.finding}` });
    // A confirmed flag is quoted only where the finding is that the item does not conform: the finding is the reviewer's last word.
    if (!f.conforms)
      for (const flag of c.confirmedFlags.filter((x) => x.checklistItem === item.key))
        body.push({ kind: 'paragraph', text: `${flag.messageZh}：“${flag.excerpt}”` });
  });
  body.push(
    { kind: 'heading1', text: '二、审查结论' },
    { kind: 'paragraph', text: `审查结论：${REVIEW_OUTCOME_LABELS[o.outcome]?.zh ?? o.outcome}。` },
  );
  if (o.requiredChanges?.length)
    body.push({
      kind: 'paragraph',
      text: `请按以下要求修改并报告落实情况：\n${o.requiredChanges.map((r, i) => `${i + 1}. ${r}`).join('\n')}`,
    });
  if (o.reasons) body.push({ kind: 'paragraph', text: `理由：${o.reasons}` });
  if (o.legalRisks) body.push({ kind: 'paragraph', text: `法律风险提示：${o.legalRisks}` });
  body.push({
    kind: 'paragraph',
    text: `审查人：${c.reviewerName}${c.checkerName ? `；复核人：${c.checkerName}` : ''}${c.signedOffBy ? `；签发人：${c.signedOffBy}` : ''}。`,
  });
  return body;
}

/** The legal advisers' and public-sector lawyers' opinions (R18), each included as an attachment. */
export function reviewOpinionAttachments(c: ReviewOpinionContent) {
  const kindZh = { legal_adviser: '法律顾问', public_sector_lawyer: '公职律师' } as const;
  return c.opinion.attachedOpinions.map((a) => ({ name: `${kindZh[a.kind]}${a.author}的意见`, paragraphs: [a.text] }));
}

export function renderReviewOpinion(c: ReviewOpinionContent): Promise<Buffer> {
  return renderOfficialDocument({
    organMark: `${c.organ}文件`,
    documentNumber: c.opinionNo,
    title: reviewOpinionTitle(c.kind, c.title),
    addressee: c.addressee,
    body: reviewOpinionBody(c),
    attachments: reviewOpinionAttachments(c),
    ...(c.confidential ? { classification: confidentialMarking() } : {}),
    signature: { organ: c.organ, date: c.issuedAt },
    record: { copyTo: ['市人民政府办公室'], printer: `${c.organ}法务中心`, printedOn: c.issuedAt },
  });
}
