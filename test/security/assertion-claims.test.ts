// Issue 12 item 11, settled by ZITADEL's code: zitadel/oidc's VerifyJWTAssertion checks aud, exp,
// iat, iss = sub and the signature but never `nbf`, and ZITADEL takes the client of a client
// assertion from its `iss`, ignoring a `client_id` parameter (clientIDFromCredentials). RFC 7519
// §4.1.5 says a JWT MUST NOT be accepted before its nbf; the emulator follows ZITADEL (what apps
// meet in production) and the README's differences list says so. These tests pin that choice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { postForm } from '../helpers/http-login.js';
import { BOTS, CLIENTS, SU, audScope, buildServiceUsersSeed, signAssertion, type KeyJson } from '../helpers/service-users-seed.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

let emulator: Emulator;
let botKey: KeyJson;
let appKey: KeyJson;
beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildServiceUsersSeed() });
  emulator.store.update((draft) => {
    const app = draft.apps.find((a) => a.id === SU.apiJwtApp);
    if (app?.api) app.api.authMethod = 'privateKeyJwt';
  });
  botKey = JSON.parse(JSON.stringify((await emulator.addServiceUserKey(BOTS.ci.loginName)).keyFile)) as KeyJson;
  const { keyFile } = await emulator.addAppKey('api-jwt');
  appKey = JSON.parse(JSON.stringify(keyFile)) as KeyJson;
});
afterAll(() => emulator.close());

const now = (): number => Math.floor(Date.now() / 1000);

describe('as ZITADEL: nbf is not checked', () => {
  it('a JWT-bearer assertion whose nbf is an hour ahead is exchanged', async () => {
    const assertion = await signAssertion(botKey, { issuer: emulator.issuer, subject: botKey.userId ?? '', claims: { nbf: now() + 3600 } });
    const res = await postForm(`${emulator.issuer}/oauth/v2/token`, { grant_type: JWT_BEARER, assertion, scope: `openid ${audScope(SU.shop)}` });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { access_token?: string }).access_token).toMatch(/.+/);
  });

  it('a client assertion whose nbf is an hour ahead authenticates the client', async () => {
    const clientId = appKey.clientId ?? '';
    const assertion = await signAssertion(appKey, { issuer: emulator.issuer, subject: clientId, claims: { nbf: now() + 3600 } });
    const res = await postForm(`${emulator.issuer}/oauth/v2/introspect`, { token: 'unknown', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ active: false });
  });
});

describe('as ZITADEL: the client of an assertion is its iss', () => {
  it('a client_id naming another client is ignored', async () => {
    const clientId = appKey.clientId ?? '';
    const assertion = await signAssertion(appKey, { issuer: emulator.issuer, subject: clientId });
    const res = await postForm(`${emulator.issuer}/oauth/v2/introspect`, {
      token: 'unknown',
      client_id: CLIENTS.api.clientId,
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: assertion,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ active: false });
  });
});
