// Opaque tokens and codes: 256 random bits, base64url. Clients must treat them as opaque
// (reference §8), so only unguessability matters.
import { randomFillSync } from 'node:crypto';

const TOKEN_BYTES = 32;
/**
 * Random bytes come from the CSPRNG in batches, as crypto.randomUUID does: one call per 128
 * tokens instead of one per token (it was ~8% of a client_credentials request). Every byte is
 * used once and wiped once used.
 */
const pool = Buffer.alloc(TOKEN_BYTES * 128);
let offset = pool.length;

export function generateOpaqueToken(): string {
  if (offset + TOKEN_BYTES > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const token = pool.toString('base64url', offset, offset + TOKEN_BYTES);
  pool.fill(0, offset, offset + TOKEN_BYTES);
  offset += TOKEN_BYTES;
  return token;
}
