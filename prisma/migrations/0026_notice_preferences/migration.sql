-- Issue 16 §3: each person's channel per progress-notice event (bell_mail | bell | off; absent: bell_mail).
-- CreateTable
CREATE TABLE "NoticePreference" (
    "userId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NoticePreference_pkey" PRIMARY KEY ("userId","event")
);
