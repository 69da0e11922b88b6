import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { temporalConfig } from '../../temporal.config.js';

const TYPES = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
} as const;

/** Registers the search attributes the workflows upsert (stage, department, overdue); already registered is fine. */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const wanted = temporalConfig().searchAttributes;
  const existing = await connection.operatorService.listSearchAttributes({ namespace }).catch(() => undefined);
  const known = new Set(Object.keys(existing?.customAttributes ?? {}));
  const missing = Object.entries(wanted).filter(([name]) => !known.has(name));
  if (!missing.length) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, TYPES[type]])),
  });
}
