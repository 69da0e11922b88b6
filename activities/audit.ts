/**
 * The audit trail (R38): append-only events, each carrying the hash of the one before it, written in the same
 * transaction as the change they describe. A retried write with the same idempotency key is a no-op.
 */
import { createHash } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.js';

export type Tx = Prisma.TransactionClient;

export interface AuditInput {
  idempotencyKey: string;
  at: Date;
  actor: { userId: string | null; name: string; role: string; departmentId: string | null };
  action: string;
  decisionId?: string | null;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
const AUDIT_LOCK = 72_0038;

/** Appends one event; returns false when an event with this key already exists. */
export async function appendAudit(tx: Tx, e: AuditInput): Promise<boolean> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK}::bigint)`;
  const existing = await tx.auditEvent.findUnique({ where: { idempotencyKey: e.idempotencyKey }, select: { seq: true } });
  if (existing) return false;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS;
  const data = e.data ?? {};
  const hash = auditHash(prevHash, { ...e, data });
  await tx.auditEvent.create({
    data: {
      idempotencyKey: e.idempotencyKey,
      at: e.at,
      actorUserId: e.actor.userId,
      actorName: e.actor.name,
      actorRole: e.actor.role,
      actorDepartmentId: e.actor.departmentId,
      action: e.action,
      decisionId: e.decisionId ?? null,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      data: data as Prisma.InputJsonValue,
      prevHash,
      hash,
    },
  });
  return true;
}

export function auditHash(prevHash: string, e: Omit<AuditInput, 'data'> & { data: unknown }): string {
  const body = JSON.stringify([prevHash, e.idempotencyKey, e.at.toISOString(), e.actor, e.action, e.decisionId ?? null, e.subjectType, e.subjectId, e.data]);
  return createHash('sha256').update(body).digest('hex');
}

export const engineActor = { userId: null, name: '系统', role: 'engine', departmentId: null } as const;
