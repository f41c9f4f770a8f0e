// /oauth/v2/introspect (reference §5) validated with oauth4webapi: callers are the API app with
// Basic and an API app with private_key_jwt (an application key file from addAppKey, the
// assertion signed as the seeds' "Using JWTs for Client Authentication" shows); the active
// response for alice's code-flow token written by hand; caller failures; every token problem is
// exactly {"active":false}; a PAT is active with the caller's roles. The emulator's clock is
// frozen (at the real time the file starts, so client assertions signed by oauth4webapi agree).
import { createPrivateKey } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, loginForCode, postForm } from '../helpers/http-login.js';
import {
  buildServiceUsersSeed,
  CLIENTS,
  ORG_DOMAIN,
  REDIRECT_URI,
  signAssertion,
  SU,
  UPDATED_AT,
  type KeyJson,
} from '../helpers/service-users-seed.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const START_MS = Date.now();
const NOW = Math.floor(START_MS / 1000);
let offsetMs = 0;
const clock = { now: () => START_MS + offsetMs };
const insecure = { [oauth.allowInsecureRequests]: true } as const;

let emulator: Emulator;
let issuer: string;
let as: oauth.AuthorizationServer;
/** The api-jwt app's key file (type application). */
let appKey: KeyJson;
/** alice's access token from a code login by the web app, scope "openid profile email". */
let aliceToken: string;

const introspectUrl = (): string => `${issuer}/oauth/v2/introspect`;

async function aliceLogin(): Promise<string> {
  const code = await loginForCode(issuer, { client_id: CLIENTS.web.clientId, redirect_uri: REDIRECT_URI, scope: 'openid profile email' });
  const res = await postForm(
    `${issuer}/oauth/v2/token`,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
    basicAuth(CLIENTS.web.clientId, CLIENTS.web.secret),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildServiceUsersSeed(), clock });
  issuer = emulator.issuer;
  as = await oauth.processDiscoveryResponse(new URL(issuer), await oauth.discoveryRequest(new URL(issuer), insecure));
  emulator.store.update((draft) => {
    const app = draft.apps.find((a) => a.id === SU.apiJwtApp);
    if (app?.api) app.api.authMethod = 'privateKeyJwt';
  });
  const { keyFile } = await emulator.addAppKey('api-jwt');
  if (!keyFile) throw new Error('no key file');
  appKey = JSON.parse(JSON.stringify(keyFile)) as KeyJson;
  aliceToken = await aliceLogin();
});
afterAll(() => emulator.close());

/** ClientAuth that sends a client assertion built by hand from the key file (seeds' layout). */
function keyFileAssertion(file: KeyJson): oauth.ClientAuth {
  return async (_as, _client, body) => {
    const clientId = file.clientId ?? '';
    const assertion = await new SignJWT({ iss: clientId, sub: clientId, aud: issuer, iat: NOW, exp: NOW + 3600 })
      .setProtectedHeader({ alg: 'RS256', kid: file.keyId })
      .sign(createPrivateKey(file.key));
    body.set('client_assertion_type', ASSERTION_TYPE);
    body.set('client_assertion', assertion);
  };
}

async function introspect(clientId: string, auth: oauth.ClientAuth, token: string): Promise<oauth.IntrospectionResponse> {
  // oauth4webapi dates its own client assertions: tell it the emulator's (frozen) time.
  const client: oauth.Client = { client_id: clientId, [oauth.clockSkew]: Math.floor(clock.now() / 1000) - Math.floor(Date.now() / 1000) };
  const res = await oauth.introspectionRequest(as, client, auth, token, insecure);
  return oauth.processIntrospectionResponse(as, client, res);
}

const byApi = (token: string): Promise<oauth.IntrospectionResponse> =>
  introspect(CLIENTS.api.clientId, oauth.ClientSecretBasic(CLIENTS.api.secret), token);

