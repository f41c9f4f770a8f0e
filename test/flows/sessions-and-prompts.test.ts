// Issue 3, browser sessions and authorize options over real HTTP with a cookie jar: SSO, prompt
// (none, login, select_account), max_age, login_hint, org scopes (reference §1.2, §2), sessions
// surviving a restart, ID token session claims (§3.1, §3.4), implicit with fragment and form_post
// (§1.2), code reuse and code expiry (§4.2), expires_in (§4, §8).
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/main/emulator.js';
import type { StoreInput } from '../../src/main/store/schema.js';
import {
  TestBrowser,
  expectPage,
  expectRedirect,
  findAccountForm,
  listAccounts,
  parseForms,
  textOf,
  type BrowserOutcome,
} from '../helpers/browser-login.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const IDS = {
  instance: '500000000000000001',
  acme: '500000000000000002',
  globex: '500000000000000003',
  project: '500000000000000010',
  webApp: '500000000000000020',
  alice: '500000000000000040',
  bob: '500000000000000041',
  carol: '500000000000000042',
} as const;
const WEB = {
  clientId: '500000000000000030',
  secret: 'flow-secret!',
  redirectUri: 'http://localhost:3000/callback',
  /** Implicit needs https for a web app without dev mode (reference §1.2). */
  httpsRedirectUri: 'https://app.example.com/callback',
} as const;
const PASSWORD = 'Password1!';

function buildSeed(): StoreInput {
  const human = (id: string, orgId: string, userName: string, givenName: string, familyName: string) => ({
    id,
    orgId,
    userName,
    human: {
      profile: { givenName, familyName, displayName: `${givenName} ${familyName}` },
      email: { email: `${userName}@example.com`, isVerified: true },
      password: PASSWORD,
    },
  });
  return {
    version: 1,
    instance: { id: IDS.instance, name: 'Local', defaultOrgId: IDS.acme },
    orgs: [
      { id: IDS.acme, name: 'Acme', primaryDomain: 'acme.localhost' },
      { id: IDS.globex, name: 'Globex', primaryDomain: 'globex.localhost' },
    ],
    projects: [{ id: IDS.project, orgId: IDS.acme, name: 'Shop' }],
    apps: [
      {
        id: IDS.webApp,
        projectId: IDS.project,
        name: 'web',
        clientId: WEB.clientId,
        clientSecret: WEB.secret,
        oidc: {
          appType: 'web',
          authMethod: 'basic',
          redirectUris: [WEB.redirectUri, WEB.httpsRedirectUri],
          responseTypes: ['code', 'id_token', 'id_token token'],
          grantTypes: ['authorization_code', 'implicit', 'refresh_token'],
        },
        keys: [],
      },
    ],
    users: [
      human(IDS.alice, IDS.acme, 'alice', 'Alice', 'Smith'),
      human(IDS.bob, IDS.acme, 'bob', 'Bob', 'Jones'),
      human(IDS.carol, IDS.globex, 'carol', 'Carol', 'White'),
    ],
    userGrants: [],
    signingKeys: [],
  };
}

/** The injected clock: real time plus an offset the expiry test moves forward, or frozen. */
let offsetMs = 0;
let frozenAt: number | undefined;
const clock = { now: (): number => frozenAt ?? Date.now() + offsetMs };

let emulator: Emulator;
let issuer: string;

function start(options: EmulatorOptions): Promise<Emulator> {
  return startEmulator({ port: 0, host: '127.0.0.1', quiet: true, log: () => undefined, clock, ...options });
}

beforeAll(async () => {
  emulator = await start({ store: buildSeed() });
  issuer = emulator.issuer;
});
afterAll(() => emulator.close());

function authorizeUrl(params: Record<string, string>, base = issuer): string {
  const url = new URL(`${base}/oauth/v2/authorize`);
  url.search = new URLSearchParams({
    client_id: WEB.clientId,
    redirect_uri: WEB.redirectUri,
    response_type: 'code',
    scope: 'openid',
    ...params,
  }).toString();
  return url.href;
}

function basicHeader(): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(WEB.clientId)}:${encodeURIComponent(WEB.secret)}`).toString('base64')}`;
}

interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  id_token?: string;
  refresh_token?: string;
}

