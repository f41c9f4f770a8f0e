// at_hash (OpenID Connect Core §3.1.3.6, §3.2.2.9): base64url of the left half of the
// SHA-256 of the access token, for RS256.
import { createHash } from 'node:crypto';

export function computeTokenHash(token: string): string {
  const digest = createHash('sha256').update(token, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
