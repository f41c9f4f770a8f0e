// Why a token the emulator refuses is dead, for the doctor (reference §4.3, §5): ZITADEL answers
// introspection `{"active":false}`, userinfo 401 and a refresh `invalid_request` without saying
// which of expiry, revocation, rotation, an inactive user or a foreign audience it was.
import { isIssuedHere, issuerOf } from '../domains/token-issuer.js';
import type { App } from '../store/schema.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { OidcSession } from '../oidc/state/state-types.js';
import { parseAccessTokenJti } from '../oidc/tokens/issue-tokens.js';
import type { LiveAccessToken } from '../oidc/tokens/resolve-access-token.js';
import { looksLikeJwt, verifyOwnJwt } from '../oidc/tokens/verify-own-jwt.js';
import { recordFinding } from './findings.js';
import { recallToken, type TokenHistoryEntry } from './token-history.js';

interface DeadReason {
  expired: boolean;
  reason: string;
}

function isoOf(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

function expiredSince(expiresAt: number, now: number): DeadReason {
  return { expired: true, reason: `it expired at ${isoOf(expiresAt)} (${now - expiresAt} s ago)` };
}

function describeFate(entry: TokenHistoryEntry): string {
  const when = new Date(entry.at).toISOString();
  if (entry.fate === 'revoked') return `it was revoked at ${when}`;
  if (entry.fate === 'replaced') return `a refresh at ${when} replaced it with a new access token`;
  return `it was exchanged at ${when}`;
}

async function explainJwt(token: string, deps: ProviderDeps, now: number): Promise<DeadReason> {
  const claims = await verifyOwnJwt(token, deps.keys);
  if (!claims) return { expired: false, reason: "unknown token: not signed by any of this emulator's keys" };
  if (claims.iss !== deps.issuer) return { expired: false, reason: `it was issued by ${String(claims.iss)}, not by ${deps.issuer}` };
  if (typeof claims.exp === 'number' && claims.exp <= now) return expiredSince(claims.exp, now);
  const ref = typeof claims.jti === 'string' ? parseAccessTokenJti(claims.jti) : undefined;
  const session = ref && deps.state.oidcSessions.get(ref.sessionId);
  if (!ref || !session) return { expired: false, reason: 'its session has ended (revoked, logged out, or its code was replayed)' };
  return { expired: false, reason: 'a newer access token of its session replaced it (refresh) or it was revoked' };
}

function explainOpaque(token: string, deps: ProviderDeps, now: number): DeadReason {
  const ref = deps.state.accessTokens.get(token);
  const session = ref && deps.state.oidcSessions.get(ref.sessionId);
  if (session && !isIssuedHere(session, deps)) {
    return { expired: false, reason: `it was issued by ${issuerOf(session, deps)}, not by ${deps.issuer}` };
  }
  if (session && session.accessTokenExpiresAt <= now) return expiredSince(session.accessTokenExpiresAt, now);
  const pat = deps.store.index.personalAccessTokens.get(token);
  if (pat) return expiredSince(Math.floor(Date.parse(pat.pat.expirationDate) / 1000), now);
  const entry = recallToken(deps.state, token);
  if (entry) return { expired: false, reason: describeFate(entry) };
  return { expired: false, reason: 'unknown token: this emulator never issued it, or it was revoked or expired before a restart' };
}

/** Explains an access token resolveAccessToken found dead ('invalid'). */
async function explainDeadAccessToken(token: string, deps: ProviderDeps): Promise<DeadReason> {
  const now = Math.floor(deps.clock.now() / 1000);
  return looksLikeJwt(token) ? explainJwt(token, deps, now) : explainOpaque(token, deps, now);
}

/** Introspection answered `{"active":false}`: say exactly why. */
export async function checkInactiveIntrospection(
  deps: ProviderDeps,
  token: string,
  problem: 'invalid' | 'inactive_user' | { live: LiveAccessToken; caller: App },
): Promise<void> {
  if (!deps.activity) return;
  let reason: string;
  if (problem === 'invalid') reason = (await explainDeadAccessToken(token, deps)).reason;
  else if (problem === 'inactive_user') reason = 'its user (or the user\u2019s organization) is not active';
  else {
    const { live, caller } = problem;
    reason = `its audience (${live.session.audience.join(', ') || 'empty'}) contains neither the caller's client id ${caller.clientId} nor its project id ${caller.projectId}; add the aud scope urn:zitadel:iam:org:project:id:${caller.projectId}:aud when requesting the token`;
  }
  recordFinding(deps, 'introspection-inactive', `introspection answered {"active":false} because ${reason}`);
}

/** Userinfo refused the token: a finding when it was merely expired. */
export async function checkDeadUserinfoToken(deps: ProviderDeps, token: string): Promise<void> {
  if (!deps.activity) return;
  const dead = await explainDeadAccessToken(token, deps);
  if (dead.expired) recordFinding(deps, 'token-expired', `access token used after expiry: ${dead.reason}`);
}

/** The refresh grant refused the token: a replay, an expired one, or one revoked. */
export function checkDeadRefreshToken(deps: ProviderDeps, token: string, session: OidcSession | undefined): void {
  if (!deps.activity) return;
  const now = Math.floor(deps.clock.now() / 1000);
  if (session) {
    const idle = session.refreshIdleExpiresAt ?? 0;
    const expiry = idle <= now ? idle : (session.refreshAbsoluteExpiresAt ?? 0);
    const which = idle <= now ? 'idle expiration' : 'absolute expiration';
    recordFinding(deps, 'token-expired', `refresh token used after its ${which}: ${expiredSince(expiry, now).reason}`);
    return;
  }
  const entry = recallToken(deps.state, token);
  if (entry?.fate === 'refreshed') {
    recordFinding(
      deps,
      'refresh-token-replay',
      `this refresh token was already exchanged at ${new Date(entry.at).toISOString()}; refresh tokens rotate, so presenting one twice is a replay: keep the new refresh_token of each response`,
    );
  }
}
