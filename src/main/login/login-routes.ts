// The login pages (/ui/login/…), ZITADEL login v1's shape: login name, then password; plus
// the emulator's one-click user picker and, for prompt=select_account, the browser's
// existing logins. Success sends the browser to the authorize callback.
import type { Context } from 'koa';
import { readForm, type Params } from '../http/read-params.js';
import { AUTHORIZE_CALLBACK_PATH } from '../oidc/authorize/authorize-callback.js';
import { LOGIN_PAGE_PATH } from '../oidc/authorize/authorize-endpoint.js';
import { buildPreferredUsername } from '../oidc/claims/profile-claims.js';
import { isSameSecret } from '../oidc/client-auth/compare-secret.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { Route } from '../oidc/route-table.js';
import type { AuthRequest, LoginSession } from '../oidc/state/state-types.js';
import { recordFacts } from '../activity/request-activity.js';
import type { App, User } from '../store/schema.js';
import { isSameBrowser, listBrowserSessions, startLoginSession } from './browser-sessions.js';
import { DEVICE_CONSENT_PATH } from './device-routes.js';
import { renderAuthRequestGone, sendHtml } from './login-page-responses.js';
import { checkLoginAllowed, isLoginCandidate, USER_INACTIVE, USER_NOT_FOUND } from './login-policy.js';
import { renderLoginNamePage, type AccountRow } from './pages/login-name-page.js';
import { renderPasswordPage } from './pages/password-page.js';

const PASSWORD_PATH = '/ui/login/password';
const PICKER_PATH = '/ui/login/picker';
const ACCOUNT_PATH = '/ui/login/account';
const PASSWORD_INVALID = 'Password is invalid';

interface LoginContext {
  request: AuthRequest;
  app: App;
}

function findRequest(ctx: Context, id: string | undefined, deps: ProviderDeps): LoginContext | undefined {
  const request = id === undefined ? undefined : deps.state.authRequests.get(id);
  // Another browser that learnt the id cannot log in for this request (issue 12 item 9).
  if (!request || request.expiresAt <= deps.clock.now() || !isSameBrowser(ctx, deps, request)) return undefined;
  const app = deps.store.index.appsByClientId.get(request.clientId);
  return app ? { request, app } : undefined;
}

function orgNameFor(request: AuthRequest, deps: ProviderDeps): string {
  const { orgsById } = deps.store.index;
  return orgsById.get(request.orgId ?? deps.store.data.instance.defaultOrgId)?.name ?? deps.store.data.instance.name;
}

function accountRow(user: User, deps: ProviderDeps): AccountRow {
  const profile = user.human?.profile;
  const displayName = profile?.displayName || `${profile?.givenName ?? ''} ${profile?.familyName ?? ''}`.trim();
  return { userId: user.id, displayName, loginName: buildPreferredUsername(deps.store.data, deps.store.index, user) };
}

function showLoginName(ctx: Context, deps: ProviderDeps, login: LoginContext, extra: { loginName?: string; error?: string } = {}): void {
  const { request, app } = login;
  const hidden = { authRequestID: request.id };
  const candidates = deps.store.data.users.filter((u) => u.state === 'active' && isLoginCandidate(u, request, deps.store.index));
  const picker = deps.store.data.instance.login.userPicker
    ? { action: PICKER_PATH, hidden, users: candidates.map((u) => accountRow(u, deps)) }
    : undefined;
  const sessions = request.prompts.includes('select_account')
    ? {
        action: ACCOUNT_PATH,
        hidden,
        users: listBrowserSessions(ctx, deps).flatMap((s) => {
          const user = deps.store.index.usersById.get(s.userId);
          return user && isLoginCandidate(user, request, deps.store.index) ? [accountRow(user, deps)] : [];
        }),
      }
    : undefined;
  sendHtml(
    ctx,
    renderLoginNamePage({
      action: LOGIN_PAGE_PATH,
      hidden,
      orgName: orgNameFor(request, deps),
      appName: app.name,
      loginName: extra.loginName ?? request.loginHint,
      error: extra.error,
      picker,
      sessions,
    }),
  );
}

function showPassword(ctx: Context, deps: ProviderDeps, login: LoginContext, user: User, loginName: string, error?: string): void {
  sendHtml(
    ctx,
    renderPasswordPage({
      action: PASSWORD_PATH,
      hidden: { authRequestID: login.request.id },
      orgName: orgNameFor(login.request, deps),
      loginName,
      displayName: accountRow(user, deps).displayName,
      error,
      backHref: `${LOGIN_PAGE_PATH}?authRequestID=${encodeURIComponent(login.request.id)}`,
    }),
  );
}

/** The user named by a login name, if this login may find them. */
function findCandidate(loginName: string, login: LoginContext, deps: ProviderDeps): User | undefined {
  const user = deps.store.index.usersByLoginName.get(loginName.trim().toLowerCase());
  return user && isLoginCandidate(user, login.request, deps.store.index) ? user : undefined;
}

