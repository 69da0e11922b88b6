-- AlterTable
ALTER TABLE "Expert" ADD COLUMN     "updatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ExpertSelection" ADD COLUMN     "declineReason" TEXT,
ADD COLUMN     "declinedAt" TIMESTAMP(3),
ADD COLUMN     "declinedById" TEXT,
ADD COLUMN     "opinionSignedOn" TEXT,
ADD COLUMN     "respondedAt" TIMESTAMP(3);
