import { z } from 'zod';
import { isoDate, text } from './fields.js';

/** R21: the department head approves the submission leaving the department. */
export const ApproveSubmissionSchema = z.strictObject({ approve: z.boolean(), comment: text(2000).optional() });
export type ApproveSubmission = z.infer<typeof ApproveSubmissionSchema>;

/** R23: the report to the party committee and its reply. */
export const ReportToPartyCommitteeSchema = z.strictObject({
  reportedOn: isoDate,
  reportReference: text(200),
  replyOn: isoDate,
  replySummary: text(5000),
  agreed: z.boolean(),
});
export type ReportToPartyCommittee = z.infer<typeof ReportToPartyCommitteeSchema>;

/** R21, R24: a secretary places a ready decision on a meeting's agenda (done through the meetings API). */
export const PlaceOnAgendaSchema = z.strictObject({
  meetingId: z.string().min(1).max(100),
  note: text(2000).optional(),
});
export type PlaceOnAgenda = z.infer<typeof PlaceOnAgendaSchema>;

export const MEETING_KINDS = ['executive', 'plenary'] as const;
export const CHIEF_DECISIONS = [
  'approved',
  'approved_with_changes',
  'not_approved',
  'deferred',
  'discuss_again',
  'returned_for_more_work',
] as const;
export type ChiefDecision = (typeof CHIEF_DECISIONS)[number];
export const MEMBER_POSITIONS = [
  'approve',
  'approve_with_changes',
  'not_approve',
  'defer',
  'return_for_more_work',
  'abstain',
] as const;

/** R25, R26: one agenda item's discussion at the meeting and the chief executive's decision. */
export const ItemOutcomeSchema = z.strictObject({
  presentation: text(5000),
  memberOpinions: z
    .array(z.strictObject({ member: text(100), position: z.enum(MEMBER_POSITIONS), opinion: text(5000) }))
    .min(1)
    .max(60),
  chiefName: text(100),
  chiefDecision: z.enum(CHIEF_DECISIONS),
  departureReason: text(5000).optional(),
  changes: z.strictObject({ kind: z.enum(['substantive', 'editorial']), description: text(5000) }).optional(),
  dissent: text(5000).optional(),
});
export type ItemOutcome = z.infer<typeof ItemOutcomeSchema>;

/** The outcome as the decision records it: the item's outcome with the meeting it was decided at. */
export const RecordMeetingOutcomeSchema = ItemOutcomeSchema.extend({
  meetingKind: z.enum(MEETING_KINDS),
  meetingDate: isoDate,
  meetingReference: text(200).optional(),
});
export type RecordMeetingOutcome = z.infer<typeof RecordMeetingOutcomeSchema>;

export const MEETING_KIND_LABELS = {
  executive: { zh: '常务会议', en: 'Executive meeting' },
  plenary: { zh: '全体会议', en: 'Plenary meeting' },
} as const;
export const CHIEF_DECISION_LABELS: Record<ChiefDecision, { zh: string; en: string }> = {
  approved: { zh: '通过', en: 'Approved' },
  approved_with_changes: { zh: '修改后通过', en: 'Approved with changes' },
  not_approved: { zh: '不予通过', en: 'Not approved' },
  deferred: { zh: '暂缓', en: 'Deferred' },
  discuss_again: { zh: '再次讨论', en: 'Discuss again' },
  returned_for_more_work: { zh: '退回继续完善', en: 'Returned for more work' },
};
export const MEMBER_POSITION_LABELS: Record<(typeof MEMBER_POSITIONS)[number], string> = {
  approve: '同意',
  approve_with_changes: '修改后同意',
  not_approve: '不同意',
  defer: '暂缓',
  return_for_more_work: '退回完善',
  abstain: '弃权',
};
