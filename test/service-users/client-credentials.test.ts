// client_credentials for service users (reference §4.4) driven by openid-client v6: client_id is
// the login name, the machine secret by Basic or post; ID token with openid; JWT access token
// when the user's accessTokenType is jwt; audience only from aud scopes; the errors of §4.4.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, expectOAuthError, postForm, userinfo } from '../helpers/http-login.js';
import { audScope, BOTS, buildServiceUsersSeed, CLIENTS, decodePayload, SU } from '../helpers/service-users-seed.js';

const SCOPE_MISSING =
  'The scope of your request is missing. Please ensure some scopes are requested. If you have any questions, you may contact the administrator of the application.';

let emulator: Emulator;
let issuer: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildServiceUsersSeed() });
  issuer = emulator.issuer;
});
afterAll(() => emulator.close());

function configFor(clientId: string, auth: client.ClientAuth): Promise<client.Configuration> {
  return client.discovery(new URL(issuer), clientId, undefined, auth, { execute: [client.allowInsecureRequests] });
}

const tokenUrl = (): string => `${issuer}/oauth/v2/token`;
const introspectByApi = (token: string): Promise<Response> =>
  postForm(`${issuer}/oauth/v2/introspect`, { token }, basicAuth(CLIENTS.api.clientId, CLIENTS.api.secret));

describe('openid-client clientCredentialsGrant', () => {
  it('client_secret_basic with the login name: access token + ID token, no refresh token, no scope', async () => {
    const config = await configFor(BOTS.ci.loginName, client.ClientSecretBasic(BOTS.ci.secret));
    const tokens = await client.clientCredentialsGrant(config, { scope: `openid profile ${audScope(SU.shop)}` });
    expect(tokens.token_type).toBe('bearer'); // openid-client lower-cases it
    expect(tokens.expires_in).toBe(43199);
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope).toBeUndefined();
    expect(tokens.access_token.split('.')).not.toHaveLength(3); // bearer: opaque

    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: issuer,
      sub: SU.ciBot,
      aud: [SU.shop, BOTS.ci.loginName],
      azp: BOTS.ci.loginName,
      client_id: BOTS.ci.loginName,
      amr: ['pwd'],
    });
    expect(claims).not.toHaveProperty('sid');

    const info = await userinfo(issuer, tokens.access_token);
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({ sub: SU.ciBot, name: 'CI bot', preferred_username: 'ci-bot', updated_at: 1_735_600_000 });
  });

  it('client_secret_post works too; without openid there is no ID token', async () => {
    const config = await configFor(BOTS.ci.loginName, client.ClientSecretPost(BOTS.ci.secret));
    const tokens = await client.clientCredentialsGrant(config, { scope: audScope(SU.shop) });
    expect(tokens.access_token).toEqual(expect.any(String));
    expect(tokens.id_token).toBeUndefined();
    expect(tokens.claims()).toBeUndefined();
  });

  it('an OIDC app cannot use client_credentials: its client id is no service user', async () => {
    const config = await configFor(CLIENTS.web.clientId, client.ClientSecretBasic(CLIENTS.web.secret));
    const err = await client.clientCredentialsGrant(config, { scope: 'openid' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(client.ResponseBodyError);
    expect(err).toMatchObject({ status: 400, error: 'invalid_client', error_description: 'client not found' });
  });
});

