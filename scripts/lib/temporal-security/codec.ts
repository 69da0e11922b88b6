/**
 * The payload codec (AES-256-GCM, as in Temporal's encryption sample): every payload the platform writes to
 * Temporal — workflow inputs, update arguments and results, activity inputs and results, failures' details — is
 * stored encrypted, the key id in the payload's metadata. The current key encrypts; every configured key
 * decrypts, so a rotation keeps old histories readable. Payloads without the encryption metadata (histories
 * recorded before the codec) pass through unchanged.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { KeyRing } from './keys.js';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

/** The inner payload, kept as JSON (metadata and data in base64) before encryption. */
function pack(p: Payload): Buffer {
  const metadata = Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  return Buffer.from(JSON.stringify({ metadata, data: p.data ? Buffer.from(p.data).toString('base64') : undefined }));
}

function unpack(b: Buffer): Payload {
  const o = JSON.parse(b.toString('utf8')) as { metadata: Record<string, string>; data?: string };
  return {
    metadata: Object.fromEntries(
      Object.entries(o.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
    ),
    data: o.data === undefined ? undefined : new Uint8Array(Buffer.from(o.data, 'base64')),
  };
}

export class UnknownPayloadKeyError extends Error {}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;

  constructor(private readonly ring: KeyRing) {
    this.keys = new Map(Object.entries(ring.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
    for (const [id, k] of this.keys)
      if (k.length !== 32) throw new Error(`payload key ${id}: ${k.length} bytes, needs 32`);
    if (!this.keys.has(ring.current)) throw new Error(`payload key ${ring.current} is current but not configured`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.ring.current;
    const key = this.keys.get(keyId)!;
    return payloads.map((p) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(text(keyId));
      const body = Buffer.concat([iv, cipher.update(pack(p)), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(keyId) },
        data: new Uint8Array(body),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (str(p.metadata?.encoding) !== ENCRYPTED_ENCODING) return p;
      const keyId = str(p.metadata?.[KEY_ID_METADATA]) ?? '';
      const key = this.keys.get(keyId);
      if (!key) throw new UnknownPayloadKeyError(`payload encrypted with key "${keyId}", which is not configured`);
      const body = Buffer.from(p.data ?? new Uint8Array());
      if (body.length < 28) throw new Error('encrypted payload too short');
      const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
      decipher.setAAD(text(keyId));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return unpack(Buffer.concat([decipher.update(body.subarray(12, body.length - 16)), decipher.final()]));
    });
  }
}
