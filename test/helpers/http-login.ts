// Plain-HTTP helpers for the error tests: a seed with one app per redirect-URI rule, requests
// that never follow redirects, a login through the real login form (authorize → login page →
// password → callback), code redemption with any client authentication, and exact OAuth-error
// assertions. Expected values in the tests come from the reference, not from this file.
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import type { StoreInput } from '../../src/main/store/schema.js';
import { startTestEmulator } from './emulator.js';

export const IDS = {
  instance: '300000000000000001',
  org: '300000000000000002',
  otherOrg: '300000000000000003',
  project: '300000000000000010',
  inactiveProject: '300000000000000011',
  alice: '300000000000000040',
  bob: '300000000000000041',
  carol: '300000000000000042',
} as const;

export const PASSWORD = 'Password1!';

/** Every app of the seed: client id, secret (if any) and its registered redirect URIs. */
export const APPS = {
  /** Confidential web app, client_secret_basic, every response type, code + implicit + refresh. */
  web: {
    clientId: '300000000000000030@acme',
    secret: 'web-secret!',
    redirectUri: 'http://localhost:3000/callback',
    httpsRedirectUri: 'https://app.example.com/callback',
    customSchemeRedirectUri: 'com.example.web:/callback',
    postLogoutRedirectUri: 'http://localhost:3000/logged-out',
  },
  /** client_secret_post, code only, no refresh_token grant. */
  post: { clientId: '300000000000000031', secret: 'post-secret', redirectUri: 'http://localhost:3001/callback' },
  /** User-agent (SPA) app without dev mode: http redirects are refused. */
  spa: {
    clientId: '300000000000000032',
    redirectUri: 'https://spa.example.com/callback',
    httpRedirectUri: 'http://localhost:5173/callback',
  },
  /** User-agent app in dev mode: registered URIs are also doublestar globs. */
  spaDev: { clientId: '300000000000000033', exactRedirectUri: 'http://localhost:5174/callback', glob: 'http://localhost:4000/**' },
  /** Native app: loopback without port, custom scheme; auth none; refresh allowed. */
  native: { clientId: '300000000000000034', redirectUri: 'http://127.0.0.1/callback', customScheme: 'com.example.app:/oauth/callback' },
  /** State inactive. */
  inactive: { clientId: '300000000000000035', secret: 'inactive-secret', redirectUri: 'http://localhost:3002/callback' },
  /** Active app in an inactive project. */
  inInactiveProject: { clientId: '300000000000000036', secret: 'x-secret', redirectUri: 'http://localhost:3003/callback' },
  /** The example of reference §4.1 (client_secret_basic with form-url-encoded parts). */
  docsExample: { clientId: '78366401571920522@amce', secret: 'veryweaksecret!', redirectUri: 'http://localhost:3004/callback' },
} as const;

const oidc = (extra: Record<string, unknown>): Record<string, unknown> => ({
  appType: 'web',
  authMethod: 'basic',
  responseTypes: ['code'],
  grantTypes: ['authorization_code'],
  ...extra,
});

