-- Issue 16 §1: saved views per person, and an index for each filter and order the lists gained.
-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "ownerUserId" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "query" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedView_ownerUserId_list_updatedAt_idx" ON "SavedView"("ownerUserId", "list", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_ownerUserId_list_title_key" ON "SavedView"("ownerUserId", "list", "title");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_seq_idx" ON "AuditEvent"("actorUserId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "Decision_stage_year_seq_idx" ON "Decision"("stage", "year", "seq");

-- CreateIndex
CREATE INDEX "Decision_status_year_seq_idx" ON "Decision"("status", "year", "seq");

-- CreateIndex
CREATE INDEX "Decision_leadDepartmentId_year_seq_idx" ON "Decision"("leadDepartmentId", "year", "seq");

-- CreateIndex
CREATE INDEX "Decision_createdAt_idx" ON "Decision"("createdAt");

-- CreateIndex
CREATE INDEX "EscalationLetter_issuedAt_seq_idx" ON "EscalationLetter"("issuedAt", "seq");

-- CreateIndex
CREATE INDEX "Meeting_kind_startsAt_idx" ON "Meeting"("kind", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_status_startsAt_idx" ON "Meeting"("status", "startsAt");

-- CreateIndex
CREATE INDEX "Review_dueAt_idx" ON "Review"("dueAt");

-- CreateIndex
CREATE INDEX "Review_submittedAt_idx" ON "Review"("submittedAt");

-- CreateIndex
CREATE INDEX "Review_departmentId_dueAt_idx" ON "Review"("departmentId", "dueAt");

-- CreateIndex
CREATE INDEX "Task_kind_status_idx" ON "Task"("kind", "status");

-- CreateIndex
CREATE INDEX "Task_completedById_completedAt_idx" ON "Task"("completedById", "completedAt");
