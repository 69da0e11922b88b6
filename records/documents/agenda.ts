/** The agenda (议题单) of an executive or plenary meeting, in the GB/T 9704 layout. */
import { r24LegalAdviserWarning } from '../../domain/rules/meeting.js';
import { confidentialMarking, renderOfficialDocument } from './official-document.js';
import {
  GENERAL_OFFICE,
  MEETING_ORGAN_ABBR,
  meetingTitle,
  shanghaiDateTime,
  type LoadedMeeting,
} from './meeting-data.js';

export async function renderAgenda(m: LoadedMeeting, printedOn = new Date()): Promise<Buffer> {
  const { meeting, attendees, items } = m;
  const title = `${meetingTitle(meeting)}议题单`;
  const warning = r24LegalAdviserWarning(attendees);
  return renderOfficialDocument({
    organMark: `${GENERAL_OFFICE()}文件`,
    documentNumber: `${MEETING_ORGAN_ABBR()}议〔${meeting.year}〕${meeting.sessionNo}号`,
    title,
    addressee: '各位会议组成人员',
    body: [
      { kind: 'paragraph', text: `会议时间：${shanghaiDateTime(meeting.startsAt)}。会议地点：${meeting.place}。` },
      { kind: 'heading1', text: '一、会议议题' },
      {
        kind: 'table',
        headers: ['序号', '议题', '决策编号', '汇报单位', '合法性审查意见'],
        widths: [8, 40, 17, 15, 20],
        rows: items.map((i, n) => [
          String(n + 1),
          `关于《${i.decision.title}》的议题`,
          i.decision.number,
          i.department,
          i.reviewOpinionNo ?? '—',
        ]),
      },
      { kind: 'heading1', text: '二、出席和列席人员' },
      {
        kind: 'paragraph',
        text: `出席：${
          attendees
            .filter((a) => a.member)
            .map((a) => `${a.title}${a.name}`)
            .join('、') || '—'
        }。`,
      },
      {
        kind: 'paragraph',
        text: `列席：${
          attendees
            .filter((a) => !a.member)
            .map((a) => `${a.title}${a.name}${a.legalAdviser ? '（法律顾问）' : ''}`)
            .join('、') || '—'
        }。`,
      },
      ...(warning ? [{ kind: 'paragraph' as const, text: `提示：${warning.message.zh}。` }] : []),
    ],
    ...(m.confidential ? { classification: confidentialMarking() } : {}),
    signature: { organ: GENERAL_OFFICE(), date: printedOn },
    record: { printer: GENERAL_OFFICE(), printedOn },
  });
}