/** A fresh copy of the error tests' store. */
export function buildErrorsSeed(): StoreInput {
  const app = (n: number, name: string, clientId: string, config: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    id: `3000000000000001${String(n).padStart(2, '0')}`,
    projectId: IDS.project,
    name,
    clientId,
    oidc: oidc(config),
    keys: [],
    ...extra,
  });
  return {
    version: 1,
    instance: { id: IDS.instance, name: 'Local', defaultOrgId: IDS.org },
    orgs: [
      { id: IDS.org, name: 'Acme', primaryDomain: 'acme.localhost' },
      { id: IDS.otherOrg, name: 'Globex', primaryDomain: 'globex.localhost' },
    ],
    projects: [
      {
        id: IDS.project,
        orgId: IDS.org,
        name: 'Shop',
        roles: [
          { key: 'admin', displayName: 'Admin', group: '' },
          { key: 'viewer', displayName: 'Viewer', group: '' },
        ],
      },
      { id: IDS.inactiveProject, orgId: IDS.org, name: 'Retired', state: 'inactive' },
    ],
    apps: [
      app(
        1,
        'web',
        APPS.web.clientId,
        {
          redirectUris: [APPS.web.redirectUri, APPS.web.httpsRedirectUri, APPS.web.customSchemeRedirectUri],
          postLogoutRedirectUris: [APPS.web.postLogoutRedirectUri],
          responseTypes: ['code', 'id_token', 'id_token token'],
          grantTypes: ['authorization_code', 'implicit', 'refresh_token'],
        },
        { clientSecret: APPS.web.secret },
      ),
      app(2, 'post', APPS.post.clientId, { authMethod: 'post', redirectUris: [APPS.post.redirectUri] }, { clientSecret: APPS.post.secret }),
      app(3, 'spa', APPS.spa.clientId, {
        appType: 'userAgent',
        authMethod: 'none',
        redirectUris: [APPS.spa.redirectUri, APPS.spa.httpRedirectUri],
        grantTypes: ['authorization_code', 'refresh_token'],
      }),
      app(4, 'spa-dev', APPS.spaDev.clientId, {
        appType: 'userAgent',
        authMethod: 'none',
        devMode: true,
        redirectUris: [APPS.spaDev.exactRedirectUri, APPS.spaDev.glob],
      }),
      app(5, 'cli', APPS.native.clientId, {
        appType: 'native',
        authMethod: 'none',
        redirectUris: [APPS.native.redirectUri, APPS.native.customScheme],
        grantTypes: ['authorization_code', 'refresh_token'],
      }),
      app(6, 'inactive', APPS.inactive.clientId, { redirectUris: [APPS.inactive.redirectUri] }, {
        clientSecret: APPS.inactive.secret,
        state: 'inactive',
      }),
      app(7, 'retired', APPS.inInactiveProject.clientId, { redirectUris: [APPS.inInactiveProject.redirectUri] }, {
        clientSecret: APPS.inInactiveProject.secret,
        projectId: IDS.inactiveProject,
      }),
      app(8, 'docs-example', APPS.docsExample.clientId, { redirectUris: [APPS.docsExample.redirectUri] }, {
        clientSecret: APPS.docsExample.secret,
      }),
      {
        id: '300000000000000120',
        projectId: IDS.project,
        name: 'api',
        clientId: '300000000000000039',
        clientSecret: 'api-secret',
        api: { authMethod: 'basic' },
        keys: [],
      },
    ],
    users: [
      { id: IDS.alice, orgId: IDS.org, userName: 'alice', human: { password: PASSWORD, email: { email: 'alice@acme.localhost', isVerified: true } } },
      { id: IDS.bob, orgId: IDS.org, userName: 'bob', human: { password: PASSWORD, email: { email: 'bob@acme.localhost', isVerified: true } } },
      { id: IDS.carol, orgId: IDS.otherOrg, userName: 'carol', human: { password: PASSWORD } },
    ],
    userGrants: [],
    signingKeys: [],
  };
}

export function startErrorsEmulator(seed: StoreInput = buildErrorsSeed()): Promise<Emulator> {
  return startTestEmulator({ store: seed });
}

// ---------------------------------------------------------------------------------------------
// Requests

type ParamValues = Record<string, string | undefined>;

function definedEntries(params: ParamValues): [string, string][] {
  return Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
}

export function withQuery(base: string, params: ParamValues): string {
  const url = new URL(base);
  for (const [k, v] of definedEntries(params)) url.searchParams.append(k, v);
  return url.href;
}

export function authorizeUrl(issuer: string, params: ParamValues): string {
  return withQuery(`${issuer}/oauth/v2/authorize`, params);
}

/** GET without following redirects. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers });
}

/** POST an application/x-www-form-urlencoded body (a record, or raw text/bytes as given). */
export function postForm(
  url: string,
  body: ParamValues | string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
): Promise<Response> {
  const payload = typeof body === 'string' || body instanceof Uint8Array ? body : new URLSearchParams(definedEntries(body));
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: payload,
  });
}

/** application/x-www-form-urlencoded encoding of one value, as reference §4.1 requires for Basic. */
export function formUrlEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

export function basicAuth(clientId: string, secret: string): Record<string, string> {
  const raw = `${formUrlEncode(clientId)}:${formUrlEncode(secret)}`;
  return { Authorization: `Basic ${Buffer.from(raw, 'utf8').toString('base64')}` };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url') };
}

/** The Location of a redirect, resolved against the issuer. */
export function locationOf(res: Response, issuer: string): URL {
  expect(res.status, 'expected a redirect').toBe(302);
  const location = res.headers.get('location');
  if (!location) throw new Error('redirect without Location');
  return new URL(location, issuer);
}

/** Query parameters of a redirect, or the fragment's when the response came by fragment. */
export function responseParams(url: URL): URLSearchParams {
  return url.hash ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
}

function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

// ---------------------------------------------------------------------------------------------
// Login through the real pages

export interface LoginResult {
  /** Where the emulator finally sent the browser (the client's redirect_uri with the response). */
  location: URL;
  params: URLSearchParams;
  /** The browser's cookies after the login (the session cookie). */
  cookie: string;
}

/**
 * Follows /authorize to the login page; returns the auth request id and the browser cookie the
 * request is bound to (only that browser may finish it, issue 12), as `Cookie` header value.
 */
