// GET /oauth/v2/authorize/callback?id=…: where the login pages send the browser once the user
// has logged in (reference §1); it answers the client with a code or tokens.
import { interactionRequired, OAuthError } from '../errors.js';
import { isSameBrowser } from '../../login/browser-sessions.js';
import { renderAuthRequestGone } from '../../login/login-page-responses.js';
import type { Route } from '../route-table.js';
import { sendAuthError, sendAuthResponse } from './auth-response.js';
import { completeAuthRequest } from './complete-auth-request.js';

export const AUTHORIZE_CALLBACK_PATH = '/oauth/v2/authorize/callback';

export const authorizeCallbackRoute: Route = {
  path: AUTHORIZE_CALLBACK_PATH,
  methods: ['GET'],
  async handle(ctx, deps) {
    const id = typeof ctx.query.id === 'string' ? ctx.query.id : '';
    const request = deps.state.authRequests.get(id);
    // Only the browser that started the request gets its answer (issue 12 item 9).
    if (!request || request.expiresAt <= deps.clock.now() || !isSameBrowser(ctx, deps, request)) return renderAuthRequestGone(ctx);
    const app = deps.store.index.appsByClientId.get(request.clientId);
    const login = request.loginSessionId === undefined ? undefined : deps.state.loginSessions.get(request.loginSessionId);
    const user = login && deps.store.index.usersById.get(login.userId);
    try {
      if (!app || !login || !user) {
        throw interactionRequired('Unfortunately, the user may be not logged in and/or additional interaction is required.');
      }
      sendAuthResponse(ctx, request, await completeAuthRequest(deps, request, app, user, login));
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      sendAuthError(ctx, request, err);
    }
  },
};
