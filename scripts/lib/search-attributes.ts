import type { Connection } from '@temporalio/client';
import { temporalConfig } from '../../temporal.config.js';

/** temporal.api.enums.v1.IndexedValueType values (KEYWORD = 2, BOOL = 5, DATETIME = 6). */
const TYPES = { Keyword: 2, Bool: 5, Datetime: 6 } as const;

/** Registers the search attributes the workflows upsert (stage, department, overdue); already registered is fine. */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const wanted = temporalConfig().searchAttributes;
  const existing = await connection.operatorService.listSearchAttributes({ namespace }).catch(() => undefined);
  const known = new Set(Object.keys(existing?.customAttributes ?? {}));
  const missing = Object.entries(wanted).filter(([name]) => !known.has(name));
  if (!missing.length) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, TYPES[type]])) as never,
  });
}