/** Reference §5, with this seed's values. */
function aliceActive(): Record<string, unknown> {
  const roles = { admin: { [SU.org]: ORG_DOMAIN } };
  return {
    active: true,
    scope: 'openid profile email',
    client_id: CLIENTS.web.clientId,
    token_type: 'Bearer',
    exp: NOW + 43200,
    iat: NOW,
    auth_time: NOW,
    nbf: NOW,
    sub: SU.alice,
    // Every client id of Shop's apps, then the project id (reference §2).
    aud: [
      CLIENTS.web.clientId,
      CLIENTS.exchange.clientId,
      CLIENTS.cli.clientId,
      CLIENTS.tv.clientId,
      CLIENTS.api.clientId,
      CLIENTS.apiJwt.clientId,
      CLIENTS.spa.clientId,
      SU.shop,
    ],
    amr: ['pwd'],
    iss: issuer,
    jti: expect.stringMatching(/^V2_.+-at_.+$/),
    username: 'alice',
    name: 'Alice Smith',
    given_name: 'Alice',
    family_name: 'Smith',
    nickname: 'ali',
    gender: 'female',
    locale: 'en',
    updated_at: UPDATED_AT,
    preferred_username: 'alice',
    email: 'alice@acme.localhost',
    email_verified: true,
    'urn:zitadel:iam:org:project:roles': roles,
    [`urn:zitadel:iam:org:project:${SU.shop}:roles`]: roles,
  };
}

describe('active response (reference §5)', () => {
  it('API app with client_secret_basic: exactly the §5 shape', async () => {
    const body = await byApi(aliceToken);
    expect(body).toEqual(aliceActive());
    expect(Object.keys(body).slice(0, 4)).toEqual(['active', 'scope', 'client_id', 'token_type']);
  });

  it('API app with private_key_jwt, assertion from the application key file', async () => {
    expect(appKey).toMatchObject({ type: 'application', appId: SU.apiJwtApp, clientId: CLIENTS.apiJwt.clientId });
    expect(await introspect(CLIENTS.apiJwt.clientId, keyFileAssertion(appKey), aliceToken)).toEqual(aliceActive());
  });

  it("API app with private_key_jwt through oauth4webapi's own PrivateKeyJwt", async () => {
    const pkcs8 = createPrivateKey(appKey.key).export({ type: 'pkcs8', format: 'pem' }).toString();
    const auth = oauth.PrivateKeyJwt({ key: await importPKCS8(pkcs8, 'RS256'), kid: appKey.keyId });
    expect(await introspect(CLIENTS.apiJwt.clientId, auth, aliceToken)).toEqual(aliceActive());
  });

  it('client_secret_post by the API app, and an OIDC app with a secret may introspect too', async () => {
    const post = await postForm(introspectUrl(), { token: aliceToken, client_id: CLIENTS.api.clientId, client_secret: CLIENTS.api.secret });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual(aliceActive());
    const web = await introspect(CLIENTS.web.clientId, oauth.ClientSecretBasic(CLIENTS.web.secret), aliceToken);
    expect(web).toEqual(aliceActive());
  });

  it('a PAT is active for the caller, with the roles of the caller’s project', async () => {
    const { token } = emulator.addPersonalAccessToken('ci-bot');
    const viewer = { viewer: { [SU.org]: ORG_DOMAIN } };
    const body = await byApi(token);
    expect(body).toMatchObject({
      active: true,
      client_id: 'ci-bot',
      token_type: 'Bearer',
      sub: SU.ciBot,
      aud: [CLIENTS.api.clientId, SU.shop],
      iat: NOW,
      nbf: NOW,
      exp: 253402300799, // 9999-12-31T23:59:59Z
      iss: issuer,
      username: 'ci-bot',
      preferred_username: 'ci-bot',
      'urn:zitadel:iam:org:project:roles': viewer,
      [`urn:zitadel:iam:org:project:${SU.shop}:roles`]: viewer,
    });
    expect(String(body.scope).split(' ')).toEqual(
      expect.arrayContaining(['urn:zitadel:iam:org:project:role:admin', 'urn:zitadel:iam:org:project:role:viewer']),
    );
  });
});

