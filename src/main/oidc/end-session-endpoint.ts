// GET/POST /oidc/v1/end_session (OpenID Connect RP-Initiated Logout 1.0 §2) with ZITADEL's
// checks (reference §6): ends the browser's login(s) and goes back to a registered
// post_logout_redirect_uri, or to the emulator's logged-out page, with `state` appended.
import type { Context } from 'koa';
import { recordFinding } from '../doctor/findings.js';
import { readRequestParams } from '../http/read-params.js';
import { endLoginSessions } from '../login/browser-sessions.js';
import { renderLoggedOutPage } from '../login/pages/logged-out-page.js';
import { sendHtml } from '../login/login-page-responses.js';
import { isRegisteredUri } from './authorize/redirect-uri.js';
import { readStateParam } from './state-param.js';
import { invalidRequest } from './errors.js';
import type { Route } from './route-table.js';
import { verifyOwnJwt } from './tokens/verify-own-jwt.js';

export const LOGGED_OUT_PATH = '/ui/login/logout/done';

function withState(target: string, state: string | undefined): string {
  if (state === undefined) return target;
  const url = new URL(target, 'http://relative.invalid');
  url.searchParams.set('state', state);
  return target.startsWith('/') ? `${url.pathname}${url.search}` : url.href;
}

export const endSessionRoute: Route = {
  path: '/oidc/v1/end_session',
  methods: ['GET', 'POST'],
  discoveryField: 'end_session_endpoint',
  async handle(ctx, deps) {
    const params = await readRequestParams(ctx);
    const state = readStateParam(params);
    const hint = params.get('id_token_hint');
    // Expired hints are accepted: logging out with an old ID token is the normal case.
    const claims = hint === undefined ? undefined : await verifyOwnJwt(hint, deps.keys);
    if (hint !== undefined && (!claims || claims.iss !== deps.issuer)) throw invalidRequest('id_token_hint invalid');
    const azp = typeof claims?.azp === 'string' ? claims.azp : undefined;
    const clientId = params.get('client_id');
    if (azp !== undefined && clientId !== undefined && clientId !== azp) {
      throw invalidRequest('client_id does not match azp of id_token_hint');
    }
    const app = deps.store.index.appsByClientId.get(azp ?? clientId ?? '');
    const redirect = params.get('post_logout_redirect_uri');
    if (redirect !== undefined && app?.oidc && !isRegisteredUri(app.oidc, app.oidc.postLogoutRedirectUris, redirect)) {
      throw invalidRequest('post_logout_redirect_uri invalid');
    }
    if (redirect !== undefined && app?.oidc?.devMode && !isRegisteredUri({ ...app.oidc, devMode: false }, app.oidc.postLogoutRedirectUris, redirect)) {
      recordFinding(deps, 'redirect-uri-dev-mode', `post_logout_redirect_uri ${redirect} is accepted only because app ${app.name} is in dev mode; with dev mode off ZITADEL answers "post_logout_redirect_uri invalid"`);
    }

    endLoginSessions(ctx, deps, typeof claims?.sid === 'string' ? claims.sid : undefined);
    const target = redirect !== undefined && app?.oidc ? redirect : LOGGED_OUT_PATH;
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(withState(target, state));
  },
};

export const loggedOutRoute: Route = {
  path: LOGGED_OUT_PATH,
  methods: ['GET'],
  handle(ctx: Context) {
    sendHtml(ctx, renderLoggedOutPage({}));
  },
};
