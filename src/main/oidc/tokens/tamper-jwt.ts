// Deliberately broken tokens for the test bridge's `tamper` faults: each kind breaks exactly one
// check a relying party must make (OpenID Connect Core §3.1.3.7, RFC 7519 §4.1, RFC 8725 §3.1),
// so a test can prove its client rejects it. Lives in tokens/ because it signs.
import { CompactSign, decodeJwt, decodeProtectedHeader } from 'jose';
import type { Signer } from '../keys/signing-keys.js';

export const TAMPER_KINDS = ['signature', 'expired', 'not_yet_valid', 'issuer', 'audience', 'nonce', 'unknown_kid', 'alg_none'] as const;
export type TamperKind = (typeof TAMPER_KINDS)[number];

/** Well past the clock skew relying parties commonly allow (openid-client and jose default to 0, many apps to 1–5 minutes). */
export const TAMPER_SKEW_SECONDS = 10 * 60;

export interface TamperedJwt {
  token: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function breakClaims(claims: Record<string, unknown>, kind: TamperKind, nowS: number): Record<string, unknown> {
  const out = { ...claims };
  const iat = typeof out.iat === 'number' ? out.iat : nowS;
  const lifetime = typeof out.exp === 'number' ? Math.max(1, out.exp - iat) : 3600;
  switch (kind) {
    case 'expired':
      out.exp = nowS - TAMPER_SKEW_SECONDS;
      out.iat = nowS - TAMPER_SKEW_SECONDS - lifetime;
      break;
    case 'not_yet_valid':
      out.iat = nowS + TAMPER_SKEW_SECONDS;
      out.nbf = nowS + TAMPER_SKEW_SECONDS;
      out.exp = nowS + TAMPER_SKEW_SECONDS + lifetime;
      break;
    case 'issuer':
      out.iss = `${String(out.iss ?? '')}/tampered`;
      break;
    case 'audience':
      out.aud = ['tampered-audience'];
      if (out.azp !== undefined) out.azp = 'tampered-audience';
      if (out.client_id !== undefined) out.client_id = 'tampered-audience';
      break;
    case 'nonce':
      out.nonce = `tampered-${String(out.nonce ?? '')}`;
      break;
    default:
      break;
  }
  return out;
}

/**
 * Returns `jwt` broken as `kind` says. `atHash` replaces the at_hash claim (the access token of
 * the same response may itself have been tampered); everything else stays as issued.
 */
export async function tamperJwt(jwt: string, kind: TamperKind, options: { signer: Signer; nowS: number; atHash?: string }): Promise<TamperedJwt> {
  const original = decodeJwt(jwt) as Record<string, unknown>;
  const originalHeader = decodeProtectedHeader(jwt) as Record<string, unknown>;
  const claims = breakClaims(original, kind, options.nowS);
  if (options.atHash !== undefined && claims.at_hash !== undefined) claims.at_hash = options.atHash;
  if (kind === 'alg_none') {
    // RFC 7519 §6.1: an unsecured JWT has an empty signature part.
    const header = { alg: 'none', typ: 'JWT' };
    return { token: `${encode(header)}.${encode(claims)}.`, header, claims };
  }
  const header = kind === 'unknown_kid' ? { ...originalHeader, kid: `${String(originalHeader.kid)}0000` } : originalHeader;
  const signed = await new CompactSign(Buffer.from(JSON.stringify(claims)))
    .setProtectedHeader({ ...header, alg: options.signer.alg })
    .sign(options.signer.privateKey);
  if (kind !== 'signature') return { token: signed, header, claims };
  const [head, payload, signature = ''] = signed.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return { token: `${head}.${payload}.${bytes.toString('base64url')}`, header, claims };
}
