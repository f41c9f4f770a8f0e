// Identifiers and secrets shaped like ZITADEL's: 18-digit numeric ids (snowflake-like) and
// 64-character alphanumeric client secrets (reference §7).
import { randomBytes, randomInt } from 'node:crypto';

export type IdGenerator = () => string;

/** Time-ordered 18-digit ids, unique within the process. */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  let last = 0n;
  return () => {
    // 2^22 sequence numbers per millisecond since 2020 keeps ids at 18 digits until 2118.
    let next = (BigInt(now() - 1_577_836_800_000) << 22n) + BigInt(randomInt(0, 1 << 12));
    if (next <= last) next = last + 1n;
    last = next;
    return next.toString().padStart(18, '1');
  };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function generateSecret(length = 64): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  // Rejection sampling keeps every character equally likely (248 = 4 × 62).
  for (const byte of bytes) {
    if (byte < 248) out += ALPHANUMERIC[byte % 62];
    if (out.length === length) return out;
  }
  return out + generateSecret(length - out.length);
}
