import { z } from 'zod';
import { TASK_KIND_NAMES } from './tasks/kinds.js';
import { r36LetterRecipientsViolation } from './rules/escalation.js';
import { DEFAULT_YELLOW_WORKING_DAYS } from './tasks/early-warning.js';

/**
 * R35: escalation ladders as data. Each step fires at an offset from the task's due time (working or calendar
 * days; negative = before), does one action, and notifies its recipients on its channels. A ladder per task
 * kind may override the default. Validated at start-up (the worker refuses a bad file).
 */
export const ESCALATION_ACTIONS = ['reminder', 'reminder_letter', 'supervision_letter', 'assessment'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/**
 * Who a step reaches: the assignee (or the holders of the task's role in its department), the assignee's leader
 * (the department's head), the responsible department itself (its mailbox and its head), its principal leader
 * (主要负责人, R36), and the supervising office (依法治市办).
 */
export const RECIPIENTS = ['assignee', 'assignee_leader', 'department', 'principal_leader', 'supervisors'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

export const EscalationStepSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'lowercase letters, digits, _ or -'),
    action: z.enum(ESCALATION_ACTIONS),
    offset: z.object({ days: z.number().int().min(-60).max(60), basis: z.enum(['working_days', 'calendar_days']) }),
    to: z.array(z.enum(RECIPIENTS)).min(1),
    cc: z.array(z.enum(RECIPIENTS)).default([]),
    channels: z
      .array(z.enum(['notice', 'mail']))
      .min(1)
      .default(['notice', 'mail']),
  })
  .refine((s) => !r36LetterRecipientsViolation(s), {
    message: 'R36: a 提示函 or 督办函 goes to the department and its principal leader',
    path: ['to'],
  });
export type EscalationStep = z.infer<typeof EscalationStepSchema>;

const offsetOrder = (s: EscalationStep) => s.offset.days;

export const LadderSchema = z
  .array(EscalationStepSchema)
  .min(1)
  .refine((steps) => new Set(steps.map((s) => s.id)).size === steps.length, { message: 'step ids must be unique' })
  .refine((steps) => steps.every((s, i) => i === 0 || offsetOrder(steps[i - 1]) <= offsetOrder(s)), {
    message: 'steps must be in order of their offsets',
  });
export type Ladder = z.infer<typeof LadderSchema>;

/** The default: reminder 2 wd before, 提示函 on the due day (R36: department and principal leader), 督办函 3 wd overdue, then the assessment ledger. */
export const DEFAULT_LADDER: Ladder = [
  {
    id: 'reminder',
    action: 'reminder',
    offset: { days: -2, basis: 'working_days' },
    to: ['assignee'],
    cc: [],
    channels: ['notice', 'mail'],
  },
  {
    id: 'reminder-letter',
    action: 'reminder_letter',
    offset: { days: 0, basis: 'working_days' },
    to: ['department', 'principal_leader'],
    cc: ['assignee_leader'],
    channels: ['notice', 'mail'],
  },
  {
    id: 'supervision-letter',
    action: 'supervision_letter',
    offset: { days: 3, basis: 'working_days' },
    to: ['department', 'principal_leader'],
    cc: ['supervisors'],
    channels: ['notice', 'mail'],
  },
  {
    id: 'assessment',
    action: 'assessment',
    offset: { days: 5, basis: 'working_days' },
    to: ['supervisors'],
    cc: [],
    channels: ['notice'],
  },
];

export const EscalationConfigSchema = z.object({
  /** Early warning (issue 16 §2): an open task is yellow 临期 within this many working days of its due. */
  yellowWorkingDays: z.number().int().min(1).max(30).default(DEFAULT_YELLOW_WORKING_DAYS),
  defaultLadder: LadderSchema.default(DEFAULT_LADDER),
  /** Per task kind; an empty list turns escalation off for that kind. */
  ladders: z.partialRecord(z.enum(TASK_KIND_NAMES), z.union([LadderSchema, z.array(z.never()).length(0)])).default({}),
});
export type EscalationConfig = z.infer<typeof EscalationConfigSchema>;

export const DEFAULT_ESCALATION_CONFIG: EscalationConfig = EscalationConfigSchema.parse({});

/** The ladder a task kind climbs. */
export function ladderFor(config: EscalationConfig, kind: string): Ladder {
  return (config.ladders as Record<string, Ladder | undefined>)[kind] ?? config.defaultLadder;
}
