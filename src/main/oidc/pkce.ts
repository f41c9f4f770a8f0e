// PKCE verification (RFC 7636 §4.6): S256 compares base64url(SHA-256(verifier)) with the
// challenge; plain compares them directly.
import { createHash } from 'node:crypto';
import { isSameSecret } from './client-auth/compare-secret.js';

export function computeS256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function isCodeVerifierValid(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  const derived = method === 'S256' ? computeS256Challenge(verifier) : verifier;
  return isSameSecret(derived, challenge);
}
