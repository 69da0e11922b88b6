-- AlterTable
ALTER TABLE "EscalationStep" ADD COLUMN     "reviewId" TEXT,
ALTER COLUMN "decisionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "EscalationLetter" ADD COLUMN     "reviewId" TEXT,
ALTER COLUMN "decisionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "MailMessage" ADD COLUMN     "reviewId" TEXT,
ALTER COLUMN "decisionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "reviewId" TEXT,
ALTER COLUMN "decisionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "AssessmentEntry" ADD COLUMN     "reviewId" TEXT,
ALTER COLUMN "decisionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "TaskExtension" ADD COLUMN     "reviewId" TEXT,
ALTER COLUMN "decisionId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "EscalationStep_reviewId_idx" ON "EscalationStep"("reviewId");

-- CreateIndex
CREATE INDEX "EscalationLetter_reviewId_idx" ON "EscalationLetter"("reviewId");

