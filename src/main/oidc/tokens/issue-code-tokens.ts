// The tokens an authorization code is exchanged for (RFC 6749 §4.1.3 with ZITADEL's lifetimes and
// claims, reference §4.2), once the grant has checked the client, PKCE and redirect_uri. Shared by
// the authorization_code grant and the test bridge's mintTokens, so a minted response is exactly
// what the code flow returns.
import type { App, User } from '../../store/schema.js';
import { sessionAudience } from '../claims/audience.js';
import type { ProviderDeps } from '../provider-deps.js';
import type { AuthCode } from '../state/state-types.js';
import { issueTokens, type IssuedTokens } from './issue-tokens.js';

export async function issueCodeTokens(deps: ProviderDeps, app: App, user: User, code: AuthCode): Promise<IssuedTokens> {
  const scopes = code.request.scopes;
  const issued = await issueTokens(deps, deps.state, {
    user,
    app,
    clientId: app.clientId,
    scopes,
    audience: sessionAudience({ index: deps.store.index, app, scopes, zitadelProjectId: deps.store.data.instance.id }),
    login: { sid: code.loginSessionId, authTime: code.authTime, amr: code.amr },
    nonce: code.request.nonce,
    accessTokenType: app.oidc?.accessTokenType ?? 'bearer',
    withAccessToken: true,
    withIdToken: scopes.includes('openid'),
    // A refresh token needs both the scope and the app's grant type (reference §2).
    withRefreshToken: scopes.includes('offline_access') && (app.oidc?.grantTypes.includes('refresh_token') ?? false),
  });
  code.oidcSessionId = issued.session.id;
  deps.state.touch(deps.state.codes, code.code);
  return issued;
}