describe('caller authentication failures (reference §5)', () => {
  const raw = (form: Record<string, string | undefined>, headers: Record<string, string> = {}): Promise<Response> =>
    postForm(introspectUrl(), form, headers);
  const expectBody = async (res: Response, status: number, body: object): Promise<void> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    expect(JSON.parse(text)).toEqual(body);
  };
  const UNAUTHORIZED = { error: 'unauthorized_client' };

  it('no client_id and no assertion → invalid_request', async () => {
    await expectBody(await raw({ token: aliceToken }), 400, {
      error: 'invalid_request',
      error_description: 'client_id or client_assertion must be provided',
    });
  });

  it('client_id without a secret → invalid_client "client must be authenticated"', async () => {
    await expectBody(await raw({ token: aliceToken, client_id: CLIENTS.api.clientId }), 400, {
      error: 'invalid_client',
      error_description: 'client must be authenticated',
    });
  });

  it('wrong secret, unknown client, public app → 400 {"error":"unauthorized_client"}', async () => {
    await expectBody(await raw({ token: aliceToken }, basicAuth(CLIENTS.api.clientId, 'wrong')), 400, UNAUTHORIZED);
    await expectBody(await raw({ token: aliceToken, client_id: CLIENTS.api.clientId, client_secret: 'wrong' }), 400, UNAUTHORIZED);
    await expectBody(await raw({ token: aliceToken }, basicAuth('999999999999999999', 'x')), 400, UNAUTHORIZED);
    await expectBody(await raw({ token: aliceToken }, basicAuth(CLIENTS.spa.clientId, 'x')), 400, UNAUTHORIZED);
    await expectBody(await raw({ token: aliceToken }, basicAuth(CLIENTS.cli.clientId, 'x')), 400, UNAUTHORIZED);
  });

  it('bad client assertions → unauthorized_client (wrong kid, aud = introspection endpoint, HS256)', async () => {
    const send = (client_assertion: string): Promise<Response> =>
      raw({ token: aliceToken, client_assertion_type: ASSERTION_TYPE, client_assertion });
    const base = { issuer, subject: CLIENTS.apiJwt.clientId, nowSeconds: NOW };
    await expectBody(await send(await signAssertion(appKey, { ...base, kid: '1' })), 400, UNAUTHORIZED);
    await expectBody(await send(await signAssertion(appKey, { ...base, claims: { aud: introspectUrl() } })), 400, UNAUTHORIZED);
    const hmac = await new SignJWT({ iss: CLIENTS.apiJwt.clientId, sub: CLIENTS.apiJwt.clientId, aud: issuer, iat: NOW, exp: NOW + 60 })
      .setProtectedHeader({ alg: 'HS256', kid: appKey.keyId })
      .sign(new TextEncoder().encode('secret'));
    await expectBody(await send(hmac), 400, UNAUTHORIZED);
  });

  it('caller errors come before token errors; a good caller without token → "token missing"', async () => {
    await expectBody(await raw({}, basicAuth(CLIENTS.api.clientId, 'wrong')), 400, UNAUTHORIZED);
    await expectBody(await raw({}, basicAuth(CLIENTS.api.clientId, CLIENTS.api.secret)), 400, {
      error: 'invalid_request',
      error_description: 'token missing',
    });
  });
});

describe('token problems → 200 exactly {"active":false} (reference §5)', () => {
  const expectInactive = async (token: string, auth: Record<string, string> = basicAuth(CLIENTS.api.clientId, CLIENTS.api.secret)) => {
    const res = await postForm(introspectUrl(), { token }, auth);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe('{"active":false}');
  };

  it('garbage', async () => {
    await expectInactive('garbage');
    await expectInactive('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln');
  });

  it('a token for another project’s audience (Billing’s API app)', async () => {
    await expectInactive(aliceToken, basicAuth(CLIENTS.billingApi.clientId, CLIENTS.billingApi.secret));
  });

  it('expired (clock moved past exp)', async () => {
    const token = await aliceLogin();
    expect((await byApi(token)).active).toBe(true);
    offsetMs = 43_200_000;
    try {
      await expectInactive(token);
    } finally {
      offsetMs = 0;
    }
    expect((await byApi(token)).active).toBe(true);
  });

  it('revoked', async () => {
    const token = await aliceLogin();
    const revoke = await postForm(`${issuer}/oauth/v2/revoke`, { token }, basicAuth(CLIENTS.web.clientId, CLIENTS.web.secret));
    expect(revoke.status).toBe(200);
    await expectInactive(token);
  });

  it('oauth4webapi reads it as inactive', async () => {
    expect(await byApi('garbage')).toEqual({ active: false });
  });
});
