/**
 * Activities that write the procedure's records and read model. Each is keyed (task id, workflow step), so a
 * retried activity never writes twice, and writes its audit event in the same transaction.
 */
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Actor } from '../domain/roles.js';
import type { TaskView } from '../domain/procedure.js';
import type { StageState } from '../domain/stages.js';
import { appendAudit, engineActor, auditActor } from '../records/audit.js';
import { auditAction, type AuditActor } from '../domain/audit-events.js';
import { currentMaterials, type DocumentRef } from '../domain/document-policy.js';
import { referencedDocumentIds } from '../domain/tasks/fields.js';
import { documentRefs } from '../records/document-versions.js';
import type { Tx } from '../records/audit.js';

/** Steps that rely on the procedure's current materials (R21-R27): they record the versions they relied on. */
const RELIES_ON_MATERIALS = new Set([
  'approve_submission',
  'report_to_party_committee',
  'place_on_agenda',
  'publish_decision',
]);

/**
 * The exact document versions a step saw (issue 9 §1): those its payload names, those its task showed (the
 * reviewer's materials), and for the steps that rely on them the current materials as last submitted.
 */
export async function stepDocuments(
  tx: Tx,
  decisionId: string,
  t: Pick<TaskView, 'kind' | 'context'>,
  payload: unknown,
): Promise<DocumentRef[]> {
  const named = await documentRefs(tx, [...referencedDocumentIds(t.context), ...referencedDocumentIds(payload)]);
  if (!RELIES_ON_MATERIALS.has(t.kind)) return named;
  const records = await tx.stageRecord.findMany({
    where: { decisionId },
    orderBy: { createdAt: 'asc' },
    select: { documents: true },
  });
  const materials = currentMaterials(records.map((r) => ({ documents: r.documents as unknown as DocumentRef[] })));
  return [...materials, ...named.filter((n) => !materials.some((m) => m.id === n.id))];
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

export function createRecordActivities(prisma: PrismaClient) {
  return {
    /** Mirrors where the procedure stands into the decision's row (read model) with an engine audit event. */
    async syncDecision(a: {
      decisionId: string;
      eventKey: string;
      seq: number;
      event: string;
      data: Record<string, unknown>;
      stage: string;
      status: string;
      stageStates: Record<string, StageState>;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const fresh = await appendAudit(tx, {
          idempotencyKey: a.eventKey,
          at: new Date(),
          actor: engineActor,
          action: auditAction(`procedure.${a.event}`),
          decisionId: a.decisionId,
          subjectType: 'decision',
          subjectId: a.decisionId,
          data: { ...a.data, stage: a.stage, status: a.status },
        });
        // Concurrent stages sync concurrently: only a newer state than the one stored is written.
        if (fresh)
          await tx.decision.updateMany({
            where: { id: a.decisionId, syncSeq: { lt: a.seq } },
            data: {
              stage: a.stage,
              status: a.status,
              stageStates: json(a.stageStates),
              workflowStarted: true,
              syncSeq: a.seq,
            },
          });
      });
    },

    /** A step the engine took (e.g. materials returned for supplement), recorded once. */
    async recordEngineEvent(a: {
      decisionId: string;
      key: string;
      action: string;
      data: Record<string, unknown>;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const fresh = await appendDecisionEvent(tx, {
          ...a,
          actor: engineActor,
          stage: String(a.data.stage ?? 'legality_review'),
        });
        // R30, R31: an evaluation that suspends or terminates the decision changes its status; continuing after a suspension restores it.
        if (fresh && a.action === 'evaluation.concluded') {
          const status = decisionStatusAfterEvaluation(
            a.data.status,
            (await tx.decision.findUniqueOrThrow({ where: { id: a.decisionId }, select: { status: true } })).status,
          );
          if (status) await tx.decision.update({ where: { id: a.decisionId }, data: { status } });
        }
      });
    },

    /** A person's action the workflow accepted outside a task (e.g. withdrawal), recorded once. */
    async recordPersonEvent(a: {
      decisionId: string;
      key: string;
      actor: Actor;
      action: string;
      data: Record<string, unknown>;
    }): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const fresh = await appendDecisionEvent(tx, {
          ...a,
          actor: auditActor(a.actor),
          stage: String(a.data.stage ?? ''),
          recordedById: a.actor.userId,
        });
        // R31: the chief executive's emergency suspension: the decision is suspended until an evaluation resumes or adjusts it.
        if (fresh && a.action === 'implementation.emergency_suspended')
          await tx.decision.update({ where: { id: a.decisionId }, data: { status: 'suspended' } });
      });
    },
  };
}

/**
 * One event on a decision outside a task: its audit event (once per key) and, when fresh, its stage record.
 * Returns whether it was fresh, so the caller applies its consequences once.
 */
async function appendDecisionEvent(
  tx: Tx,
  e: {
    decisionId: string;
    key: string;
    actor: AuditActor;
    action: string;
    data: Record<string, unknown>;
    stage: string;
    recordedById?: string;
  },
): Promise<boolean> {
  const fresh = await appendAudit(tx, {
    idempotencyKey: e.key,
    at: new Date(),
    actor: e.actor,
    action: auditAction(e.action),
    decisionId: e.decisionId,
    subjectType: 'decision',
    subjectId: e.decisionId,
    data: e.data,
  });
  if (fresh)
    await tx.stageRecord.create({
      data: {
        id: `rec:${e.key}`,
        decisionId: e.decisionId,
        stage: e.stage,
        kind: e.action,
        data: json(e.data),
        ...(e.recordedById ? { recordedById: e.recordedById } : {}),
      },
    });
  return fresh;
}

/** The decision's status after an evaluation concluded with the given implementation status, if it changes. */
export function decisionStatusAfterEvaluation(
  implementation: unknown,
  current: string,
): 'suspended' | 'terminated' | 'closed' | undefined {
  if (implementation === 'suspended' || implementation === 'terminated') return implementation;
  if (implementation === 'implementing' && current === 'suspended') return 'closed';
  return undefined;
}
