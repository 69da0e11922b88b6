-- R1: an amendment of a published catalog is proposed, then approved with the party committee's agreement.
-- AlterTable
ALTER TABLE "CatalogVersion" ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "partyCommitteeAgreedOn" TEXT,
ADD COLUMN     "partyCommitteeRef" TEXT;

-- CreateTable
CREATE TABLE "CatalogAmendment" (
    "id" TEXT NOT NULL,
    "catalogId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "diff" JSONB NOT NULL,
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "partyCommitteeRef" TEXT,
    "partyCommitteeAgreedOn" TEXT,
    "refusalReason" TEXT,
    "version" INTEGER,

    CONSTRAINT "CatalogAmendment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CatalogAmendment_catalogId_status_idx" ON "CatalogAmendment"("catalogId", "status");

