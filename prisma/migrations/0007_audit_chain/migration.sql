-- Issue 9 §2–3: a verifiable audit chain and tables that refuse edits.
--
-- Events get their chain (scope) and place in it (scopeSeq); the hash is recomputed under the canonical scheme
-- (RFC 8785 JCS, activities/audit.ts) by the step that follows the migrations (rehashLegacyAuditEvents in
-- activities/audit-migrate.ts), which keeps each old hash in "legacyHash" and records an audit.chain_migrated event.

ALTER TABLE "AuditEvent" ADD COLUMN "scope" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "scopeSeq" INTEGER;
ALTER TABLE "AuditEvent" ADD COLUMN "legacyHash" TEXT;
CREATE UNIQUE INDEX "AuditEvent_scope_scopeSeq_key" ON "AuditEvent"("scope", "scopeSeq");
-- Checkpoints (and any one action) are found without a scan.
CREATE INDEX "AuditEvent_action_seq_idx" ON "AuditEvent"("action", "seq");
-- Rows written from now on carry their chain; rows written before are re-hashed once (see the guard below).
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_scope_required" CHECK ("scope" IS NOT NULL AND "scopeSeq" IS NOT NULL) NOT VALID;

-- A notice about the system itself (a broken audit chain) has no task.
ALTER TABLE "Notice" ALTER COLUMN "taskId" DROP NOT NULL;

-- One function for every append-only table: refuses the row or statement it is attached to. The first trigger
-- argument is the rule the refusal names (e.g. 'R38'), shown to whoever tried.
CREATE FUNCTION "yifa_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: % on table "%" is refused: its rows are part of the legal record and never change',
    COALESCE(TG_ARGV[0], 'R38'), TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;

-- The audit table: no UPDATE or DELETE, except the one-time re-hash of an event written before this migration
-- (scope still empty), which may set its chain columns and hash and must keep everything else and its old hash.
CREATE FUNCTION "yifa_audit_event_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD."scope" IS NULL AND OLD."legacyHash" IS NULL
     AND NEW."scope" IS NOT NULL AND NEW."scopeSeq" IS NOT NULL
     AND NEW."legacyHash" = OLD."hash"
     AND NEW."seq" = OLD."seq" AND NEW."idempotencyKey" = OLD."idempotencyKey" AND NEW."at" = OLD."at"
     AND NEW."actorUserId" IS NOT DISTINCT FROM OLD."actorUserId" AND NEW."actorName" = OLD."actorName"
     AND NEW."actorRole" = OLD."actorRole" AND NEW."actorDepartmentId" IS NOT DISTINCT FROM OLD."actorDepartmentId"
     AND NEW."action" = OLD."action" AND NEW."decisionId" IS NOT DISTINCT FROM OLD."decisionId"
     AND NEW."subjectType" = OLD."subjectType" AND NEW."subjectId" = OLD."subjectId" AND NEW."data" = OLD."data" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'R38: % on table "%" is refused: audit events are never changed or deleted', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "yifa_audit_event_guard"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION "yifa_refuse_change"('R38');
-- The sealed dossier already refuses UPDATE and DELETE (0005); TRUNCATE too from now on.
CREATE TRIGGER "Dossier_no_truncate" BEFORE TRUNCATE ON "Dossier" FOR EACH STATEMENT EXECUTE FUNCTION "yifa_refuse_change"('R28');

-- Break-glass: every DDL command (ALTER TABLE … DISABLE TRIGGER, DROP TRIGGER …) on a protected table is
-- recorded here by an event trigger, in the same transaction as the command. The log is append-only itself.
CREATE TABLE "AuditBreakGlass" (
  "id" BIGSERIAL PRIMARY KEY,
  "at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "role" TEXT NOT NULL DEFAULT current_user,
  "sessionRole" TEXT NOT NULL DEFAULT session_user,
  "command" TEXT NOT NULL,
  "object" TEXT NOT NULL,
  "statement" TEXT
);
CREATE TRIGGER "AuditBreakGlass_append_only" BEFORE UPDATE OR DELETE ON "AuditBreakGlass" FOR EACH ROW EXECUTE FUNCTION "yifa_refuse_change"('R38');
CREATE TRIGGER "AuditBreakGlass_no_truncate" BEFORE TRUNCATE ON "AuditBreakGlass" FOR EACH STATEMENT EXECUTE FUNCTION "yifa_refuse_change"('R38');

CREATE FUNCTION "yifa_log_break_glass"() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
BEGIN
  FOR c IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
    IF c.object_identity ~ '^(public\.)?"?(AuditEvent|AuditBreakGlass|Dossier)"?($|\.| )'
       OR (c.object_type = 'trigger' AND c.object_identity ~ ' on (public\.)?"?(AuditEvent|AuditBreakGlass|Dossier)"?$') THEN
      INSERT INTO "AuditBreakGlass" ("command", "object", "statement") VALUES (c.command_tag, c.object_identity, current_query());
    END IF;
  END LOOP;
END;
$$;

CREATE FUNCTION "yifa_log_break_glass_drop"() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  o record;
BEGIN
  FOR o IN SELECT * FROM pg_event_trigger_dropped_objects() LOOP
    IF o.object_identity ~ '(AuditEvent|AuditBreakGlass|Dossier)' THEN
      INSERT INTO "AuditBreakGlass" ("command", "object", "statement") VALUES (tg_tag, o.object_identity, current_query());
    END IF;
  END LOOP;
END;
$$;

-- Event triggers can only be created by a superuser: where the migrating role is not one (a production owner
-- role should not be), the README's break-glass procedure says how a superuser installs them once.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    CREATE EVENT TRIGGER "yifa_break_glass" ON ddl_command_end EXECUTE FUNCTION "yifa_log_break_glass"();
    CREATE EVENT TRIGGER "yifa_break_glass_drop" ON sql_drop EXECUTE FUNCTION "yifa_log_break_glass_drop"();
  END IF;
END;
$$;
