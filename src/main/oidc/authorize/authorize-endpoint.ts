// GET/POST /oauth/v2/authorize (RFC 6749 §3.1, OpenID Connect Core §3.1.2). Validation errors
// are shown as JSON; later errors go back to the client with `state`. A browser that is
// already logged in is answered at once (single sign-on) unless prompt or max_age say no.
import type { Context } from 'koa';
import { recordFacts } from '../../activity/request-activity.js';
import { checkAuthorizeRequest } from '../../doctor/authorize-checks.js';
import { readRequestParams } from '../../http/read-params.js';
import { bindToBrowser, listBrowserSessions } from '../../login/browser-sessions.js';
import { checkLoginAllowed, isLoginCandidate } from '../../login/login-policy.js';
import type { App } from '../../store/schema.js';
import { readOrgIdScope, readPrimaryDomainScope } from '../claims/scopes.js';
import { invalidRequest, invalidScope, loginRequired, OAuthError, requestNotSupported } from '../errors.js';
import type { ProviderDeps } from '../provider-deps.js';
import type { Route } from '../route-table.js';
import type { AuthRequest, LoginSession } from '../state/state-types.js';
import { looksLikeJwt, verifyOwnJwt } from '../tokens/verify-own-jwt.js';
import { sendAuthError, sendAuthResponse } from './auth-response.js';
import { completeAuthRequest } from './complete-auth-request.js';
import { validateAuthorizeRequest } from './validate-authorize-request.js';

export const LOGIN_PAGE_PATH = '/ui/login/login';

/** Org scopes restrict who may log in (reference §2); returns the org id or undefined. */
export function resolveOrgScope(request: AuthRequest, deps: ProviderDeps): string | undefined {
  const { orgsById, orgsByDomain } = deps.store.index;
  const orgId = readOrgIdScope(request.scopes);
  const domain = readPrimaryDomainScope(request.scopes);
  const byId = orgId === undefined ? undefined : orgsById.get(orgId);
  const byDomain = domain === undefined ? undefined : orgsByDomain.get(domain.toLowerCase());
  if ((orgId !== undefined && !byId) || (domain !== undefined && !byDomain)) {
    throw invalidRequest('Errors.Org.NotFound', { detail: `no org ${orgId ?? domain}` });
  }
  if (byId && byDomain && byId.id !== byDomain.id) throw invalidScope('Only one organization scope may be provided');
  return (byId ?? byDomain)?.id;
}

/** The sub of a valid id_token_hint (expired ones count); invalid hints are ignored like ZITADEL does. */
async function readHintSubject(hint: string | undefined, deps: ProviderDeps): Promise<string | undefined> {
  if (hint === undefined || !looksLikeJwt(hint)) return undefined;
  const claims = await verifyOwnJwt(hint, deps.keys);
  return typeof claims?.sub === 'string' ? claims.sub : undefined;
}

/** The browser login that can answer this request without showing a page, if any. */
function findReusableLogin(
  sessions: readonly LoginSession[],
  request: AuthRequest,
  app: App,
  deps: ProviderDeps,
  hintSubject: string | undefined,
): LoginSession | undefined {
  const nowS = Math.floor(deps.clock.now() / 1000);
  return sessions.find((s) => {
    const user = deps.store.index.usersById.get(s.userId);
    if (!user || !isLoginCandidate(user, request, deps.store.index) || checkLoginAllowed(user, app, deps.store.index)) return false;
    if (hintSubject !== undefined && s.userId !== hintSubject) return false;
    // Strictly less: max_age=0 (also what prompt=login sets, reference §1.2) must always force a
    // fresh login, even within the second of the last one (OpenID Connect Core §3.1.2.1).
    return request.maxAge === undefined || nowS - s.authTime < request.maxAge;
  });
}

async function answer(ctx: Context, deps: ProviderDeps, request: AuthRequest, app: App, hint: string | undefined): Promise<void> {
  if (request.orgId === undefined) {
    const orgId = resolveOrgScope(request, deps);
    if (orgId !== undefined) request.orgId = orgId;
  }
  const interactive = request.prompts.some((p) => p === 'login' || p === 'select_account' || p === 'create');
  const reusable = interactive
    ? undefined
    : findReusableLogin(listBrowserSessions(ctx, deps), request, app, deps, await readHintSubject(hint, deps));
  const user = reusable && deps.store.index.usersById.get(reusable.userId);
  if (reusable && user) {
    sendAuthResponse(ctx, request, await completeAuthRequest(deps, request, app, user, reusable));
    return;
  }
  if (request.prompts.includes('none')) {
    throw loginRequired('The user is not logged in or the login does not meet the request (prompt=none).');
  }
  bindToBrowser(ctx, deps, request);
  deps.state.authRequests.set(request.id, request);
  deps.state.changed();
  ctx.set('Cache-Control', 'no-store');
  ctx.redirect(`${LOGIN_PAGE_PATH}?authRequestID=${encodeURIComponent(request.id)}`);
}

export const authorizeRoute: Route = {
  path: '/oauth/v2/authorize',
  methods: ['GET', 'POST'],
  discoveryField: 'authorization_endpoint',
  async handle(ctx, deps) {
    const params = await readRequestParams(ctx);
    recordFacts(deps, { clientId: params.get('client_id') });
    const validated = validateAuthorizeRequest(params, deps);
    const { request, app } = validated;
    await checkAuthorizeRequest(params, validated, deps);
    try {
      if (params.has('request')) throw requestNotSupported('request objects are not supported by this emulator');
      if (params.has('request_uri')) throw new OAuthError('request_uri_not_supported', 'request_uri is not supported');
      await answer(ctx, deps, request, app, params.get('id_token_hint'));
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      sendAuthError(ctx, request, err);
    }
  },
};
