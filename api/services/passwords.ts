import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm) at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), with a fresh random salt per hash (the
 * library draws one each call). `verify` reads the parameters from the stored string, so raising them later
 * keeps old hashes valid.
 */
export const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export const hashPassword = (password: string): Promise<string> => hash(password, argon2Options);

/** A hash of nothing anyone knows, verified when the user is unknown so both answers cost the same. */
let dummy: Promise<string> | undefined;

/** True when the password matches; an unknown user (no hash) costs one argon2 verification all the same. */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword(randomBytes(24).toString('base64'));
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
