// browserSession / storageState: a browser that is already logged in as a user, handed to an
// end-to-end test as a cookie. The login is recorded like a password login on the login page,
// so the next authorization request carrying the cookie is answered without a page (single
// sign-on, authorize-endpoint.ts), subject to prompt, max_age and the app's login policy.
import type { BrowserSessionDto } from '../../common/bridge-api.js';
import { issueBrowserLogin } from '../login/browser-sessions.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import { BridgeError } from './bridge-error.js';
import { findUser } from './find-subjects.js';

/** The same cookie the admin API answers with (one shape for the library and the REST API). */
export type BrowserSessionCookie = BrowserSessionDto;

/** Playwright's `storageState` shape (browser.newContext({ storageState })). */
export interface StorageState {
  cookies: BrowserSessionCookie[];
  origins: { origin: string; localStorage: { name: string; value: string }[] }[];
}

export function createBrowserSession(deps: ProviderDeps, userName: string): BrowserSessionCookie {
  const user = findUser(deps.store, userName);
  const org = deps.store.index.orgsById.get(user.orgId);
  if (!user.human || user.state !== 'active' || org?.state !== 'active') {
    throw new BridgeError(`user "${user.userName}" cannot log in in a browser: only active human users of an active organization can`, 'user');
  }
  const { cookieName, cookieValue } = issueBrowserLogin(deps, user.id, ['pwd']);
  const issuer = new URL(deps.issuer);
  return {
    name: cookieName,
    value: cookieValue,
    domain: issuer.hostname,
    path: '/',
    httpOnly: true,
    secure: issuer.protocol === 'https:',
    sameSite: 'Lax',
    expires: -1,
  };
}

export function createStorageState(deps: ProviderDeps, userName: string): StorageState {
  return { cookies: [createBrowserSession(deps, userName)], origins: [] };
}
