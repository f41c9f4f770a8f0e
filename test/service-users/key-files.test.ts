// Key JSON files and personal access tokens (reference §7): the exact shapes ZITADEL hands out,
// PKCS#1 PEM of a 2048-bit RSA key, expiry rules, an uploaded public key (no key file, still
// verifies assertions), and `idp-emulator pat add` printing a token userinfo accepts.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialError } from '../../src/main/credentials/key-files.js';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { SignJWT } from 'jose';
import { expectOAuthError, loginForCode, postForm, userinfo } from '../helpers/http-login.js';
import { audScope, BOTS, buildServiceUsersSeed, CLIENTS, REDIRECT_URI, signAssertion, SU, type KeyJson } from '../helpers/service-users-seed.js';
import { assertCliBuilt, runCli } from '../helpers/spawn-cli.js';
import { toStoreText } from '../helpers/store-fixture.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const PEM_HEAD = '-----BEGIN RSA PRIVATE KEY-----\n';
const PEM_TAIL = '\n-----END RSA PRIVATE KEY-----\n';

let emulator: Emulator;
let issuer: string;
let temp: TempDir;
let serviceKey: KeyJson;

beforeAll(async () => {
  temp = await makeTempDir();
  emulator = await startTestEmulator({ store: buildServiceUsersSeed() });
  issuer = emulator.issuer;
  const { keyFile } = await emulator.addServiceUserKey('ci-bot');
  if (!keyFile) throw new Error('no key file');
  // As a user has it: the JSON text, parsed.
  serviceKey = JSON.parse(JSON.stringify(keyFile)) as KeyJson;
});
afterAll(async () => {
  await emulator.close();
  await temp.remove();
});

function expectRsa2048Pkcs1(pem: string): void {
  expect(pem.startsWith(PEM_HEAD)).toBe(true);
  expect(pem.endsWith(PEM_TAIL)).toBe(true);
  const key = createPrivateKey(pem);
  expect(key.asymmetricKeyType).toBe('rsa');
  expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  expect(key.asymmetricKeyDetails?.publicExponent).toBe(65537n);
}

describe('service user key file (type serviceaccount)', () => {
  it('has exactly type, keyId, key, expirationDate, userId, in that order', async () => {
    expect(Object.keys(serviceKey)).toEqual(['type', 'keyId', 'key', 'expirationDate', 'userId']);
    expect(serviceKey).toEqual({
      type: 'serviceaccount',
      keyId: expect.stringMatching(/^\d+$/),
      key: expect.any(String),
      expirationDate: '9999-12-31T23:59:59Z',
      userId: SU.ciBot,
    });
    expectRsa2048Pkcs1(serviceKey.key);
  });

  it('its key is the one stored for the user (public half only kept for verification)', () => {
    const stored = emulator.store.index.usersById.get(SU.ciBot)?.machine?.keys.find((k) => k.id === serviceKey.keyId);
    expect(stored).toBeDefined();
    const fromFile = createPublicKey(createPrivateKey(serviceKey.key)).export({ type: 'spki', format: 'der' });
    expect(createPublicKey(stored?.publicKey ?? '').export({ type: 'spki', format: 'der' })).toEqual(fromFile);
  });

  it('an expiry date is kept (a date alone means midnight UTC)', async () => {
    const stored = emulator.store.index.usersById.get(SU.ciBot)?.machine?.keys.find((k) => k.id === serviceKey.keyId);
    // Reuse the public half: no second RSA key needed to test the date handling.
    const dated = await emulator.addServiceUserKey('ci-bot', { expirationDate: '2999-06-30', publicKey: stored?.publicKey ?? '' });
    expect(dated.key.expirationDate).toBe('2999-06-30T00:00:00Z');
  });

  it('an expiry in the past is refused (Errors.AuthNKey.ExpireBeforeNow)', async () => {
    await expect(emulator.addServiceUserKey('ci-bot', { expirationDate: '2020-01-01' })).rejects.toThrow(CredentialError);
    await expect(emulator.addServiceUserKey('ci-bot', { expirationDate: '2020-01-01T00:00:00Z' })).rejects.toThrow(/ExpireBeforeNow/);
    expect(() => emulator.addPersonalAccessToken('ci-bot', { expirationDate: '2020-01-01' })).toThrow(CredentialError);
  });

  it('a human user gets no key', async () => {
    await expect(emulator.addServiceUserKey('alice')).rejects.toThrow(CredentialError);
  });
});

describe('application key file (type application)', () => {
  it('is refused while the app does not use private_key_jwt', async () => {
    await expect(emulator.addAppKey('api-jwt')).rejects.toThrow(/privateKeyJwt/);
  });

  it('has exactly type, keyId, key, appId, clientId', async () => {
    emulator.store.update((draft) => {
      const app = draft.apps.find((a) => a.id === SU.apiJwtApp);
      if (app?.api) app.api.authMethod = 'privateKeyJwt';
    });
    const { key, keyFile } = await emulator.addAppKey(CLIENTS.apiJwt.clientId);
    const file = JSON.parse(JSON.stringify(keyFile)) as KeyJson;
    expect(Object.keys(file)).toEqual(['type', 'keyId', 'key', 'appId', 'clientId']);
    expect(file).toEqual({ type: 'application', keyId: key.id, key: expect.any(String), appId: SU.apiJwtApp, clientId: CLIENTS.apiJwt.clientId });
    expectRsa2048Pkcs1(file.key);
    await expect(emulator.addAppKey('api-jwt', { expirationDate: '2000-01-01' })).rejects.toThrow(/ExpireBeforeNow/);
  });
});

