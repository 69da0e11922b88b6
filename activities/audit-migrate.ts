/**
 * The one-time re-hash of audit events written before migration 0007 (one city-wide chain, hashed over
 * JSON.stringify in key order, which jsonb does not keep). Runs after the SQL migrations (prisma/migrate.ts):
 * each old event gets its chain (scope), its place and a hash under the canonical scheme, computed from the row as
 * stored; its old hash is kept in legacyHash, and an audit.chain_migrated event records how many events were
 * re-hashed and the old chain's head. The table's trigger allows exactly this change, once per old row.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import { auditScopeOf, CITY_SCOPE } from '../domain/audit-events.js';
import {
  appendAudit,
  auditHash,
  engineActor,
  GENESIS,
  HASH_SCHEME,
  scopeLockKey,
  type AuditRow,
} from '../records/audit.js';

/** Re-hashes the events without a chain; returns how many (0 when none, or before migration 0007). */
export async function rehashLegacyAuditEvents(prisma: PrismaClient): Promise<number> {
  const [{ migrated }] = await prisma.$queryRawUnsafe<Array<{ migrated: boolean }>>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'AuditEvent' AND column_name = 'legacyHash') AS "migrated"`,
  );
  if (!migrated) return 0;
  if ((await prisma.auditEvent.count({ where: { scope: null } })) === 0) return 0;
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${scopeLockKey(CITY_SCOPE)}::bigint)`;
      const rows = await tx.auditEvent.findMany({ where: { scope: null }, orderBy: { seq: 'asc' } });
      if (rows.length === 0) return 0;
      const heads = new Map<string, { scopeSeq: number; hash: string }>();
      for (const r of rows) {
        const data = (r.data ?? {}) as Record<string, unknown>;
        const scope = auditScopeOf({
          decisionId: r.decisionId,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          data,
        });
        let prev = heads.get(scope);
        if (!prev) {
          const newer = await tx.auditEvent.count({ where: { scope } });
          if (newer > 0)
            throw new Error(
              `audit chain ${scope} already has events under the new scheme; old events cannot be placed before them`,
            );
          prev = { scopeSeq: 0, hash: GENESIS };
        }
        const row: AuditRow = { ...r, scope, scopeSeq: prev.scopeSeq + 1, prevHash: prev.hash, data };
        const hash = auditHash(row);
        await tx.auditEvent.update({
          where: { seq: r.seq },
          data: { scope, scopeSeq: row.scopeSeq, prevHash: row.prevHash, hash, legacyHash: r.hash },
        });
        heads.set(scope, { scopeSeq: row.scopeSeq, hash });
      }
      const last = rows[rows.length - 1];
      await appendAudit(tx, {
        idempotencyKey: `audit.chain_migrated:${last.seq}`,
        at: new Date(),
        actor: engineActor,
        action: 'audit.chain_migrated',
        subjectType: 'audit',
        subjectId: 'chain',
        data: {
          scheme: HASH_SCHEME,
          events: rows.length,
          chains: heads.size,
          legacyHead: { seq: Number(last.seq), hash: last.hash },
        },
      });
      return rows.length;
    },
    { maxWait: 60_000, timeout: 10 * 60_000 },
  );
}
