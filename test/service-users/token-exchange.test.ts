// Token exchange (urn:ietf:params:oauth:grant-type:token-exchange, RFC 8693, reference §4.6)
// driven by openid-client's genericGrantRequest for the "exchanger" app, which has grant type
// token_exchange: delegation to a new access token or an ID token, impersonation with an actor
// token behind the instance policy (act claim), and the audience / scope / resource refusals.
// Not advertised in discovery (reference §1.1, §11.7).
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, expectOAuthError, loginForCode, postForm, userinfo } from '../helpers/http-login.js';
import { buildServiceUsersSeed, CLIENTS, PASSWORD, REDIRECT_URI, SU } from '../helpers/service-users-seed.js';

const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const TT = {
  accessToken: 'urn:ietf:params:oauth:token-type:access_token',
  idToken: 'urn:ietf:params:oauth:token-type:id_token',
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
  userId: 'urn:zitadel:params:oauth:token-type:user_id',
} as const;

let emulator: Emulator;
let issuer: string;
let exchanger: client.Configuration;
/** alice's and bob's access tokens from code logins by the exchanger app, scope "openid profile". */
let aliceToken: string;
let bobToken: string;

async function loginToken(loginName: string): Promise<string> {
  const code = await loginForCode(
    issuer,
    { client_id: CLIENTS.exchange.clientId, redirect_uri: REDIRECT_URI, scope: 'openid profile' },
    { loginName, password: PASSWORD },
  );
  const res = await postForm(
    `${issuer}/oauth/v2/token`,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
    basicAuth(CLIENTS.exchange.clientId, CLIENTS.exchange.secret),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildServiceUsersSeed() });
  issuer = emulator.issuer;
  exchanger = await client.discovery(
    new URL(issuer),
    CLIENTS.exchange.clientId,
    undefined,
    client.ClientSecretBasic(CLIENTS.exchange.secret),
    { execute: [client.allowInsecureRequests] },
  );
  [aliceToken, bobToken] = [await loginToken('alice'), await loginToken('bob')];
});
afterAll(() => emulator.close());

const setImpersonation = (on: boolean): void => {
  emulator.store.update((draft) => {
    draft.instance.securityPolicy.enableImpersonation = on;
  });
};

/** The same request without a client library, to see the exact response. */
const rawExchange = (params: Record<string, string | undefined>): Promise<Response> =>
  postForm(`${issuer}/oauth/v2/token`, { grant_type: EXCHANGE, ...params }, basicAuth(CLIENTS.exchange.clientId, CLIENTS.exchange.secret));

const introspectByApi = async (token: string): Promise<Record<string, unknown>> => {
  const res = await postForm(`${issuer}/oauth/v2/introspect`, { token }, basicAuth(CLIENTS.api.clientId, CLIENTS.api.secret));
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};

