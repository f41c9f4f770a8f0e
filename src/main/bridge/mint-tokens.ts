// mintTokens: the token response of a completed authorization code flow for a user and an app,
// without a browser. It runs the flow's own steps — the authorize request's validation, the login
// policy, a browser login (so `sid`, `auth_time` and `amr` are what a password login sets), the
// code, and the code's token issuance — so the session is introspectable, refreshable and
// revocable like any other, and the Activity page shows it, marked as minted.
import type { ActivityLog } from '../activity/activity-log.js';
import type { ActivityDraft } from '../activity/request-activity.js';
import { Params } from '../http/read-params.js';
import { issueBrowserLogin } from '../login/browser-sessions.js';
import { checkLoginAllowed, isLoginCandidate } from '../login/login-policy.js';
import { resolveOrgScope } from '../oidc/authorize/authorize-endpoint.js';
import { completeAuthRequest } from '../oidc/authorize/complete-auth-request.js';
import { validateAuthorizeRequest } from '../oidc/authorize/validate-authorize-request.js';
import { OAuthError } from '../oidc/errors.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import { issueCodeTokens } from '../oidc/tokens/issue-code-tokens.js';
import type { TokenResponse } from '../oidc/tokens/issue-tokens.js';
import { BridgeError } from './bridge-error.js';
import { findOidcApp, findUser } from './find-subjects.js';

export interface MintTokensRequest {
  /** User name, login name or id. */
  user: string;
  /** Client id or app name. */
  client: string;
  /** Default "openid profile email offline_access" (a refresh token only when the app has the refresh_token grant). */
  scope?: string;
  nonce?: string;
}

export const DEFAULT_MINT_SCOPE = 'openid profile email offline_access';
/** What a password login on the login page records (login-routes.ts). */
const PASSWORD_AMR = ['pwd'];
export const MINT_ACTIVITY_PATH = '/_emulator/api/tokens';

function refusal(err: unknown, app: string): never {
  if (err instanceof OAuthError) {
    const why = err.detail ?? err.description ?? err.error;
    throw new BridgeError(`app "${app}" refuses this login: ${err.error} (${why})`, 'client');
  }
  throw err;
}

export async function mintTokens(deps: ProviderDeps, activity: ActivityLog, input: MintTokensRequest): Promise<TokenResponse> {
  const started = performance.now();
  const user = findUser(deps.store, input.user);
  const app = findOidcApp(deps.store, input.client);
  const oidc = app.oidc;
  const redirectUri = oidc?.redirectUris[0];
  if (!oidc || redirectUri === undefined) throw new BridgeError(`app "${app.name}" has no redirect URI, so it cannot do the code flow`, 'client');
  if (!oidc.grantTypes.includes('authorization_code')) throw new BridgeError(`app "${app.name}" does not have the authorization_code grant type`, 'client');
  const scope = input.scope ?? DEFAULT_MINT_SCOPE;
  const params = new Map([['client_id', app.clientId], ['redirect_uri', redirectUri], ['response_type', 'code'], ['scope', scope]]);
  if (input.nonce !== undefined) params.set('nonce', input.nonce);

  const draft: ActivityDraft = { params: Object.fromEntries(params), tokens: [] };
  draft.params.user = input.user;
  const recorded = Object.assign(Object.create(deps) as ProviderDeps, { activity: draft });
  let request;
  try {
    ({ request } = validateAuthorizeRequest(new Params(params), recorded));
    // An org scope restricts who may log in, as on the login page (reference §2).
    const orgId = resolveOrgScope(request, deps);
    if (orgId !== undefined) request.orgId = orgId;
  } catch (err) {
    refusal(err, app.name);
  }
  if (request.orgId !== undefined && user.orgId !== request.orgId) {
    throw new BridgeError(`user "${user.userName}" is not in the organization the scope asks for (${request.orgId})`, 'user');
  }
  if (!isLoginCandidate(user, request, deps.store.index)) {
    throw new BridgeError(`user "${user.userName}" cannot log in here: only active human users of an active organization can`, 'user');
  }
  const refused = checkLoginAllowed(user, app, deps.store.index);
  if (refused) throw new BridgeError(`user "${user.userName}" may not log in to app "${app.name}": ${refused}`, 'user');

  const { session } = issueBrowserLogin(deps, user.id, PASSWORD_AMR);
  const { code: value } = await completeAuthRequest(recorded, request, app, user, session);
  const code = value === undefined ? undefined : deps.state.codes.get(value);
  if (!code) throw new Error('the code flow produced no code');
  const { response } = await issueCodeTokens(recorded, app, user, code);

  activity.add({
    time: Date.now(),
    kind: 'token',
    method: 'POST',
    path: MINT_ACTIVITY_PATH,
    status: 200,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    outcome: 'ok',
    params: draft.params,
    tokens: draft.tokens,
    clientId: app.clientId,
    userId: user.id,
    sessionId: session.id,
    grantType: 'authorization_code',
    response: { body: response },
    minted: true,
  });
  return response;
}
