-- Issue 16 §4: absences with substitutes. A reviewer's leave becomes an absence (same dates and reason, no
-- substitute), so the pool and everyone else read one table.

-- CreateTable
CREATE TABLE "Absence" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "substituteUserId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Absence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Absence_userId_idx" ON "Absence"("userId");

-- CreateIndex
CREATE INDEX "Absence_substituteUserId_idx" ON "Absence"("substituteUserId");

-- Move the reviewers' leave (recorded by the director or the admin; the recorder was not kept).
INSERT INTO "Absence" ("id", "userId", "startsOn", "endsOn", "reason", "substituteUserId", "createdById")
SELECT "id", "userId", "startsOn", "endsOn", "reason", NULL, 'migration' FROM "ReviewerLeave";

-- DropTable
DROP TABLE "ReviewerLeave";
