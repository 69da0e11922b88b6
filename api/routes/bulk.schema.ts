import { z } from 'zod';
import { text } from '../../domain/tasks/fields.js';

const ids = (what: string) =>
  z
    .array(z.string().min(1).max(100))
    .min(1)
    .max(100)
    .describe(`The ${what}, at most 100; each is done or refused on its own`);

/** Issue 16 §5 (a): the director reassigns several reviews to one reviewer, or to the pool's pick (`auto`). */
export const BulkReassignSchema = z.strictObject({
  reviewIds: ids('reviews in the director’s queue'),
  reviewerUserId: z
    .string()
    .min(1)
    .max(100)
    .describe('The reviewer every review goes to, or `auto`: the pool picks for each (R20)'),
  reason: text(1000),
  /** Per review, a reviewer other than `reviewerUserId` (e.g. the director spreads a batch over named reviewers). */
  targets: z
    .array(
      z.strictObject({
        reviewId: z.string().min(1).max(100),
        reviewerUserId: z.string().min(1).max(100).describe('This review’s reviewer, or `auto`'),
      }),
    )
    .max(100)
    .optional()
    .describe('Per review, the reviewer it goes to instead of `reviewerUserId`; each reviewId one of `reviewIds`'),
});

/** The bulk-reassign dialog's form: one reviewer (or `auto`) for the whole batch. */
export const BulkReassignFormSchema = BulkReassignSchema.omit({ targets: true });

/** Issue 16 §5 (c): a secretary places several ready decisions on one meeting's agenda. */
export const BulkAgendaSchema = z.strictObject({ decisionIds: ids('decisions ready for the agenda') });

/** Issue 16 §5 (b): the supervising office sends a 提示函 to each of several overdue tasks. */
export const BulkRemindersSchema = z.strictObject({
  taskIds: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(50)
    .describe('The overdue tasks, at most 50; each gets its own 提示函 or is refused on its own'),
  note: text(500).optional().describe('A sentence added to each letter’s notice and mail'),
});