function redeem(code: string, base = issuer, redirectUri: string = WEB.redirectUri): Promise<Response> {
  return fetch(`${base}/oauth/v2/token`, {
    method: 'POST',
    headers: { Authorization: basicHeader(), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
  });
}

async function redeemOk(code: string, base = issuer): Promise<TokenResponse> {
  const res = await redeem(code, base);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as TokenResponse;
}

async function verifyIdToken(idToken: string | undefined, base = issuer): Promise<JWTPayload> {
  if (!idToken) throw new Error('no id_token');
  const { payload } = await jwtVerify(idToken, createRemoteJWKSet(new URL(`${base}/oauth/v2/keys`)), {
    issuer: base,
    audience: WEB.clientId,
    algorithms: ['RS256'],
  });
  return payload;
}

/** The code of a redirect straight to the client (query), after checking state. */
function codeOf(outcome: BrowserOutcome, state?: string): string {
  const redirect = expectRedirect(outcome);
  expect(redirect.status).toBe(302);
  expect(`${redirect.location.origin}${redirect.location.pathname}`).toBe(WEB.redirectUri);
  expect(redirect.location.searchParams.get('error')).toBeNull();
  if (state !== undefined) expect(redirect.location.searchParams.get('state')).toBe(state);
  const code = redirect.location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirect.location.href}`);
  return code;
}

async function loggedInBrowser(loginName = 'alice'): Promise<TestBrowser> {
  const browser = new TestBrowser(issuer);
  codeOf(await browser.loginWithPassword(authorizeUrl({ state: 'first' }), loginName, PASSWORD), 'first');
  return browser;
}

/** OIDC Core §3.1.3.6 / reference §3.1: left half of SHA-256 of the access token, base64url. */
function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest().subarray(0, 16).toString('base64url');
}

/** A raw authorize request with the browser's cookie: the emulator's first answer. */
async function firstAnswer(browser: TestBrowser, params: Record<string, string>): Promise<{ status: number; location: URL }> {
  const res = await browser.fetch(authorizeUrl(params));
  await res.body?.cancel();
  return { status: res.status, location: new URL(res.headers.get('location') ?? '', issuer) };
}

describe('single sign-on and prompt (reference §1.2)', () => {
  it('the login sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const browser = new TestBrowser(issuer);
    const page = expectPage(await browser.navigate(authorizeUrl({})));
    const loginForm = parseForms(page.html, page.url).find((f) => 'loginName' in f.fields);
    if (!loginForm) throw new Error('no login form');
    const passwordPage = expectPage(await browser.submit(loginForm, { loginName: 'alice' }));
    const passwordForm = parseForms(passwordPage.html, passwordPage.url).find((f) => 'password' in f.fields);
    if (!passwordForm) throw new Error('no password form');
    const res = await browser.fetch(passwordForm.action, { method: 'POST', body: new URLSearchParams({ ...passwordForm.fields, password: PASSWORD }) });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location') ?? '', issuer).pathname).toBe('/oauth/v2/authorize/callback');
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/; path=\/(;|$)/i);
    expect(cookies[0]).toMatch(/; httponly(;|$)/i);
    expect(cookies[0]).toMatch(/; samesite=lax(;|$)/i);
  });

  it('a second authorize with the cookie answers at once with a code for the same login (sid)', async () => {
    const browser = new TestBrowser(issuer);
    const first = await redeemOk(codeOf(await browser.loginWithPassword(authorizeUrl({ state: 'a' }), 'alice', PASSWORD), 'a'));
    const answer = await firstAnswer(browser, { state: 'b' });
    expect(answer.status).toBe(302);
    expect(`${answer.location.origin}${answer.location.pathname}`).toBe(WEB.redirectUri);
    expect(answer.location.searchParams.get('state')).toBe('b');
    const second = await redeemOk(answer.location.searchParams.get('code') ?? '');
    const [a, b] = [await verifyIdToken(first.id_token), await verifyIdToken(second.id_token)];
    expect(b.sub).toBe(IDS.alice);
    expect(b.sid).toBe(a.sid);
    expect(b.auth_time).toBe(a.auth_time);
  });

  it('prompt=none with a session answers with a code; without one, error=login_required with state', async () => {
    const browser = await loggedInBrowser();
    const silent = await firstAnswer(browser, { prompt: 'none', state: 's1' });
    expect(silent.status).toBe(302);
    expect(`${silent.location.origin}${silent.location.pathname}`).toBe(WEB.redirectUri);
    expect(silent.location.searchParams.get('code')).toBeTruthy();
    expect(silent.location.searchParams.get('state')).toBe('s1');

    const stranger = new TestBrowser(issuer);
    const refused = await firstAnswer(stranger, { prompt: 'none', state: 's2' });
    expect(refused.status).toBe(302);
    expect(`${refused.location.origin}${refused.location.pathname}`).toBe(WEB.redirectUri);
    expect(refused.location.searchParams.get('error')).toBe('login_required');
    expect(refused.location.searchParams.get('state')).toBe('s2');
    expect(refused.location.searchParams.has('code')).toBe(false);
  });

  it('prompt=login and max_age=0 show the login page despite the session, and the new login is fresh', async () => {
    // Frozen: the login and the next requests fall in the same second (elapsed time 0).
    frozenAt = Date.now() + offsetMs;
    const browser = await loggedInBrowser();
    try {
      for (const params of [{ prompt: 'login' }, { max_age: '0' }] as Record<string, string>[]) {
        const answer = await firstAnswer(browser, params);
        expect(answer.status).toBe(302);
        expect(answer.location.pathname).toBe('/ui/login/login');
        expect(answer.location.searchParams.get('authRequestID')).toMatch(/\S/);
      }
    } finally {
      frozenAt = undefined;
    }
    // A generous max_age is met by the existing login.
    const ok = await firstAnswer(browser, { max_age: '3600' });
    expect(`${ok.location.origin}${ok.location.pathname}`).toBe(WEB.redirectUri);

    const before = Math.floor(clock.now() / 1000);
    const code = codeOf(await browser.loginWithPassword(authorizeUrl({ prompt: 'login' }), 'alice', PASSWORD));
    const claims = await verifyIdToken((await redeemOk(code)).id_token);
    expect(claims.auth_time).toBeGreaterThanOrEqual(before);
  });

  it('prompt=select_account lists the browser\'s sessions and continues with the chosen one', async () => {
    const browser = await loggedInBrowser('alice');
    codeOf(await browser.loginWithPassword(authorizeUrl({ prompt: 'login' }), 'bob', PASSWORD));

    const page = expectPage(await browser.navigate(authorizeUrl({ prompt: 'select_account', state: 'sel' })));
    expect(page.status).toBe(200);
    const accounts = listAccounts(page, '/ui/login/account');
    expect(accounts.map((a) => a.userId).sort()).toEqual([IDS.alice, IDS.bob]);
    expect(accounts.find((a) => a.userId === IDS.bob)?.text).toBe('BJ Bob Jones bob');

    const bob = findAccountForm(page, '/ui/login/account', 'bob');
    if (!bob) throw new Error('bob is not listed');
    const claims = await verifyIdToken((await redeemOk(codeOf(await browser.submit(bob), 'sel'))).id_token);
    expect(claims.sub).toBe(IDS.bob);
    expect(claims.amr).toEqual(['pwd']);

    // A browser without logins gets the list's empty state.
    const empty = expectPage(await new TestBrowser(issuer).navigate(authorizeUrl({ prompt: 'select_account' })));
    expect(listAccounts(empty, '/ui/login/account')).toEqual([]);
    expect(textOf(empty.html)).toContain('No active sessions.');
  });

  it('login_hint pre-fills the login name', async () => {
    const page = expectPage(await new TestBrowser(issuer).navigate(authorizeUrl({ login_hint: 'bob@acme"<x>' })));
    const form = parseForms(page.html, page.url).find((f) => 'loginName' in f.fields);
    expect(form?.fields.loginName).toBe('bob@acme"<x>');
    expect(page.html).not.toContain('"<x>');
  });
});

describe('org scopes restrict who may log in (reference §2)', () => {
  it('urn:zitadel:iam:org:id:{id} shows only that org\'s users and refuses others', async () => {
    const browser = new TestBrowser(issuer);
    const url = authorizeUrl({ scope: `openid urn:zitadel:iam:org:id:${IDS.globex}`, state: 'org' });
    const page = expectPage(await browser.navigate(url));
    expect(listAccounts(page, '/ui/login/picker').map((a) => a.userId)).toEqual([IDS.carol]);
    expect(textOf(page.html)).toContain('Globex');

    const refused = expectPage(await browser.loginWithPassword(url, 'alice', PASSWORD));
    expect(refused.status).toBe(200);
    expect(textOf(refused.html)).toContain('User could not be found');

    const code = codeOf(await browser.loginWithPicker(url, 'carol'), 'org');
    expect((await verifyIdToken((await redeemOk(code)).id_token)).sub).toBe(IDS.carol);

    // Without an org scope every user of the instance may log in, so all of them are listed.
    const plain = expectPage(await new TestBrowser(issuer).navigate(authorizeUrl({})));
    expect(listAccounts(plain, '/ui/login/picker').map((a) => a.userId).sort()).toEqual([IDS.alice, IDS.bob, IDS.carol]);
  });
});

describe('ID token session claims and expires_in (reference §3.1, §3.4, §4)', () => {
  it('carries sid, auth_time, amr ["pwd"], at_hash of the access token and the nonce; expires_in is 43199', async () => {
    const browser = new TestBrowser(issuer);
    const before = Math.floor(clock.now() / 1000);
    const code = codeOf(await browser.loginWithPassword(authorizeUrl({ nonce: 'n-0S6_WzA2Mj', state: 'c' }), 'alice', PASSWORD), 'c');
    const after = Math.ceil(clock.now() / 1000);
    const res = await redeem(code);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const tokens = (await res.json()) as TokenResponse;
    expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'token_type']);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(43199);
    const claims = await verifyIdToken(tokens.id_token);
    expect(claims.sid).toMatch(/^\d{18}$/);
    expect(claims.auth_time).toBeGreaterThanOrEqual(before);
    expect(claims.auth_time).toBeLessThanOrEqual(after);
    expect(claims.amr).toEqual(['pwd']);
    expect(claims.nonce).toBe('n-0S6_WzA2Mj');
    expect(claims.at_hash).toBe(atHash(tokens.access_token));
    expect(claims).not.toHaveProperty('nbf');
    expect(claims).not.toHaveProperty('acr');
  });
});

describe('implicit flow (reference §1.2)', () => {
  it('id_token token answers in the fragment with access_token, Bearer, 43199, id_token and state', async () => {
    const browser = await loggedInBrowser();
    const redirect = expectRedirect(
      await browser.navigate(
        authorizeUrl({ response_type: 'id_token token', redirect_uri: WEB.httpsRedirectUri, nonce: 'imp-nonce', state: 'imp' }),
      ),
    );
    expect(redirect.status).toBe(302);
    expect(`${redirect.location.origin}${redirect.location.pathname}`).toBe(WEB.httpsRedirectUri);
    expect(redirect.location.search).toBe('');
    const fields = new URLSearchParams(redirect.location.hash.slice(1));
    expect([...fields.keys()].sort()).toEqual(['access_token', 'expires_in', 'id_token', 'state', 'token_type']);
    expect(fields.get('token_type')).toBe('Bearer');
    expect(fields.get('expires_in')).toBe('43199');
    expect(fields.get('state')).toBe('imp');
    const claims = await verifyIdToken(fields.get('id_token') ?? '');
    expect(claims).toMatchObject({ sub: IDS.alice, nonce: 'imp-nonce', at_hash: atHash(fields.get('access_token') ?? ''), amr: ['pwd'] });
    const userinfo = await fetch(`${issuer}/oidc/v1/userinfo`, { headers: { Authorization: `Bearer ${fields.get('access_token') ?? ''}` } });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toEqual({ sub: IDS.alice });
  });

  it('form_post answers with a 200 auto-submitting page carrying the fields, under a CSP that allows only its script', async () => {
    const browser = await loggedInBrowser();
    const page = expectPage(
      await browser.navigate(
        authorizeUrl({
          response_type: 'id_token token',
          response_mode: 'form_post',
          redirect_uri: WEB.httpsRedirectUri,
          nonce: 'fp-nonce',
          state: 'fp<&>"',
        }),
      ),
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const forms = parseForms(page.html, page.url);
    expect(forms).toHaveLength(1);
    const [form] = forms;
    expect(form?.method).toBe('POST');
    expect(form?.action).toBe(WEB.httpsRedirectUri);
    expect(Object.keys(form?.fields ?? {}).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'state', 'token_type']);
    expect(form?.fields.state).toBe('fp<&>"');
    expect(form?.fields.token_type).toBe('Bearer');
    expect(form?.fields.expires_in).toBe('43199');
    const claims = await verifyIdToken(form?.fields.id_token);
    expect(claims).toMatchObject({ nonce: 'fp-nonce', at_hash: atHash(form?.fields.access_token ?? '') });

    const csp = page.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    const scripts = [...page.html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0] ?? '', 'utf8').digest('base64');
    expect(directives.get('script-src')).toEqual([`'sha256-${hash}'`]);
  });

  it('form_post with response_type=code posts code and state', async () => {
    const browser = await loggedInBrowser();
    const page = expectPage(await browser.navigate(authorizeUrl({ response_mode: 'form_post', state: 'fpc' })));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const [form] = parseForms(page.html, page.url);
    expect(form?.action).toBe(WEB.redirectUri);
    expect(Object.keys(form?.fields ?? {}).sort()).toEqual(['code', 'state']);
    expect(form?.fields.state).toBe('fpc');
    await redeemOk(form?.fields.code ?? '');
  });
});

describe('sessions survive a restart (issue 3 §3)', () => {
  let temp: TempDir;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.remove());

  it('a browser logged in before the restart is answered at once after it, on the same store file', async () => {
    const storePath = temp.file('store.json');
    await writeFile(storePath, `${JSON.stringify(buildSeed(), null, 2)}\n`);
    const first = await start({ storePath });
    const browser = new TestBrowser(first.issuer);
    let sid: unknown;
    try {
      const code = codeOf(await browser.loginWithPassword(authorizeUrl({ state: 'r1' }, first.issuer), 'bob', PASSWORD), 'r1');
      sid = (await verifyIdToken((await redeemOk(code, first.issuer)).id_token, first.issuer)).sid;
    } finally {
      await first.close();
    }

    // Same port as a restarted local emulator would use; the cookie is the browser's own.
    const second = await start({ storePath, port: first.port });
    try {
      expect(second.issuer).toBe(first.issuer);
      const res = await browser.fetch(authorizeUrl({ state: 'r2', prompt: 'none' }, second.issuer));
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(WEB.redirectUri);
      expect(location.searchParams.get('state')).toBe('r2');
      const claims = await verifyIdToken((await redeemOk(location.searchParams.get('code') ?? '', second.issuer)).id_token, second.issuer);
      expect(claims.sub).toBe(IDS.bob);
      expect(claims.sid).toBe(sid);
    } finally {
      await second.close();
    }
  });
});

describe('codes (reference §4.2)', () => {
  it('a redeemed code presented again fails and revokes the tokens it issued', async () => {
    const browser = new TestBrowser(issuer);
    const code = codeOf(await browser.loginWithPassword(authorizeUrl({ scope: 'openid offline_access' }), 'alice', PASSWORD));
    const tokens = await redeemOk(code);
    if (!tokens.refresh_token) throw new Error('expected a refresh token');
    const live = await fetch(`${issuer}/oidc/v1/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(live.status).toBe(200);

    const replay = await redeem(code);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({ error: 'invalid_request', error_description: 'Errors.AuthRequest.NoCode' });

    const dead = await fetch(`${issuer}/oidc/v1/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(dead.status).toBe(401);
    expect(await dead.json()).toEqual({ error: 'access_denied', error_description: 'access token invalid' });
    const refresh = await fetch(`${issuer}/oauth/v2/token`, {
      method: 'POST',
      headers: { Authorization: basicHeader(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toEqual({ error: 'invalid_request', error_description: 'Errors.OIDCSession.RefreshTokenInvalid' });
  });

  // Moves the shared clock forward, like the next one.
  it('a browser login answers silently for 10 days, then prompt=none gets login_required (ZITADEL passwordCheckLifetime)', async () => {
    const browser = await loggedInBrowser();
    offsetMs += 10 * 24 * 60 * 60 * 1000 - 60_000;
    const silent = await firstAnswer(browser, { prompt: 'none', state: 'd10' });
    expect(silent.location.searchParams.get('code')).toBeTruthy();
    offsetMs += 120_000;
    const refused = await firstAnswer(browser, { prompt: 'none', state: 'd10+' });
    expect(refused.location.searchParams.get('error')).toBe('login_required');
    expect(refused.location.searchParams.get('state')).toBe('d10+');
  });

  // Last in the file: it moves the shared clock forward.
  it('a code works until 10 minutes have passed and not after', async () => {
    const browser = await loggedInBrowser();
    const early = codeOf(await browser.navigate(authorizeUrl({})));
    const late = codeOf(await browser.navigate(authorizeUrl({})));
    offsetMs += 10 * 60 * 1000 - 2000;
    await redeemOk(early);
    offsetMs += 3000;
    const res = await redeem(late);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_request', error_description: 'Errors.User.Code.Invalid' });
  });
});
