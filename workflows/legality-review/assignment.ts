import { condition, setHandler } from '@temporalio/workflow';
import { violation } from '../../domain/violation.js';
import { acts } from '../shared/activities.js';
import { ruleFailure, type TaskEngine } from '../shared/task-engine.js';
import { reassignReview, type ReassignRequest, type ReviewStatus } from './messages.js';

/**
 * Who reviews (R20): the pool picks the least-loaded eligible reviewer; the director can reassign with a
 * reason; the assigned reviewer can decline with a reason and the pool picks another. The open review task
 * follows the reviewer.
 */
export class ReviewAssignment {
  readonly status: ReviewStatus = { phase: 'intake', declinedBy: [] };
  private changes = 0;
  private picks = 0;

  constructor(
    private readonly reviewId: string,
    private readonly engine: TaskEngine,
  ) {
    setHandler(reassignReview, (req) => this.reassign(req), { validator: (req) => this.validate(req) });
  }

  get reviewer(): string | undefined {
    return this.status.reviewerUserId;
  }

  /** Assigns the review from the pool (the previous round's reviewer first when still eligible); while nobody may take it, retries daily unless the director assigns someone. */
  async assign(preferUserId?: string): Promise<string> {
    while (!this.status.reviewerUserId) {
      const to = await acts.assignReviewer({
        reviewId: this.reviewId,
        key: `${this.reviewId}:assign-${++this.picks}`,
        at: new Date().toISOString(),
        purpose: 'primary',
        exclude: this.status.declinedBy,
        preferUserId,
      });
      if (this.status.reviewerUserId) break;
      if (to) this.status.reviewerUserId = to;
      else await condition(() => !!this.status.reviewerUserId, '1 day');
    }
    return this.status.reviewerUserId;
  }

  /** A second reviewer for the check (复核), never the reviewer of the opinion. */
  async secondChecker(pass: number): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const to = await acts.assignReviewer({
        reviewId: this.reviewId,
        key: `${this.reviewId}:second-check-${pass}-${attempt}`,
        at: new Date().toISOString(),
        purpose: 'second_check',
        exclude: [this.status.reviewerUserId!],
      });
      if (to) return to;
      await condition(() => false, '1 day');
    }
  }

  private validate(req: ReassignRequest): void {
    const refuse = (key: string, zh: string, en: string) => {
      throw ruleFailure([violation('R20', key, zh, en)]);
    };
    if (!req.reason?.trim())
      refuse('r20.reason_required', '改派或拒绝审查应当说明理由', 'A reassignment or decline needs a reason');
    if (['issued', 'changes', 'done', 'second_check', 'sign_off'].includes(this.status.phase))
      refuse(
        'r20.review_closed',
        '审查意见已进入复核、签发或已出具，不能再改派',
        'The opinion is in its check, sign-off or issued: no reassignment',
      );
    if (req.mode === 'decline' && req.actor.userId !== this.status.reviewerUserId)
      refuse('r20.not_assigned', '只有被分配的审查员可以拒绝', 'Only the assigned reviewer can decline');
    if (req.mode === 'reassign' && (!req.reviewerUserId || req.reviewerUserId === this.status.reviewerUserId))
      refuse('r20.same_reviewer', '请指定另一名审查员', 'Name a different reviewer');
  }

  private async reassign(req: ReassignRequest): Promise<{ reviewerUserId: string }> {
    const n = ++this.changes;
    const taskId = this.openReviewTask();
    let to: string | null;
    if (req.mode === 'decline') {
      const declined = [...new Set([...this.status.declinedBy, req.actor.userId])];
      to = await acts.assignReviewer({
        reviewId: this.reviewId,
        key: `${this.reviewId}:decline-${n}`,
        at: new Date().toISOString(),
        purpose: 'primary',
        exclude: declined,
        decline: { actor: req.actor, reason: req.reason, taskId },
      });
      if (!to)
        throw ruleFailure([
          violation(
            'R20',
            'r20.no_eligible_reviewer',
            '没有其他可分配的审查员，请联系主任改派',
            'Nobody else in the pool may take it; ask the director',
          ),
        ]);
      this.status.declinedBy = declined;
    } else {
      to = req.reviewerUserId!;
      await acts.reassignReviewer({
        reviewId: this.reviewId,
        key: `${this.reviewId}:reassign-${n}`,
        to,
        actor: req.actor,
        reason: req.reason,
        taskId,
      });
    }
    this.status.reviewerUserId = to;
    if (taskId) this.engine.reassign(taskId, to);
    return { reviewerUserId: to };
  }

  private openReviewTask(): string | undefined {
    const id = this.status.reviewTaskId;
    return this.engine.openTask(id)?.id;
  }
}
