import { z } from 'zod';
import { COMMENTER_KINDS } from '../tasks/public-participation.js';
import { text } from '../tasks/fields.js';

const instant = z.iso.datetime({ offset: true });

/** R7 (Art. 16-17): a hearing is announced with its time and place, how participants were selected, and who. */
export const AnnounceHearingSchema = z.strictObject({
  startsAt: instant,
  place: text(300),
  announcement: text(5000),
  selectionMethod: text(2000),
  participants: z
    .array(z.strictObject({ name: text(100), affiliation: text(200), kind: z.enum(COMMENTER_KINDS) }))
    .min(1)
    .max(200),
});
export type AnnounceHearing = z.infer<typeof AnnounceHearingSchema>;

/** R7: when the hearing materials reached the participants. */
export const HearingMaterialsSchema = z.strictObject({ sentAt: instant });

/** R7: a hearing announced that will not take place is called off with the reason (published like the announcement). */
export const CancelHearingSchema = z.strictObject({ reason: text(1000) });

/** R7: the hearing record, confirmed (signed) by each participant. */
export const HearingRecordSchema = z.strictObject({
  record: text(20000),
  confirmations: z
    .array(z.strictObject({ participantId: z.string().min(1).max(100), confirmedAt: instant, signatureRef: text(200) }))
    .max(200),
});
export type HearingRecordInput = z.infer<typeof HearingRecordSchema>;

export const COMMENT_CHANNELS = [
  'online',
  'letter',
  'email',
  'phone',
  'forum',
  'survey',
  'field_visit',
  'other',
] as const;

/** R6: what the public submits on the public site: the comment and, optionally, how to reach them (never shown). */
export const PublicCommentSchema = z.strictObject({
  text: text(3000),
  commenterKind: z.enum(COMMENTER_KINDS),
  contactName: text(50).optional(),
  contact: text(100).optional(),
});
export type PublicCommentInput = z.infer<typeof PublicCommentSchema>;

/** R6: a comment staff record from another channel, in the same list. */
export const RecordCommentSchema = z.strictObject({
  channel: z.enum(COMMENT_CHANNELS).exclude(['online']),
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
  text: text(5000),
  commenterKind: z.enum(COMMENTER_KINDS),
});

/** R6: a topic group, and which comments (by id) belong to it. */
export const CreateCommentGroupSchema = z.strictObject({
  summary: text(1000),
  commentIds: z.array(z.string().min(1).max(100)).max(5000).default([]),
});
export const AssignCommentsSchema = z.strictObject({
  commentIds: z.array(z.string().min(1).max(100)).min(1).max(5000),
});
export const AnswerCommentGroupSchema = z.strictObject({
  response: z.enum(['adopted', 'partly_adopted', 'not_adopted']),
  reason: text(1000).optional(),
});
