-- Publication and filing (公布与备案) of normative documents after their legality review.
CREATE TABLE "NormativeFiling" (
    "reviewId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "documentNumber" TEXT NOT NULL,
    "publishedOn" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "publishedById" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "filedWith" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "filedOn" TEXT,
    "reference" TEXT,
    "filedById" TEXT,
    "filedAt" TIMESTAMP(3),

    CONSTRAINT "NormativeFiling_pkey" PRIMARY KEY ("reviewId")
);

CREATE INDEX "NormativeFiling_publishedOn_idx" ON "NormativeFiling"("publishedOn");
CREATE INDEX "NormativeFiling_departmentId_idx" ON "NormativeFiling"("departmentId");
