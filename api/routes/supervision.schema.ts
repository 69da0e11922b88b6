import { z } from 'zod';

/** The supervision office extends an open task's due time (R34); also the extension dialog's form. */
export const ExtensionSchema = z.strictObject({
  workingDays: z.number().int().min(1).max(60).describe('Working days added to the due time in force (R34)'),
  reason: z.string().trim().min(2).max(1000).describe('Why the office grants it (R34: recorded with the extension)'),
});
