/**
 * TEST FIXTURE keys for the Temporal payload codec and message seals: used by the test harnesses only, never by
 * `npm start` (data/temporal-keys.json) or production (YIFA_PAYLOAD_KEYS / YIFA_MESSAGE_KEYS).
 */
import type { TemporalKeys } from '../../scripts/lib/temporal-security/keys.js';

const fixture = (label: string) => Buffer.alloc(32, `yifa-test-fixture-${label}-`).toString('base64');

export const TEST_FIXTURE_TEMPORAL_KEYS: TemporalKeys = {
  payload: { current: 'test-fixture-1', keys: { 'test-fixture-1': fixture('payload') } },
  message: { current: 'test-fixture-1', keys: { 'test-fixture-1': fixture('message') } },
};

/** The same fixture keys as a production process reads them (YIFA_PAYLOAD_KEYS, YIFA_MESSAGE_KEYS). */
export const TEST_FIXTURE_KEY_ENV = {
  YIFA_PAYLOAD_KEYS: Object.entries(TEST_FIXTURE_TEMPORAL_KEYS.payload.keys)
    .map(([id, k]) => `${id}:${k}`)
    .join(','),
  YIFA_MESSAGE_KEYS: Object.entries(TEST_FIXTURE_TEMPORAL_KEYS.message.keys)
    .map(([id, k]) => `${id}:${k}`)
    .join(','),
};
