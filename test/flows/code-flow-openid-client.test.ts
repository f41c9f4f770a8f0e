// Issue 3, checked by a real relying-party library: openid-client v6 logs in through the login
// pages (code + PKCE), with client_secret_basic (reference §4.1, including the docs' example
// header) and with `none` (SPA), refreshes with rotation (§4.3), reads userinfo (§3, §6) and logs
// out through end_session (§6). Expected values are written from the reference and the seed.
import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/main/emulator.js';
import { buildDemoSeed } from '../../src/main/store/demo-seed.js';
import { createIdGenerator } from '../../src/main/store/ids.js';
import type { StoreInput } from '../../src/main/store/schema.js';
import { TestBrowser, expectRedirect } from '../helpers/browser-login.js';

const PASSWORD = 'Password1!';
/** Reference §4.1: the docs' example client and the exact header it must produce. */
const DOCS_CLIENT_ID = '78366401571920522@amce';
const DOCS_SECRET = 'veryweaksecret!';
const DOCS_HEADER = 'Basic NzgzNjY0MDE1NzE5MjA1MjIlNDBhbWNlOnZlcnl3ZWFrc2VjcmV0JTIx';
const DOCS_REDIRECT = 'http://localhost:3004/callback';

interface Seeded {
  orgId: string;
  projectId: string;
  aliceId: string;
  aliceUpdatedAt: number;
  web: { clientId: string; secret: string };
  spaClientId: string;
  allClientIds: string[];
}

let emulator: Emulator;
let issuer: string;
let seeded: Seeded;

function pick<T extends { name?: string; userName?: string }>(items: T[] | undefined, name: string): T {
  const found = items?.find((i) => i.name === name || i.userName === name);
  if (!found) throw new Error(`seed has no ${name}`);
  return found;
}

beforeAll(async () => {
  const seed: StoreInput = await buildDemoSeed({ newId: createIdGenerator(), now: new Date() });
  const web = pick(seed.apps, 'web');
  const project = pick(seed.projects, 'Shop');
  const alice = pick(seed.users, 'alice');
  seed.apps?.push({
    id: '300000000000000199',
    projectId: project.id,
    name: 'docs-example',
    clientId: DOCS_CLIENT_ID,
    clientSecret: DOCS_SECRET,
    oidc: { appType: 'web', authMethod: 'basic', redirectUris: [DOCS_REDIRECT], responseTypes: ['code'], grantTypes: ['authorization_code'] },
    keys: [],
  });
  seeded = {
    orgId: seed.instance.defaultOrgId,
    projectId: project.id,
    aliceId: alice.id,
    aliceUpdatedAt: alice.updatedAt ?? -1,
    web: { clientId: web.clientId, secret: web.clientSecret ?? '' },
    spaClientId: pick(seed.apps, 'spa').clientId,
    allClientIds: (seed.apps ?? []).map((a) => a.clientId),
  };
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', store: seed, quiet: true, log: () => undefined });
  issuer = emulator.issuer;
});
afterAll(() => emulator.close());

interface Exchange {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  responseHeaders: Headers;
  responseText: string;
}

/** Discovery plus a fetch that records every exchange, so raw bodies and headers can be asserted. */
async function configure(clientId: string, auth: client.ClientAuth): Promise<{ config: client.Configuration; log: Exchange[] }> {
  const config = await client.discovery(new URL(issuer), clientId, undefined, auth, { execute: [client.allowInsecureRequests] });
  const log: Exchange[] = [];
  config[client.customFetch] = async (url, options) => {
    const res = await fetch(url, options as RequestInit);
    const body = options.body === undefined ? '' : String(options.body);
    log.push({
      url,
      method: options.method,
      headers: options.headers,
      body,
      status: res.status,
      responseHeaders: res.headers,
      responseText: await res.clone().text(),
    });
    return res;
  };
  return { config, log };
}

function lastExchange(log: Exchange[], path: string): Exchange {
  const found = log.filter((e) => new URL(e.url).pathname === path).at(-1);
  if (!found) throw new Error(`no request to ${path}`);
  return found;
}

function decodePayload(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Reference §3.1 / OIDC Core §3.1.3.6: left half of SHA-256 of the access token, base64url. */
function expectedAtHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest().subarray(0, 16).toString('base64url');
}

interface Login {
  redirect: URL;
  verifier: string;
  state: string;
  nonce: string;
  browser: TestBrowser;
}

async function loginAlice(config: client.Configuration, redirectUri: string, scope: string, browser = new TestBrowser(issuer)): Promise<Login> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const outcome = expectRedirect(await browser.loginWithPassword(url, 'alice', PASSWORD));
  expect(outcome.status).toBe(302);
  expect(`${outcome.location.origin}${outcome.location.pathname}`).toBe(redirectUri);
  expect([...outcome.location.searchParams.keys()].sort()).toEqual(['code', 'state']);
  expect(outcome.location.searchParams.get('state')).toBe(state);
  return { redirect: outcome.location, verifier, state, nonce, browser };
}

