/** R6, R7: the adoption summary of public comments (公众意见采纳情况), GB/T 9704 layout, for the meeting's materials. */
import { chinaDateTimeZh, chinaDateZh } from '../../domain/china-time.js';
import { renderOfficialDocument } from './official-document.js';

/** A sentence as written, ending with its own full stop, or with one added. */
const sentence = (s: string) => (/[。！？；]$/.test(s) ? s : `${s}。`);

const RESPONSE_ZH: Record<string, string> = { adopted: '采纳', partly_adopted: '部分采纳', not_adopted: '未采纳' };

export async function renderParticipationSummary(a: {
  organ: string;
  number: string;
  title: string;
  period: { openedAt: Date; endsAt: Date; days: number } | null;
  summary: string;
  groups: Array<{ seq: number; summary: string; response: string | null; reason: string | null; comments: number }>;
  hearings: Array<{
    startsAt: Date;
    place: string;
    selectionMethod: string;
    participants: string[];
    materialsSentAt: Date | null;
    recordedAt: Date | null;
  }>;
  date: Date;
}): Promise<Buffer> {
  return renderOfficialDocument({
    organMark: a.organ,
    documentNumber: `${a.number}-意见采纳`,
    title: `关于《${a.title}》公开征求意见采纳情况的说明`,
    body: [
      ...(a.period
        ? [
            {
              kind: 'paragraph' as const,
              text: `本决策事项于${chinaDateTimeZh(a.period.openedAt)}至${chinaDateTimeZh(a.period.endsAt)}向社会公开征求意见，期限${a.period.days}日。`,
            },
          ]
        : []),
      { kind: 'paragraph', text: a.summary },
      { kind: 'heading1', text: '一、意见分类及采纳情况' },
      {
        kind: 'table',
        headers: ['序号', '意见归类', '条数', '采纳情况', '理由'],
        widths: [8, 36, 8, 14, 34],
        rows: a.groups.map((g) => [
          String(g.seq),
          g.summary,
          String(g.comments),
          g.response ? (RESPONSE_ZH[g.response] ?? g.response) : '未答复',
          g.reason ?? '',
        ]),
      },
      ...(a.hearings.length
        ? [
            { kind: 'heading1' as const, text: '二、听证情况' },
            ...a.hearings.flatMap((h, i) => [
              {
                kind: 'paragraph' as const,
                text:
                  `第${i + 1}次听证会于${chinaDateTimeZh(h.startsAt)}在${h.place}召开。听证参加人遴选办法：${sentence(h.selectionMethod)}` +
                  `听证参加人${h.participants.length}名：${h.participants.join('、')}。` +
                  (h.materialsSentAt ? `听证材料于${chinaDateZh(h.materialsSentAt)}送达听证参加人。` : '') +
                  (h.recordedAt ? '听证笔录经全体听证参加人确认签字。' : ''),
              },
            ]),
          ]
        : []),
    ],
    signature: { organ: a.organ, date: a.date },
    record: { printer: a.organ, printedOn: a.date },
  });
}
