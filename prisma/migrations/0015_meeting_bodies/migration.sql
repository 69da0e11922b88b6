-- CreateTable
CREATE TABLE "MeetingBodyMember" (
    "body" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "position" TEXT NOT NULL,

    CONSTRAINT "MeetingBodyMember_pkey" PRIMARY KEY ("body","userId")
);

-- CreateIndex
CREATE INDEX "MeetingBodyMember_userId_idx" ON "MeetingBodyMember"("userId");
