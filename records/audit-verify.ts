/**
 * Verifies the audit chains from the rows as stored: every event's hash is recomputed (records/audit.ts), each
 * event must link to the one before it in its scope with no gap in scopeSeq, and every chain must still reach the
 * head the city chain's latest checkpoint recorded for it (a deleted tail shows there). Break-glass entries (DDL on
 * a protected table, migration 0007) are reported beside the chain.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import { CITY_SCOPE } from '../domain/audit-events.js';
import { auditHash, GENESIS, type AuditRow } from './audit.js';

export type BreakReason = 'hash_mismatch' | 'broken_link' | 'missing_event' | 'missing_tail' | 'not_migrated';

export interface ChainBreak {
  seq: number;
  scope: string;
  scopeSeq: number | null;
  action: string;
  reason: BreakReason;
  expectedHash: string | null;
  actualHash: string | null;
}

export interface ChainHead {
  scope: string;
  scopeSeq: number;
  hash: string;
  seq: number;
}

export interface VerifyResult {
  ok: boolean;
  checkedAt: string;
  /** The scope verified (`decision:<id>`), or null for every chain. */
  scope: string | null;
  events: number;
  chains: number;
  firstBreak: ChainBreak | null;
  breaks: number;
  /** The chain's head (one scope), or the city chain's head (every chain). */
  head: ChainHead | null;
  breakGlass: Array<{ id: number; at: string; role: string; command: string; object: string }>;
  /** Heads as verified, per scope (to write a checkpoint). */
  heads: Map<string, ChainHead>;
}

const PAGE = 2000;

/** Every chain (no scope) or one (`decision:<id>`). Reads in pages of seq order, memory bounded by the chains. */
export async function verifyAuditChain(prisma: PrismaClient, opts: { scope?: string } = {}): Promise<VerifyResult> {
  const scope = opts.scope ?? null;
  const anchors = await checkpointHeads(prisma, scope);
  const heads = new Map<string, ChainHead>();
  const breaks: ChainBreak[] = [];
  let events = 0;
  let after = -1n;
  for (;;) {
    const rows = await prisma.auditEvent.findMany({
      where: { seq: { gt: after }, ...(scope ? { scope } : {}) },
      orderBy: { seq: 'asc' },
      take: PAGE,
    });
    if (rows.length === 0) break;
    for (const r of rows) {
      events++;
      const seq = Number(r.seq);
      if (r.scope === null || r.scopeSeq === null) {
        breaks.push({
          seq,
          scope: '',
          scopeSeq: null,
          action: r.action,
          reason: 'not_migrated',
          expectedHash: null,
          actualHash: r.hash,
        });
        continue;
      }
      const prev = heads.get(r.scope);
      const expectedSeq = (prev?.scopeSeq ?? 0) + 1;
      const expectedPrev = prev?.hash ?? GENESIS;
      const recomputed = auditHash(r as AuditRow);
      if (r.scopeSeq !== expectedSeq)
        breaks.push({
          seq,
          scope: r.scope,
          scopeSeq: r.scopeSeq,
          action: r.action,
          reason: 'missing_event',
          expectedHash: null,
          actualHash: r.hash,
        });
      else if (r.prevHash !== expectedPrev)
        breaks.push({
          seq,
          scope: r.scope,
          scopeSeq: r.scopeSeq,
          action: r.action,
          reason: 'broken_link',
          expectedHash: expectedPrev,
          actualHash: r.prevHash,
        });
      else if (recomputed !== r.hash)
        breaks.push({
          seq,
          scope: r.scope,
          scopeSeq: r.scopeSeq,
          action: r.action,
          reason: 'hash_mismatch',
          expectedHash: recomputed,
          actualHash: r.hash,
        });
      const anchor = anchors.get(r.scope);
      if (anchor && anchor.scopeSeq === r.scopeSeq && anchor.hash !== r.hash)
        breaks.push({
          seq,
          scope: r.scope,
          scopeSeq: r.scopeSeq,
          action: r.action,
          reason: 'hash_mismatch',
          expectedHash: anchor.hash,
          actualHash: r.hash,
        });
      heads.set(r.scope, { scope: r.scope, scopeSeq: r.scopeSeq, hash: r.hash, seq });
    }
    after = rows[rows.length - 1].seq;
  }
  for (const [s, anchor] of anchors) {
    const head = heads.get(s);
    if (!head || head.scopeSeq < anchor.scopeSeq)
      breaks.push({
        seq: anchor.checkpointSeq,
        scope: s,
        scopeSeq: anchor.scopeSeq,
        action: 'audit.checkpoint',
        reason: 'missing_tail',
        expectedHash: anchor.hash,
        actualHash: head?.hash ?? null,
      });
  }
  breaks.sort((a, b) => a.seq - b.seq);
  const glass = await prisma.auditBreakGlass.findMany({ orderBy: { id: 'asc' }, take: 100 });
  return {
    ok: breaks.length === 0,
    checkedAt: new Date().toISOString(),
    scope,
    events,
    chains: heads.size,
    firstBreak: breaks[0] ?? null,
    breaks: breaks.length,
    head: heads.get(scope ?? CITY_SCOPE) ?? null,
    breakGlass: glass.map((g) => ({
      id: Number(g.id),
      at: g.at.toISOString(),
      role: g.role,
      command: g.command,
      object: g.object,
    })),
    heads,
  };
}

/** The latest head each checkpoint recorded per scope (a checkpoint's row is itself verified in the city chain). */
export async function checkpointHeads(
  prisma: PrismaClient,
  scope: string | null,
): Promise<Map<string, { scopeSeq: number; hash: string; checkpointSeq: number }>> {
  const out = new Map<string, { scopeSeq: number; hash: string; checkpointSeq: number }>();
  const rows = await prisma.auditEvent.findMany({
    where: { action: 'audit.checkpoint' },
    orderBy: { seq: 'asc' },
    select: { seq: true, data: true },
  });
  for (const r of rows) {
    const heads = ((r.data ?? {}) as { heads?: Record<string, [number, string]> }).heads ?? {};
    for (const [s, [scopeSeq, hash]] of Object.entries(heads)) {
      if (scope && s !== scope) continue;
      const known = out.get(s);
      if (!known || known.scopeSeq < scopeSeq) out.set(s, { scopeSeq, hash, checkpointSeq: Number(r.seq) });
    }
  }
  return out;
}
