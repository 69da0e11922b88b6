import { z } from 'zod';

/** Shared field shapes of task payloads. */
export const text = (max = 2000) => z.string().trim().min(1).max(max);
export const documentId = z.string().min(1).max(100);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const ADOPTION = ['adopted', 'partly_adopted', 'not_adopted'] as const;

/**
 * Every key of a payload that names an uploaded document ends in `DocumentId` or `DocumentIds`; the API checks
 * each belongs to the decision before the payload reaches the workflow.
 */
export function referencedDocumentIds(payload: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'string' && key && /DocumentIds?$/.test(key)) found.push(v);
  };
  walk(payload);
  return found;
}
