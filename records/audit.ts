/**
 * The audit trail (R38): append-only events written in the same transaction as the change they describe. A
 * retried write with the same idempotency key is a no-op.
 *
 * Events form one hash chain per scope (a decision, a standalone review, a meeting, or the city: see
 * auditScopeOf), so writes for different decisions do not wait on each other. Each event's hash is SHA-256 over
 * the RFC 8785 (JCS) canonical form of its record (see auditRecord), computed from exactly what is stored: data
 * is reduced to its JSON form before hashing and storing, `at` has millisecond precision like the column, so
 * the chain recomputes from the rows read back (records/audit-verify.ts).
 */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { Prisma } from '../generated/prisma/client.js';
import {
  auditScopeOf,
  checkAuditData,
  isAuditAction,
  AuditActorSchema,
  AuditEventError,
  type AuditAction,
  type AuditActor,
} from '../domain/audit-events.js';

export { engineActor, auditActor } from '../domain/audit-events.js';
export type Tx = Prisma.TransactionClient;

export interface AuditInput {
  idempotencyKey: string;
  at: Date;
  actor: AuditActor;
  action: AuditAction;
  decisionId?: string | null;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

/** RFC 8785 (the package is CommonJS: its default import is the function itself). */
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export const GENESIS = '0'.repeat(64);
export const HASH_SCHEME = 'jcs-sha256/1';

/** The fields of a stored event the hash covers (the row's columns, as read back). */
export interface AuditRow {
  scope: string;
  scopeSeq: number;
  prevHash: string;
  idempotencyKey: string;
  at: Date;
  actorUserId: string | null;
  actorName: string;
  actorRole: string;
  actorDepartmentId: string | null;
  action: string;
  decisionId: string | null;
  subjectType: string;
  subjectId: string;
  data: unknown;
}

/** The record that is hashed: a defined object, serialised by JCS (sorted keys, ES number forms). */
export function auditRecord(r: AuditRow) {
  return {
    scheme: HASH_SCHEME,
    scope: r.scope,
    scopeSeq: r.scopeSeq,
    prevHash: r.prevHash,
    key: r.idempotencyKey,
    at: r.at.toISOString(),
    actor: { userId: r.actorUserId, name: r.actorName, role: r.actorRole, departmentId: r.actorDepartmentId },
    action: r.action,
    subject: { type: r.subjectType, id: r.subjectId, decisionId: r.decisionId },
    data: r.data ?? {},
  };
}

export function auditHash(r: AuditRow): string {
  const body = canonicalize(auditRecord(r));
  if (body === undefined) throw new AuditEventError('audit record has no canonical form');
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Data in the form jsonb gives it back: undefined dropped (null in arrays), dates as ISO strings. */
export function storedJson(data: Record<string, unknown> | undefined): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>;
}

/** The advisory-lock key of a scope's chain (two 32-bit halves of its SHA-256, as one bigint). */
export function scopeLockKey(scope: string): bigint {
  return createHash('sha256').update(`yifa-audit:${scope}`).digest().readBigInt64BE(0);
}

/** An event checked against the list of actions and its schema: its stored data, instant, actor and scope. */
function checkedEvent(e: AuditInput) {
  if (!isAuditAction(e.action))
    throw new AuditEventError(
      `audit action '${e.action}' is not in the list of audit actions (domain/audit-events.ts)`,
    );
  const actor = AuditActorSchema.safeParse(e.actor);
  if (!actor.success)
    throw new AuditEventError(
      `audit event '${e.action}' has an invalid actor: ${actor.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  // "X for Y" (issue 16 §4): the substitute's principal travels in the event's data, which the hash covers; the
  // append-only table's columns stay as they are (DDL on it is logged as break-glass, R38).
  const onBehalfOf = 'onBehalfOf' in actor.data ? actor.data.onBehalfOf : undefined;
  const data = storedJson(onBehalfOf ? { ...e.data, onBehalfOf } : e.data);
  checkAuditData(e.action, data);
  const at = new Date(e.at.getTime());
  if (Number.isNaN(at.getTime())) throw new AuditEventError(`audit event '${e.action}' has an invalid time`);
  const scope = auditScopeOf({ decisionId: e.decisionId, subjectType: e.subjectType, subjectId: e.subjectId, data });
  return { e, actor: actor.data, data, at, scope };
}

type Checked = ReturnType<typeof checkedEvent>;
type Head = { hash: string; scopeSeq: number | null } | null;

function chainedRow(c: Checked, head: Head): AuditRow {
  return {
    scope: c.scope,
    scopeSeq: (head?.scopeSeq ?? 0) + 1,
    prevHash: head?.hash ?? GENESIS,
    idempotencyKey: c.e.idempotencyKey,
    at: c.at,
    actorUserId: c.actor.userId,
    actorName: c.actor.name,
    actorRole: c.actor.role,
    actorDepartmentId: c.actor.departmentId,
    action: c.e.action,
    decisionId: c.e.decisionId ?? null,
    subjectType: c.e.subjectType,
    subjectId: c.e.subjectId,
    data: c.data,
  };
}

/** Appends one event to its scope's chain; returns false when an event with this key already exists. */
export async function appendAudit(tx: Tx, e: AuditInput): Promise<boolean> {
  const [fresh] = await appendAuditMany(tx, [e]);
  return fresh === true;
}

/**
 * Which of these keys are stored, and the head of each of these chains, in one statement (the lock is taken
 * before it, in its own statement, so this one reads what the previous holder committed).
 */
async function storedKeysAndHeads(tx: Tx, keys: string[], scopes: string[]) {
  const rows = await tx.$queryRaw<
    Array<{ key: string | null; scope: string | null; hash: string | null; scopeSeq: number | null }>
  >`
    SELECT "idempotencyKey" AS key, NULL::text AS scope, NULL::text AS hash, NULL::int AS "scopeSeq"
      FROM "AuditEvent" WHERE "idempotencyKey" = ANY(${keys}::text[])
    UNION ALL
    SELECT NULL, s.scope, h.hash, h."scopeSeq"
      FROM unnest(${scopes}::text[]) AS s(scope)
      CROSS JOIN LATERAL (
        SELECT "hash", "scopeSeq" FROM "AuditEvent" WHERE "scope" = s.scope ORDER BY "scopeSeq" DESC LIMIT 1
      ) AS h`;
  const stored = new Set<string>();
  const heads = new Map<string, Head>();
  for (const r of rows) {
    if (r.key !== null) stored.add(r.key);
    else if (r.scope !== null && r.hash !== null) heads.set(r.scope, { hash: r.hash, scopeSeq: r.scopeSeq });
  }
  return { stored, heads };
}

/**
 * Appends events in order, as one after the other would be, in three statements: each scope's lock is taken
 * (scopes in sorted order, one statement), the stored keys and each chain's head are read together, and the new
 * rows are inserted together. Returns, per event, whether it was fresh (its key not yet stored).
 */
export async function appendAuditMany(tx: Tx, events: AuditInput[]): Promise<boolean[]> {
  if (!events.length) return [];
  const checked = events.map(checkedEvent);
  const scopes = [...new Set(checked.map((c) => c.scope))].sort();
  const locks = scopes.map(scopeLockKey);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(k) FROM unnest(${locks}::bigint[]) AS l(k)`;
  const { stored, heads } = await storedKeysAndHeads(
    tx,
    checked.map((c) => c.e.idempotencyKey),
    scopes,
  );
  const rows: Prisma.AuditEventCreateManyInput[] = [];
  const fresh: boolean[] = [];
  for (const c of checked) {
    if (stored.has(c.e.idempotencyKey)) {
      fresh.push(false);
      continue;
    }
    stored.add(c.e.idempotencyKey);
    const row = chainedRow(c, heads.get(c.scope) ?? null);
    const hash = auditHash(row);
    heads.set(c.scope, { hash, scopeSeq: row.scopeSeq });
    rows.push({ ...row, data: c.data as Prisma.InputJsonValue, hash });
    fresh.push(true);
  }
  if (rows.length) await tx.auditEvent.createMany({ data: rows });
  return fresh;
}
