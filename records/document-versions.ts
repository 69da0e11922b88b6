/**
 * The one document table (issue 9 §1): each row is an immutable version with its SHA-256, owned by a decision or
 * by a review without a decision. Writing a version and naming the versions a step saw both live here.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { DocumentRef } from '../domain/document-policy.js';
import type { Tx } from './audit.js';

export type DocumentOwner = { type: 'decision'; id: string } | { type: 'review'; id: string };
export const decisionOwner = (id: string): DocumentOwner => ({ type: 'decision', id });
export const reviewOwner = (id: string): DocumentOwner => ({ type: 'review', id });

/** The columns that key a row to its owner (a decision's row also carries the foreign key). */
export function ownerColumns(owner: DocumentOwner) {
  return { ownerType: owner.type, ownerId: owner.id, decisionId: owner.type === 'decision' ? owner.id : null };
}
export const ownedBy = (owner: DocumentOwner) => ({ ownerType: owner.type, ownerId: owner.id });

export interface NewVersion {
  id?: string;
  kind: string;
  fileName: string;
  mimeType: string;
  content: Buffer;
  uploadedById: string | null;
  createdAt?: Date;
}

export const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Adds the next version of a kind for its owner; never changes an existing row. */
export async function addDocumentVersion(tx: Tx, owner: DocumentOwner, v: NewVersion) {
  const last = await tx.document.findFirst({
    where: { ...ownedBy(owner), kind: v.kind },
    orderBy: { version: 'desc' },
    select: { version: true },
  });
  return tx.document.create({
    data: {
      id: v.id ?? randomUUID(),
      ...ownerColumns(owner),
      kind: v.kind,
      fileName: v.fileName,
      mimeType: v.mimeType,
      size: v.content.length,
      sha256: sha256Of(v.content),
      contentBase64: v.content.toString('base64'),
      version: (last?.version ?? 0) + 1,
      uploadedById: v.uploadedById,
      ...(v.createdAt ? { createdAt: v.createdAt } : {}),
    },
    select: {
      id: true,
      kind: true,
      fileName: true,
      mimeType: true,
      size: true,
      sha256: true,
      version: true,
      createdAt: true,
    },
  });
}

/** The exact versions named by ids (in the order given, unknown ids left out): what a step records as seen. */
export async function documentRefs(db: Tx | PrismaClient, ids: readonly string[]): Promise<DocumentRef[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await db.document.findMany({
    where: { id: { in: unique } },
    select: { id: true, kind: true, version: true, sha256: true, fileName: true },
  });
  return unique.flatMap((id) => rows.filter((r) => r.id === id));
}
