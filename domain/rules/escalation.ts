// Supervision and escalation (DOMAIN.md R35–R37, R40). Pure: the calendar arrives as data.
import type { EscalationAction, Ladder } from '../escalation-config.js';
import { addLocalDays, type WorkingCalendar } from './working-days.js';
import { violation, type RuleViolation } from '../violation.js';

export interface PlannedStep {
  id: string;
  action: EscalationAction;
  /** ISO instant the step fires. */
  fireAt: string;
}

/**
 * R35: when each step of a ladder fires for a due time. A working-day offset lands on the n-th working day
 * before or after the due date (R32: holidays skipped, make-up days counted), at the due's local time of day;
 * offset 0 is the due time itself; a calendar-day offset is n × 24 hours from it.
 */
export function r35PlanLadder(ladder: Ladder, dueAt: Date, cal: WorkingCalendar): PlannedStep[] {
  const dueDate = cal.localDateOf(dueAt);
  const timeOfDay = dueAt.getTime() - Date.parse(`${dueDate}T00:00:00Z`) + cal.timeZoneOffsetMinutes * 60_000;
  return ladder.map((s) => {
    let fire: number;
    if (s.offset.days === 0) fire = dueAt.getTime();
    else if (s.offset.basis === 'calendar_days') fire = dueAt.getTime() + s.offset.days * 86_400_000;
    else {
      const step = Math.sign(s.offset.days);
      let date = dueDate;
      for (let counted = 0; counted < Math.abs(s.offset.days); ) {
        date = addLocalDays(date, step);
        if (cal.isWorkingDay(date)) counted++;
      }
      fire = Date.parse(`${date}T00:00:00Z`) - cal.timeZoneOffsetMinutes * 60_000 + timeOfDay;
    }
    return { id: s.id, action: s.action, fireAt: new Date(fire).toISOString() };
  });
}

export type LetterKind = 'reminder_letter' | 'supervision_letter';
export const LETTER_KINDS: readonly LetterKind[] = ['reminder_letter', 'supervision_letter'];

export const LETTER_LABELS: Record<LetterKind, { zh: string; en: string; mark: string }> = {
  reminder_letter: { zh: '提示函', en: 'Reminder letter', mark: '提' },
  supervision_letter: { zh: '督办函', en: 'Supervision letter', mark: '督' },
};

/** R37: a letter's number, per kind per year: `包法提〔2026〕12号` / `包法督〔2026〕3号`. */
export function r37LetterNumber(organAbbr: string, kind: LetterKind, year: number, seq: number): string {
  return `${organAbbr}${LETTER_LABELS[kind].mark}〔${year}〕${seq}号`;
}

/** R37: the step's idempotency key: one letter (and one mail per recipient) per task, extension round and step. */
export function r37StepKey(taskId: string, round: number, stepId: string): string {
  return `${taskId}#${round}:${stepId}`;
}

/** A half of the pair: `not_required` for a letter the ladder sends to the department only (a 提示函 by default). */
export type DeliveryState = 'queued' | 'sent' | 'failed' | 'no_address' | 'not_required';

/**
 * R36 double notification: a letter reaches the responsible department and its principal leader; the pair is
 * sent only when both are, failed when either failed, otherwise still queued.
 */
export function r36PairState(department: DeliveryState, leader: DeliveryState): 'sent' | 'failed' | 'queued' {
  if (leader === 'not_required') return department === 'sent' ? 'sent' : department === 'queued' ? 'queued' : 'failed';
  if (department === 'sent' && leader === 'sent') return 'sent';
  if (department === 'failed' || leader === 'failed' || department === 'no_address' || leader === 'no_address')
    return 'failed';
  return 'queued';
}

/**
 * R36 double notification: both letters (提示函 and 督办函) go to the responsible department and to its principal
 * leader (主要负责人); a ladder step that sends a letter to fewer is refused.
 */
export function r36LetterRecipientsViolation(step: {
  action: EscalationAction;
  to: readonly string[];
}): RuleViolation | undefined {
  if (step.action !== 'reminder_letter' && step.action !== 'supervision_letter') return undefined;
  if (step.to.includes('department') && step.to.includes('principal_leader')) return undefined;
  return violation(
    'R36',
    'r36.double_notification',
    `${LETTER_LABELS[step.action].zh}应当同时送达责任单位及其主要负责人（双通报双推送）`,
    `A ${LETTER_LABELS[step.action].en.toLowerCase()} goes to the department and its principal leader`,
    ['to'],
  );
}

/** R40: whole working days a task has been overdue at `now` (0 when not yet due). */
export function r40WorkingDaysOverdue(dueAt: Date, now: Date, cal: WorkingCalendar): number {
  if (now.getTime() <= dueAt.getTime()) return 0;
  let n = 0;
  const last = cal.localDateOf(now);
  for (let d = addLocalDays(cal.localDateOf(dueAt), 1); d <= last; d = addLocalDays(d, 1)) {
    if (cal.isWorkingDay(d) && cal.deadlineOn(d).getTime() <= now.getTime()) n++;
  }
  return n;
}

/** R40: a legality-review outcome that enters the department's assessment ledger as "returned as unlawful". */
export function r40ReturnedAsUnlawful(outcome: unknown): boolean {
  return outcome === 'not_lawful';
}
