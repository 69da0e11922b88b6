-- Issue 13: idempotency records are deleted once older than YIFA_IDEMPOTENCY_DAYS (api/idempotency.ts prunes
-- hourly per API process); the index keeps that delete from reading the whole table.
-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");
