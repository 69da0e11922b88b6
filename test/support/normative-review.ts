/**
 * The calendar tests' normative document (某市户外广告设置管理办法): submitted complete by 市场监管局's drafter, so
 * that its legality review opens the R17 review task at once; the tests then move the calendar under its clock.
 */
import { submitForReview } from '../../api/services/review-submit.js';
import type { SubmitForReview } from '../../domain/review/submission.js';
import { eventually } from '../workflows/steps.js';
import type { Harness } from './temporal.js';

/** A plain-text file as a submission or upload carries it. */
export const textFile = (fileName: string, text: string) => ({
  fileName,
  mimeType: 'text/plain',
  contentBase64: Buffer.from(text).toString('base64'),
});

/** Submits the document with every material R16 asks for; returns the review's id and its open review task. */
export async function submitCompleteNormativeDocument(h: Harness) {
  const { id } = await submitForReview(h.ctx, await h.user('drafter.scjgj'), {
    kind: 'normative_document',
    title: '某市户外广告设置管理办法',
    draft: textFile('办法.txt', '第一条 为规范户外广告设置，制定本办法。'),
    explanation: textFile('起草说明.txt', '起草说明'),
    legalBasis: ['《中华人民共和国广告法》'],
    consultationSummary: '已在政府网站公开征求意见30日，收到意见12条，采纳8条。',
  } as SubmitForReview);
  const review = await eventually(
    () => h.db.prisma.task.findFirst({ where: { reviewId: id, kind: 'review_legality', status: 'open' } }),
    'the review task',
  );
  return { id, review };
}