/** Alice's role claims (reference §3.2): the project asserts roles, she holds "admin" in Acme. */
function aliceRoles(): Record<string, unknown> {
  const roles = { admin: { [seeded.orgId]: 'acme.localhost' } };
  return { [`urn:zitadel:iam:org:project:${seeded.projectId}:roles`]: roles, 'urn:zitadel:iam:org:project:roles': roles };
}

/** Alice's profile, email and phone claims from the demo seed (reference §3.1 quirks: empty nickname omitted). */
function aliceProfileClaims(): Record<string, unknown> {
  return {
    name: 'Alice Smith',
    given_name: 'Alice',
    family_name: 'Smith',
    gender: 'female',
    locale: 'en',
    updated_at: seeded.aliceUpdatedAt,
    preferred_username: 'alice',
    email: 'alice@acme.localhost',
    email_verified: true,
    phone_number: '+41790000001',
    phone_number_verified: true,
  };
}

describe('web app, client_secret_basic (reference §4.1, §4.2)', () => {
  it('logs in through the login form, redeems the code and gets ZITADEL-shaped tokens', async () => {
    const { config, log } = await configure(seeded.web.clientId, client.ClientSecretBasic(seeded.web.secret));
    const scope = 'openid profile email phone offline_access';
    const login = await loginAlice(config, 'http://localhost:3000/callback', scope);
    const tokens = await client.authorizationCodeGrant(config, login.redirect, {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
    });

    const exchange = lastExchange(log, '/oauth/v2/token');
    // Both parts form-url-encoded before base64 (reference §4.1); the form carries no client_id.
    const basic = `${encodeURIComponent(seeded.web.clientId)}:${encodeURIComponent(seeded.web.secret)}`;
    expect(exchange.headers.authorization).toBe(`Basic ${Buffer.from(basic).toString('base64')}`);
    expect(new URLSearchParams(exchange.body).has('client_secret')).toBe(false);
    expect(exchange.status).toBe(200);
    expect(exchange.responseHeaders.get('content-type')).toMatch(/^application\/json/);
    expect(exchange.responseHeaders.get('cache-control')).toBe('no-store');
    const raw = JSON.parse(exchange.responseText) as Record<string, unknown>;
    // Reference §4: exactly these fields, no `scope`, no `state`; 12 h → 43199.
    expect(Object.keys(raw).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    expect(raw.token_type).toBe('Bearer');
    expect(raw.expires_in).toBe(43199);

    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token claims');
    const { iat, exp, auth_time, sid, aud, at_hash, ...rest } = claims;
    expect(exp).toBe(iat + 43200);
    expect(typeof auth_time).toBe('number');
    expect(Math.abs(iat - Number(auth_time))).toBeLessThanOrEqual(5);
    expect(sid).toMatch(/^\d{18}$/);
    expect(at_hash).toBe(expectedAtHash(tokens.access_token));
    // Reference §2: every client id of the project plus the project id.
    expect([...(aud as string[])].sort()).toEqual([...seeded.allClientIds, seeded.projectId].sort());
    // Reference §3.1 / §3.6: web has idTokenUserinfoAssertion and idTokenRoleAssertion.
    expect(rest).toEqual({
      iss: issuer,
      sub: seeded.aliceId,
      amr: ['pwd'],
      azp: seeded.web.clientId,
      client_id: seeded.web.clientId,
      nonce: login.nonce,
      ...aliceProfileClaims(),
      ...aliceRoles(),
    });
    const header = JSON.parse(Buffer.from(tokens.id_token?.split('.')[0] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'RS256', kid: expect.stringMatching(/^\d+$/) as unknown, typ: 'JWT' });
  });

  it('the docs example client sends the exact header of reference §4.1 and gets tokens', async () => {
    const { config, log } = await configure(DOCS_CLIENT_ID, client.ClientSecretBasic(DOCS_SECRET));
    const login = await loginAlice(config, DOCS_REDIRECT, 'openid');
    const tokens = await client.authorizationCodeGrant(config, login.redirect, {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
    });
    expect(lastExchange(log, '/oauth/v2/token').headers.authorization).toBe(DOCS_HEADER);
    expect(tokens.token_type).toBe('bearer'); // oauth4webapi lower-cases "Bearer"
    expect(tokens.refresh_token).toBeUndefined(); // no offline_access, no refresh_token grant
    expect(tokens.claims()?.sub).toBe(seeded.aliceId);
    expect(tokens.claims()?.azp).toBe(DOCS_CLIENT_ID);

    // The same header sent by hand works too (a second login, a fresh code).
    const again = await loginAlice(config, DOCS_REDIRECT, 'openid', login.browser);
    const res = await fetch(`${issuer}/oauth/v2/token`, {
      method: 'POST',
      headers: { Authorization: DOCS_HEADER, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: again.redirect.searchParams.get('code') ?? '',
        redirect_uri: DOCS_REDIRECT,
        code_verifier: again.verifier,
      }),
    });
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()) as object).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'token_type']);
  });
});

