import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, EscalationConfigSchema, ladderFor } from '../../domain/escalation-config.js';
import {
  r35PlanLadder,
  r36LetterRecipientsViolation,
  r36PairState,
  r40ReturnedAsUnlawful,
  r37LetterNumber,
  r37StepKey,
  r40WorkingDaysOverdue,
} from '../../domain/rules/escalation.js';
import { WorkingCalendar } from '../../domain/rules/working-days.js';
import { NATIONAL_DAY_2030 } from './fixtures.js';

const cal = new WorkingCalendar([{ ...NATIONAL_DAY_2030, provisional: false }]);

describe('R35: the ladder of a task due just before National Day', () => {
  it('fires the reminder 2 working days before, the 提示函 at the due time, the 督办函 3 working days after (over the make-up Sunday and the holiday), then the ledger entry', () => {
    // Due Friday 27 Sep 2030, 18:00 Beijing time.
    const plan = r35PlanLadder(DEFAULT_LADDER, new Date('2030-09-27T10:00:00Z'), cal);
    expect(plan).toEqual([
      { id: 'reminder', action: 'reminder', fireAt: '2030-09-25T10:00:00.000Z' },
      { id: 'reminder-letter', action: 'reminder_letter', fireAt: '2030-09-27T10:00:00.000Z' },
      // Sun 29 Sep (make-up day) = 1, Mon 30 Sep = 2, 1–7 Oct off, Tue 8 Oct = 3.
      { id: 'supervision-letter', action: 'supervision_letter', fireAt: '2030-10-08T10:00:00.000Z' },
      { id: 'assessment', action: 'assessment', fireAt: '2030-10-10T10:00:00.000Z' },
    ]);
  });

  it('counts calendar-day offsets in whole days from the due time', () => {
    const plan = r35PlanLadder(
      [{ ...DEFAULT_LADDER[0], offset: { days: -3, basis: 'calendar_days' } }],
      new Date('2030-10-08T10:00:00Z'),
      cal,
    );
    expect(plan[0].fireAt).toBe('2030-10-05T10:00:00.000Z');
  });

  it('reads ladders per task kind from configuration and refuses a bad one at start-up', () => {
    const cfg = EscalationConfigSchema.parse({ ladders: { review_legality: [DEFAULT_LADDER[1]] } });
    expect(ladderFor(cfg, 'review_legality')).toHaveLength(1);
    expect(ladderFor(cfg, 'submit_draft')).toEqual(DEFAULT_LADDER);
    expect(EscalationConfigSchema.safeParse({ defaultLadder: [DEFAULT_LADDER[2], DEFAULT_LADDER[0]] }).success).toBe(
      false,
    );
    expect(
      EscalationConfigSchema.safeParse({
        defaultLadder: [{ ...DEFAULT_LADDER[0], id: DEFAULT_LADDER[1].id }, DEFAULT_LADDER[1]],
      }).success,
    ).toBe(false);
  });
});

describe('R36: double notification', () => {
  it('requires a supervision letter to go to the department and its principal leader', () => {
    const r = EscalationConfigSchema.safeParse({ defaultLadder: [{ ...DEFAULT_LADDER[2], to: ['department'] }] });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('R36');
  });

  it('requires the 提示函 to go to the principal leader too, by default and in any configured ladder', () => {
    expect(
      DEFAULT_LADDER.filter((s) => s.action === 'reminder_letter' || s.action === 'supervision_letter').map((s) => [
        s.action,
        [...s.to].sort(),
      ]),
    ).toEqual([
      ['reminder_letter', ['department', 'principal_leader']],
      ['supervision_letter', ['department', 'principal_leader']],
    ]);
    const r = EscalationConfigSchema.safeParse({ defaultLadder: [{ ...DEFAULT_LADDER[1], to: ['department'] }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['defaultLadder.0.to']);
    const v = r36LetterRecipientsViolation({ action: 'reminder_letter', to: ['department', 'assignee_leader'] });
    expect(v).toMatchObject({ rule: 'R36', messageKey: 'r36.double_notification' });
    expect(v?.message.zh).toContain('提示函');
    expect(r36LetterRecipientsViolation({ action: 'reminder', to: ['assignee'] })).toBeUndefined();
    expect(
      r36LetterRecipientsViolation({ action: 'reminder_letter', to: ['principal_leader', 'department'] }),
    ).toBeUndefined();
  });

  it('records the pair as sent only when both halves are sent, failed when either failed', () => {
    expect(r36PairState('sent', 'sent')).toBe('sent');
    expect(r36PairState('sent', 'queued')).toBe('queued');
    expect(r36PairState('sent', 'failed')).toBe('failed');
    expect(r36PairState('no_address', 'sent')).toBe('failed');
    expect(r36PairState('sent', 'not_required')).toBe('sent');
  });
});

describe('R37: letter numbers and step keys', () => {
  it('numbers per kind per year with the organ abbreviation', () => {
    expect(r37LetterNumber('包法', 'reminder_letter', 2026, 12)).toBe('包法提〔2026〕12号');
    expect(r37LetterNumber('包法', 'supervision_letter', 2026, 3)).toBe('包法督〔2026〕3号');
  });

  it('keys a step by task, extension round and step, so a retry finds it done', () => {
    expect(r37StepKey('JC-2026-0001:submit-draft', 0, 'reminder-letter')).toBe(
      'JC-2026-0001:submit-draft#0:reminder-letter',
    );
    expect(r37StepKey('t', 1, 's')).not.toBe(r37StepKey('t', 0, 's'));
  });
});

describe('R40: drafts returned as unlawful enter the ledger', () => {
  it('counts a "not lawful" finding, and no other outcome', () => {
    expect(r40ReturnedAsUnlawful('not_lawful')).toBe(true);
    for (const o of [
      'passed',
      'passed_with_changes',
      'returned_for_revision',
      'exploratory_with_risk',
      'materials_incomplete',
      undefined,
    ])
      expect(r40ReturnedAsUnlawful(o)).toBe(false);
  });
});

describe('R40: working days overdue for the assessment ledger', () => {
  it('counts only working days fully past since the due time', () => {
    const due = new Date('2030-09-27T10:00:00Z');
    expect(r40WorkingDaysOverdue(due, new Date('2030-09-27T09:00:00Z'), cal)).toBe(0);
    expect(r40WorkingDaysOverdue(due, new Date('2030-10-08T10:00:00Z'), cal)).toBe(3);
    expect(r40WorkingDaysOverdue(due, new Date('2030-10-08T09:59:00Z'), cal)).toBe(2);
  });
});
