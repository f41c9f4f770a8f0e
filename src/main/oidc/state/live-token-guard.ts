// The live-token limit (issue 14): a runaway load test must not exhaust memory. Over the limit,
// the oldest sessions of service users (client_credentials, JWT profile, token exchange by a
// machine user) are retired, oldest first; people's sessions are never touched. ZITADEL has no
// such limit (README, differences from ZITADEL).
import type { OidcSession } from './state-types.js';

export interface Retirement {
  /** Sessions retired (each with its access token, and refresh token if any). */
  count: number;
  /** The limit in force. */
  limit: number;
  /** Unix seconds: when the newest retired access token was issued. */
  newestIssuedAt: number;
}

export interface RetireRequest {
  excess: number;
  /** Never retired: the session just issued. */
  keep: string;
  limit: number;
  isServiceUser: (userId: string) => boolean;
  retire: (sessionId: string) => void;
}

/** Walks sessions in insertion order (a Map keeps it: oldest first; rotation keeps the place). */
export function retireOldestServiceUserSessions(sessions: ReadonlyMap<string, OidcSession>, request: RetireRequest): Retirement | undefined {
  const victims: OidcSession[] = [];
  for (const session of sessions.values()) {
    if (victims.length >= request.excess) break;
    if (session.id !== request.keep && request.isServiceUser(session.userId)) victims.push(session);
  }
  if (victims.length === 0) return undefined;
  for (const session of victims) request.retire(session.id);
  return { count: victims.length, limit: request.limit, newestIssuedAt: victims[victims.length - 1]?.accessTokenIssuedAt ?? 0 };
}

/** The Activity note of the request that went over the limit. */
export function describeRetirement(r: Retirement): string {
  const tokens = r.count === 1 ? 'the oldest service-user token set' : `the ${r.count} oldest service-user token sets`;
  const issued = new Date(r.newestIssuedAt * 1000).toISOString();
  return `Live-token limit (${r.limit.toLocaleString('en-US')}) reached: retired ${tokens} (issued up to ${issued}); they are no longer active. Raise it with --max-live-tokens / maxLiveTokens.`;
}