/** Attaches a login to the request and continues to the callback, or explains why not. */
function finishLogin(ctx: Context, deps: ProviderDeps, login: LoginContext, user: User, session: () => LoginSession): void {
  const refusal = checkLoginAllowed(user, login.app, deps.store.index);
  if (refusal) return showLoginName(ctx, deps, login, { error: refusal });
  login.request.loginSessionId = session().id;
  recordFacts(deps, { clientId: login.request.clientId, userId: user.id, sessionId: login.request.loginSessionId });
  deps.state.touch(deps.state.authRequests, login.request.id);
  ctx.set('Cache-Control', 'no-store');
  // A device-flow login continues to Allow / Deny; an /authorize login back to the client.
  const next = login.request.deviceCode === undefined ? AUTHORIZE_CALLBACK_PATH : DEVICE_CONSENT_PATH;
  const param = login.request.deviceCode === undefined ? 'id' : 'authRequestID';
  ctx.redirect(`${next}?${param}=${encodeURIComponent(login.request.id)}`);
}

async function readLoginForm(ctx: Context, deps: ProviderDeps): Promise<{ form: Params; login?: LoginContext }> {
  const form = await readForm(ctx);
  const login = findRequest(ctx, form.get('authRequestID'), deps);
  return login ? { form, login } : { form };
}

export const loginRoutes: Route[] = [
  {
    path: LOGIN_PAGE_PATH,
    methods: ['GET'],
    handle(ctx, deps) {
      const id = typeof ctx.query.authRequestID === 'string' ? ctx.query.authRequestID : undefined;
      const login = findRequest(ctx, id, deps);
      if (!login) return renderAuthRequestGone(ctx);
      showLoginName(ctx, deps, login);
    },
  },
  {
    path: LOGIN_PAGE_PATH,
    methods: ['POST'],
    async handle(ctx, deps) {
      const { form, login } = await readLoginForm(ctx, deps);
      if (!login) return renderAuthRequestGone(ctx);
      const loginName = form.get('loginName') ?? '';
      const user = findCandidate(loginName, login, deps);
      if (!user) return showLoginName(ctx, deps, login, { loginName, error: USER_NOT_FOUND });
      if (user.state !== 'active') return showLoginName(ctx, deps, login, { loginName, error: USER_INACTIVE });
      showPassword(ctx, deps, login, user, loginName.trim());
    },
  },
  {
    path: PASSWORD_PATH,
    methods: ['POST'],
    async handle(ctx, deps) {
      const { form, login } = await readLoginForm(ctx, deps);
      if (!login) return renderAuthRequestGone(ctx);
      const loginName = form.get('loginName') ?? '';
      const user = findCandidate(loginName, login, deps);
      if (!user) return showLoginName(ctx, deps, login, { loginName, error: USER_NOT_FOUND });
      const expected = user.human?.password ?? '';
      if (expected === '' || !isSameSecret(form.get('password') ?? '', expected)) {
        return showPassword(ctx, deps, login, user, loginName.trim(), PASSWORD_INVALID);
      }
      finishLogin(ctx, deps, login, user, () => startLoginSession(ctx, deps, user.id, ['pwd']));
    },
  },
  {
    // Emulator convenience: log in as a listed user with one click. The login is recorded as a
    // password login so tokens look exactly like the ones a real password login produces.
    path: PICKER_PATH,
    methods: ['POST'],
    async handle(ctx, deps) {
      const { form, login } = await readLoginForm(ctx, deps);
      if (!login) return renderAuthRequestGone(ctx);
      const user = deps.store.index.usersById.get(form.get('userId') ?? '');
      if (!deps.store.data.instance.login.userPicker || !user || !isLoginCandidate(user, login.request, deps.store.index)) {
        return showLoginName(ctx, deps, login, { error: USER_NOT_FOUND });
      }
      finishLogin(ctx, deps, login, user, () => startLoginSession(ctx, deps, user.id, ['pwd']));
    },
  },
  {
    // prompt=select_account: continue with one of this browser's existing logins.
    path: ACCOUNT_PATH,
    methods: ['POST'],
    async handle(ctx, deps) {
      const { form, login } = await readLoginForm(ctx, deps);
      if (!login) return renderAuthRequestGone(ctx);
      const session = listBrowserSessions(ctx, deps).find((s) => s.userId === form.get('userId'));
      const user = session && deps.store.index.usersById.get(session.userId);
      if (!session || !user || !isLoginCandidate(user, login.request, deps.store.index)) {
        return showLoginName(ctx, deps, login, { error: USER_NOT_FOUND });
      }
      finishLogin(ctx, deps, login, user, () => session);
    },
  },
];
