// The test bridge's part of the admin API (docs/admin-api.md, "Test bridge"): paths and JSON
// shapes, shared by the server, the console's banner and the CLI. Same guard as the rest of the
// admin API: `Authorization: Bearer <admin token>`, a loopback Host, JSON bodies. Bad input is a
// 400 `{"error": "bad_request", "message", "problems": [{"field", "where", "message"}]}`.
import { ADMIN_API_BASE } from './admin-api.js';

export const BRIDGE_PATHS = {
  tokens: `${ADMIN_API_BASE}/tokens`,
  clock: `${ADMIN_API_BASE}/clock`,
  faults: `${ADMIN_API_BASE}/faults`,
  fault: (id: string) => `${ADMIN_API_BASE}/faults/${encodeURIComponent(id)}`,
  rotateSigningKey: `${ADMIN_API_BASE}/signing-keys/rotate`,
  reset: `${ADMIN_API_BASE}/reset`,
  snapshots: `${ADMIN_API_BASE}/snapshots`,
  restoreSnapshot: (id: string) => `${ADMIN_API_BASE}/snapshots/${encodeURIComponent(id)}/restore`,
  browserSessions: `${ADMIN_API_BASE}/browser-sessions`,
  /** GET: the clock and the armed faults at once (the console's banner); also sent as `event: bridge`. */
  status: `${ADMIN_API_BASE}/bridge`,
} as const;

/** GET bridge, and the data of `event: bridge` on the admin event stream. */
export interface BridgeStatusDto {
  /** Grows with every change: a status read by GET may arrive after a newer one from the event stream. */
  revision: number;
  clock: ClockDto;
  faults: FaultDto[];
}

/** POST tokens. */
export interface MintTokensRequestDto {
  user: string;
  client: string;
  scope?: string;
  nonce?: string;
}

/** GET clock and every POST clock answer. */
export interface ClockDto {
  now: string;
  offsetMs: number;
}

/** POST clock: exactly one of these. */
export type ClockRequestDto = { advance: string | number } | { set: string } | { reset: true };

/** A fault as listed; `times` is what remains ("Infinity" for a permanent one). */
export interface FaultDto {
  id: string;
  endpoint: string;
  action: 'error' | 'delay' | 'drop' | 'tamper';
  grantType?: string;
  clientId?: string;
  user?: string;
  times: number | 'Infinity';
  error?: { status?: number; error: string; error_description?: string };
  delayMs?: number;
  drop?: true;
  tamper?: string;
}

/** POST snapshots. */
export interface SnapshotCreatedDto {
  id: string;
}

/** POST browser-sessions: a cookie as Playwright and browsers take it. */
export interface BrowserSessionDto {
  name: string;
  value: string;
  domain: string;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Lax';
  /** -1: a session cookie, as the login page sets it (Playwright's convention). */
  expires: number;
}
