// JWT profile grant (urn:ietf:params:oauth:grant-type:jwt-bearer, reference §4.5, seeds "JWT
// Profile Grant") with key files the emulator exported: from the library API and from the
// built CLI. The key file is read and signed the way the seeds show; every assertion problem
// is 400 invalid_grant "invalid assertion".
import { createPrivateKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRemoteJWKSet, jwtVerify, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, expectOAuthError, postForm, userinfo } from '../helpers/http-login.js';
import { audScope, BOTS, decodePayload, SU, buildServiceUsersSeed, signAssertion, type KeyJson } from '../helpers/service-users-seed.js';
import { assertCliBuilt, runCli } from '../helpers/spawn-cli.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SCOPE = `openid ${audScope(SU.shop)}`;
const SCOPE_MISSING =
  'The scope of your request is missing. Please ensure some scopes are requested. If you have any questions, you may contact the administrator of the application.';

let emulator: Emulator;
let issuer: string;
let temp: TempDir;
/** ci-bot's key file as written to disk by the test, read back as a user would. */
let keyJson: KeyJson;

beforeAll(async () => {
  temp = await makeTempDir();
  emulator = await startTestEmulator({ store: buildServiceUsersSeed() });
  issuer = emulator.issuer;
  const { keyFile } = await emulator.addServiceUserKey(BOTS.ci.loginName);
  await writeFile(temp.file('ci-bot-key.json'), JSON.stringify(keyFile));
  keyJson = JSON.parse(await readFile(temp.file('ci-bot-key.json'), 'utf8')) as KeyJson;
});
afterAll(async () => {
  await emulator.close();
  await temp.remove();
});

const tokenUrl = (): string => `${issuer}/oauth/v2/token`;
const exchange = (assertion: string | undefined, scope: string | null = SCOPE): Promise<Response> =>
  postForm(tokenUrl(), { grant_type: JWT_BEARER, assertion, scope: scope ?? undefined });

/** What the seeds' JWT profile section has a user do with a downloaded key file. */
async function assertionFromKeyFile(path: string, audience: string): Promise<string> {
  const file = JSON.parse(await readFile(path, 'utf8')) as { keyId: string; key: string; userId: string };
  const privateKey = createPrivateKey(file.key); // PKCS#1 "RSA PRIVATE KEY" PEM
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: file.userId, sub: file.userId, aud: audience, iat: now, exp: now + 3600 })
    .setProtectedHeader({ alg: 'RS256', kid: file.keyId })
    .sign(privateKey);
}

describe('a key file from addServiceUserKey', () => {
  it('is exchanged for an access token and an ID token (no refresh token, no scope field)', async () => {
    const assertion = await assertionFromKeyFile(temp.file('ci-bot-key.json'), issuer);
    const res = await exchange(assertion);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'token_type']);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(43199);

    // ID token: aud = aud-scope projects + the user's login name, azp/client_id = login name (reference §4.4/§4.5).
    const { payload, protectedHeader } = await jwtVerify(String(body.id_token), createRemoteJWKSet(new URL(`${issuer}/oauth/v2/keys`)), {
      issuer,
      algorithms: ['RS256'],
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(payload.sub).toBe(SU.ciBot);
    expect(payload.aud).toEqual([SU.shop, BOTS.ci.loginName]);
    expect(payload.azp).toBe(BOTS.ci.loginName);
    expect(payload.client_id).toBe(BOTS.ci.loginName);
    expect(payload.exp).toBe((payload.iat ?? 0) + 43200);
    // jwt-bearer records a private-key login: no amr value (reference §3.4); no sid for service users (§3.1).
    expect(payload).not.toHaveProperty('sid');
    expect(payload.amr ?? []).toEqual([]);
    expect(payload).not.toHaveProperty('nbf');
    expect(payload).not.toHaveProperty('acr');

    // ci-bot's access token type is bearer: opaque, and userinfo accepts it.
    expect(String(body.access_token).split('.')).not.toHaveLength(3);
    const info = await userinfo(issuer, String(body.access_token));
    expect(info.status).toBe(200);
    expect(((await info.json()) as { sub: string }).sub).toBe(SU.ciBot);
  });

  it('without openid: only an access token', async () => {
    const res = await exchange(await signAssertion(keyJson, { issuer, subject: SU.ciBot }), audScope(SU.shop));
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()) as object).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
  });

  it('aud may be an array that contains the issuer', async () => {
    const assertion = await signAssertion(keyJson, { issuer, subject: SU.ciBot, claims: { aud: ['https://other.example', issuer] } });
    expect((await exchange(assertion)).status).toBe(200);
  });
});

