/** Yearly numbering (decisions' JC numbers are in records/decisions.ts; letters, opinions and meetings here). */
import type { Prisma } from '../generated/prisma/client.js';
import { chinaYear } from '../domain/china-time.js';

export function shanghaiYear(d: Date): number {
  return chinaYear(d);
}

/** Next number of a yearly sequence, in the caller's transaction (row lock: concurrent issuers queue). */
export async function nextSequence(tx: Prisma.TransactionClient, kind: string, year: number): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ lastSeq: number }>>`
    INSERT INTO "DocumentSequence" ("kind", "year", "lastSeq") VALUES (${kind}, ${year}, 1)
    ON CONFLICT ("kind", "year") DO UPDATE SET "lastSeq" = "DocumentSequence"."lastSeq" + 1
    RETURNING "lastSeq"`;
  return rows[0].lastSeq;
}
