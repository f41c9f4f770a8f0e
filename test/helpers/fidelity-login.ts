// HTTP helpers of the ZITADEL-fidelity tests: start an emulator with a fixed clock and fixed
// ids, log a user in through the real pages (authorize → login page → one-click picker →
// callback with the session cookie → code), redeem codes, run the device flow and
// client_credentials, and read userinfo / introspection. Nothing here decides what a token
// should contain: the expected values live in the tests, written from the reference.
import { createHash } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { expect } from 'vitest';
import { startEmulator, type Emulator } from '../../src/main/emulator.js';
import type { StoreInput } from '../../src/main/store/schema.js';
import { NOW_MS, REDIRECT_URI, type FidelityApp } from './fidelity-seed.js';

export type Json = Record<string, unknown>;

export interface TokenSet {
  access_token: string;
  token_type: string;
  expires_in: number;
  id_token?: string;
  refresh_token?: string;
}

/** An emulator on a random port whose clock is frozen at NOW_MS and whose ids count up. */
export function startFidelityEmulator(store: StoreInput): Promise<Emulator> {
  let n = 0n;
  return startEmulator({
    port: 0,
    host: '127.0.0.1',
    quiet: true,
    log: () => undefined,
    store,
    clock: { now: () => NOW_MS },
    newId: () => String(500_000_000_000_000_000n + ++n),
  });
}

function basic(app: { clientId: string; secret: string }): Record<string, string> {
  const enc = (v: string): string => new URLSearchParams({ v }).toString().slice(2);
  return { Authorization: `Basic ${Buffer.from(`${enc(app.clientId)}:${enc(app.secret)}`).toString('base64')}` };
}

function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
}

function redirectTarget(res: Response, base: string): URL {
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`expected a redirect, got ${res.status}`);
  return new URL(location, base);
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Picks `userId` on the login page of `authRequestID`; returns the next redirect and the session cookie. */
async function pickUser(issuer: string, authRequestID: string, userId: string, browser: string): Promise<{ next: URL; cookie: string }> {
  const page = await fetch(`${issuer}/ui/login/login?authRequestID=${encodeURIComponent(authRequestID)}`, { headers: { Cookie: browser } });
  expect(page.status).toBe(200);
  await page.text();
  const picked = await postForm(`${issuer}/ui/login/picker`, { authRequestID, userId }, { Cookie: browser });
  return { next: redirectTarget(picked, issuer), cookie: cookiesOf(picked) };
}

export interface LoginOptions {
  app: FidelityApp;
  scope: string;
  userId: string;
  nonce?: string;
}

/** A code for `scope`, logged in as `userId` through authorize → picker → callback. */
export async function loginForCode(issuer: string, { app, scope, userId, nonce }: LoginOptions): Promise<string> {
  const url = new URL(`${issuer}/oauth/v2/authorize`);
  const query: Record<string, string> = { client_id: app.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope, state: 'st' };
  if (nonce !== undefined) query.nonce = nonce;
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const authorize = await fetch(url, { redirect: 'manual' });
  const login = redirectTarget(authorize, issuer);
  expect(login.pathname).toBe('/ui/login/login');
  const { next, cookie } = await pickUser(issuer, login.searchParams.get('authRequestID') ?? '', userId, cookiesOf(authorize));
  expect(next.pathname).toBe('/oauth/v2/authorize/callback');
  const done = redirectTarget(await fetch(next, { redirect: 'manual', headers: { Cookie: cookie } }), issuer);
  expect(`${done.origin}${done.pathname}`).toBe(REDIRECT_URI);
  const code = done.searchParams.get('code');
  if (!code) throw new Error(`no code in ${done.href}`);
  return code;
}

async function tokenCall(issuer: string, form: Record<string, string>, headers: Record<string, string>): Promise<TokenSet> {
  const res = await postForm(`${issuer}/oauth/v2/token`, form, headers);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as TokenSet;
}

/** Logs in and redeems the code with client_secret_basic. */
export async function loginTokens(issuer: string, options: LoginOptions): Promise<TokenSet> {
  const code = await loginForCode(issuer, options);
  return tokenCall(issuer, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }, basic(options.app));
}

export function refreshTokens(issuer: string, app: FidelityApp, refreshToken: string): Promise<TokenSet> {
  return tokenCall(issuer, { grant_type: 'refresh_token', refresh_token: refreshToken }, basic(app));
}

export function clientCredentialsTokens(issuer: string, user: { loginName: string; secret: string }, scope: string): Promise<TokenSet> {
  return tokenCall(issuer, { grant_type: 'client_credentials', scope }, basic({ clientId: user.loginName, secret: user.secret }));
}

export async function tokenExchange(issuer: string, app: FidelityApp, form: Record<string, string>): Promise<Json> {
  const res = await postForm(`${issuer}/oauth/v2/token`, { grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', ...form }, basic(app));
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as Json;
}

/** Device authorization → code page → picker → Allow → token poll (RFC 8628). */
export async function deviceTokens(issuer: string, app: FidelityApp, scope: string, userId: string): Promise<TokenSet> {
  const started = await postForm(`${issuer}/oauth/v2/device_authorization`, { scope }, basic(app));
  expect(started.status).toBe(200);
  const { device_code, user_code } = (await started.json()) as { device_code: string; user_code: string };
  const entered = await postForm(`${issuer}/ui/login/device`, { user_code });
  const login = redirectTarget(entered, issuer);
  const authRequestID = login.searchParams.get('authRequestID') ?? '';
  const { next, cookie } = await pickUser(issuer, authRequestID, userId, cookiesOf(entered));
  expect(next.pathname).toBe('/ui/login/device/consent');
  const allowed = await postForm(`${issuer}/ui/login/device/consent`, { authRequestID, action: 'allowed' }, { Cookie: cookie });
  expect(allowed.status).toBe(200);
  await allowed.text();
  return tokenCall(issuer, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code }, basic(app));
}

export async function userinfo(issuer: string, accessToken: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${issuer}/oidc/v1/userinfo`, { headers: { Authorization: `Bearer ${accessToken}` } });
  return { status: res.status, body: (await res.json()) as Json };
}

export async function introspect(issuer: string, caller: FidelityApp, token: string): Promise<Json> {
  const res = await postForm(`${issuer}/oauth/v2/introspect`, { token }, basic(caller));
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

const jwksCache = new Map<string, ReturnType<typeof createLocalJWKSet>>();

/** Verifies a JWT against the emulator's JWKS (at the frozen time) and returns its payload. */
export async function verifiedPayload(issuer: string, jwt: string): Promise<Json> {
  let jwks = jwksCache.get(issuer);
  if (!jwks) {
    const res = await fetch(`${issuer}/oauth/v2/keys`);
    jwks = createLocalJWKSet((await res.json()) as JSONWebKeySet);
    jwksCache.set(issuer, jwks);
  }
  const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { currentDate: new Date(NOW_MS) });
  expect(protectedHeader.alg).toBe('RS256');
  expect(protectedHeader.typ).toBe('JWT');
  return payload as Json;
}

/** at_hash per OpenID Connect Core §3.1.3.6: base64url of the left half of SHA-256 (RS256) of the token. */
export function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, 16).toString('base64url');
}

export function isJws(token: string): boolean {
  return token.split('.').length === 3;
}
