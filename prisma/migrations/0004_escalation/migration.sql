-- CreateTable
CREATE TABLE "EscalationStep" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "plannedAt" TIMESTAMP(3) NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,
    "departmentId" TEXT,
    "letterId" TEXT,
    "skipped" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "EscalationStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationLetter" (
    "id" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "taskId" TEXT NOT NULL,
    "taskKind" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "principalLeaderId" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "departmentDelivery" TEXT NOT NULL DEFAULT 'queued',
    "leaderDelivery" TEXT NOT NULL DEFAULT 'queued',

    CONSTRAINT "EscalationLetter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailMessage" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "letterId" TEXT,
    "recipientRole" TEXT NOT NULL,
    "recipientType" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "messageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "bodyZh" TEXT NOT NULL,
    "bodyEn" TEXT NOT NULL,
    "letterId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentEntry" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "decisionId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "taskKind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "workingDaysOverdue" INTEGER NOT NULL,
    "lettersReceived" INTEGER NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssessmentEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskExtension" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "previousDueAt" TIMESTAMP(3) NOT NULL,
    "newDueAt" TIMESTAMP(3) NOT NULL,
    "grantedById" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaskExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailAddress" (
    "ownerType" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "address" TEXT NOT NULL,

    CONSTRAINT "MailAddress_pkey" PRIMARY KEY ("ownerType","ownerId")
);

-- CreateIndex
CREATE INDEX "EscalationStep_taskId_idx" ON "EscalationStep"("taskId");

-- CreateIndex
CREATE INDEX "EscalationStep_decisionId_idx" ON "EscalationStep"("decisionId");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationLetter_stepKey_key" ON "EscalationLetter"("stepKey");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationLetter_number_key" ON "EscalationLetter"("number");

-- CreateIndex
CREATE INDEX "EscalationLetter_departmentId_year_idx" ON "EscalationLetter"("departmentId", "year");

-- CreateIndex
CREATE INDEX "EscalationLetter_decisionId_idx" ON "EscalationLetter"("decisionId");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationLetter_kind_year_seq_key" ON "EscalationLetter"("kind", "year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "MailMessage_idempotencyKey_key" ON "MailMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "MailMessage_state_idx" ON "MailMessage"("state");

-- CreateIndex
CREATE INDEX "MailMessage_stepKey_idx" ON "MailMessage"("stepKey");

-- CreateIndex
CREATE INDEX "Notice_userId_createdAt_idx" ON "Notice"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "AssessmentEntry_departmentId_year_idx" ON "AssessmentEntry"("departmentId", "year");

-- CreateIndex
CREATE INDEX "TaskExtension_taskId_idx" ON "TaskExtension"("taskId");

