-- Issue 13: an index for each list order and lookup that had none — the decision list (year, seq descending), a
-- user's done tasks, and the overdue board's letter counts per task and kind.
-- CreateIndex
CREATE INDEX "Decision_year_seq_idx" ON "Decision"("year" DESC, "seq" DESC);

-- CreateIndex
CREATE INDEX "EscalationLetter_taskId_kind_idx" ON "EscalationLetter"("taskId", "kind");

-- CreateIndex
CREATE INDEX "Task_status_completedById_idx" ON "Task"("status", "completedById");
