/** Per kind of review: the center's settings as data (ReviewKindSetting), else the R17 defaults. */
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ReviewKind } from '../domain/review/kinds.js';
import { DEFAULT_REVIEW_SETTINGS, type ReviewSettings } from '../domain/rules/legality-review.js';
import type { Tx } from './audit.js';

export async function reviewSettings(db: Tx | PrismaClient, kind: ReviewKind): Promise<ReviewSettings> {
  const row = await db.reviewKindSetting.findUnique({ where: { kind } });
  return row
    ? {
        weight: row.weight,
        targetWorkingDays: row.targetWorkingDays,
        secondCheck: row.secondCheck,
        directorSignOff: row.directorSignOff,
        numberPrefix: row.numberPrefix,
      }
    : DEFAULT_REVIEW_SETTINGS[kind];
}
