// Verifies a JWT assertion signed with a key the emulator handed out: private_key_jwt client
// authentication (RFC 7523 §2.2) and the JWT profile grant (RFC 7523 §2.1), with ZITADEL's
// rules (reference §4.1, §4.5): RS256 only, `kid` among the unexpired keys of `iss`,
// iss = sub, `aud` contains the issuer, `exp` in the future, `iat` not older than one hour.
import { createPublicKey } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { KeyEntry } from '../../store/schema.js';

export class AssertionError extends Error {
  override name = 'AssertionError';
}

export interface AssertionClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
}

export interface AssertionCheck {
  issuer: string;
  /** Unix seconds. */
  now: number;
  /** The keys that may have signed for this `iss`; expired ones are skipped here. */
  keysOf(iss: string): readonly KeyEntry[] | undefined;
}

const MAX_AGE_SECONDS = 3600;
const ALLOWED_ALGS = ['RS256'];

function decode(assertion: string): { kid: string; alg: string; claims: Record<string, unknown> } {
  try {
    const header = decodeProtectedHeader(assertion);
    const claims = decodeJwt(assertion);
    return { kid: String(header.kid ?? ''), alg: String(header.alg ?? ''), claims };
  } catch {
    throw new AssertionError('the assertion is not a JWT');
  }
}

function readClaims(claims: Record<string, unknown>): AssertionClaims {
  const { iss, sub, aud, exp, iat } = claims;
  if (typeof iss !== 'string' || iss === '') throw new AssertionError('iss is missing');
  if (typeof sub !== 'string' || sub !== iss) throw new AssertionError(`sub must equal iss (${iss})`);
  if (typeof exp !== 'number') throw new AssertionError('exp is missing');
  if (typeof iat !== 'number') throw new AssertionError('iat is missing');
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
  return { iss, sub, aud: audiences, exp, iat };
}

export async function verifyJwtAssertion(assertion: string, check: AssertionCheck): Promise<AssertionClaims> {
  const { kid, alg, claims } = decode(assertion);
  // Refusing anything but RS256 rules out `alg: none` and HMAC keyed with a public key.
  if (!ALLOWED_ALGS.includes(alg)) throw new AssertionError(`alg ${alg || '(missing)'} is not allowed, use RS256`);
  const parsed = readClaims(claims);
  if (!parsed.aud.includes(check.issuer)) {
    throw new AssertionError(`aud ${JSON.stringify(parsed.aud)} does not contain the issuer ${check.issuer}`);
  }
  if (parsed.exp <= check.now) throw new AssertionError('the assertion has expired');
  if (parsed.iat > check.now + 1) throw new AssertionError('iat is in the future');
  if (parsed.iat < check.now - MAX_AGE_SECONDS) throw new AssertionError('iat is more than one hour old');

  const keys = check.keysOf(parsed.iss);
  if (!keys) throw new AssertionError(`no client or user ${parsed.iss}`);
  const key = keys.find((k) => k.id === kid);
  if (!key) throw new AssertionError(`kid ${kid || '(missing)'} is not a key of ${parsed.iss}`);
  if (Date.parse(key.expirationDate) <= check.now * 1000) throw new AssertionError(`key ${kid} expired on ${key.expirationDate}`);
  try {
    await compactVerify(assertion, createPublicKey(key.publicKey), { algorithms: ALLOWED_ALGS });
  } catch {
    throw new AssertionError(`signature does not verify with key ${kid}`);
  }
  return parsed;
}
