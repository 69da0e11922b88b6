/** Issue 14 item 3: the documents a step's payload chooses are of the right kind, and a revised draft is new. */
import {
  chosenDocumentViolations,
  currentMaterials,
  FIELD_DOCUMENT_KINDS,
  type DocumentRef,
} from '../../domain/document-policy.js';
import { documentRefs } from '../../records/document-versions.js';
import { referencedDocumentIds } from '../../domain/tasks/fields.js';
import { ruleRefusal } from '../errors.js';
import type { ServiceContext } from './context.js';

/**
 * Refuses (409 naming the rule) a payload that picks a non-draft as the draft or resubmits the unchanged draft.
 * `known`: the payload's documents as the caller has just read them (then they are not read again).
 */
export async function checkChosenDocuments(
  ctx: ServiceContext,
  payload: unknown,
  currentDraft: () => Promise<DocumentRef | undefined>,
  known?: readonly DocumentRef[],
): Promise<void> {
  if (!payload || typeof payload !== 'object') return;
  const fields = Object.entries(payload as Record<string, unknown>).filter(([k]) => k in FIELD_DOCUMENT_KINDS);
  if (!fields.length) return;
  const ids = fields.flatMap(([, v]) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string');
  const refs = known ?? (await documentRefs(ctx.prisma, ids));
  const chosen = fields.flatMap(([field, v]) =>
    (Array.isArray(v) ? v : [v]).flatMap((id) => refs.filter((r) => r.id === id).map((doc) => ({ field, doc }))),
  );
  const current = fields.some(([k]) => k === 'revisedDraftDocumentId') ? await currentDraft() : undefined;
  const violations = chosenDocumentViolations(chosen, current);
  if (violations.length) throw ruleRefusal(violations);
}

/** A decision's draft as last submitted through a step (what the reviewer reviewed, or the meeting received). */
export async function decisionCurrentDraft(ctx: ServiceContext, decisionId: string): Promise<DocumentRef | undefined> {
  const records = await ctx.prisma.stageRecord.findMany({
    where: { decisionId },
    orderBy: { createdAt: 'asc' },
    select: { documents: true },
  });
  return currentMaterials(records.map((r) => ({ documents: r.documents as unknown as DocumentRef[] }))).find(
    (d) => d.kind === 'draft',
  );
}

/** A standalone review's draft as its reviewer last saw it. */
export async function reviewCurrentDraft(ctx: ServiceContext, reviewId: string): Promise<DocumentRef | undefined> {
  const task = await ctx.prisma.task.findFirst({
    where: { reviewId, kind: 'review_legality' },
    orderBy: { openedAt: 'desc' },
    select: { context: true },
  });
  const materials = (task?.context as { materials?: { draftDocumentId?: string } } | null)?.materials;
  const [draft] = await documentRefs(
    ctx.prisma,
    referencedDocumentIds({ draftDocumentId: materials?.draftDocumentId }),
  );
  return draft;
}
