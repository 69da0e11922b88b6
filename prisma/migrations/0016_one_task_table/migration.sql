-- Issue 12 §1: one Task table keyed by what the task belongs to — a decision, or a review without a decision
-- (a normative document's or contract's). The tasks of such reviews move from ReviewTask into Task with their
-- ids, so audit events (subjectType 'task', subjectId = id), escalation steps, letters and notices still point
-- at them; ReviewTask is dropped.
ALTER TABLE "Task" ALTER COLUMN "decisionId" DROP NOT NULL;
ALTER TABLE "Task" ADD COLUMN "reviewId" TEXT;

INSERT INTO "Task" ("id", "workflowId", "reviewId", "kind", "stage", "role", "departmentId", "assigneeUserId", "status", "openedAt", "dueAt", "dueRule", "dueBasis", "dueProvisional", "dueFrom", "dueAttention", "pausedAt", "overdueAt", "completedAt", "completedById", "context", "result")
SELECT "id", "workflowId", "reviewId", "kind", "stage", "role", "departmentId", "assigneeUserId", "status", "openedAt", "dueAt", "dueRule", "dueBasis", "dueProvisional", "dueFrom", "dueAttention", "pausedAt", "overdueAt", "completedAt", "completedById", "context", "result"
FROM "ReviewTask";

DROP TABLE "ReviewTask";

-- Exactly one owner.
ALTER TABLE "Task" ADD CONSTRAINT "Task_one_owner" CHECK (("decisionId" IS NULL) <> ("reviewId" IS NULL));
CREATE INDEX "Task_reviewId_idx" ON "Task"("reviewId");
