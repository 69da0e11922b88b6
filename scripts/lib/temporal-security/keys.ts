/**
 * The two Temporal keys and where they come from: the payload key (AES-256-GCM, encrypts every payload the
 * platform writes to Temporal) and the message key (HMAC-SHA-256, seals every update and signal the API sends).
 * Production: YIFA_PAYLOAD_KEYS and YIFA_MESSAGE_KEYS, each `id:base64[,id:base64…]`, the first id current (it
 * encrypts / seals), the others still decrypt / verify (rotation). `npm start` without them generates a
 * development pair into data/temporal-keys.json (mode 0600) on first start.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageKeys } from '../../../domain/seal/seal.js';

export interface KeyRing {
  current: string;
  /** base64 by id. */
  keys: Record<string, string>;
}

export interface TemporalKeys {
  payload: KeyRing;
  message: KeyRing;
}

export const DEV_KEYS_FILE = 'temporal-keys.json';

/** Parses `id:base64,id:base64`; throws naming the variable and the reason. */
export function parseKeyRing(name: string, value: string, bytes: { exactly?: number; atLeast?: number }): KeyRing {
  const keys: Record<string, string> = {};
  let current: string | undefined;
  for (const part of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = part.indexOf(':');
    const id = part.slice(0, at);
    const b64 = part.slice(at + 1);
    if (at < 1 || !/^[A-Za-z0-9._-]{1,64}$/.test(id))
      throw new Error(`${name}: "${part.slice(0, 20)}…" is not id:base64 (id of letters, digits, . _ -)`);
    const len = Buffer.from(b64, 'base64').length;
    if (bytes.exactly !== undefined && len !== bytes.exactly)
      throw new Error(`${name}: key ${id} has ${len} bytes, needs ${bytes.exactly}`);
    if (bytes.atLeast !== undefined && len < bytes.atLeast)
      throw new Error(`${name}: key ${id} has ${len} bytes, needs at least ${bytes.atLeast}`);
    if (keys[id]) throw new Error(`${name}: key id ${id} appears twice`);
    keys[id] = b64;
    current ??= id;
  }
  if (!current) throw new Error(`${name}: no key`);
  return { current, keys };
}

/** Keys from the environment; undefined when neither variable is set. */
export function temporalKeysFromEnv(env: NodeJS.ProcessEnv): TemporalKeys | undefined {
  const p = env.YIFA_PAYLOAD_KEYS;
  const m = env.YIFA_MESSAGE_KEYS;
  if (!p && !m) return undefined;
  if (!p || !m) throw new Error('YIFA_PAYLOAD_KEYS and YIFA_MESSAGE_KEYS are configured together');
  return {
    payload: parseKeyRing('YIFA_PAYLOAD_KEYS', p, { exactly: 32 }),
    message: parseKeyRing('YIFA_MESSAGE_KEYS', m, { atLeast: 32 }),
  };
}

/** A new key pair (`npm start`'s first run; `node --import tsx scripts/…` to print one for production). */
export function newTemporalKeys(id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`): TemporalKeys {
  return {
    payload: { current: id, keys: { [id]: randomBytes(32).toString('base64') } },
    message: { current: id, keys: { [id]: randomBytes(32).toString('base64') } },
  };
}

/** The development keys under the data folder, created on first use. */
export function devTemporalKeys(dataDir: string): { keys: TemporalKeys; created: boolean } {
  const file = join(dataDir, DEV_KEYS_FILE);
  if (existsSync(file)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as TemporalKeys;
    const ring = (name: string, r: KeyRing, bytes: { exactly?: number; atLeast?: number }) =>
      parseKeyRing(
        `${file} ${name}`,
        [r.current, ...Object.keys(r.keys).filter((k) => k !== r.current)].map((id) => `${id}:${r.keys[id]}`).join(','),
        bytes,
      );
    return {
      keys: {
        payload: ring('payload', raw.payload, { exactly: 32 }),
        message: ring('message', raw.message, { atLeast: 32 }),
      },
      created: false,
    };
  }
  mkdirSync(dataDir, { recursive: true });
  const keys = newTemporalKeys('dev1');
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { keys, created: true };
}

/** The message keys as the pure sealing code takes them (hex). */
export function messageKeysOf(ring: KeyRing): MessageKeys {
  return {
    current: ring.current,
    keys: Object.fromEntries(
      Object.entries(ring.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64').toString('hex')]),
    ),
  };
}
