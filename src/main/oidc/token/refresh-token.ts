// grant_type=refresh_token (RFC 6749 §6) as ZITADEL does it (reference §4.3): rotation, the
// previous access token stops working, idle expiry resets, absolute expiry stays, and the
// scope may only narrow. Bad tokens are invalid_request with ZITADEL's i18n key.
import { checkDeadRefreshToken } from '../../doctor/dead-token-checks.js';
import { rememberToken } from '../../doctor/token-history.js';
import { isIssuedHere } from '../../domains/token-issuer.js';
import { invalidClient, invalidRequest, invalidScope } from '../errors.js';
import type { OidcSession } from '../state/state-types.js';
import { splitSpaceDelimited } from '../space-delimited.js';
import { issueTokens } from '../tokens/issue-tokens.js';
import { authenticateForGrant, type Grant, type GrantRequest } from './grant.js';

const INVALID = 'Errors.OIDCSession.RefreshTokenInvalid';

function findSession(req: GrantRequest, token: string): OidcSession {
  const { state, clock } = req.deps;
  const ref = state.refreshTokens.get(token);
  const session = ref && state.oidcSessions.get(ref.sessionId);
  if (!ref || !session || session.refreshTokenId !== ref.tokenId || !isIssuedHere(session, req.deps)) {
    checkDeadRefreshToken(req.deps, token, undefined);
    throw invalidRequest(INVALID, { detail: 'unknown, rotated or revoked refresh token' });
  }
  const now = Math.floor(clock.now() / 1000);
  const expired = (session.refreshIdleExpiresAt ?? 0) <= now || (session.refreshAbsoluteExpiresAt ?? 0) <= now;
  if (expired) checkDeadRefreshToken(req.deps, token, session);
  if ((session.refreshIdleExpiresAt ?? 0) <= now) throw invalidRequest(INVALID, { detail: 'the refresh token was idle too long' });
  if ((session.refreshAbsoluteExpiresAt ?? 0) <= now) throw invalidRequest(INVALID, { detail: 'the refresh token reached its absolute expiry' });
  return session;
}

function narrowScopes(requested: string | undefined, granted: readonly string[]): string[] {
  if (requested === undefined) return [...granted];
  const scopes = splitSpaceDelimited(requested);
  if (scopes.some((s) => !granted.includes(s))) throw invalidScope(undefined, { detail: `scope must be a subset of "${granted.join(' ')}"` });
  return scopes;
}

export const refreshTokenGrant: Grant = {
  type: 'refresh_token',
  advertised: true,
  async handle(req) {
    const app = await authenticateForGrant(req, 'refresh_token', 'refresh_token');
    const token = req.params.get('refresh_token');
    if (token === undefined) throw invalidRequest('refresh_token missing');
    const session = findSession(req, token);
    if (session.clientId !== app.clientId) throw invalidClient('client_id does not correspond to the client_id in the refresh token');
    const { deps } = req;
    const user = deps.store.index.usersById.get(session.userId);
    if (!user || user.state !== 'active') throw invalidRequest('Errors.User.NotFound', { detail: 'the user was removed or deactivated' });
    const scopes = narrowScopes(req.params.get('scope'), session.grantedScopes);
    // The new ID token keeps the original auth_time, sid and nonce (reference §4.3).
    const replacedAccessToken = session.opaqueAccessToken;
    const login = session.authTime === undefined ? undefined : { sid: session.sid, authTime: session.authTime, amr: session.amr ?? [] };
    const issued = await issueTokens(deps, deps.state, {
      user,
      app,
      clientId: app.clientId,
      scopes,
      audience: session.audience,
      login,
      nonce: session.nonce,
      actor: session.actor,
      accessTokenType: app.oidc?.accessTokenType ?? 'bearer',
      withAccessToken: true,
      withIdToken: scopes.includes('openid'),
      withRefreshToken: true,
      session,
    });
    // The doctor tells a later replay of this refresh token (or use of the old access token) apart.
    rememberToken(deps.state, token, 'refreshed', deps.clock.now());
    rememberToken(deps.state, replacedAccessToken, 'replaced', deps.clock.now());
    return issued.response;
  },
};
