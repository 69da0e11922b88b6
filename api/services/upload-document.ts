import { MAX_DOCUMENT_BYTES, type UploadDocument } from '../../domain/documents.js';
import { documentAdditionVerdict } from '../../domain/document-policy.js';
import { appendAudit, auditActor } from '../../records/audit.js';
import { addDocumentVersion, decisionOwner } from '../../records/document-versions.js';
import type { Role } from '../../domain/roles.js';
import { AppError, notFound, ruleRefusal } from '../errors.js';
import { requireFullDecision } from './access.js';
import type { ServiceContext, SessionUser } from './context.js';

/**
 * Stores a document immutably with its SHA-256; uploading the same kind again makes a new version. Who may add
 * which kind, and when, is domain/document-policy.ts: a refusal is 403 (role) or 409 (stage, sealed dossier)
 * naming the rule.
 */
export async function uploadDocument(ctx: ServiceContext, user: SessionUser, decisionId: string, doc: UploadDocument) {
  // Only someone who reads the decision in full adds to it (404 / 403 as the access policy says).
  await requireFullDecision(ctx, user, decisionId);
  const content = Buffer.from(doc.contentBase64, 'base64');
  if (content.length > MAX_DOCUMENT_BYTES)
    throw new AppError(413, 'too_large', 'error.too_large', { zh: '文件过大', en: 'File too large' });
  return ctx.prisma.$transaction(async (tx) => {
    const decision = await tx.decision.findUnique({
      where: { id: decisionId },
      select: { id: true, stage: true, status: true, leadDepartmentId: true },
    });
    if (!decision) throw notFound('决策');
    const [sealed, openSteps] = await Promise.all([
      tx.dossier.findUnique({ where: { decisionId }, select: { decisionId: true } }),
      tx.task.findMany({ where: { decisionId, status: 'open' }, select: { kind: true, role: true } }),
    ]);
    const verdict = documentAdditionVerdict({
      kind: doc.kind,
      roles: user.roles as Role[],
      inLeadDepartment: user.departmentId === decision.leadDepartmentId,
      decision: { stage: decision.stage, status: decision.status, sealed: !!sealed },
      openSteps,
    });
    if (!verdict.allowed) {
      if (verdict.status === 409) throw ruleRefusal([verdict.violation]);
      throw new AppError(403, 'forbidden', verdict.violation.messageKey, verdict.violation.message, {
        rule: verdict.violation.rule,
        violations: [verdict.violation],
      });
    }
    const row = await addDocumentVersion(tx, decisionOwner(decisionId), {
      kind: doc.kind,
      fileName: doc.fileName,
      mimeType: doc.mimeType,
      content,
      uploadedById: user.id,
    });
    await appendAudit(tx, {
      idempotencyKey: `document.uploaded:${row.id}`,
      at: row.createdAt,
      actor: auditActor(user, verdict.role),
      action: 'document.uploaded',
      decisionId,
      subjectType: 'document',
      subjectId: row.id,
      data: { kind: doc.kind, fileName: doc.fileName, sha256: row.sha256, version: row.version },
    });
    return row;
  });
}
