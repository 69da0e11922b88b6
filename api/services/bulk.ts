/**
 * Bulk actions with preview (issue 16 §5): the same single-item services, item by item. A preview runs each
 * item's checks only and answers what would happen; an execution runs each item on its own (its own transaction,
 * workflow update and audit event, as the single action does), keyed per item so a retried request does nothing
 * twice, and answers per item done or refused with the rule and the reason. Nothing here decides a rule.
 */
import { AppError } from '../errors.js';

export type BulkOutcome = 'will_do' | 'done' | 'refused';

export interface BulkItem {
  id: string;
  outcome: BulkOutcome;
  /** The rule a refusal names (R-id), or the kind of refusal when no rule applies (`forbidden`, `not_found`). */
  rule?: string;
  reason?: { zh: string; en: string };
  /** What the item does (or did): e.g. the reviewer it goes to. */
  effect?: Record<string, unknown>;
}

export interface BulkAnswer {
  total: number;
  /** Preview: items that would be done; execution: items done. */
  done: number;
  refused: number;
  items: BulkItem[];
}

/** One item's plan: its checks, and what it would do; throws the single service's refusal. */
export interface BulkStep<P> {
  plan: (id: string) => Promise<P>;
  effect: (p: P) => Record<string, unknown>;
  /** Does it; `key` is the item's own idempotency key. */
  run: (id: string, p: P, key: string | undefined) => Promise<unknown>;
}

/** Previews (`execute` false) or executes the items in order; a refusal of one item never stops the others. */
export async function runBulk<P>(
  ids: readonly string[],
  step: BulkStep<P>,
  execute: boolean,
  idempotencyKey?: string,
): Promise<BulkAnswer> {
  const items: BulkItem[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const p = await step.plan(id);
      if (execute) await step.run(id, p, idempotencyKey ? `${idempotencyKey}:${id}` : undefined);
      items.push({ id, outcome: execute ? 'done' : 'will_do', effect: step.effect(p) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      items.push({ id, outcome: 'refused', rule: err.extra.rule ?? err.code, reason: err.localized });
    }
  }
  const refused = items.filter((i) => i.outcome === 'refused').length;
  return { total: items.length, done: items.length - refused, refused, items };
}