describe('spa app, none + PKCE: refresh, userinfo, logout (reference §3, §4.3, §6)', () => {
  it('logs in, rotates the refresh token, reads userinfo and logs out', async () => {
    const { config, log } = await configure(seeded.spaClientId, client.None());
    const redirectUri = 'http://localhost:5173/callback';
    const login = await loginAlice(config, redirectUri, 'openid profile email phone offline_access');
    const first = await client.authorizationCodeGrant(config, login.redirect, {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
    });
    const tokenForm = new URLSearchParams(lastExchange(log, '/oauth/v2/token').body);
    expect(tokenForm.get('client_id')).toBe(seeded.spaClientId);
    expect(tokenForm.get('code_verifier')).toBe(login.verifier);
    expect(lastExchange(log, '/oauth/v2/token').headers.authorization).toBeUndefined();
    expect(first.expires_in).toBe(43199);
    const firstRefresh = first.refresh_token;
    if (!firstRefresh) throw new Error('no refresh token for offline_access');
    const firstClaims = first.claims();
    if (!firstClaims) throw new Error('no ID token');
    // The spa app asserts nothing extra in its ID token (idTokenUserinfoAssertion false).
    expect(firstClaims).not.toHaveProperty('email');
    expect(firstClaims).not.toHaveProperty('urn:zitadel:iam:org:project:roles');
    expect(firstClaims.azp).toBe(seeded.spaClientId);

    // Userinfo: sub + profile/email/phone + role claims (projectRoleAssertion), exactly.
    const userinfo = await client.fetchUserInfo(config, first.access_token, seeded.aliceId);
    expect(userinfo).toEqual({ sub: seeded.aliceId, ...aliceProfileClaims(), ...aliceRoles() });

    // Refresh: a new refresh token; the new ID token keeps auth_time, sid and nonce (reference §4.3).
    const second = await client.refreshTokenGrant(config, firstRefresh);
    expect(second.refresh_token).toBeDefined();
    expect(second.refresh_token).not.toBe(firstRefresh);
    expect(second.access_token).not.toBe(first.access_token);
    const refreshed = second.claims();
    expect(refreshed?.auth_time).toBe(firstClaims.auth_time);
    expect(refreshed?.sid).toBe(firstClaims.sid);
    expect(refreshed?.nonce).toBe(login.nonce);
    expect(refreshed?.at_hash).toBe(expectedAtHash(second.access_token));
    expect(JSON.parse(lastExchange(log, '/oauth/v2/token').responseText)).not.toHaveProperty('scope');

    // The old refresh token is gone: 400 invalid_request with ZITADEL's i18n key.
    await expect(client.refreshTokenGrant(config, firstRefresh)).rejects.toMatchObject({
      status: 400,
      error: 'invalid_request',
      error_description: 'Errors.OIDCSession.RefreshTokenInvalid',
    });
    // ...and so is the old access token (reference §4.3): 401 access_denied, no WWW-Authenticate.
    const stale = await fetch(`${issuer}/oidc/v1/userinfo`, { headers: { Authorization: `Bearer ${first.access_token}` } });
    expect(stale.status).toBe(401);
    expect(stale.headers.get('www-authenticate')).toBeNull();
    expect(await stale.json()).toEqual({ error: 'access_denied', error_description: 'access token invalid' });
    // openid-client refuses a 401 without WWW-Authenticate as non-conforming: ZITADEL sends none.
    await expect(client.fetchUserInfo(config, first.access_token, seeded.aliceId)).rejects.toMatchObject({
      code: 'OAUTH_RESPONSE_IS_NOT_CONFORM',
      cause: { status: 401 },
    });
    expect(await client.fetchUserInfo(config, second.access_token, seeded.aliceId)).toEqual({
      sub: seeded.aliceId,
      ...aliceProfileClaims(),
      ...aliceRoles(),
    });

    // Logout: end_session with id_token_hint + post_logout_redirect_uri + state → 302 there with state.
    const logoutState = client.randomState();
    const endSession = client.buildEndSessionUrl(config, {
      id_token_hint: second.id_token ?? '',
      post_logout_redirect_uri: 'http://localhost:5173/',
      state: logoutState,
    });
    const loggedOut = expectRedirect(await login.browser.navigate(endSession));
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.location.href).toBe(`http://localhost:5173/?state=${logoutState}`);

    // The browser session is gone: prompt=none now answers login_required (with state).
    const silentState = client.randomState();
    const silent = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      state: silentState,
      prompt: 'none',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const answer = expectRedirect(await login.browser.navigate(silent));
    expect(answer.status).toBe(302);
    expect(`${answer.location.origin}${answer.location.pathname}`).toBe(redirectUri);
    expect(answer.location.searchParams.get('error')).toBe('login_required');
    expect(answer.location.searchParams.get('state')).toBe(silentState);
    expect(answer.location.searchParams.has('code')).toBe(false);
  });
});