describe('assertion problems → 400 invalid_grant "invalid assertion" (reference §4.5)', () => {
  const refused = async (assertion: string): Promise<void> => {
    const res = await exchange(assertion);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
  };
  const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = (): number => Math.floor(Date.now() / 1000);
  const claimsOf = (extra: Record<string, unknown> = {}) => ({ iss: SU.ciBot, sub: SU.ciBot, aud: issuer, iat: now(), exp: now() + 3600, ...extra });

  it('wrong kid', async () => {
    await refused(await signAssertion(keyJson, { issuer, subject: SU.ciBot, kid: '999999999999999999' }));
  });

  it('expired key (expirationDate in the past, written into the store)', async () => {
    const expiredKeyId = '500000000000000090';
    const publicKey = emulator.store.index.usersById.get(SU.ciBot)?.machine?.keys.find((k) => k.id === keyJson.keyId)?.publicKey ?? '';
    emulator.store.update((draft) => {
      draft.users.find((u) => u.id === SU.ciBot)?.machine?.keys.push({ id: expiredKeyId, publicKey, expirationDate: '2020-01-01T00:00:00Z' });
    });
    // The same key pair under the unexpired id still works: only the expiry differs.
    await refused(await signAssertion(keyJson, { issuer, subject: SU.ciBot, kid: expiredKeyId }));
    expect((await exchange(await signAssertion(keyJson, { issuer, subject: SU.ciBot }))).status).toBe(200);
  });

  it('aud = the token endpoint instead of the issuer', async () => {
    await refused(await signAssertion(keyJson, { issuer, subject: SU.ciBot, claims: { aud: tokenUrl() } }));
  });

  it('iat two hours old (exp still in the future)', async () => {
    await refused(await signAssertion(keyJson, { issuer, subject: SU.ciBot, claims: { iat: now() - 7200, exp: now() + 600 } }));
  });

  it('iat an hour in the future', async () => {
    await refused(await signAssertion(keyJson, { issuer, subject: SU.ciBot, claims: { iat: now() + 3600, exp: now() + 7200 } }));
  });

  it('missing iat', async () => {
    await refused(await signAssertion(keyJson, { issuer, subject: SU.ciBot, claims: { iat: undefined } }));
  });

  it('RS256 signature that does not match (payload changed after signing)', async () => {
    const [header, , signature] = (await signAssertion(keyJson, { issuer, subject: SU.ciBot })).split('.');
    await refused(`${header}.${b64(claimsOf({ exp: now() + 3000 }))}.${signature}`);
  });

  it('exp in the past', async () => {
    await refused(await signAssertion(keyJson, { issuer, subject: SU.ciBot, claims: { iat: now() - 120, exp: now() - 60 } }));
  });

  it('missing exp', async () => {
    await refused(await signAssertion(keyJson, { issuer, subject: SU.ciBot, claims: { exp: undefined } }));
  });

  it('alg none', async () => {
    await refused(`${b64({ alg: 'none', kid: keyJson.keyId })}.${b64(claimsOf())}.`);
  });

  it('HS256 keyed with the public key PEM', async () => {
    const publicPem = emulator.store.index.usersById.get(SU.ciBot)?.machine?.keys.find((k) => k.id === keyJson.keyId)?.publicKey ?? '';
    expect(publicPem).toContain('PUBLIC KEY');
    const forged = await new SignJWT(claimsOf()).setProtectedHeader({ alg: 'HS256', kid: keyJson.keyId }).sign(new TextEncoder().encode(publicPem));
    await refused(forged);
  });

  it('a key of another service user', async () => {
    const { keyFile: otherKey } = await emulator.addServiceUserKey(BOTS.other.loginName);
    if (!otherKey) throw new Error('no key file');
    // Signed correctly for other-bot it works ...
    expect((await exchange(await signAssertion(otherKey, { issuer, subject: SU.otherBot }))).status).toBe(200);
    // ... but not to act as ci-bot.
    await refused(await signAssertion(otherKey, { issuer, subject: SU.ciBot }));
  });

  it('iss ≠ sub', async () => {
    await refused(await signAssertion(keyJson, { issuer, subject: SU.ciBot, claims: { sub: SU.otherBot } }));
  });

  it('not a JWT at all', async () => {
    await refused('not-a-jwt');
  });
});

