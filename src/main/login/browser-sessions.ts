// A browser's logins: an HttpOnly, SameSite=Lax cookie names the browser (user agent), and
// each user it logged in as gets a login session whose id is the `sid` claim.
// Issue 12 item 9: the cookie's value is always one this server issued (a planted value is
// ignored), a login always issues a fresh value (no session fixation), and an auth request is
// bound to the browser that started it, so knowing its id is not enough to take its code.
import type { Context } from 'koa';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { RuntimeState } from '../oidc/state/runtime-state.js';
import { LOGIN_SESSION_LIFETIME_SECONDS, type AuthRequest, type LoginSession } from '../oidc/state/state-types.js';
import { generateOpaqueToken } from '../oidc/tokens/opaque-token.js';

/** Cookies ignore ports, so the name carries the port: emulators side by side stay apart. */
export function sessionCookieName(issuer: string): string {
  const port = new URL(issuer).port;
  return port ? `idp_emulator_ua_${port}` : 'idp_emulator_ua';
}

/**
 * Values issued to browsers that have no login yet (they started an auth request), by state,
 * with when they were issued. A value with logins is known from the state itself.
 */
const issuedBeforeLogin = new WeakMap<RuntimeState, Map<string, number>>();
const PRE_LOGIN_LIMIT = 10_000;

function preLoginIds(deps: ProviderDeps): Map<string, number> {
  let ids = issuedBeforeLogin.get(deps.state);
  if (!ids) {
    ids = new Map();
    issuedBeforeLogin.set(deps.state, ids);
  }
  return ids;
}

function isIssued(deps: ProviderDeps, id: string): boolean {
  return preLoginIds(deps).has(id) || deps.state.loginSessionsOf(id).length > 0;
}

function setCookie(ctx: Context, deps: ProviderDeps, id: string): void {
  ctx.cookies.set(sessionCookieName(deps.issuer), id, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: deps.issuer.startsWith('https://'),
    overwrite: true,
  });
}

/** The browser's id from its cookie, when this server issued it; undefined otherwise. */
export function readUserAgentId(ctx: Context, deps: ProviderDeps): string | undefined {
  const value = ctx.cookies.get(sessionCookieName(deps.issuer));
  return value && isIssued(deps, value) ? value : undefined;
}

/** The browser's id, issuing a new one (and its cookie) when it has none this server issued. */
export function ensureUserAgentId(ctx: Context, deps: ProviderDeps): string {
  const existing = readUserAgentId(ctx, deps);
  if (existing) return existing;
  const id = generateOpaqueToken();
  const ids = preLoginIds(deps);
  ids.set(id, deps.clock.now());
  // Bounded: the oldest pre-login ids go first (their auth requests have long expired).
  if (ids.size > PRE_LOGIN_LIMIT) ids.delete(ids.keys().next().value as string);
  setCookie(ctx, deps, id);
  return id;
}

/** Binds an auth request to the browser that sends it (call before storing the request). */
export function bindToBrowser(ctx: Context, deps: ProviderDeps, request: AuthRequest): void {
  request.userAgentId = ensureUserAgentId(ctx, deps);
}

/** Whether this browser is the one the auth request was started in. */
export function isSameBrowser(ctx: Context, deps: ProviderDeps, request: AuthRequest): boolean {
  // Requests saved before binding existed carry no browser: they stay usable.
  if (request.userAgentId === undefined) return true;
  return ctx.cookies.get(sessionCookieName(deps.issuer)) === request.userAgentId;
}

/** The browser's live logins, newest first, one per user. */
export function listBrowserSessions(ctx: Context, deps: ProviderDeps): LoginSession[] {
  const userAgentId = readUserAgentId(ctx, deps);
  if (!userAgentId) return [];
  const nowS = Math.floor(deps.clock.now() / 1000);
  const sessions = deps.state
    .loginSessionsOf(userAgentId)
    .filter((s) => s.authTime + LOGIN_SESSION_LIFETIME_SECONDS > nowS && deps.store.index.usersById.get(s.userId)?.state === 'active')
    .sort((a, b) => b.createdAt - a.createdAt);
  return sessions.filter((s, i) => sessions.findIndex((o) => o.userId === s.userId) === i);
}

/**
 * A fresh browser id (session fixation defence, OWASP: renew the session id on login) that takes
 * over the logins and pending auth requests of `previous`, the browser's old id, if any.
 */
function renewUserAgentId(deps: ProviderDeps, previous: string | undefined): string {
  const id = generateOpaqueToken();
  if (previous !== undefined) {
    for (const s of deps.state.loginSessionsOf(previous)) {
      deps.state.deleteLoginSession(s.id);
      deps.state.addLoginSession({ ...s, userAgentId: id });
    }
    for (const request of deps.state.authRequests.values()) if (request.userAgentId === previous) request.userAgentId = id;
    preLoginIds(deps).delete(previous);
  }
  return id;
}

export interface IssuedBrowserLogin {
  /** The cookie that carries the browser id (name depends on the issuer's port). */
  cookieName: string;
  /** The cookie's value (the browser id): a browser sending it is logged in as `session.userId`. */
  cookieValue: string;
  session: LoginSession;
}

/**
 * Records a fresh login of `userId` under a newly issued browser id, without a request: what the
 * login pages do, for callers that hand the cookie to a browser themselves (the test bridge's
 * browserSession()). The value is server-issued, so the next authorization request carrying it
 * is answered at once. `previous` is the browser's current id, whose other logins move over.
 */
export function issueBrowserLogin(deps: ProviderDeps, userId: string, amr: string[], previous?: string): IssuedBrowserLogin {
  const userAgentId = renewUserAgentId(deps, previous);
  for (const s of deps.state.loginSessionsOf(userAgentId)) {
    if (s.userId === userId) deps.state.deleteLoginSession(s.id);
  }
  const now = deps.clock.now();
  const session: LoginSession = { id: deps.newId(), userAgentId, userId, authTime: Math.floor(now / 1000), amr, createdAt: now };
  deps.state.addLoginSession(session);
  deps.state.changed();
  return { cookieName: sessionCookieName(deps.issuer), cookieValue: userAgentId, session };
}

/** Records a fresh login of `userId` in this browser (replacing an older one of the same user) and sets its new cookie. */
export function startLoginSession(ctx: Context, deps: ProviderDeps, userId: string, amr: string[]): LoginSession {
  const issued = issueBrowserLogin(deps, userId, amr, readUserAgentId(ctx, deps));
  setCookie(ctx, deps, issued.cookieValue);
  return issued.session;
}

/**
 * Ends the browser's logins (all, or the one with `sid`) and the access tokens issued in them.
 * Refresh tokens survive: ZITADEL only refuses access tokens created before the termination and
 * its refresh grant ignores the login (oidc_test.go TestOPStorage_TerminateSession_refresh_grant).
 */
export function endLoginSessions(ctx: Context, deps: ProviderDeps, sid: string | undefined): void {
  const userAgentId = readUserAgentId(ctx, deps);
  const ended = new Set<string>();
  const targets = sid !== undefined ? [sid] : userAgentId !== undefined ? deps.state.loginSessionsOf(userAgentId).map((s) => s.id) : [];
  for (const id of targets) {
    if (!deps.state.loginSessions.has(id)) continue;
    deps.state.deleteLoginSession(id);
    ended.add(id);
  }
  for (const [id, session] of deps.state.oidcSessions) {
    if (session.sid === undefined || !ended.has(session.sid)) continue;
    if (session.refreshTokenId !== undefined) deps.state.revokeAccessToken(session);
    else deps.state.removeOidcSession(id);
  }
  deps.state.changed();
}
