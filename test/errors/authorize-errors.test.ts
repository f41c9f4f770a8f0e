// /oauth/v2/authorize errors, reference §1.2: validation failures are JSON shown to the browser
// (400, or 500 for a missing redirect_uri); failures after validation go back to the client
// with `state`; the redirect-URI rules per app type and dev mode; unknown scopes are dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { matchesGlob } from '../../src/main/oidc/authorize/redirect-uri.js';
import { validateStore } from '../../src/main/store/parse-store.js';
import {
  APPS,
  authorizeUrl,
  basicAuth,
  buildErrorsSeed,
  expectErrorRedirect,
  expectOAuthError,
  get,
  loginForCode,
  locationOf,
  postForm,
  startErrorsEmulator,
  tokenEndpoint,
  userinfo,
  type TokenResponse,
} from '../helpers/http-login.js';

const ADMIN_HINT = 'If you have any questions, you may contact the administrator of the application.';
const REDIRECT_NOT_REGISTERED = `The requested redirect_uri is missing in the client configuration. ${ADMIN_HINT}`;
const HTTP_NOT_ALLOWED = `This client's redirect_uri is http and is not allowed. ${ADMIN_HINT}`;
const CUSTOM_SCHEME_NOT_ALLOWED = `This client's redirect_uri is using a custom schema and is not allowed. ${ADMIN_HINT}`;
const SCOPE_MISSING = `The scope of your request is missing. Please ensure some scopes are requested. ${ADMIN_HINT}`;
const RESPONSE_TYPE_MISSING = `The response type is missing in your request. ${ADMIN_HINT}`;
const RESPONSE_TYPE_NOT_CONFIGURED = `The requested response type is missing in the client configuration. ${ADMIN_HINT}`;
const PROMPT_NONE_ALONE = 'The prompt parameter `none` must only be used as a single value';

let emulator: Emulator;
let issuer: string;

beforeAll(async () => {
  emulator = await startErrorsEmulator();
  issuer = emulator.issuer;
});
afterAll(() => emulator.close());

const web = { client_id: APPS.web.clientId, redirect_uri: APPS.web.redirectUri, response_type: 'code', scope: 'openid' };

function authorize(params: Record<string, string | undefined>): Promise<Response> {
  return get(authorizeUrl(issuer, params));
}

async function expectLoginPage(res: Response): Promise<void> {
  const body = await res.text();
  expect(res.status, body).toBe(302);
  expect(locationOf(res, issuer).pathname).toBe('/ui/login/login');
}

