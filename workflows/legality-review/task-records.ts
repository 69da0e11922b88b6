import { acts } from '../shared/activities.js';
import type { TaskRecords } from '../shared/task-engine.js';

/** A review without a decision keeps its tasks in ReviewTask (Task references a Decision); the engine's `decisionId` is the review's id here. */
export const reviewTaskRecords: TaskRecords = {
  openTask: (a) => acts.openReviewTask({ reviewId: a.decisionId, task: a.task }),
  recordTaskCompletion: (a) => acts.recordReviewTaskCompletion({ reviewId: a.decisionId, task: a.task, actor: a.actor, payload: a.payload, completedAt: a.completedAt }),
  markTaskOverdue: (a) => acts.markReviewTaskOverdue({ reviewId: a.decisionId, taskId: a.taskId, dueAt: a.dueAt }),
  updateTaskDue: (a) => acts.updateReviewTaskDue(a),
  cancelTasks: (a) => acts.cancelReviewTasks({ reviewId: a.decisionId, taskIds: a.taskIds, reason: a.reason }),
};
