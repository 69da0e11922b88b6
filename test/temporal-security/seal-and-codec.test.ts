import { createHmac, createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { hmacSha256, sha256, toHex, utf8 } from '../../domain/seal/sha256.js';
import { canonicalJson, checkSeal, sealMessage, type SealedMessage } from '../../domain/seal/seal.js';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  UnknownPayloadKeyError,
} from '../../scripts/lib/temporal-security/codec.js';
import {
  devTemporalKeys,
  messageKeysOf,
  newTemporalKeys,
  parseKeyRing,
  temporalKeysFromEnv,
} from '../../scripts/lib/temporal-security/keys.js';

describe('the pure SHA-256 and HMAC the workflow sandbox uses', () => {
  it('agree with node:crypto on any bytes and keys (including keys longer than a block)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 150 }), (msg, key) => {
        expect(toHex(sha256(msg))).toBe(createHash('sha256').update(msg).digest('hex'));
        expect(toHex(hmacSha256(key, msg))).toBe(createHmac('sha256', key).update(msg).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('encode text as UTF-8 like Node, Chinese and astral characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(Buffer.from(utf8(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
      }),
    );
    expect(Buffer.from(utf8('依法决策𠀀')).toString('utf8')).toBe('依法决策𠀀');
  });

  it('canonical JSON is RFC 8785 (as the canonicalize package writes it)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe((canonicalize as unknown as (x: unknown) => string)(v));
      }),
    );
  });
});

describe('message seals', () => {
  const keys = messageKeysOf(newTemporalKeys('m1').message);
  const m: SealedMessage = {
    kind: 'update',
    name: 'completeTask',
    workflowId: 'JC-2026-0001',
    messageId: 'u-1',
    args: [{ taskId: 'JC-2026-0001:submit', actor: { userId: 'user-a', role: 'drafter' }, payload: { n: 1 } }],
  };

  it('verify the message they were made for, and nothing else', () => {
    const seal = sealMessage(keys, m, '2026-11-30T00:00:00.000Z');
    expect(checkSeal(keys, m, seal)).toBe('ok');
    expect(
      checkSeal(
        keys,
        { ...m, args: [{ ...(m.args[0] as object), actor: { userId: 'user-b', role: 'drafter' } }] },
        seal,
      ),
    ).toBe('bad_mac');
    expect(checkSeal(keys, { ...m, workflowId: 'JC-2026-0002' }, seal)).toBe('bad_mac');
    expect(checkSeal(keys, { ...m, messageId: 'u-2' }, seal)).toBe('bad_mac');
    expect(checkSeal(keys, { ...m, name: 'withdrawDecision' }, seal)).toBe('bad_mac');
    expect(checkSeal(keys, m, { ...seal, issuedAt: '2026-12-01T00:00:00.000Z' })).toBe('bad_mac');
    expect(checkSeal(keys, m, undefined)).toBe('missing');
    expect(checkSeal(keys, m, { ...seal, keyId: 'toString' })).toBe('unknown_key');
    expect(checkSeal(messageKeysOf(newTemporalKeys('m1').message), m, seal)).toBe('bad_mac');
  });

  it('made with a retired key still verify after a rotation; new seals use the new key', () => {
    const old = sealMessage(keys, m, '2026-11-30T00:00:00.000Z');
    const next = newTemporalKeys('m2').message;
    const rotated = messageKeysOf({
      current: 'm2',
      keys: { ...next.keys, m1: Object.values(newTemporalKeys('x').message.keys)[0] },
    });
    rotated.keys.m1 = keys.keys.m1;
    expect(checkSeal(rotated, m, old)).toBe('ok');
    expect(sealMessage(rotated, m, '2026-11-30T00:00:00.000Z').keyId).toBe('m2');
  });
});

