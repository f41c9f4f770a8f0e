// When a runtime record's time is up: the sweep drops it, and a restart does not load it back.
import type { RecordKind, RecordTypes } from './journal-codec.js';
import { LOGIN_SESSION_LIFETIME_SECONDS, type OidcSession } from './state-types.js';

/** A session lives while its access token or its refresh token does (reference §4.3). */
function sessionExpired(s: OidcSession, nowS: number): boolean {
  const refreshAlive = s.refreshTokenId !== undefined && (s.refreshIdleExpiresAt ?? 0) > nowS;
  return !refreshAlive && s.accessTokenExpiresAt <= nowS;
}

export function isExpired<K extends RecordKind>(kind: K, record: RecordTypes[K], nowMs: number): boolean {
  const nowS = Math.floor(nowMs / 1000);
  switch (kind) {
    case 'o':
      return sessionExpired(record as OidcSession, nowS);
    case 'l':
      return (record as RecordTypes['l']).authTime + LOGIN_SESSION_LIFETIME_SECONDS <= nowS;
    default:
      // Auth requests, codes and device authorizations carry their expiry in milliseconds.
      return (record as RecordTypes['a' | 'c' | 'v']).expiresAt <= nowMs;
  }
}
