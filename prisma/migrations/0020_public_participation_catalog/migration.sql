-- CreateTable
CREATE TABLE "Catalog" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'drafting',
    "version" INTEGER NOT NULL DEFAULT 0,
    "partyCommitteeRef" TEXT,
    "partyCommitteeAgreedOn" TEXT,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "publishedById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Catalog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogEntry" (
    "id" TEXT NOT NULL,
    "catalogId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "matterType" TEXT NOT NULL,
    "leadDepartmentId" TEXT NOT NULL,
    "plannedQuarter" TEXT NOT NULL,
    "legalBasis" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogVersion" (
    "catalogId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "entries" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogVersion_pkey" PRIMARY KEY ("catalogId","version")
);

-- CreateTable
CREATE TABLE "CatalogLink" (
    "decisionId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogLink_pkey" PRIMARY KEY ("decisionId")
);

-- CreateTable
CREATE TABLE "OutsideCatalogRequest" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "note" TEXT,
    "decisionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutsideCatalogRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Catalog_year_key" ON "Catalog"("year");

-- CreateIndex
CREATE INDEX "CatalogEntry_leadDepartmentId_idx" ON "CatalogEntry"("leadDepartmentId");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogEntry_catalogId_seq_key" ON "CatalogEntry"("catalogId", "seq");

-- CreateIndex
CREATE INDEX "CatalogLink_entryId_idx" ON "CatalogLink"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "OutsideCatalogRequest_decisionId_key" ON "OutsideCatalogRequest"("decisionId");

-- CreateIndex
CREATE INDEX "OutsideCatalogRequest_departmentId_status_idx" ON "OutsideCatalogRequest"("departmentId", "status");
