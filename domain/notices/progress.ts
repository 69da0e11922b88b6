// Progress notices (issue 16 §3): what a person is told about the work in their hands, beside the escalation
// ladder's reminders and letters. Pure: the events, the channels a person chooses per event, and the texts.
import { z } from 'zod';

/** The events a person is told of, in the order the account page lists them. */
export const PROGRESS_EVENTS = [
  'task_assigned',
  'draft_returned',
  'opinion_issued',
  'placed_on_agenda',
  'decided',
  'approval_waiting',
] as const;
export type ProgressEvent = (typeof PROGRESS_EVENTS)[number];

export const PROGRESS_EVENT_LABELS: Record<ProgressEvent, { zh: string; en: string }> = {
  task_assigned: { zh: '交办给我（或本单位本岗位）的任务', en: 'A task assigned to me (or my department’s role)' },
  draft_returned: { zh: '草案被退回修改', en: 'My draft returned for revision' },
  opinion_issued: { zh: '合法性审查意见书出具', en: 'A legality-review opinion issued' },
  placed_on_agenda: { zh: '决策列入会议议题', en: 'My decision placed on an agenda' },
  decided: { zh: '会议作出决定', en: 'My decision decided at the meeting' },
  approval_waiting: {
    zh: '待我审批的年度目录、目录调整和目录外事项',
    en: 'A catalog, a catalog amendment or an outside-catalog request awaiting my approval',
  },
};

/** bell 仅站内通知, bell_mail 站内通知和邮件, off 不通知. */
export const NOTICE_CHANNELS = ['bell_mail', 'bell', 'off'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
export const DEFAULT_NOTICE_CHANNEL: NoticeChannel = 'bell_mail';

export const NOTICE_CHANNEL_LABELS: Record<NoticeChannel, { zh: string; en: string }> = {
  bell_mail: { zh: '站内通知和邮件', en: 'Bell and mail' },
  bell: { zh: '仅站内通知', en: 'Bell only' },
  off: { zh: '不通知', en: 'Off' },
};

const channel = z.enum(NOTICE_CHANNELS);

/**
 * A person's choices, one channel per event (PUT /api/account/notice-preferences; the account page's form). An
 * event added after the first five (approval_waiting) may be left out: a client written before it keeps the
 * person's choice for it.
 */
export const NoticePreferencesSchema = z.strictObject({
  task_assigned: channel,
  draft_returned: channel,
  opinion_issued: channel,
  placed_on_agenda: channel,
  decided: channel,
  approval_waiting: channel.optional(),
});
export type NoticePreferencesInput = z.infer<typeof NoticePreferencesSchema>;
/** The choices in force: one channel for every event. */
export type NoticePreferences = Record<ProgressEvent, NoticeChannel>;

/** The choices in force: the stored ones over the default (bell and mail). */
export function noticePreferences(stored: Array<{ event: string; channel: string }>): NoticePreferences {
  const out = Object.fromEntries(PROGRESS_EVENTS.map((e) => [e, DEFAULT_NOTICE_CHANNEL])) as NoticePreferences;
  for (const s of stored)
    if (
      (PROGRESS_EVENTS as readonly string[]).includes(s.event) &&
      (NOTICE_CHANNELS as readonly string[]).includes(s.channel)
    )
      out[s.event as ProgressEvent] = s.channel as NoticeChannel;
  return out;
}

/** The task kinds whose opening means the draft came back for revision (review, head, party committee or meeting). */
export const RETURN_TASK_KINDS: ReadonlySet<string> = new Set(['revise_draft']);

/** Who returned the draft (a revise_draft task's `context.returnedBy`), for the notice's words. */
export const RETURNED_BY_LABELS: Record<string, { zh: string; en: string }> = {
  legality_review: { zh: '法务中心（合法性审查）', en: 'the legal center (legality review)' },
  dept_head: { zh: '单位负责人', en: 'the department head' },
  party_committee: { zh: '同级党委', en: 'the party committee' },
  meeting: { zh: '政府常务会议', en: 'the executive meeting' },
};
