// Issue 3, checked again by oauth4webapi, which validates discovery, the authorization response
// and ID tokens strictly (iss, aud, azp, exp, iat, nonce, at_hash-free checks): the same code +
// PKCE login through the login form, refresh (reference §4.3), userinfo (§6) and revocation (§6).
// ID token signatures are verified separately against the JWKS with jose.
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/main/emulator.js';
import type { App, User } from '../../src/main/store/schema.js';
import { TestBrowser, expectRedirect } from '../helpers/browser-login.js';

const PASSWORD = 'Password1!';
const insecure = { [oauth.allowInsecureRequests]: true } as const;

let emulator: Emulator;
let issuer: string;
let as: oauth.AuthorizationServer;
let alice: User;
let spa: App;
let web: App;

function find<T>(items: readonly T[], match: (item: T) => boolean, what: string): T {
  const found = items.find(match);
  if (!found) throw new Error(`demo seed has no ${what}`);
  return found;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, log: () => undefined });
  issuer = emulator.issuer;
  const issuerUrl = new URL(issuer);
  as = await oauth.processDiscoveryResponse(issuerUrl, await oauth.discoveryRequest(issuerUrl, insecure));
  const { users, apps } = emulator.store.data;
  alice = find(users, (u) => u.userName === 'alice', 'alice');
  spa = find(apps, (a) => a.name === 'spa', 'spa');
  web = find(apps, (a) => a.name === 'web', 'web');
});
afterAll(() => emulator.close());

interface CodeLogin {
  params: URLSearchParams;
  verifier: string;
  nonce: string;
  browser: TestBrowser;
}

async function loginForCode(client: oauth.Client, redirectUri: string, scope: string): Promise<CodeLogin> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(as.authorization_endpoint ?? '');
  url.search = new URLSearchParams({
    client_id: client.client_id,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const browser = new TestBrowser(issuer);
  const outcome = expectRedirect(await browser.loginWithPassword(url, 'alice', PASSWORD));
  expect(outcome.status).toBe(302);
  expect(`${outcome.location.origin}${outcome.location.pathname}`).toBe(redirectUri);
  // Throws on error responses, a missing/wrong state or an unexpected `iss`.
  const params = oauth.validateAuthResponse(as, client, outcome.location, state);
  return { params, verifier, nonce, browser };
}

function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest().subarray(0, 16).toString('base64url');
}

async function verifySignature(idToken: string, clientId: string): Promise<Record<string, unknown>> {
  const jwks = createRemoteJWKSet(new URL(as.jwks_uri ?? ''));
  const { payload, protectedHeader } = await jwtVerify(idToken, jwks, { issuer, audience: clientId, algorithms: ['RS256'] });
  expect(protectedHeader.typ).toBe('JWT');
  return payload;
}