describe('OIDC app key file used for private_key_jwt at the token endpoint (seeds "Using JWTs for Client Authentication")', () => {
  const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
  let appKey: KeyJson;

  beforeAll(async () => {
    emulator.store.update((draft) => {
      const app = draft.apps.find((a) => a.id === SU.exchangeApp);
      if (app?.oidc) app.oidc.authMethod = 'privateKeyJwt';
    });
    const { keyFile } = await emulator.addAppKey('exchanger');
    appKey = JSON.parse(JSON.stringify(keyFile)) as KeyJson;
  });

  const code = (): Promise<string> => loginForCode(issuer, { client_id: CLIENTS.exchange.clientId, redirect_uri: REDIRECT_URI, scope: 'openid' });
  const redeem = (c: string, auth: Record<string, string>): Promise<Response> =>
    postForm(`${issuer}/oauth/v2/token`, { grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT_URI, ...auth });
  const assertionAuth = (client_assertion: string) => ({ client_assertion_type: ASSERTION_TYPE, client_assertion });

  it('the key file names the OIDC app; the code exchange with its assertion succeeds, as does revocation', async () => {
    expect(appKey).toEqual({ type: 'application', keyId: expect.any(String), key: expect.any(String), appId: SU.exchangeApp, clientId: CLIENTS.exchange.clientId });
    const res = await redeem(await code(), assertionAuth(await signAssertion(appKey, { issuer, subject: CLIENTS.exchange.clientId })));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const { access_token } = JSON.parse(text) as { access_token: string; id_token: string };
    const revoke = await postForm(`${issuer}/oauth/v2/revoke`, {
      token: access_token,
      ...assertionAuth(await signAssertion(appKey, { issuer, subject: CLIENTS.exchange.clientId })),
    });
    expect(revoke.status).toBe(200);
    expect((await userinfo(issuer, access_token)).status).toBe(401);
  });

  it('bad assertions → invalid_client "invalid assertion"; none at all → "empty client assertion" (reference §4.1)', async () => {
    const c = await code();
    const sub = CLIENTS.exchange.clientId;
    const now = Math.floor(Date.now() / 1000);
    const hmac = await new SignJWT({ iss: sub, sub, aud: issuer, iat: now, exp: now + 60 })
      .setProtectedHeader({ alg: 'HS256', kid: appKey.keyId })
      .sign(new TextEncoder().encode('shared'));
    for (const bad of [
      await signAssertion(appKey, { issuer, subject: sub, claims: { aud: `${issuer}/oauth/v2/token` } }),
      await signAssertion(appKey, { issuer, subject: sub, kid: '1' }),
      await signAssertion(appKey, { issuer, subject: sub, claims: { iat: now - 7200, exp: now + 60 } }),
      hmac,
    ]) {
      await expectOAuthError(await redeem(c, assertionAuth(bad)), 400, 'invalid_client', 'invalid assertion');
    }
    await expectOAuthError(await redeem(c, { client_id: sub }), 400, 'invalid_client', 'empty client assertion');
    // The code was not spent by the refused attempts.
    const ok = await redeem(c, assertionAuth(await signAssertion(appKey, { issuer, subject: sub })));
    expect(ok.status).toBe(200);
  });
});

describe('uploaded public key', () => {
  it('gives no key file, but assertions signed with the matching private key verify', async () => {
    // The user keeps the private half (here: the one from the ci-bot key file) and uploads the public half.
    const publicKey = createPublicKey(createPrivateKey(serviceKey.key)).export({ type: 'spki', format: 'pem' }).toString();
    const added = await emulator.addServiceUserKey(BOTS.noSecret.loginName, { publicKey });
    expect(added.keyFile).toBeUndefined();
    expect(added.key.privateKey).toBeUndefined();
    expect(added.key.expirationDate).toBe('9999-12-31T23:59:59Z');

    const assertion = await signAssertion(serviceKey, { issuer, subject: SU.noSecretBot, kid: added.key.id });
    const res = await postForm(`${issuer}/oauth/v2/token`, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
      scope: `openid ${audScope(SU.shop)}`,
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ token_type: 'Bearer', expires_in: 43199 });
  });

  it('something that is not a PEM public key is refused', async () => {
    await expect(emulator.addServiceUserKey(BOTS.noSecret.loginName, { publicKey: 'not a key' })).rejects.toThrow(CredentialError);
  });
});

describe('personal access tokens', () => {
  it('addPersonalAccessToken: an opaque token that userinfo accepts, expiring 9999-12-31', async () => {
    const pat = emulator.addPersonalAccessToken('ci-bot');
    expect(pat.expirationDate).toBe('9999-12-31T23:59:59Z');
    expect(pat.token.split('.')).not.toHaveLength(3);
    const res = await userinfo(issuer, pat.token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { sub: string }).sub).toBe(SU.ciBot);
  });

  it('CLI `pat add --user ci-bot --store f.json` prints a token userinfo accepts', async () => {
    await assertCliBuilt();
    const storePath = temp.file('store.json');
    await writeFile(storePath, toStoreText(buildServiceUsersSeed()));
    const run = await runCli(['pat', 'add', '--user', 'ci-bot', '--store', storePath], 20_000);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\S+\n$/);
    const token = run.stdout.trim();

    const fromFile = await startTestEmulator({ storePath });
    try {
      const res = await userinfo(fromFile.issuer, token);
      const text = await res.text();
      expect(res.status, text).toBe(200);
      expect((JSON.parse(text) as { sub: string }).sub).toBe(SU.ciBot);
    } finally {
      await fromFile.close();
    }
  });

  it('CLI refuses a past expiry with exit 2 and one line on stderr', async () => {
    const storePath = temp.file('store.json');
    const run = await runCli(['keys', 'add', '--user', 'ci-bot', '--expires', '2020-01-01', '--store', storePath], 20_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ExpireBeforeNow/);
    expect(run.stdout).toBe('');
  });
});
