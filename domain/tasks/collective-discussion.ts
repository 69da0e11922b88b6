import { z } from 'zod';
import { isoDate, text } from './fields.js';

/** R21: the department head approves the submission leaving the department. */
export const ApproveSubmissionSchema = z.object({ approve: z.boolean(), comment: text(2000).optional() });
export type ApproveSubmission = z.infer<typeof ApproveSubmissionSchema>;

/** R23: the report to the party committee and its reply. */
export const ReportToPartyCommitteeSchema = z.object({
  reportedOn: isoDate,
  reportReference: text(200),
  replyOn: isoDate,
  replySummary: text(5000),
  agreed: z.boolean(),
});
export type ReportToPartyCommittee = z.infer<typeof ReportToPartyCommitteeSchema>;

export const CHIEF_DECISIONS = ['approved', 'approved_with_changes', 'not_approved', 'deferred', 'discuss_again', 'returned_for_more_work'] as const;
export type ChiefDecision = (typeof CHIEF_DECISIONS)[number];
export const MEMBER_POSITIONS = ['approve', 'approve_with_changes', 'not_approve', 'defer', 'return_for_more_work', 'abstain'] as const;

/** R25, R26: the discussion at the meeting and the chief executive's decision. */
export const RecordMeetingOutcomeSchema = z.object({
  meetingKind: z.enum(['executive', 'plenary']),
  meetingDate: isoDate,
  meetingReference: text(200).optional(),
  presentation: text(5000),
  memberOpinions: z.array(z.object({ member: text(100), position: z.enum(MEMBER_POSITIONS), opinion: text(5000) })).min(1).max(60),
  chiefName: text(100),
  chiefDecision: z.enum(CHIEF_DECISIONS),
  departureReason: text(5000).optional(),
  changes: z.object({ kind: z.enum(['substantive', 'editorial']), description: text(5000) }).optional(),
  dissent: text(5000).optional(),
});
export type RecordMeetingOutcome = z.infer<typeof RecordMeetingOutcomeSchema>;
