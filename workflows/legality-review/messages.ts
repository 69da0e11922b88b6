/**
 * What a review's workflow understands besides task completion: the director reassigns it, or the assigned
 * reviewer declines it (both with a reason, R20).
 */
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/roles.js';

export interface ReassignRequest {
  actor: Actor;
  /** `reassign`: the director names the new reviewer; `decline`: the assigned reviewer steps aside and the pool picks another. */
  mode: 'reassign' | 'decline';
  reviewerUserId?: string;
  reason: string;
}

export interface ReviewStatus {
  phase:
    | 'intake'
    | 'supplement'
    | 'in_review'
    | 'revision'
    | 'second_check'
    | 'sign_off'
    | 'issued'
    | 'changes'
    | 'done';
  reviewerUserId?: string;
  reviewTaskId?: string;
  declinedBy: string[];
}

/** R17: the director or the assigned reviewer grants or refuses a shortened review time (refusing with a reason). */
export interface ReviewTimeDecision {
  actor: Actor;
  grant: boolean;
  reason?: string;
}
export const decideReviewTime = defineUpdate<
  { granted: boolean; workingDays: number; dueAt?: string },
  [ReviewTimeDecision]
>('decideReviewTime');

export const reassignReview = defineUpdate<{ reviewerUserId: string }, [ReassignRequest]>('reassignReview');
