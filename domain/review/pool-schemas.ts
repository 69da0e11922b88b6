import { z } from 'zod';
import { isoDate, text } from '../tasks/fields.js';

/** R20: the pool is data: who is active, where they came from, their leave, their declared conflicts, and each kind's settings. */
export const ReviewerProfileSchema = z.strictObject({
  active: z.boolean().optional(),
  formerDepartmentId: z.string().min(1).max(100).nullable().optional(),
  // null clears the note (the dialog sends an emptied one so).
  note: text(500).nullable().optional(),
});
export const ReviewerLeaveSchema = z
  .strictObject({
    startsOn: isoDate,
    endsOn: isoDate,
    reason: text(200),
    /** A colleague who does the reviewer's open tasks meanwhile (issue 16 §4). */
    substituteUserId: z.string().min(1).max(100).optional(),
  })
  .refine((l) => l.startsOn <= l.endsOn, {
    path: ['endsOn'],
    message: '结束日期不得早于开始日期 / endsOn must not be before startsOn',
  });
export const ReviewerConflictSchema = z
  .strictObject({
    departmentId: z.string().min(1).max(100).optional(),
    subjectNumber: z.string().min(1).max(100).optional(),
    reason: text(500),
  })
  .refine((c) => c.departmentId || c.subjectNumber, {
    path: ['departmentId'],
    message: '应当写明回避的单位或事项 / name a department or a subject',
  });
export const ReviewKindSettingSchema = z.strictObject({
  weight: z.number().int().min(1).max(20),
  targetWorkingDays: z.number().int().min(1).max(60),
  secondCheck: z.boolean(),
  directorSignOff: z.boolean(),
  numberPrefix: text(20),
});
export type ReviewKindSettingInput = z.infer<typeof ReviewKindSettingSchema>;
