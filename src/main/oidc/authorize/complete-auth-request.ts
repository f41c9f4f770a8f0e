// Finishes an auth request once a user is logged in: a code for the code flow (RFC 6749
// §4.1.2), tokens in the response for the implicit flows (OpenID Connect Core §3.2.2.5).
import { recordFacts } from '../../activity/request-activity.js';
import type { App, User } from '../../store/schema.js';
import { sessionAudience } from '../claims/audience.js';
import type { ProviderDeps } from '../provider-deps.js';
import type { AuthRequest, LoginSession } from '../state/state-types.js';
import { issueTokens } from '../tokens/issue-tokens.js';
import { generateOpaqueToken } from '../tokens/opaque-token.js';

/** Codes are single-use and expire after ten minutes (RFC 6749 §4.1.2 recommends at most ten). */
export const CODE_TTL_MS = 10 * 60 * 1000;

export async function completeAuthRequest(
  deps: ProviderDeps,
  request: AuthRequest,
  app: App,
  user: User,
  login: LoginSession,
): Promise<Record<string, string>> {
  const { state } = deps;
  state.authRequests.delete(request.id);
  recordFacts(deps, { clientId: app.clientId, userId: user.id, sessionId: login.id });
  const withState = (fields: Record<string, string>): Record<string, string> =>
    request.state === undefined ? fields : { ...fields, state: request.state };

  if (request.responseType === 'code') {
    const code = generateOpaqueToken();
    state.codes.set(code, {
      code,
      request,
      userId: user.id,
      loginSessionId: login.id,
      authTime: login.authTime,
      amr: login.amr,
      expiresAt: deps.clock.now() + CODE_TTL_MS,
    });
    state.changed();
    return withState({ code });
  }

  const issued = await issueTokens(deps, state, {
    user,
    app,
    clientId: app.clientId,
    scopes: request.scopes,
    audience: sessionAudience({ index: deps.store.index, app, scopes: request.scopes, zitadelProjectId: deps.store.data.instance.id }),
    login: { sid: login.id, authTime: login.authTime, amr: login.amr },
    nonce: request.nonce,
    accessTokenType: app.oidc?.accessTokenType ?? 'bearer',
    withAccessToken: request.responseType === 'id_token token',
    withIdToken: request.scopes.includes('openid'),
    withRefreshToken: false,
  });
  const { access_token, token_type, expires_in, id_token } = issued.response;
  return withState({
    ...(access_token !== undefined && { access_token }),
    token_type,
    expires_in: String(expires_in),
    ...(id_token !== undefined && { id_token }),
  });
}
