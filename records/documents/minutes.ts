/** The minutes (会议纪要) of an executive or plenary meeting (R25), in the GB/T 9704 layout. */
import { CHIEF_DECISION_LABELS, MEMBER_POSITION_LABELS } from '../../domain/tasks/collective-discussion.js';
import { r24LegalAdviserWarning, r24Quorum } from '../../domain/rules/meeting.js';
import type { DocumentRef } from '../../domain/document-policy.js';
import type { DocumentKind } from '../../domain/documents.js';
import { DOCUMENT_KIND_LABELS } from '../../domain/labels.js';
import { confidentialMarking, renderOfficialDocument, type Block } from './official-document.js';
import {
  GENERAL_OFFICE,
  MEETING_ORGAN_ABBR,
  meetingTitle,
  shanghaiDateTime,
  type LoadedMeeting,
} from './meeting-data.js';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number) => (n <= 10 ? NUMERALS[n - 1] : String(n));

export async function renderMinutes(m: LoadedMeeting, printedOn = new Date()): Promise<Buffer> {
  const { meeting, attendees, items } = m;
  const members = attendees.filter((a) => a.member);
  const present = members.filter((a) => a.present);
  const quorum = r24Quorum(m.roster, attendees);
  const adviser = r24LegalAdviserWarning(attendees);
  const body: Block[] = [
    {
      kind: 'paragraph',
      text: `${shanghaiDateTime(meeting.startsAt)}，${meetingTitle(meeting)}在${meeting.place}召开。应到会议组成人员${quorum.members}人，实到${quorum.present}人，${quorum.reached ? '超过半数' : '未超过半数'}。会议研究了${items.length}项议题，纪要如下：`,
    },
  ];
  items.forEach((i, n) => {
    body.push({ kind: 'heading1', text: `${cn(n + 1)}、关于《${i.decision.title}》（${i.decision.number}）` });
    const o = i.outcome;
    if (!o) {
      body.push({
        kind: 'paragraph',
        text:
          i.decision.status === 'withdrawn'
            ? '会前，承办单位依法撤回该决策事项，本议题不再审议。'
            : '本议题未作出决定。',
      });
      return;
    }
    body.push({ kind: 'paragraph', text: presentationLine(i.department, o.presentation) });
    const materials = (i.materials ?? []) as unknown as DocumentRef[];
    if (materials.length)
      body.push({
        kind: 'paragraph',
        text: `会议材料：${materials.map((d) => `${DOCUMENT_KIND_LABELS[d.kind as DocumentKind]?.zh ?? d.fileName}（第${d.version}版，校验值${d.sha256.slice(0, 12)}）`).join('、')}。`,
      });
    body.push({ kind: 'heading2', text: '（一）会议组成人员意见' });
    for (const op of o.memberOpinions)
      body.push({ kind: 'paragraph', text: `${op.member}：${MEMBER_POSITION_LABELS[op.position]}。${op.opinion}` });
    body.push({ kind: 'heading2', text: '（二）行政首长决定' });
    body.push({
      kind: 'paragraph',
      text: `${o.chiefName}最后发表意见，决定：${CHIEF_DECISION_LABELS[o.chiefDecision].zh}。`,
    });
    if (o.departureReason) body.push({ kind: 'paragraph', text: `与多数意见不一致的理由：${o.departureReason}` });
    if (o.changes)
      body.push({
        kind: 'paragraph',
        text: `修改要求（${o.changes.kind === 'substantive' ? '实质性修改' : '文字性修改'}）：${o.changes.description}`,
      });
    if (o.dissent) body.push({ kind: 'paragraph', text: `不同意见：${o.dissent}` });
  });
  body.push({ kind: 'paragraph', text: `出席：${present.map((a) => `${a.title}${a.name}`).join('、') || '—'}。` });
  const absent = members.filter((a) => !a.present);
  if (absent.length)
    body.push({ kind: 'paragraph', text: `请假：${absent.map((a) => `${a.title}${a.name}`).join('、')}。` });
  body.push({
    kind: 'paragraph',
    text: `列席：${
      attendees
        .filter((a) => !a.member && a.present)
        .map((a) => `${a.title}${a.name}`)
        .join('、') || '—'
    }。`,
  });
  if (adviser) body.push({ kind: 'paragraph', text: `说明：${adviser.message.zh}。` });
  return renderOfficialDocument({
    // The 版头 names the minutes; GB/T 9704's 纪要 has no second title under it.
    organMark: `${meetingTitle(meeting)}纪要`,
    documentNumber: `${MEETING_ORGAN_ABBR()}纪〔${meeting.year}〕${meeting.sessionNo}号`,
    body,
    ...(m.confidential ? { classification: confidentialMarking() } : {}),
    signature: { organ: GENERAL_OFFICE(), date: meeting.closedAt ?? printedOn },
    record: { copyTo: ['市委办公室', '市人大常委会办公室', '市政协办公室'], printer: GENERAL_OFFICE(), printedOn },
  });
}

/** "<department>作说明：<what was said>", without repeating the department or 作说明 the secretary already typed. */
export function presentationLine(department: string, presentation: string): string {
  const said = presentation
    .trim()
    .replace(new RegExp(`^${escapeRegExp(department)}`), '')
    .replace(/^(作|进行了?)说明[：:，,。]?/, '')
    .trim();
  return said ? `${department}作说明：${said}` : `${department}作说明。`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
