/** The message by which the supervising office's extension reaches the workflow owning the task (R34). */
import { defineSignal } from '@temporalio/workflow';
import type { Due } from './procedure.js';

export interface ExtendTaskRequest {
  taskId: string;
  extensionId: string;
  /** The new due time, computed by the service from the calendar. */
  due: Due;
}

/** An extension granted with a reason moves the task's due time and its escalation ladder. */
export const extendTaskDue = defineSignal<[ExtendTaskRequest]>('extendTaskDue');
