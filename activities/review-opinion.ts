/**
 * R19: the review opinion is issued as an official document with a number: a yearly sequence per kind
 * (`法审〔2026〕12号` for decisions, `法规审〔…〕` normative documents, `法合审〔…〕` contracts; prefixes are data).
 * The number, the .docx and the queue's row are written in one transaction; a retry returns the first number.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { ReviewKind } from '../domain/review/kinds.js';
import type { ReviewLegality } from '../domain/tasks/legality-review.js';
import { appendAudit, engineActor } from '../records/audit.js';
import type { DocumentRef } from '../domain/document-policy.js';
import { addDocumentVersion, decisionOwner, reviewOwner } from '../records/document-versions.js';
import { renderReviewOpinion } from '../records/documents/review-opinion.js';
import { nextSequence, shanghaiYear } from '../records/sequence.js';
import { reviewSettings } from '../records/review-settings.js';
import { notifyOpinionIssued } from '../records/progress-notices.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface IssuedOpinion {
  opinionNo: string;
  documentId: string;
}

/** The sequence a kind's opinions are numbered in (decisions keep the sequence they had before the other kinds came). */
export const opinionSequence = (kind: ReviewKind) =>
  kind === 'decision' ? 'legality_review_opinion' : `review_opinion_${kind}`;

export function createReviewOpinionActivities(prisma: PrismaClient) {
  return {
    async issueReviewOpinion(a: {
      reviewId: string;
      kind: ReviewKind;
      reviewerUserId: string;
      checkerUserId?: string;
      signOffTaskId?: string;
      opinion: ReviewLegality;
    }): Promise<IssuedOpinion> {
      return prisma.$transaction(async (tx) => {
        const review = await tx.review.findUniqueOrThrow({ where: { id: a.reviewId } });
        if (review.opinionNo && review.opinionDocumentId)
          return { opinionNo: review.opinionNo, documentId: review.opinionDocumentId };
        const issuedAt = new Date();
        const year = shanghaiYear(issuedAt);
        const settings = await reviewSettings(tx, a.kind);
        const prefix =
          a.kind === 'decision' ? (process.env.YIFA_REVIEW_ORGAN_ABBR ?? settings.numberPrefix) : settings.numberPrefix;
        const seq = await nextSequence(tx, opinionSequence(a.kind), year);
        const opinionNo = `${prefix}〔${year}〕${seq}号`;

        const signOff = a.signOffTaskId
          ? await tx.task.findUnique({ where: { id: a.signOffTaskId }, select: { completedById: true } })
          : null;
        const signedOffById = signOff?.completedById ?? undefined;
        const names = await tx.user.findMany({
          where: { id: { in: [a.reviewerUserId, a.checkerUserId, signedOffById].filter((x): x is string => !!x) } },
          select: { id: true, displayName: true },
        });
        const name = (id?: string) => names.find((n) => n.id === id)?.displayName;
        const [department, justice] = await Promise.all([
          tx.department.findUnique({ where: { id: review.departmentId }, select: { nameZh: true } }),
          tx.department.findFirst({ where: { kind: 'justice' }, select: { nameZh: true } }),
        ]);
        const confirmedFlags = await tx.reviewFlag.findMany({
          where: { reviewId: review.id, status: 'confirmed' },
          orderBy: { id: 'asc' },
        });
        const buffer = await renderReviewOpinion({
          kind: a.kind,
          opinionNo,
          subjectNumber: review.subjectNumber,
          title: review.title,
          addressee: department?.nameZh ?? review.departmentId,
          opinion: a.opinion,
          confirmedFlags,
          reviewerName: name(a.reviewerUserId) ?? a.reviewerUserId,
          checkerName: name(a.checkerUserId),
          signedOffBy: name(signedOffById),
          issuedAt,
          organ: justice?.nameZh ?? '市司法局',
          confidential: review.decisionId
            ? (await tx.decision.findUnique({ where: { id: review.decisionId }, select: { confidential: true } }))
                ?.confidential === true
            : false,
        });
        const documentId = randomUUID();
        const file = {
          id: documentId,
          kind: 'review_opinion',
          fileName: `${opinionNo}合法性审查意见书.docx`,
          mimeType: DOCX,
          content: buffer,
          uploadedById: null,
          createdAt: issuedAt,
        };
        const stored = await addDocumentVersion(
          tx,
          review.decisionId ? decisionOwner(review.decisionId) : reviewOwner(review.id),
          file,
        );
        if (review.decisionId) {
          // The opinion issued and the versions its reviewer reviewed (recorded with the review task).
          const reviewed = await tx.stageRecord.findFirst({
            where: { decisionId: review.decisionId, kind: 'review_legality', taskId: { startsWith: `${review.id}:` } },
            orderBy: { createdAt: 'desc' },
            select: { documents: true },
          });
          const documents = [
            {
              id: stored.id,
              kind: stored.kind,
              version: stored.version,
              sha256: stored.sha256,
              fileName: stored.fileName,
            },
            ...((reviewed?.documents as unknown as DocumentRef[] | undefined) ?? []),
          ];
          await tx.stageRecord.create({
            data: {
              id: `rec:${review.id}:opinion`,
              decisionId: review.decisionId,
              stage: 'legality_review',
              kind: 'review_opinion',
              reference: opinionNo,
              data: {
                outcome: a.opinion.outcome,
                opinion: a.opinion,
                reviewerUserId: a.reviewerUserId,
                documentId,
              } as unknown as Prisma.InputJsonValue,
              documents: documents as unknown as Prisma.InputJsonValue,
              recordedById: a.reviewerUserId,
            },
          });
        }
        await tx.review.update({
          where: { id: review.id },
          data: { opinionNo, opinionDocumentId: documentId, outcome: a.opinion.outcome, issuedAt, status: 'issued' },
        });
        await appendAudit(tx, {
          idempotencyKey: `review.opinion_issued:${review.id}`,
          at: issuedAt,
          actor: engineActor,
          action: 'review.opinion_issued',
          decisionId: review.decisionId,
          subjectType: 'review_opinion',
          subjectId: review.id,
          data: {
            rule: 'R19',
            reference: opinionNo,
            outcome: a.opinion.outcome,
            documentId,
            sha256: stored.sha256,
            version: stored.version,
          },
        });
        await notifyOpinionIssued(tx, {
          reviewId: review.id,
          decisionId: review.decisionId,
          opinionNo,
          outcome: a.opinion.outcome,
          at: issuedAt,
        });
        return { opinionNo, documentId };
      });
    },
  };
}
