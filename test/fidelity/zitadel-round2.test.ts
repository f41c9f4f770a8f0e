// ZITADEL fidelity, round 2 (issue #13): cases from ZITADEL's own integration tests
// (zitadel/zitadel internal/api/oidc/integration_test/*.go, named in each `describe`) that
// the emulator used to answer differently. Same fixed store and frozen clock as golden.test.ts,
// plus what these cases need: impersonation on, a personal access token for the service user,
// a key on the `full` app for client-signed JWT subjects, and a user without a change date.
// Expected values are written by hand from ZITADEL's code, never captured from the emulator.
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import type { StoreInput } from '../../src/main/store/schema.js';
import { loginTokens, refreshTokens, startFidelityEmulator, userinfo, verifiedPayload, type Json } from '../helpers/fidelity-login.js';
import { BOT, FAPPS, FIDS, NOW, buildFidelitySeed, type FidelityApp } from '../helpers/fidelity-seed.js';
import { basicAuth, expectOAuthError, postForm } from '../helpers/http-login.js';

const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const TT = {
  accessToken: 'urn:ietf:params:oauth:token-type:access_token',
  idToken: 'urn:ietf:params:oauth:token-type:id_token',
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
  refreshToken: 'urn:ietf:params:oauth:token-type:refresh_token',
  userId: 'urn:zitadel:params:oauth:token-type:user_id',
} as const;
/** The scopes ZITADEL gives a personal access token (token_exchange_test.go `patScopes`). */
const PAT_SCOPES = ['openid', 'profile', 'urn:zitadel:iam:user:metadata', 'urn:zitadel:iam:user:resourceowner'];
const ROLE_SCOPES = ['urn:zitadel:iam:org:project:role:admin', 'urn:zitadel:iam:org:project:role:viewer'];
const BOT_PAT = 'bot-personal-access-token';
const FULL_KEY_ID = '400000000000000090';

const fullKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

function buildRound2Seed(): StoreInput {
  const seed = buildFidelitySeed();
  seed.instance.securityPolicy = { enableImpersonation: true };
  for (const app of seed.apps ?? []) {
    if (app.clientId === FAPPS.full.clientId) {
      app.keys = [{ id: FULL_KEY_ID, publicKey: fullKey.publicKey.export({ type: 'spki', format: 'pem' }).toString() }];
    }
  }
  for (const user of seed.users ?? []) {
    if (user.id === FIDS.bot && user.machine) user.machine.personalAccessTokens = [{ id: '400000000000000091', token: BOT_PAT }];
  }
  return seed;
}

let emulator: Emulator;
let issuer: string;

beforeAll(async () => {
  emulator = await startFidelityEmulator(buildRound2Seed());
  issuer = emulator.issuer;
});

afterAll(async () => {
  await emulator?.close();
});

function post(path: string, app: FidelityApp, form: Record<string, string>): Promise<Response> {
  return postForm(`${issuer}${path}`, form, basicAuth(app.clientId, app.secret));
}

async function json(res: Response): Promise<Json> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as Json;
}

describe('revocation: the token_type_hint is only a hint (oidc_test.go TestOPStorage_RevokeToken_refresh_token_invalid_token_type_hint)', () => {
  it('a refresh token revoked with token_type_hint=access_token is revoked, with its access token', async () => {
    const tokens = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid offline_access', userId: FIDS.alice });
    const revoked = await post('/oauth/v2/revoke', FAPPS.full, { token: tokens.refresh_token ?? '', token_type_hint: 'access_token' });
    expect(revoked.status).toBe(200);
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(401);
    const refreshed = await post('/oauth/v2/token', FAPPS.full, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    await expectOAuthError(refreshed, 400, 'invalid_request', 'Errors.OIDCSession.RefreshTokenInvalid');
  });
});

describe('end_session keeps refresh tokens (oidc_test.go TestOPStorage_TerminateSession_refresh_grant)', () => {
  it('after logout the old access token is dead, but the refresh token still yields a working access token', async () => {
    const tokens = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid offline_access', userId: FIDS.alice });
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(200);
    const logout = await fetch(`${issuer}/oidc/v1/end_session?id_token_hint=${encodeURIComponent(tokens.id_token ?? '')}&state=state`, { redirect: 'manual' });
    expect(logout.status).toBe(302);
    // ZITADEL only invalidates access tokens created before the termination (checkSessionNotTerminatedAfter).
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(401);
    const refreshed = await refreshTokens(issuer, FAPPS.full, tokens.refresh_token ?? '');
    const info = await userinfo(issuer, refreshed.access_token);
    expect(info.status).toBe(200);
    expect(info.body.sub).toBe(FIDS.alice);
    const idToken = await verifiedPayload(issuer, refreshed.id_token ?? '');
    expect(idToken.auth_time).toBe(NOW);
  });
});