describe('delegation', () => {
  it('subject access_token → a new opaque access token (issued_token_type, Bearer, scope)', async () => {
    const res = await client.genericGrantRequest(exchanger, EXCHANGE, { subject_token: aliceToken, subject_token_type: TT.accessToken });
    expect(res.access_token).not.toBe(aliceToken);
    expect(res.access_token.split('.')).not.toHaveLength(3);
    expect(res).toMatchObject({ issued_token_type: TT.accessToken, expires_in: 43199, scope: 'openid profile' });
    expect(res.claims()).toMatchObject({ iss: issuer, sub: SU.alice, azp: CLIENTS.exchange.clientId });

    const info = await userinfo(issuer, res.access_token);
    expect(info.status).toBe(200);
    expect(((await info.json()) as { sub: string }).sub).toBe(SU.alice);
    expect(await introspectByApi(res.access_token)).toMatchObject({ active: true, sub: SU.alice, client_id: CLIENTS.exchange.clientId });
  });

  it('the raw response: exactly these fields, token_type "Bearer"', async () => {
    const res = await rawExchange({ subject_token: aliceToken, subject_token_type: TT.accessToken });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'issued_token_type', 'scope', 'token_type']);
    expect(body).toMatchObject({ issued_token_type: TT.accessToken, token_type: 'Bearer', expires_in: 43199, scope: 'openid profile' });
  });

  it('a narrower scope is fine: no openid → no id_token', async () => {
    const res = await rawExchange({ subject_token: aliceToken, subject_token_type: TT.accessToken, scope: 'profile' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.scope).toBe('profile');
    expect(body).not.toHaveProperty('id_token');
  });

  it('requested id_token → the ID token in access_token, token_type "N_A"', async () => {
    const res = await rawExchange({ subject_token: aliceToken, subject_token_type: TT.accessToken, requested_token_type: TT.idToken });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toMatchObject({ issued_token_type: TT.idToken, token_type: 'N_A', expires_in: 43199, scope: 'openid profile' });
    expect(body).not.toHaveProperty('id_token');
    const { payload } = await jwtVerify(String(body.access_token), createRemoteJWKSet(new URL(`${issuer}/oauth/v2/keys`)), { issuer });
    expect(payload).toMatchObject({ sub: SU.alice, azp: CLIENTS.exchange.clientId });
    expect(payload.aud).toContain(CLIENTS.exchange.clientId);
  });

  it('openid-client takes the N_A response too', async () => {
    const res = await client.genericGrantRequest(exchanger, EXCHANGE, {
      subject_token: aliceToken,
      subject_token_type: TT.accessToken,
      requested_token_type: TT.idToken,
    });
    expect(res).toMatchObject({ issued_token_type: TT.idToken, token_type: 'n_a' });
    expect(res.id_token).toBeUndefined();
  });

  it('an ID token works as subject_token with an actor; alone it carries no scopes to keep (ZITADEL union rule)', async () => {
    const idRes = await rawExchange({ subject_token: aliceToken, subject_token_type: TT.accessToken, requested_token_type: TT.idToken });
    const idToken = String(((await idRes.json()) as Record<string, unknown>).access_token);
    const alone = await rawExchange({ subject_token: idToken, subject_token_type: TT.idToken, scope: 'openid' });
    await expectOAuthError(alone, 400, 'invalid_scope', 'scope "openid" not found in subject or actor token');
    setImpersonation(true);
    try {
      const res = await client.genericGrantRequest(exchanger, EXCHANGE, {
        subject_token: idToken,
        subject_token_type: TT.idToken,
        actor_token: bobToken,
        actor_token_type: TT.accessToken,
        scope: 'openid',
      });
      expect(res.issued_token_type).toBe(TT.accessToken);
      expect(res.claims()?.sub).toBe(SU.alice);
    } finally {
      setImpersonation(false);
    }
  });
});

