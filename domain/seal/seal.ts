/**
 * Sealed messages: the API (and a workflow signalling another) seals every update and signal it sends with an
 * HMAC over what the message says and where it goes; the receiving workflow checks the seal before the message
 * is accepted. Whoever can reach the Temporal frontend, even with the payload key, cannot speak for a person
 * without the message key. Pure: the same code runs in the API and in the workflow sandbox.
 */
import { fromHex, hmacSha256, sameBytes, toHex, utf8 } from './sha256.js';

/** Header carrying the seal (Temporal message headers, next to the arguments). */
export const SEAL_HEADER = 'yifa-seal';

/** Keys by id (hex); `current` seals, every listed key still verifies (rotation). */
export interface MessageKeys {
  current?: string;
  keys: Record<string, string>;
}

export const NO_MESSAGE_KEYS: MessageKeys = { keys: {} };

export interface Seal {
  v: 1;
  keyId: string;
  issuedAt: string;
  mac: string;
}

export interface SealedMessage {
  kind: 'update' | 'signal';
  name: string;
  workflowId: string;
  /** The update id (so a captured seal cannot be replayed under another id); absent for signals. */
  messageId?: string;
  args: unknown[];
}

export type SealCheck = 'ok' | 'missing' | 'unknown_key' | 'bad_mac';

/**
 * RFC 8785 (JCS) for JSON values: keys sorted by UTF-16 code units, numbers and strings as ECMAScript's JSON
 * serialises them. Values are what JSON carries (undefined members are dropped, as JSON does).
 */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const entries = Object.keys(v as object)
    .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

function macOf(keyHex: string, m: SealedMessage, issuedAt: string): Uint8Array {
  const text = canonicalJson(['yifa.seal.v1', m.kind, m.name, m.workflowId, m.messageId ?? null, issuedAt, m.args]);
  return hmacSha256(fromHex(keyHex) ?? new Uint8Array(), utf8(text));
}

/** Seals a message with the current key. */
export function sealMessage(keys: MessageKeys, m: SealedMessage, issuedAt: string): Seal {
  const keyId = keys.current;
  if (!keyId || !keys.keys[keyId]) throw new Error('no current message key: messages cannot be sealed');
  return { v: 1, keyId, issuedAt, mac: toHex(macOf(keys.keys[keyId], m, issuedAt)) };
}

/** Checks a seal against the message as received (arguments after their JSON round trip). */
export function checkSeal(keys: MessageKeys, m: SealedMessage, seal: unknown): SealCheck {
  const s = seal as Partial<Seal> | undefined;
  if (s?.v !== 1 || typeof s.keyId !== 'string' || typeof s.issuedAt !== 'string' || typeof s.mac !== 'string')
    return 'missing';
  const key = Object.hasOwn(keys.keys, s.keyId) ? keys.keys[s.keyId] : undefined;
  if (!key) return 'unknown_key';
  const mac = fromHex(s.mac);
  return mac && sameBytes(mac, macOf(key, m, s.issuedAt)) ? 'ok' : 'bad_mac';
}
