-- CreateTable
CREATE TABLE "ReviewerProfile" (
    "userId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "formerDepartmentId" TEXT,
    "note" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewerProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "ReviewerLeave" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "ReviewerLeave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewerConflict" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "departmentId" TEXT,
    "subjectNumber" TEXT,
    "reason" TEXT NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewerConflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewKindSetting" (
    "kind" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,
    "targetWorkingDays" INTEGER NOT NULL,
    "secondCheck" BOOLEAN NOT NULL DEFAULT false,
    "directorSignOff" BOOLEAN NOT NULL DEFAULT false,
    "numberPrefix" TEXT NOT NULL,

    CONSTRAINT "ReviewKindSetting_pkey" PRIMARY KEY ("kind")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectNumber" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "decisionId" TEXT,
    "year" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reviewerUserId" TEXT,
    "weight" INTEGER NOT NULL,
    "materials" JSONB NOT NULL DEFAULT '{}',
    "submittedById" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completeAt" TIMESTAMP(3),
    "assignedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "outcome" TEXT,
    "opinionNo" TEXT,
    "opinionDocumentId" TEXT,
    "issuedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewFlag" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "excerpt" TEXT NOT NULL,
    "messageZh" TEXT NOT NULL,
    "messageEn" TEXT NOT NULL,
    "checklistItem" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LawEntry" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "repealedOn" TEXT,
    "replacedBy" TEXT,

    CONSTRAINT "LawEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewTask" (
    "id" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "departmentId" TEXT,
    "assigneeUserId" TEXT,
    "status" "TaskStatus" NOT NULL DEFAULT 'open',
    "openedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3),
    "dueRule" TEXT,
    "dueBasis" TEXT,
    "dueProvisional" BOOLEAN NOT NULL DEFAULT false,
    "pausedAt" TIMESTAMP(3),
    "overdueAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "completedById" TEXT,
    "context" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,

    CONSTRAINT "ReviewTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDocument" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "contentBase64" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewDocument_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewerLeave_userId_idx" ON "ReviewerLeave"("userId");

-- CreateIndex
CREATE INDEX "ReviewerConflict_userId_idx" ON "ReviewerConflict"("userId");

-- CreateIndex
CREATE INDEX "Review_kind_year_idx" ON "Review"("kind", "year");

-- CreateIndex
CREATE INDEX "Review_reviewerUserId_status_idx" ON "Review"("reviewerUserId", "status");

-- CreateIndex
CREATE INDEX "Review_decisionId_idx" ON "Review"("decisionId");

-- CreateIndex
CREATE INDEX "Review_status_idx" ON "Review"("status");

-- CreateIndex
CREATE INDEX "ReviewFlag_reviewId_idx" ON "ReviewFlag"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "LawEntry_name_key" ON "LawEntry"("name");

-- CreateIndex
CREATE INDEX "ReviewTask_reviewId_idx" ON "ReviewTask"("reviewId");

-- CreateIndex
CREATE INDEX "ReviewTask_status_assigneeUserId_idx" ON "ReviewTask"("status", "assigneeUserId");

-- CreateIndex
CREATE INDEX "ReviewTask_status_role_departmentId_idx" ON "ReviewTask"("status", "role", "departmentId");

-- CreateIndex
CREATE INDEX "ReviewDocument_reviewId_idx" ON "ReviewDocument"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDocument_reviewId_kind_version_key" ON "ReviewDocument"("reviewId", "kind", "version");

