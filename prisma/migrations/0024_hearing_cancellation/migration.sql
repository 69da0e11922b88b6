-- AlterTable: a hearing called off, with when and why (R7)
ALTER TABLE "Hearing" ADD COLUMN "cancelledAt" TIMESTAMP(3),
ADD COLUMN "cancelReason" TEXT;