describe('request problems (reference §4.5)', () => {
  it('missing assertion → invalid_request "assertion missing"', async () => {
    await expectOAuthError(await exchange(undefined), 400, 'invalid_request', 'assertion missing');
  });

  it('empty or missing scope → invalid_request', async () => {
    const assertion = await signAssertion(keyJson, { issuer, subject: SU.ciBot });
    await expectOAuthError(await exchange(assertion, ''), 400, 'invalid_request', SCOPE_MISSING);
    await expectOAuthError(await exchange(assertion, null), 400, 'invalid_request', SCOPE_MISSING);
  });
});

describe('a key file from the built CLI, on a fresh store (the demo seed)', () => {
  it('keys add --user ci-bot --out key.json --store store.json, then the emulator on that store accepts it', async () => {
    await assertCliBuilt();
    const storePath = temp.file('store.json');
    const keyPath = temp.file('key.json');
    const run = await runCli(['keys', 'add', '--user', 'ci-bot', '--out', keyPath, '--store', storePath], 20_000);
    expect(run.code, run.stderr).toBe(0);
    const file = JSON.parse(await readFile(keyPath, 'utf8')) as KeyJson;
    expect(run.stdout).toBe(`key ${file.keyId} saved to ${keyPath}\n`);
    expect(Object.keys(file)).toEqual(['type', 'keyId', 'key', 'expirationDate', 'userId']);
    expect(file).toMatchObject({ type: 'serviceaccount', expirationDate: '9999-12-31T23:59:59Z' });

    const fromFile = await startTestEmulator({ storePath });
    try {
      const { data, index } = fromFile.store;
      const bot = index.usersByLoginName.get('ci-bot');
      const shop = data.projects[0]?.id ?? '';
      expect(file.userId).toBe(bot?.id);
      const res = await postForm(`${fromFile.issuer}/oauth/v2/token`, {
        grant_type: JWT_BEARER,
        assertion: await assertionFromKeyFile(keyPath, fromFile.issuer),
        scope: `openid ${audScope(shop)}`,
      });
      const text = await res.text();
      expect(res.status, text).toBe(200);
      const body = JSON.parse(text) as { access_token: string; id_token: string; refresh_token?: string };
      expect(body.refresh_token).toBeUndefined();
      expect(decodePayload(body.id_token)).toMatchObject({ iss: fromFile.issuer, sub: bot?.id, aud: [shop, 'ci-bot'] });

      // The demo seed's API app sees the token (aud = Shop), with ci-bot's role there.
      const api = data.apps.find((a) => a.name === 'api');
      const introspection = await postForm(
        `${fromFile.issuer}/oauth/v2/introspect`,
        { token: body.access_token },
        basicAuth(api?.clientId ?? '', api?.clientSecret ?? ''),
      );
      expect(await introspection.json()).toMatchObject({
        active: true,
        sub: bot?.id,
        aud: [shop],
        [`urn:zitadel:iam:org:project:${shop}:roles`]: { editor: { [data.instance.defaultOrgId]: 'acme.localhost' } },
      });
    } finally {
      await fromFile.close();
    }
  });
});
