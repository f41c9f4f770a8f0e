// Verifies a JWT this emulator signed (ID token hints, JWT access tokens): signature against
// the published keys by kid, RS256 only. Expiry is left to the caller, since some callers
// accept expired tokens (id_token_hint, reference §1.2 and §6).
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { SigningKeys } from '../keys/signing-keys.js';
import { SIGNING_ALG } from '../keys/signing-keys.js';

export type JwtPayload = Record<string, unknown>;

const decoder = new TextDecoder();

export function looksLikeJwt(token: string): boolean {
  return token.split('.').length === 3;
}

/** The payload when the signature is ours and valid; undefined for anything else. */
export async function verifyOwnJwt(token: string, keys: SigningKeys): Promise<JwtPayload | undefined> {
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== SIGNING_ALG || typeof header.kid !== 'string') return undefined;
    const key = keys.verifier(header.kid);
    if (!key) return undefined;
    const { payload } = await compactVerify(token, key, { algorithms: [SIGNING_ALG] });
    const claims: unknown = JSON.parse(decoder.decode(payload));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as JwtPayload) : undefined;
  } catch {
    return undefined;
  }
}
