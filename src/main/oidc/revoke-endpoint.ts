// POST /oauth/v2/revoke (RFC 7009) as ZITADEL answers it (reference §6): an empty 200 for any
// token, known or not; revoking a refresh token ends its session's access token too; a client
// that is not in the token's audience gets 401 invalid_client.
import { rememberToken } from '../doctor/token-history.js';
import { isIssuedHere } from '../domains/token-issuer.js';
import { readForm } from '../http/read-params.js';
import { authenticateClient } from './client-auth/authenticate-client.js';
import { readClientCredentials } from './client-auth/client-credentials.js';
import { invalidClient, invalidRequest, OAuthError } from './errors.js';
import type { ProviderDeps } from './provider-deps.js';
import type { Route } from './route-table.js';
import type { OidcSession } from './state/state-types.js';
import { findAccessTokenSession } from './tokens/resolve-access-token.js';

type Found = { session: OidcSession; kind: 'access' | 'refresh' };

function findRefreshToken(token: string, deps: ProviderDeps): Found | undefined {
  const ref = deps.state.refreshTokens.get(token);
  const session = ref && deps.state.oidcSessions.get(ref.sessionId);
  return ref && session?.refreshTokenId === ref.tokenId && isIssuedHere(session, deps) ? { session, kind: 'refresh' } : undefined;
}

/**
 * The hint only decides which lookup comes first: zitadel/oidc's Revoke skips the refresh-token
 * lookup for `access_token`, then decrypts the token and revokes it as whatever it is (ZITADEL
 * TestOPStorage_RevokeToken_refresh_token_invalid_token_type_hint).
 */
async function findToken(token: string, hint: string | undefined, deps: ProviderDeps): Promise<Found | undefined> {
  if (hint !== 'access_token') {
    const refresh = findRefreshToken(token, deps);
    if (refresh) return refresh;
  }
  const session = await findAccessTokenSession(token, deps, deps.state);
  if (session) return { session, kind: 'access' };
  return hint === 'access_token' ? findRefreshToken(token, deps) : undefined;
}

export const revokeRoute: Route = {
  path: '/oauth/v2/revoke',
  methods: ['POST'],
  discoveryField: 'revocation_endpoint',
  async handle(ctx, deps) {
    const params = await readForm(ctx);
    try {
      const { app } = await authenticateClient(readClientCredentials(params, ctx.get('Authorization')), deps);
      const token = params.get('token');
      if (token === undefined) throw invalidRequest('token missing');
      const found = await findToken(token, params.get('token_type_hint'), deps);
      if (found) {
        const { session } = found;
        if (session.clientId !== app.clientId && !session.audience.includes(app.clientId)) {
          throw invalidClient('token was not issued for this client');
        }
        rememberToken(deps.state, token, 'revoked', deps.clock.now());
        if (found.kind === 'refresh') rememberToken(deps.state, session.opaqueAccessToken, 'revoked', deps.clock.now());
        if (found.kind === 'refresh') deps.state.removeOidcSession(session.id);
        else deps.state.revokeAccessToken(session);
        deps.state.changed();
      }
    } catch (err) {
      // RFC 7009 §2.2.1: a failed client authentication is a 401 here, unlike at the token endpoint.
      if (err instanceof OAuthError && err.error === 'invalid_client') {
        throw new OAuthError('invalid_client', err.description, { status: 401, ...(err.detail && { detail: err.detail }) });
      }
      throw err;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json';
    ctx.body = '';
  },
};
