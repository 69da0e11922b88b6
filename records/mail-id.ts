import { createHash } from 'node:crypto';

/** The Message-ID derived from the idempotency key: a receiving server sees a resend as the same message. */
export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@yifa.invalid>`;
}
