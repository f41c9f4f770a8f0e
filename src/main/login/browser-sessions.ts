// A browser's logins: an HttpOnly, SameSite=Lax cookie names the browser (user agent), and
// each user it logged in as gets a login session whose id is the `sid` claim.
import type { Context } from 'koa';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import { LOGIN_SESSION_LIFETIME_SECONDS, type LoginSession } from '../oidc/state/state-types.js';
import { generateOpaqueToken } from '../oidc/tokens/opaque-token.js';

/** Cookies ignore ports, so the name carries the port: emulators side by side stay apart. */
export function sessionCookieName(issuer: string): string {
  const port = new URL(issuer).port;
  return port ? `idp_emulator_ua_${port}` : 'idp_emulator_ua';
}

export function readUserAgentId(ctx: Context, deps: ProviderDeps): string | undefined {
  return ctx.cookies.get(sessionCookieName(deps.issuer)) || undefined;
}

function ensureUserAgentId(ctx: Context, deps: ProviderDeps): string {
  const existing = readUserAgentId(ctx, deps);
  if (existing) return existing;
  const id = generateOpaqueToken();
  ctx.cookies.set(sessionCookieName(deps.issuer), id, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: deps.issuer.startsWith('https://'),
    overwrite: true,
  });
  return id;
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

/** Records a fresh login of `userId` in this browser (replacing an older one of the same user). */
export function startLoginSession(ctx: Context, deps: ProviderDeps, userId: string, amr: string[]): LoginSession {
  const userAgentId = ensureUserAgentId(ctx, deps);
  for (const s of deps.state.loginSessionsOf(userAgentId)) {
    if (s.userId === userId) deps.state.deleteLoginSession(s.id);
  }
  const now = deps.clock.now();
  const session: LoginSession = { id: deps.newId(), userAgentId, userId, authTime: Math.floor(now / 1000), amr, createdAt: now };
  deps.state.addLoginSession(session);
  deps.state.changed();
  return session;
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

/**
 * A new browser (cookie value) logged in as `userId`, without a request: what the test bridge
 * hands out as a browser session. The cookie value is issued here, by the server, exactly like
 * the one a login page sets, so the next authorization request carrying it is answered at once.
 */
export function issueBrowserLogin(deps: ProviderDeps, userId: string, amr: string[]): { cookieName: string; cookieValue: string; session: LoginSession } {
  const userAgentId = generateOpaqueToken();
  const now = deps.clock.now();
  const session: LoginSession = { id: deps.newId(), userAgentId, userId, authTime: Math.floor(now / 1000), amr, createdAt: now };
  deps.state.addLoginSession(session);
  deps.state.changed();
  return { cookieName: sessionCookieName(deps.issuer), cookieValue: userAgentId, session };
}
