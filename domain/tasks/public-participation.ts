import { z } from 'zod';
import { ADOPTION, isoDate, text } from './fields.js';

export const PARTICIPATION_METHODS = [
  'written_consultation',
  'forum',
  'field_visit',
  'online_comment',
  'survey',
  'hearing',
] as const;

/** R5: the comment period opens with where, how and for how long; under 30 days needs a reason. */
export const OpenCommentPeriodSchema = z.strictObject({
  methods: z.array(z.enum(PARTICIPATION_METHODS)).min(1),
  publishedWhere: text(300),
  howToComment: text(1000),
  periodDays: z.number().int().min(1).max(365),
  shortenedReason: text(500).optional(),
});
export type OpenCommentPeriod = z.infer<typeof OpenCommentPeriodSchema>;

export const COMMENTER_KINDS = [
  'citizen',
  'enterprise',
  'trade_association',
  'expert',
  'organisation',
  'other',
] as const;

/** R6: every comment recorded and grouped, every group answered; the adoption summary for the meeting. */
export const ConcludePublicParticipationSchema = z.strictObject({
  comments: z
    .array(
      z.strictObject({
        channel: text(100),
        receivedOn: isoDate,
        text: text(5000),
        commenterKind: z.enum(COMMENTER_KINDS),
        groupKey: text(50),
      }),
    )
    .max(5000),
  groups: z
    .array(
      z.strictObject({
        key: text(50),
        summary: text(1000),
        response: z.enum(ADOPTION).optional(),
        reason: text(1000).optional(),
      }),
    )
    .max(500),
  adoptionSummary: text(5000),
});
export type ConcludePublicParticipation = z.infer<typeof ConcludePublicParticipationSchema>;
