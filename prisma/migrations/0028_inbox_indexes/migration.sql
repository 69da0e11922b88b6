-- Issue 13: the inbox's two branches (api/services/read-decisions.ts `whoseTasks`) each get an index that answers
-- them whole. "My role's unassigned tasks" filtered `assigneeUserId IS NULL` on the heap (at 10,000 open decisions
-- the reviewer's count read 10,000 rows to keep 500); "named to me" now comes in due order.
-- DropIndex
DROP INDEX "Task_status_role_departmentId_idx";

-- DropIndex
DROP INDEX "Task_status_assigneeUserId_idx";

-- CreateIndex
CREATE INDEX "Task_status_role_departmentId_assigneeUserId_idx" ON "Task"("status", "role", "departmentId", "assigneeUserId");

-- CreateIndex
CREATE INDEX "Task_status_assigneeUserId_dueAt_idx" ON "Task"("status", "assigneeUserId", "dueAt");