export async function startAuthorize(issuer: string, params: ParamValues, cookie = ''): Promise<{ authRequestID: string; cookie: string }> {
  const res = await get(authorizeUrl(issuer, params), cookie ? { Cookie: cookie } : {});
  const login = locationOf(res, issuer);
  expect(login.pathname).toBe('/ui/login/login');
  const id = login.searchParams.get('authRequestID');
  if (!id) throw new Error(`no authRequestID in ${login.href}`);
  return { authRequestID: id, cookie: cookieHeader(res) || cookie };
}

/** authorize → login page → password → callback → client, as a browser without JavaScript does. */
export async function loginWithPassword(
  issuer: string,
  params: ParamValues,
  user: { loginName: string; password: string } = { loginName: 'alice', password: PASSWORD },
): Promise<LoginResult> {
  const started = await startAuthorize(issuer, params);
  const { authRequestID } = started;
  const page = await get(`${issuer}/ui/login/login?authRequestID=${encodeURIComponent(authRequestID)}`, { Cookie: started.cookie });
  expect(page.status).toBe(200);
  await page.text();
  const password = await postForm(`${issuer}/ui/login/password`, { authRequestID, ...user }, { Cookie: started.cookie });
  const callback = locationOf(password, issuer);
  expect(callback.pathname).toBe('/oauth/v2/authorize/callback');
  const cookie = cookieHeader(password);
  const done = await get(callback.href, { Cookie: cookie });
  const location = locationOf(done, issuer);
  return { location, params: responseParams(location), cookie };
}

/** A code for `params` (logged in as alice unless told otherwise). */
export async function loginForCode(issuer: string, params: ParamValues, user?: { loginName: string; password: string }): Promise<string> {
  const { params: response } = await loginWithPassword(issuer, { response_type: 'code', ...params }, user);
  const code = response.get('code');
  if (!code) throw new Error(`no code in the response: ${response.toString()}`);
  return code;
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  id_token?: string;
  refresh_token?: string;
}

export function tokenEndpoint(issuer: string): string {
  return `${issuer}/oauth/v2/token`;
}

/** The web app (client_secret_basic) logs alice in with `scope` and redeems the code. */
export async function webLoginTokens(issuer: string, scope = 'openid email offline_access'): Promise<TokenResponse> {
  const code = await loginForCode(issuer, { client_id: APPS.web.clientId, redirect_uri: APPS.web.redirectUri, scope, state: 's1' });
  const res = await postForm(
    tokenEndpoint(issuer),
    { grant_type: 'authorization_code', code, redirect_uri: APPS.web.redirectUri },
    basicAuth(APPS.web.clientId, APPS.web.secret),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as TokenResponse;
}

export function userinfo(issuer: string, accessToken: string): Promise<Response> {
  return get(`${issuer}/oidc/v1/userinfo`, { Authorization: `Bearer ${accessToken}` });
}

// ---------------------------------------------------------------------------------------------
// Assertions

/** A response body must never show internals: no stack frame ("at " + a file path), no "Error:". */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\bat .*[/\\][^\s]*\.(?:ts|js|mjs|cjs)\b/);
  expect(text).not.toMatch(/\bat (?:\S+ )?\(?(?:file:\/\/|node:)/);
  expect(text).not.toMatch(/\.(?:ts|js|mjs|cjs):\d+:\d+/);
  expect(text).not.toContain('Error:');
}

/**
 * The response is the JSON error `{error, error_description}` with this status. `description`
 * undefined: not checked; null: the field must be absent; a RegExp: must match.
 */
export async function expectOAuthError(
  res: Response,
  status: number,
  error: string,
  description?: string | RegExp | null,
): Promise<Record<string, unknown>> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  expectNoInternals(text);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body.error, text).toBe(error);
  if (description === null) expect(body).not.toHaveProperty('error_description');
  else if (description instanceof RegExp) expect(String(body.error_description)).toMatch(description);
  else if (description !== undefined) expect(body.error_description).toBe(description);
  return body;
}

/** The redirect carries `error` (and `error_description`, `state`) in query or fragment. */
export function expectErrorRedirect(
  res: Response,
  issuer: string,
  expected: { base: string; error: string; description?: string; state?: string; fragment?: boolean },
): URLSearchParams {
  const url = locationOf(res, issuer);
  expect(`${url.origin}${url.pathname}`).toBe(expected.base);
  if (expected.fragment === true) expect(url.search).toBe('');
  if (expected.fragment === false) expect(url.hash).toBe('');
  const params = expected.fragment ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
  expect(params.get('error')).toBe(expected.error);
  if (expected.description !== undefined) expect(params.get('error_description')).toBe(expected.description);
  expect(params.get('state') ?? undefined).toBe(expected.state);
  return params;
}