describe('validation failures are JSON to the browser (reference §1.2 table)', () => {
  it('missing client_id → 400 invalid_request', async () => {
    const res = await authorize({ ...web, client_id: undefined });
    expect(res.headers.get('location')).toBeNull();
    await expectOAuthError(res, 400, 'invalid_request', 'auth request is missing client_id');
  });

  it('unknown client → 400 invalid_request Errors.App.NotFound', async () => {
    await expectOAuthError(await authorize({ ...web, client_id: '399999999999999999' }), 400, 'invalid_request', 'Errors.App.NotFound');
  });

  it('inactive app → 400 invalid_request Errors.App.NotFound', async () => {
    const res = await authorize({ ...web, client_id: APPS.inactive.clientId, redirect_uri: APPS.inactive.redirectUri });
    await expectOAuthError(res, 400, 'invalid_request', 'Errors.App.NotFound');
  });

  it('app of an inactive project → 400 invalid_request Errors.App.NotFound', async () => {
    const res = await authorize({ ...web, client_id: APPS.inInactiveProject.clientId, redirect_uri: APPS.inInactiveProject.redirectUri });
    await expectOAuthError(res, 400, 'invalid_request', 'Errors.App.NotFound');
  });

  it('an API app is not an OIDC client → 400 invalid_request Errors.App.NotFound', async () => {
    await expectOAuthError(await authorize({ ...web, client_id: '300000000000000039' }), 400, 'invalid_request', 'Errors.App.NotFound');
  });

  it('missing redirect_uri → 500 server_error', async () => {
    const res = await authorize({ ...web, redirect_uri: undefined });
    await expectOAuthError(res, 500, 'server_error', 'auth request is missing redirect_uri');
  });

  it('unregistered redirect_uri → 400 invalid_request', async () => {
    const res = await authorize({ ...web, redirect_uri: 'http://localhost:3000/elsewhere' });
    await expectOAuthError(res, 400, 'invalid_request', REDIRECT_NOT_REGISTERED);
  });

  it('empty scope → 400 invalid_request', async () => {
    await expectOAuthError(await authorize({ ...web, scope: undefined }), 400, 'invalid_request', SCOPE_MISSING);
    await expectOAuthError(await authorize({ ...web, scope: '   ' }), 400, 'invalid_request', SCOPE_MISSING);
  });

  it('missing response_type → 400 invalid_request', async () => {
    // An https redirect: a plain-http web redirect is allowed only for response_type=code.
    const res = await authorize({ ...web, redirect_uri: APPS.web.httpsRedirectUri, response_type: undefined });
    await expectOAuthError(res, 400, 'invalid_request', RESPONSE_TYPE_MISSING);
  });

  it('response_type not in the app configuration → 400 unauthorized_client', async () => {
    const res = await authorize({ client_id: APPS.spa.clientId, redirect_uri: APPS.spa.redirectUri, response_type: 'id_token', scope: 'openid' });
    await expectOAuthError(res, 400, 'unauthorized_client', RESPONSE_TYPE_NOT_CONFIGURED);
  });

  it('prompt=none combined with login → 400 invalid_request', async () => {
    await expectOAuthError(await authorize({ ...web, prompt: 'none login', state: 'st' }), 400, 'invalid_request', PROMPT_NONE_ALONE);
  });

  it('validation runs in zitadel/oidc order: redirect_uri present, prompt, scope, redirect_uri registered, response_type', async () => {
    await expectOAuthError(await authorize({ ...web, redirect_uri: undefined, scope: undefined }), 500, 'server_error');
    await expectOAuthError(await authorize({ ...web, prompt: 'none login', scope: undefined }), 400, 'invalid_request', PROMPT_NONE_ALONE);
    const unregistered = { ...web, redirect_uri: 'https://evil.example.com/cb' };
    await expectOAuthError(await authorize({ ...unregistered, scope: undefined }), 400, 'invalid_request', SCOPE_MISSING);
    await expectOAuthError(await authorize({ ...unregistered, response_type: 'token' }), 400, 'invalid_request', REDIRECT_NOT_REGISTERED);
  });

  it('validation errors are never redirected to the client, even with state', async () => {
    const res = await authorize({ ...web, response_type: 'id_token token', client_id: APPS.post.clientId, redirect_uri: APPS.post.redirectUri, state: 'abc' });
    expect(res.headers.get('location')).toBeNull();
    // response_type id_token token with an http redirect on a web app: the redirect check comes first.
    await expectOAuthError(res, 400, 'invalid_request', HTTP_NOT_ALLOWED);
  });
});

