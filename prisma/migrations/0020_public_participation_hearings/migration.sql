-- CreateTable
CREATE TABLE "PublicComment" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "receipt" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "commenterKind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "contactName" TEXT,
    "contact" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "recordedById" TEXT,
    "groupId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentGroup" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "response" TEXT,
    "reason" TEXT,
    "respondedById" TEXT,
    "respondedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hearing" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "announcement" TEXT NOT NULL,
    "announcedAt" TIMESTAMP(3) NOT NULL,
    "selectionMethod" TEXT NOT NULL,
    "participants" JSONB NOT NULL,
    "materialsSentAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "record" TEXT,
    "recordedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Hearing_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PublicComment_receipt_key" ON "PublicComment"("receipt");

-- CreateIndex
CREATE INDEX "PublicComment_decisionId_receivedAt_idx" ON "PublicComment"("decisionId", "receivedAt");

-- CreateIndex
CREATE INDEX "PublicComment_groupId_idx" ON "PublicComment"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "CommentGroup_decisionId_seq_key" ON "CommentGroup"("decisionId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Hearing_decisionId_seq_key" ON "Hearing"("decisionId", "seq");