describe('oauth4webapi against the spa app (none + PKCE)', () => {
  it('accepts discovery, the code response, the ID token, refresh, userinfo and revocation', async () => {
    expect(as.issuer).toBe(issuer);
    const client: oauth.Client = { client_id: spa.clientId };
    const auth = oauth.None();
    const redirectUri = 'http://localhost:5173/callback';
    const login = await loginForCode(client, redirectUri, 'openid email offline_access');

    const response = await oauth.authorizationCodeGrantRequest(as, client, auth, login.params, redirectUri, login.verifier, insecure);
    expect(response.status).toBe(200);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: login.nonce, requireIdToken: true });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(43199);
    expect(tokens).not.toHaveProperty('scope');
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    if (!claims || !tokens.id_token || !tokens.refresh_token) throw new Error('expected an ID token and a refresh token');
    const signed = await verifySignature(tokens.id_token, spa.clientId);
    expect(signed).toEqual({ ...claims });
    // Reference §3.1 ID-token column for an app without userinfo/role assertion: exactly these.
    expect(Object.keys(claims).sort()).toEqual(
      ['amr', 'at_hash', 'aud', 'auth_time', 'azp', 'client_id', 'exp', 'iat', 'iss', 'nonce', 'sid', 'sub'].sort(),
    );
    expect(claims).toMatchObject({
      iss: issuer,
      sub: alice.id,
      amr: ['pwd'],
      azp: spa.clientId,
      client_id: spa.clientId,
      nonce: login.nonce,
      at_hash: atHash(tokens.access_token),
    });
    expect(claims.aud).toContain(spa.clientId);
    expect(claims.aud).toContain(spa.projectId);
    expect(claims.exp - claims.iat).toBe(43200);

    // Userinfo: sub + email claims only (scope), roles because the project asserts them.
    const info = await oauth.processUserInfoResponse(as, client, alice.id, await oauth.userInfoRequest(as, client, tokens.access_token, insecure));
    const roles = { admin: { [alice.orgId]: 'acme.localhost' } };
    expect(info).toEqual({
      sub: alice.id,
      email: 'alice@acme.localhost',
      email_verified: true,
      [`urn:zitadel:iam:org:project:${spa.projectId}:roles`]: roles,
      'urn:zitadel:iam:org:project:roles': roles,
    });

    // Refresh: the ID token is validated again and keeps auth_time, sid and nonce.
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token, insecure),
    );
    const again = oauth.getValidatedIdTokenClaims(refreshed);
    expect(again).toMatchObject({ sub: alice.id, auth_time: claims.auth_time, sid: claims.sid, nonce: login.nonce });
    expect(again?.at_hash).toBe(atHash(refreshed.access_token));
    if (!refreshed.refresh_token) throw new Error('rotation must return a new refresh token');
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    // Revoking the refresh token (public client sends client_id) ends it and the session's access token.
    const revoke = await oauth.revocationRequest(as, client, auth, refreshed.refresh_token, insecure);
    expect(revoke.status).toBe(200);
    expect(revoke.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await revoke.clone().text()).toBe('');
    await expect(oauth.processRevocationResponse(revoke)).resolves.toBeUndefined();

    const dead = await oauth.userInfoRequest(as, client, refreshed.access_token, insecure);
    expect(dead.status).toBe(401);
    expect(await dead.json()).toEqual({ error: 'access_denied', error_description: 'access token invalid' });
    const refreshAfter = await oauth.refreshTokenGrantRequest(as, client, auth, refreshed.refresh_token, insecure);
    await expect(oauth.processRefreshTokenResponse(as, client, refreshAfter)).rejects.toMatchObject({
      status: 400,
      error: 'invalid_request',
      error_description: 'Errors.OIDCSession.RefreshTokenInvalid',
    });

    // Unknown tokens: empty 200 as well (reference §6).
    await expect(oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, 'not-a-token', insecure))).resolves.toBeUndefined();
  });
});

describe('oauth4webapi against the web app (client_secret_basic)', () => {
  it('accepts the code response with the userinfo-asserting ID token and revokes the access token', async () => {
    const client: oauth.Client = { client_id: web.clientId };
    const auth = oauth.ClientSecretBasic(web.clientSecret ?? '');
    const redirectUri = 'http://localhost:3000/callback';
    const login = await loginForCode(client, redirectUri, 'openid profile');
    const response = await oauth.authorizationCodeGrantRequest(as, client, auth, login.params, redirectUri, login.verifier, insecure);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: login.nonce, requireIdToken: true });
    expect(tokens.refresh_token).toBeUndefined(); // no offline_access
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    if (!claims || !tokens.id_token) throw new Error('expected an ID token');
    await verifySignature(tokens.id_token, web.clientId);
    // web asserts userinfo and roles in the ID token (demo seed), profile scope only.
    const roles = { admin: { [alice.orgId]: 'acme.localhost' } };
    expect(claims).toMatchObject({
      sub: alice.id,
      azp: web.clientId,
      name: 'Alice Smith',
      given_name: 'Alice',
      family_name: 'Smith',
      gender: 'female',
      locale: 'en',
      preferred_username: 'alice',
      [`urn:zitadel:iam:org:project:${web.projectId}:roles`]: roles,
      'urn:zitadel:iam:org:project:roles': roles,
    });
    expect(claims).not.toHaveProperty('email');
    expect(claims).not.toHaveProperty('nickname');

    const revoke = await oauth.revocationRequest(as, client, auth, tokens.access_token, { ...insecure, additionalParameters: { token_type_hint: 'access_token' } });
    await expect(oauth.processRevocationResponse(revoke)).resolves.toBeUndefined();
    const dead = await oauth.userInfoRequest(as, client, tokens.access_token, insecure);
    expect(dead.status).toBe(401);
    expect(await dead.json()).toEqual({ error: 'access_denied', error_description: 'access token invalid' });
  });
});
