import { chinaDate, chinaDateZh } from '../china-time.js';
import { violation, type RuleViolation } from '../violation.js';

/** Art. 17: the hearing materials reach the participants at least 7 days before the hearing. */
export const HEARING_NOTICE_DAYS = 7;

/** Whole calendar days (China dates) from the day the materials were sent to the hearing day. */
export function daysBefore(sentAt: Date, startsAt: Date): number {
  return Math.round((Date.parse(chinaDate(startsAt)) - Date.parse(chinaDate(sentAt))) / 86_400_000);
}

/** R7 (Art. 17): materials sent fewer than 7 calendar days before the hearing are refused (6 days is too late). */
export function r7MaterialsNoticeViolation(sentAt: Date, startsAt: Date): RuleViolation | undefined {
  const days = daysBefore(sentAt, startsAt);
  if (days >= HEARING_NOTICE_DAYS) return undefined;
  return violation(
    'R7',
    'r7.materials_notice_too_short',
    `听证材料应当于听证会召开${HEARING_NOTICE_DAYS}日前送达听证参加人；${chinaDateZh(sentAt)}送达距${chinaDateZh(startsAt)}召开仅${days}日`,
    `Hearing materials must reach participants at least ${HEARING_NOTICE_DAYS} days before the hearing; sent ${days} day(s) before`,
    ['sentAt'],
  );
}

/** R7 (Art. 17): the record is confirmed by every participant listed, each with a signature reference. */
export function r7RecordViolations(
  participantIds: string[],
  confirmations: Array<{ participantId: string }>,
): RuleViolation[] {
  const known = new Set(participantIds);
  const unknown = confirmations.filter((c) => !known.has(c.participantId)).map((c) => c.participantId);
  if (unknown.length)
    return [
      violation(
        'R7',
        'r7.unknown_participant',
        `确认人不在听证参加人名单中：${unknown.join('、')}`,
        `Not on the participant list: ${unknown.join(', ')}`,
        ['confirmations'],
      ),
    ];
  const confirmed = new Set(confirmations.map((c) => c.participantId));
  const missing = participantIds.filter((id) => !confirmed.has(id));
  if (missing.length)
    return [
      violation(
        'R7',
        'r7.record_unconfirmed',
        `听证笔录尚有${missing.length}名参加人未确认签字`,
        `${missing.length} participant(s) have not confirmed the record`,
        ['confirmations'],
      ),
    ];
  return [];
}