describe('errors (reference §4.4)', () => {
  const grant = (clientId: string, secret: string, scope: string | null = 'openid'): Promise<Response> =>
    postForm(tokenUrl(), { grant_type: 'client_credentials', scope: scope ?? undefined }, basicAuth(clientId, secret));

  it('unknown user → invalid_client "client not found"', async () => {
    await expectOAuthError(await grant('nobody', 'x'), 400, 'invalid_client', 'client not found');
  });

  it('wrong secret → invalid_request "Errors.User.Machine.Secret.Invalid"', async () => {
    await expectOAuthError(await grant(BOTS.ci.loginName, 'wrong'), 400, 'invalid_request', 'Errors.User.Machine.Secret.Invalid');
    const post = await postForm(tokenUrl(), { grant_type: 'client_credentials', client_id: BOTS.ci.loginName, client_secret: 'wrong', scope: 'openid' });
    await expectOAuthError(post, 400, 'invalid_request', 'Errors.User.Machine.Secret.Invalid');
  });

  it('user without a secret → invalid_request "Errors.User.Machine.Secret.NotExisting"', async () => {
    await expectOAuthError(await grant(BOTS.noSecret.loginName, 'anything'), 400, 'invalid_request', 'Errors.User.Machine.Secret.NotExisting');
  });

  it('missing or empty scope → invalid_request with the scope-missing text', async () => {
    await expectOAuthError(await grant(BOTS.ci.loginName, BOTS.ci.secret, null), 400, 'invalid_request', SCOPE_MISSING);
    await expectOAuthError(await grant(BOTS.ci.loginName, BOTS.ci.secret, ' '), 400, 'invalid_request', SCOPE_MISSING);
  });
});

describe('JWT access token (machine user accessTokenType "jwt")', () => {
  const jwks = () => createRemoteJWKSet(new URL(`${issuer}/oauth/v2/keys`));

  it('is signed by the emulator, has no scope or azp, and its aud is the aud-scope projects', async () => {
    const config = await configFor(BOTS.jwt.loginName, client.ClientSecretBasic(BOTS.jwt.secret));
    const tokens = await client.clientCredentialsGrant(config, { scope: `openid ${audScope(SU.shop)} ${audScope(SU.billing)}` });
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks(), { issuer, algorithms: ['RS256'] });
    expect(protectedHeader.typ).toBe('JWT');
    expect(payload).toEqual({
      iss: issuer,
      sub: SU.jwtBot,
      aud: [SU.shop, SU.billing],
      exp: expect.any(Number),
      iat: expect.any(Number),
      nbf: payload.iat,
      client_id: BOTS.jwt.loginName,
      jti: expect.stringMatching(/^V2_.+-at_.+$/),
    });
    expect(payload.exp).toBe((payload.iat ?? 0) + 43200);
    // Active at introspection by the project's API app; the ID token is not an access token.
    expect(await (await introspectByApi(tokens.access_token)).json()).toMatchObject({ active: true, sub: SU.jwtBot, aud: [SU.shop, SU.billing] });
    expect(await (await introspectByApi(tokens.id_token ?? '')).text()).toBe('{"active":false}');
    // The ID token adds the login name to its audience (L AppendClientIDToAudience).
    expect(decodePayload(tokens.id_token ?? '')).toMatchObject({ aud: [SU.shop, SU.billing, BOTS.jwt.loginName] });
  });

  it('without an aud scope the JWT audience falls back to the client id (reference §3.1)', async () => {
    const config = await configFor(BOTS.jwt.loginName, client.ClientSecretBasic(BOTS.jwt.secret));
    const tokens = await client.clientCredentialsGrant(config, { scope: 'profile' });
    const { payload } = await jwtVerify(tokens.access_token, jwks(), { issuer });
    expect(payload.aud).toEqual([BOTS.jwt.loginName]);
  });
});

describe('audience only from aud scopes (reference §4.4)', () => {
  async function ciToken(scope: string): Promise<string> {
    const config = await configFor(BOTS.ci.loginName, client.ClientSecretBasic(BOTS.ci.secret));
    return (await client.clientCredentialsGrant(config, { scope })).access_token;
  }

  it('without an aud scope the opaque token is {"active":false} for the API app', async () => {
    const res = await introspectByApi(await ciToken('openid profile urn:zitadel:iam:org:project:role:viewer'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"active":false}');
  });

  it('with the project aud scope it is active, aud = [project id]', async () => {
    const res = await introspectByApi(await ciToken(`openid ${audScope(SU.shop)}`));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ active: true, sub: SU.ciBot, client_id: BOTS.ci.loginName, aud: [SU.shop], scope: `openid ${audScope(SU.shop)}` });
  });

  it('another project in the aud scope does not make it active for this API', async () => {
    const res = await introspectByApi(await ciToken(`openid ${audScope(SU.billing)}`));
    expect(await res.text()).toBe('{"active":false}');
  });
});
