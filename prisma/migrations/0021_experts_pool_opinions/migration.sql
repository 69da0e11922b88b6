-- AlterTable
ALTER TABLE "ExpertSelection" ADD COLUMN     "opinionDocumentId" TEXT,
ADD COLUMN     "opinionReceivedAt" TIMESTAMP(3),
ADD COLUMN     "opinionSignedBy" TEXT,
ADD COLUMN     "respondedById" TEXT,
ADD COLUMN     "response" TEXT,
ADD COLUMN     "responseReason" TEXT;

-- CreateTable
CREATE TABLE "ExpertOpinionLink" (
    "tokenHash" TEXT NOT NULL,
    "selectionId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExpertOpinionLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "ExpertOpinionLink_selectionId_idx" ON "ExpertOpinionLink"("selectionId");
