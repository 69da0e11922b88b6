import { z } from 'zod';
import { ItemOutcomeSchema, MEETING_KINDS } from '../../domain/tasks/collective-discussion.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** R24: who attends; members count towards the quorum; the legal adviser (justice-bureau head) is marked. */
export const AttendeeSchema = z.strictObject({
  name: text(100),
  title: text(100),
  userId: z.string().max(100).optional(),
  member: z.boolean().describe('A member of the meeting (会议组成人员): counts towards the quorum'),
  legalAdviser: z.boolean().default(false).describe('The justice-bureau head / legal adviser (R24)'),
  present: z.boolean().default(true),
});

export const CreateMeetingSchema = z.strictObject({
  kind: z.enum(MEETING_KINDS).describe('R24: executive (常务会议) or plenary (全体会议); never by circulation'),
  startsAt: z.iso.datetime({ offset: true }),
  place: text(200),
  attendees: z.array(AttendeeSchema).min(1).max(80),
});
export type CreateMeeting = z.infer<typeof CreateMeetingSchema>;

export const AttendanceSchema = z.strictObject({ attendees: z.array(AttendeeSchema).min(1).max(80) });
export const AddItemSchema = z.strictObject({ decisionId: z.string().min(1).max(100), note: text(2000).optional() });
export const OrderItemsSchema = z.strictObject({ itemIds: z.array(z.string().min(1).max(300)).min(1).max(100) });
export const RecordOutcomeSchema = ItemOutcomeSchema;
/** R31: the chief executive's emergency suspension of implementation, with the emergency and its reason. */
export const EmergencySuspensionSchema = z.strictObject({ reason: text(2000) });
export const RequestEvaluationSchema = z.strictObject({
  trigger: z.enum(['requested', 'ineffective', 'public_objections']).default('requested'),
  reason: text(2000),
});
