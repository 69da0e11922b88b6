-- One document table for decisions and standalone reviews, keyed by its owner (issue 9 §1). Existing rows of both
-- tables keep their ids, so every reference (payloads, Review.opinionDocumentId, EscalationLetter.documentId) holds.

-- DropForeignKey
ALTER TABLE "Document" DROP CONSTRAINT "Document_decisionId_fkey";

-- DropIndex
DROP INDEX "Document_decisionId_kind_version_key";

-- AlterTable: owner columns, filled from the decision for existing rows.
ALTER TABLE "Document" ADD COLUMN "ownerId" TEXT,
ADD COLUMN "ownerType" TEXT,
ALTER COLUMN "decisionId" DROP NOT NULL;
UPDATE "Document" SET "ownerType" = 'decision', "ownerId" = "decisionId";
ALTER TABLE "Document" ALTER COLUMN "ownerId" SET NOT NULL, ALTER COLUMN "ownerType" SET NOT NULL;

-- Carry the standalone reviews' documents over, ids unchanged.
INSERT INTO "Document" ("id", "ownerType", "ownerId", "decisionId", "kind", "fileName", "mimeType", "size", "sha256", "contentBase64", "version", "uploadedById", "createdAt")
SELECT "id", 'review', "reviewId", NULL, "kind", "fileName", "mimeType", "size", "sha256", "contentBase64", "version", "uploadedById", "createdAt" FROM "ReviewDocument";

-- DropTable
DROP TABLE "ReviewDocument";

-- A decision's document names its decision twice (owner and foreign key); a review's names no decision.
ALTER TABLE "Document" ADD CONSTRAINT "Document_owner_check" CHECK (
  ("ownerType" = 'decision' AND "decisionId" IS NOT NULL AND "decisionId" = "ownerId")
  OR ("ownerType" = 'review' AND "decisionId" IS NULL)
);

-- AlterTable
ALTER TABLE "MeetingItem" ADD COLUMN "materials" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "StageRecord" ADD COLUMN "documents" JSONB NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE UNIQUE INDEX "Document_ownerType_ownerId_kind_version_key" ON "Document"("ownerType", "ownerId", "kind", "version");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every version is immutable: a new version is a new row. UPDATE and DELETE (per row) and TRUNCATE (per statement)
-- are refused. Its own function name, so it coexists with the generic function of the audit migration.
CREATE OR REPLACE FUNCTION "document_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'R38: a document version cannot be changed or deleted (%): add a new version', TG_OP;
END;
$$;
CREATE TRIGGER "Document_immutable" BEFORE UPDATE OR DELETE ON "Document" FOR EACH ROW EXECUTE FUNCTION "document_version_immutable"();
CREATE TRIGGER "Document_no_truncate" BEFORE TRUNCATE ON "Document" FOR EACH STATEMENT EXECUTE FUNCTION "document_version_immutable"();
