// Opaque tokens and codes: 256 random bits, base64url. Clients must treat them as opaque
// (reference §8), so only unguessability matters.
import { randomBytes } from 'node:crypto';

export function generateOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}
