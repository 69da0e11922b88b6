-- CreateTable
CREATE TABLE "Expert" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "institution" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'expert',
    "title" TEXT,
    "fields" TEXT[],
    "email" TEXT,
    "formerDepartmentIds" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Expert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpertInterest" (
    "id" TEXT NOT NULL,
    "expertId" TEXT NOT NULL,
    "departmentId" TEXT,
    "decisionId" TEXT,
    "description" TEXT NOT NULL,
    "declaredById" TEXT NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExpertInterest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpertSelection" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "expertId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "selectedById" TEXT NOT NULL,
    "selectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mailId" TEXT,

    CONSTRAINT "ExpertSelection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExpertInterest_expertId_idx" ON "ExpertInterest"("expertId");

-- CreateIndex
CREATE INDEX "ExpertSelection_decisionId_idx" ON "ExpertSelection"("decisionId");

-- CreateIndex
CREATE UNIQUE INDEX "ExpertSelection_decisionId_expertId_key" ON "ExpertSelection"("decisionId", "expertId");