describe('the payload codec', () => {
  const json = (v: unknown) => ({
    metadata: { encoding: new TextEncoder().encode('json/plain') },
    data: new TextEncoder().encode(JSON.stringify(v)),
  });
  const secret = { title: '关于保密事项的决定', riskPoints: ['群众不满'] };

  it('encrypts every payload (no plaintext, key id in the metadata) and decrypts it back', async () => {
    const codec = new AesGcmPayloadCodec(newTemporalKeys('p1').payload);
    const [enc] = await codec.encode([json(secret)]);
    expect(Buffer.from(enc.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(enc.metadata![KEY_ID_METADATA]!).toString()).toBe('p1');
    expect(Buffer.from(enc.data!).includes(Buffer.from('关于保密'))).toBe(false);
    const [dec] = await codec.decode([enc]);
    expect(JSON.parse(Buffer.from(dec.data!).toString())).toEqual(secret);
    expect(Buffer.from(dec.metadata!.encoding!).toString()).toBe('json/plain');
  });

  it('passes through payloads recorded before the codec (no encryption metadata)', async () => {
    const codec = new AesGcmPayloadCodec(newTemporalKeys('p1').payload);
    const plain = json(secret);
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('after a rotation, decodes payloads written with the old key and encrypts with the new one; without the old key it refuses', async () => {
    const before = newTemporalKeys('2026a').payload;
    const [old] = await new AesGcmPayloadCodec(before).encode([json(secret)]);
    const after = { current: '2026b', keys: { '2026b': randomBytes(32).toString('base64'), ...before.keys } };
    const rotated = new AesGcmPayloadCodec(after);
    expect(JSON.parse(Buffer.from((await rotated.decode([old]))[0].data!).toString())).toEqual(secret);
    const [fresh] = await rotated.encode([json(secret)]);
    expect(Buffer.from(fresh.metadata![KEY_ID_METADATA]!).toString()).toBe('2026b');
    const retired = new AesGcmPayloadCodec({ current: '2026b', keys: { '2026b': after.keys['2026b'] } });
    await expect(retired.decode([old])).rejects.toBeInstanceOf(UnknownPayloadKeyError);
  });

  it('refuses a tampered ciphertext or a swapped key id', async () => {
    const ring = {
      current: 'a',
      keys: { a: randomBytes(32).toString('base64'), b: randomBytes(32).toString('base64') },
    };
    const codec = new AesGcmPayloadCodec(ring);
    const [enc] = await codec.encode([json(secret)]);
    const flipped = Uint8Array.from(enc.data!);
    flipped[20] ^= 1;
    await expect(codec.decode([{ ...enc, data: flipped }])).rejects.toThrow();
    await expect(
      codec.decode([{ ...enc, metadata: { ...enc.metadata, [KEY_ID_METADATA]: new TextEncoder().encode('b') } }]),
    ).rejects.toThrow();
  });
});

describe('key configuration', () => {
  const b64 = (n: number) => randomBytes(n).toString('base64');

  it('reads YIFA_PAYLOAD_KEYS and YIFA_MESSAGE_KEYS, first id current; refuses malformed or short keys by name', () => {
    const k = temporalKeysFromEnv({
      YIFA_PAYLOAD_KEYS: `new:${b64(32)},old:${b64(32)}`,
      YIFA_MESSAGE_KEYS: `m:${b64(48)}`,
    })!;
    expect(k.payload.current).toBe('new');
    expect(Object.keys(k.payload.keys)).toEqual(['new', 'old']);
    expect(temporalKeysFromEnv({})).toBeUndefined();
    expect(() => temporalKeysFromEnv({ YIFA_PAYLOAD_KEYS: `p:${b64(32)}` })).toThrow(/together/);
    expect(() => parseKeyRing('YIFA_PAYLOAD_KEYS', `p:${b64(16)}`, { exactly: 32 })).toThrow(
      /YIFA_PAYLOAD_KEYS: key p has 16 bytes/,
    );
    expect(() => parseKeyRing('YIFA_MESSAGE_KEYS', `m:${b64(8)}`, { atLeast: 32 })).toThrow(/at least 32/);
    expect(() => parseKeyRing('YIFA_PAYLOAD_KEYS', b64(32), { exactly: 32 })).toThrow(/not id:base64/);
    expect(() => parseKeyRing('YIFA_PAYLOAD_KEYS', `a:${b64(32)},a:${b64(32)}`, { exactly: 32 })).toThrow(/twice/);
  });

  it('npm start generates development keys into the data folder once (mode 0600) and reuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yifa-keys-'));
    try {
      const first = devTemporalKeys(dir);
      expect(first.created).toBe(true);
      expect(statSync(join(dir, 'temporal-keys.json')).mode & 0o777).toBe(0o600);
      const second = devTemporalKeys(dir);
      expect(second.created).toBe(false);
      expect(second.keys).toEqual(first.keys);
      expect(JSON.parse(readFileSync(join(dir, 'temporal-keys.json'), 'utf8')).payload.current).toBe('dev1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
