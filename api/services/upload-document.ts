import { createHash, randomUUID } from 'node:crypto';
import { MAX_DOCUMENT_BYTES, type UploadDocument } from '../../domain/documents.js';
import { appendAudit, auditActor } from '../../activities/audit.js';
import { AppError, forbidden, notFound } from '../errors.js';
import type { ServiceContext, SessionUser } from './context.js';

/** Who may add documents to a decision: its drafting department, and the legal center and general office staff on it. */
const UPLOADER_ROLES = ['drafter', 'dept_head', 'reviewer', 'director', 'secretary'] as const;

/** Stores a document immutably with its SHA-256; uploading the same kind again makes a new version. */
export async function uploadDocument(ctx: ServiceContext, user: SessionUser, decisionId: string, doc: UploadDocument) {
  const decision = await ctx.prisma.decision.findUnique({ where: { id: decisionId } });
  if (!decision) throw notFound('决策');
  const role = user.roles.find((r) => (UPLOADER_ROLES as readonly string[]).includes(r));
  const ownDepartment = user.departmentId === decision.leadDepartmentId;
  if (!role || ((role === 'drafter' || role === 'dept_head') && !ownDepartment)) throw forbidden('无权为该决策上传文件', 'You may not add documents to this decision');
  const content = Buffer.from(doc.contentBase64, 'base64');
  if (content.length > MAX_DOCUMENT_BYTES) throw new AppError(413, 'too_large', 'error.too_large', { zh: '文件过大', en: 'File too large' });
  const sha256 = createHash('sha256').update(content).digest('hex');
  return ctx.prisma.$transaction(async (tx) => {
    const last = await tx.document.findFirst({ where: { decisionId, kind: doc.kind }, orderBy: { version: 'desc' }, select: { version: true } });
    const id = randomUUID();
    const row = await tx.document.create({
      data: { id, decisionId, kind: doc.kind, fileName: doc.fileName, mimeType: doc.mimeType, size: content.length, sha256, contentBase64: doc.contentBase64, version: (last?.version ?? 0) + 1, uploadedById: user.id },
      select: { id: true, kind: true, fileName: true, mimeType: true, size: true, sha256: true, version: true, createdAt: true },
    });
    await appendAudit(tx, {
      idempotencyKey: `document.uploaded:${id}`,
      at: row.createdAt,
      actor: auditActor(user, role),
      action: 'document.uploaded',
      decisionId,
      subjectType: 'document',
      subjectId: id,
      data: { kind: doc.kind, fileName: doc.fileName, sha256, version: row.version },
    });
    return row;
  });
}
