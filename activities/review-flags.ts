/**
 * Assisted review (R18, R20): reads the draft's text, finds the provisions and citations to flag
 * (domain/review/flags.ts) against the law library kept as data, and stores them as suggestions for the
 * reviewer. Keyed by review and draft, so a retry or a second pass over the same draft adds nothing.
 */
import JSZip from 'jszip';
import type { PrismaClient } from '../generated/prisma/client.js';
import { assistedReviewFlags } from '../domain/review/flags.js';
import type { ReviewKind } from '../domain/review/kinds.js';
import { appendAudit, engineActor } from '../records/audit.js';
import { localDate } from '../records/review-pool.js';

/** Plain text of an uploaded document: UTF-8 text as is, a .docx by its paragraphs; anything else is not read. */
export async function documentText(doc: {
  mimeType: string;
  fileName: string;
  contentBase64: string;
}): Promise<string> {
  const bytes = Buffer.from(doc.contentBase64, 'base64');
  if (doc.fileName.endsWith('.docx') || doc.mimeType.includes('wordprocessingml')) {
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
    if (!xml) return '';
    return xml
      .split(/<\/w:p>/)
      .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
      .join('\n');
  }
  if (doc.mimeType.startsWith('text/') || /\.(txt|md)$/.test(doc.fileName)) return bytes.toString('utf8');
  return '';
}

export function createReviewFlagActivities(prisma: PrismaClient) {
  return {
    /** Flags the draft (measures a normative document may not set; repealed, future or unknown legal bases). Returns the number of flags. */
    async analyseDraft(a: {
      reviewId: string;
      kind: ReviewKind;
      draftDocumentId?: string;
      legalBasis: string[];
      at: string;
    }): Promise<number> {
      const key = `review.flags:${a.reviewId}:${a.draftDocumentId ?? 'none'}`;
      if (await prisma.auditEvent.findUnique({ where: { idempotencyKey: key }, select: { seq: true } }))
        return prisma.reviewFlag.count({
          where: { reviewId: a.reviewId, id: { startsWith: `${a.reviewId}:${a.draftDocumentId ?? 'none'}:` } },
        });
      const doc = a.draftDocumentId ? await prisma.document.findUnique({ where: { id: a.draftDocumentId } }) : null;
      const text = doc ? await documentText(doc) : '';
      const library = await prisma.lawEntry.findMany();
      const flags = assistedReviewFlags({
        kind: a.kind,
        text,
        legalBasis: a.legalBasis,
        library,
        onDate: localDate(new Date(a.at)),
      });
      await prisma.$transaction(async (tx) => {
        const review = await tx.review.findUniqueOrThrow({ where: { id: a.reviewId }, select: { decisionId: true } });
        const fresh = await appendAudit(tx, {
          idempotencyKey: key,
          at: new Date(),
          actor: engineActor,
          action: 'review.flags_found',
          decisionId: review.decisionId,
          subjectType: 'review',
          subjectId: a.reviewId,
          data: { draftDocumentId: a.draftDocumentId, flags: flags.map((f) => ({ code: f.code, excerpt: f.excerpt })) },
        });
        if (!fresh) return;
        await tx.reviewFlag.createMany({
          data: flags.map((f, i) => ({
            id: `${a.reviewId}:${a.draftDocumentId ?? 'none'}:${i + 1}`,
            reviewId: a.reviewId,
            code: f.code,
            excerpt: f.excerpt,
            messageZh: f.message.zh,
            messageEn: f.message.en,
            checklistItem: f.checklistItem,
          })),
        });
      });
      return flags.length;
    },
  };
}
