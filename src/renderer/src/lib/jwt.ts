// Client-side JWT decoding (no verification: the emulator verifies in POST inspect).
export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

function decodeSegment(segment: string): Record<string, unknown> {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  return value as Record<string, unknown>;
}

/** A three-segment JWS decoded, or undefined for anything else (opaque tokens, JWE). */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1]) return undefined;
  try {
    return { header: decodeSegment(parts[0]), claims: decodeSegment(parts[1]) };
  } catch {
    return undefined;
  }
}

export function looksLikeJwt(token: string): boolean {
  return decodeJwt(token) !== undefined;
}