describe('impersonation (actor_token)', () => {
  it('policy off → 403 invalid_request "Errors.TokenExchange.Impersonation.PolicyDisabled"', async () => {
    const res = await rawExchange({
      subject_token: aliceToken,
      subject_token_type: TT.accessToken,
      actor_token: bobToken,
      actor_token_type: TT.accessToken,
    });
    await expectOAuthError(res, 403, 'invalid_request', 'Errors.TokenExchange.Impersonation.PolicyDisabled');
    const err = await client
      .genericGrantRequest(exchanger, EXCHANGE, { subject_token: SU.alice, subject_token_type: TT.userId, actor_token: bobToken, actor_token_type: TT.accessToken })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 403, error: 'invalid_request', error_description: 'Errors.TokenExchange.Impersonation.PolicyDisabled' });
  });

  it('policy on → act {iss, sub: actor} in the JWT access token and at introspection', async () => {
    setImpersonation(true);
    try {
      const res = await client.genericGrantRequest(exchanger, EXCHANGE, {
        subject_token: aliceToken,
        subject_token_type: TT.accessToken,
        actor_token: bobToken,
        actor_token_type: TT.accessToken,
        requested_token_type: TT.jwt,
      });
      expect(res.issued_token_type).toBe(TT.jwt);
      const { payload } = await jwtVerify(res.access_token, createRemoteJWKSet(new URL(`${issuer}/oauth/v2/keys`)), { issuer });
      expect(payload.sub).toBe(SU.alice);
      expect(payload.act).toEqual({ iss: issuer, sub: SU.bob });
      expect(payload).not.toHaveProperty('scope');
      expect(res.claims()?.act).toEqual({ iss: issuer, sub: SU.bob });
      expect(await introspectByApi(res.access_token)).toMatchObject({ active: true, sub: SU.alice, act: { iss: issuer, sub: SU.bob } });
    } finally {
      setImpersonation(false);
    }
  });

  it('policy on: a user_id subject with an actor token', async () => {
    setImpersonation(true);
    try {
      const res = await client.genericGrantRequest(exchanger, EXCHANGE, {
        subject_token: SU.alice,
        subject_token_type: TT.userId,
        actor_token: bobToken,
        actor_token_type: TT.accessToken,
        scope: 'openid profile',
      });
      expect(await introspectByApi(res.access_token)).toMatchObject({ active: true, sub: SU.alice, act: { iss: issuer, sub: SU.bob } });
    } finally {
      setImpersonation(false);
    }
  });
});

describe('refusals (reference §4.6)', () => {
  it('resource → 400 invalid_target "resource parameter not supported"', async () => {
    const res = await rawExchange({ subject_token: aliceToken, subject_token_type: TT.accessToken, resource: 'https://api.example.com' });
    await expectOAuthError(res, 400, 'invalid_target', 'resource parameter not supported');
  });

  it('an audience the subject does not have → invalid_target', async () => {
    const res = await rawExchange({ subject_token: aliceToken, subject_token_type: TT.accessToken, audience: SU.billing });
    await expectOAuthError(res, 400, 'invalid_target', `audience "${SU.billing}" not found in subject or actor token`);
  });

  it('an audience within the subject’s is fine and narrows it', async () => {
    const res = await rawExchange({ subject_token: aliceToken, subject_token_type: TT.accessToken, audience: SU.shop });
    expect(res.status).toBe(200);
    const token = ((await res.json()) as { access_token: string }).access_token;
    expect(await introspectByApi(token)).toMatchObject({ active: true, aud: [SU.shop] });
  });

  it('scope escalation → invalid_scope', async () => {
    const res = await rawExchange({ subject_token: aliceToken, subject_token_type: TT.accessToken, scope: 'openid profile email' });
    await expectOAuthError(res, 400, 'invalid_scope', 'scope "email" not found in subject or actor token');
  });

  it('a bad subject token → invalid_request "subject_token invalid"', async () => {
    const res = await rawExchange({ subject_token: 'garbage', subject_token_type: TT.accessToken });
    await expectOAuthError(res, 400, 'invalid_request', 'subject_token invalid');
  });

  it('an app without the token_exchange grant → unauthorized_client', async () => {
    const res = await postForm(
      `${issuer}/oauth/v2/token`,
      { grant_type: EXCHANGE, subject_token: aliceToken, subject_token_type: TT.accessToken },
      basicAuth(CLIENTS.web.clientId, CLIENTS.web.secret),
    );
    await expectOAuthError(res, 400, 'unauthorized_client', `grant_type "${EXCHANGE}" not allowed`);
  });

  it('not advertised in discovery', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    const discovery = (await res.json()) as { grant_types_supported: string[] };
    expect(discovery.grant_types_supported).toEqual([
      'authorization_code',
      'implicit',
      'refresh_token',
      'client_credentials',
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
      'urn:ietf:params:oauth:grant-type:device_code',
    ]);
    expect(discovery.grant_types_supported).not.toContain(EXCHANGE);
  });
});