describe('redirect-URI rules (reference §1.2)', () => {
  it('web app: http is allowed for the code flow', async () => {
    await expectLoginPage(await authorize(web));
  });

  it('web app: http is refused for the implicit flow, https is fine', async () => {
    const implicit = { ...web, response_type: 'id_token', nonce: 'n' };
    await expectOAuthError(await authorize(implicit), 400, 'invalid_request', HTTP_NOT_ALLOWED);
    await expectLoginPage(await authorize({ ...implicit, redirect_uri: APPS.web.httpsRedirectUri }));
  });

  it('web app: a registered custom scheme is refused', async () => {
    const res = await authorize({ ...web, redirect_uri: APPS.web.customSchemeRedirectUri });
    await expectOAuthError(res, 400, 'invalid_request', CUSTOM_SCHEME_NOT_ALLOWED);
  });

  it('https needs an exact match', async () => {
    const https = { ...web, redirect_uri: APPS.web.httpsRedirectUri };
    await expectLoginPage(await authorize(https));
    for (const near of [
      `${APPS.web.httpsRedirectUri}/`,
      `${APPS.web.httpsRedirectUri}?x=1`,
      'https://app.example.com/Callback',
      'https://app.example.com:443/callback/..',
      'https://APP.example.com/callback',
    ]) {
      await expectOAuthError(await authorize({ ...https, redirect_uri: near }), 400, 'invalid_request', REDIRECT_NOT_REGISTERED);
    }
  });

  it('user-agent app: http only in dev mode', async () => {
    const spa = { client_id: APPS.spa.clientId, response_type: 'code', scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' };
    await expectLoginPage(await authorize({ ...spa, redirect_uri: APPS.spa.redirectUri }));
    await expectOAuthError(await authorize({ ...spa, redirect_uri: APPS.spa.httpRedirectUri }), 400, 'invalid_request', HTTP_NOT_ALLOWED);
    const dev = { ...spa, client_id: APPS.spaDev.clientId };
    await expectLoginPage(await authorize({ ...dev, redirect_uri: APPS.spaDev.exactRedirectUri }));
  });

  it('dev mode: registered URIs are doublestar globs', async () => {
    const dev = { client_id: APPS.spaDev.clientId, response_type: 'code', scope: 'openid' };
    // Registered glob: http://localhost:4000/**
    await expectLoginPage(await authorize({ ...dev, redirect_uri: 'http://localhost:4000/callback' }));
    await expectLoginPage(await authorize({ ...dev, redirect_uri: 'http://localhost:4000/deep/nested/callback' }));
    await expectOAuthError(await authorize({ ...dev, redirect_uri: 'http://localhost:4001/callback' }), 400, 'invalid_request', REDIRECT_NOT_REGISTERED);
    await expectOAuthError(await authorize({ ...dev, redirect_uri: 'https://evil.example.com/x' }), 400, 'invalid_request', REDIRECT_NOT_REGISTERED);
  });

  it('dev mode glob http://localhost:*/** matches any port and path (doublestar)', () => {
    expect(matchesGlob('http://localhost:*/**', 'http://localhost:5173/callback')).toBe(true);
    expect(matchesGlob('http://localhost:*/**', 'http://localhost:8081/a/b/c')).toBe(true);
    expect(matchesGlob('http://localhost:*/**', 'http://evil.example.com/a')).toBe(false);
    expect(matchesGlob('http://localhost:*/cb', 'http://localhost:1/x/cb')).toBe(false);
  });

  it('the store accepts the dev-mode glob http://localhost:*/** as a redirect URI', () => {
    const seed = buildErrorsSeed();
    const spaDev = seed.apps?.find((a) => a.clientId === APPS.spaDev.clientId);
    if (!spaDev?.oidc) throw new Error('seed changed');
    spaDev.oidc.redirectUris = ['http://localhost:*/**'];
    expect(() => validateStore(seed)).not.toThrow();
    spaDev.oidc.redirectUris = ['not a url'];
    expect(() => validateStore(seed)).toThrow('must be an absolute URL (dev-mode apps may use * and ** globs)');
  });

  it('native app: a loopback redirect matches whatever the port', async () => {
    const native = { client_id: APPS.native.clientId, response_type: 'code', scope: 'openid' };
    await expectLoginPage(await authorize({ ...native, redirect_uri: 'http://127.0.0.1/callback' }));
    await expectLoginPage(await authorize({ ...native, redirect_uri: 'http://127.0.0.1:53123/callback' }));
    await expectLoginPage(await authorize({ ...native, redirect_uri: 'http://localhost:8765/callback' }));
    await expectOAuthError(await authorize({ ...native, redirect_uri: 'http://127.0.0.1:53123/other' }), 400, 'invalid_request', REDIRECT_NOT_REGISTERED);
    await expectOAuthError(await authorize({ ...native, redirect_uri: 'http://example.com:53123/callback' }), 400, 'invalid_request', REDIRECT_NOT_REGISTERED);
  });

  it('native app: a registered custom scheme is accepted, another is not', async () => {
    const native = { client_id: APPS.native.clientId, response_type: 'code', scope: 'openid' };
    await expectLoginPage(await authorize({ ...native, redirect_uri: APPS.native.customScheme }));
    await expectOAuthError(await authorize({ ...native, redirect_uri: 'com.example.evil:/oauth/callback' }), 400, 'invalid_request', REDIRECT_NOT_REGISTERED);
  });
});

describe('failures after validation go back to the client with state (reference §1.2, §2)', () => {
  it('a request object → request_not_supported', async () => {
    const res = await authorize({ ...web, state: 'st-1', request: 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.' });
    expectErrorRedirect(res, issuer, { base: APPS.web.redirectUri, error: 'request_not_supported', state: 'st-1', fragment: false });
  });

  it('an unknown org id scope → invalid_request Errors.Org.NotFound', async () => {
    const res = await authorize({ ...web, scope: 'openid urn:zitadel:iam:org:id:399999999999999999', state: 'st-2' });
    expectErrorRedirect(res, issuer, {
      base: APPS.web.redirectUri,
      error: 'invalid_request',
      description: 'Errors.Org.NotFound',
      state: 'st-2',
      fragment: false,
    });
  });

  it('an unknown primary-domain scope → invalid_request Errors.Org.NotFound', async () => {
    const res = await authorize({ ...web, scope: 'openid urn:zitadel:iam:org:domain:primary:nowhere.localhost', state: 'st-3' });
    expectErrorRedirect(res, issuer, { base: APPS.web.redirectUri, error: 'invalid_request', description: 'Errors.Org.NotFound', state: 'st-3' });
  });

  it('org id and primary domain of different orgs → invalid_scope', async () => {
    const scope = 'openid urn:zitadel:iam:org:id:300000000000000002 urn:zitadel:iam:org:domain:primary:globex.localhost';
    const res = await authorize({ ...web, scope, state: 'st-4' });
    expectErrorRedirect(res, issuer, {
      base: APPS.web.redirectUri,
      error: 'invalid_scope',
      description: 'Only one organization scope may be provided',
      state: 'st-4',
    });
  });

  it('org id and primary domain of the same org are fine', async () => {
    const scope = 'openid urn:zitadel:iam:org:id:300000000000000002 urn:zitadel:iam:org:domain:primary:acme.localhost';
    await expectLoginPage(await authorize({ ...web, scope }));
  });

  it('prompt=none without a session → login_required in the query (code flow)', async () => {
    const res = await authorize({ ...web, prompt: 'none', state: 'st-5' });
    expectErrorRedirect(res, issuer, { base: APPS.web.redirectUri, error: 'login_required', state: 'st-5', fragment: false });
  });

  it('no state in the request → none in the error redirect', async () => {
    const res = await authorize({ ...web, prompt: 'none' });
    expectErrorRedirect(res, issuer, { base: APPS.web.redirectUri, error: 'login_required' });
  });

  it('implicit flow errors come in the fragment', async () => {
    const implicit = { ...web, redirect_uri: APPS.web.httpsRedirectUri, response_type: 'id_token token', nonce: 'n', prompt: 'none', state: 'st-6' };
    expectErrorRedirect(await authorize(implicit), issuer, { base: APPS.web.httpsRedirectUri, error: 'login_required', state: 'st-6', fragment: true });
    const idOnly = { ...implicit, response_type: 'id_token' };
    expectErrorRedirect(await authorize(idOnly), issuer, { base: APPS.web.httpsRedirectUri, error: 'login_required', state: 'st-6', fragment: true });
  });

  it('errors are redirected, never form-posted: code + form_post → query, implicit + form_post → fragment', async () => {
    const code = await authorize({ ...web, response_mode: 'form_post', prompt: 'none', state: 'st-7' });
    expectErrorRedirect(code, issuer, { base: APPS.web.redirectUri, error: 'login_required', state: 'st-7', fragment: false });
    const implicit = await authorize({
      ...web,
      redirect_uri: APPS.web.httpsRedirectUri,
      response_type: 'id_token',
      nonce: 'n',
      response_mode: 'form_post',
      prompt: 'none',
      state: 'st-8',
    });
    expectErrorRedirect(implicit, issuer, { base: APPS.web.httpsRedirectUri, error: 'login_required', state: 'st-8', fragment: true });
  });
});

describe('scopes and PKCE', () => {
  async function redeemWeb(code: string, extra: Record<string, string> = {}): Promise<Response> {
    return postForm(
      tokenEndpoint(issuer),
      { grant_type: 'authorization_code', code, redirect_uri: APPS.web.redirectUri, ...extra },
      basicAuth(APPS.web.clientId, APPS.web.secret),
    );
  }

  function refresh(refreshToken: string, scope: string): Promise<Response> {
    return postForm(
      tokenEndpoint(issuer),
      { grant_type: 'refresh_token', refresh_token: refreshToken, scope },
      basicAuth(APPS.web.clientId, APPS.web.secret),
    );
  }

  it('unknown scopes are dropped silently, not rejected', async () => {
    const scope = 'openid email offline_access foo urn:zitadel:iam:unknown urn:zitadel:iam:org:project:role:nonexistent';
    const code = await loginForCode(issuer, { client_id: APPS.web.clientId, redirect_uri: APPS.web.redirectUri, scope });
    const res = await redeemWeb(code);
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as TokenResponse;
    const info = await userinfo(issuer, tokens.access_token);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ email: 'alice@acme.localhost' });
    // The granted scope holds only what was kept: asking to keep a dropped scope is not a subset (reference §4.3).
    if (!tokens.refresh_token) throw new Error('no refresh token');
    for (const dropped of ['foo', 'urn:zitadel:iam:unknown', 'urn:zitadel:iam:org:project:role:nonexistent']) {
      await expectOAuthError(await refresh(tokens.refresh_token, `openid ${dropped}`), 400, 'invalid_scope', null);
    }
    expect((await refresh(tokens.refresh_token, 'openid email')).status).toBe(200);
  });

  it('a scope made only of unknown values passes validation (the check is on the raw scope)', async () => {
    await expectLoginPage(await authorize({ ...web, scope: 'foo bar' }));
  });

  it('plain PKCE is accepted though discovery advertises only S256', async () => {
    const discovery = (await (await get(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    const verifier = 'plain-verifier-plain-verifier-plain-verifier-0123';
    const code = await loginForCode(issuer, {
      client_id: APPS.web.clientId,
      redirect_uri: APPS.web.redirectUri,
      scope: 'openid',
      code_challenge: verifier,
      code_challenge_method: 'plain',
    });
    await expectOAuthError(await redeemWeb(code, { code_verifier: `${verifier}x` }), 400, 'invalid_grant', 'invalid code_verifier');
  });

  it('plain PKCE: the right verifier redeems the code; no method means plain (RFC 7636 §4.3)', async () => {
    const verifier = 'another-plain-verifier-another-plain-verifier-42';
    for (const method of ['plain', undefined]) {
      const code = await loginForCode(issuer, {
        client_id: APPS.web.clientId,
        redirect_uri: APPS.web.redirectUri,
        scope: 'openid',
        code_challenge: verifier,
        code_challenge_method: method,
      });
      const res = await redeemWeb(code, { code_verifier: verifier });
      expect(res.status, await res.clone().text()).toBe(200);
    }
  });
});
