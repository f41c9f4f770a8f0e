// Credentials through the admin API: app keys and their key file (reference §7) usable for a
// private_key_jwt client assertion, secret regeneration, PATs, and signing key rotation.
import { createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AddKeyResultDto, KeyDto, PatResultDto, SecretResultDto, StoreDto } from '../../src/common/admin-api.js';
import type { StoreData } from '../../src/main/store/schema.js';
import { fetchJwks } from '../helpers/emulator.js';
import { startAdminTestbed, type AdminTestbed } from './admin-client.js';

let bed: AdminTestbed;
let data: StoreData;

beforeAll(async () => {
  bed = await startAdminTestbed();
  data = ((await bed.api('GET', 'store')).body as StoreDto).data as unknown as StoreData;
});
afterAll(() => bed.close());

function appNamed(name: string) {
  const app = data.apps.find((a) => a.name === name);
  if (!app) throw new Error(`no app ${name}`);
  return app;
}

async function postForm(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${bed.emulator.issuer}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function assertion(clientId: string, keyId: string, pem: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: keyId })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(bed.emulator.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(createPrivateKey(pem));
}

function introspectWithAssertion(clientAssertion: string) {
  return postForm('/oauth/v2/introspect', {
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: clientAssertion,
    token: 'not-a-token',
  });
}

describe('app keys', () => {
  test('add → key file as reference §7 → a client assertion the introspection endpoint accepts; delete revokes it', async () => {
    const api = appNamed('api');
    const refused = await bed.api('POST', `apps/${api.id}/keys`, {});
    expect(refused).toMatchObject({
      status: 400,
      body: { error: 'bad_request', message: 'app "api" authenticates with "basic"; set its authMethod to "privateKeyJwt" to use keys' },
    });
    expect((await bed.api('PUT', `apps/${api.id}`, { ...api, api: { authMethod: 'privateKeyJwt' } })).status).toBe(200);

    const added = await bed.api('POST', `apps/${api.id}/keys`, { expirationDate: '2999-01-01' });
    expect(added.status).toBe(201);
    const { key, keyFile, revision } = added.body as AddKeyResultDto;
    expect(revision).toBe(bed.emulator.store.revision);
    expect(key).toEqual({
      id: expect.stringMatching(/^\d{18}$/) as unknown,
      expirationDate: '2999-01-01T00:00:00Z',
      hasPrivateKey: true,
      publicKey: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/) as unknown,
    });
    expect(Object.keys(keyFile ?? {})).toEqual(['type', 'keyId', 'key', 'appId', 'clientId']);
    expect(keyFile).toEqual({
      type: 'application',
      keyId: key.id,
      key: expect.stringMatching(/^-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+\n-----END RSA PRIVATE KEY-----\n$/) as unknown,
      appId: api.id,
      clientId: api.clientId,
    });

    // The download is the same JSON, as an attachment.
    const file = await bed.api('GET', `apps/${api.id}/keys/${key.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${key.id}.json"`);
    expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(file.body).toEqual(keyFile);

    // Listings never carry the private key.
    const listed = await bed.api('GET', `apps/${api.id}/keys`);
    expect(listed.body).toEqual([key] satisfies KeyDto[]);
    const store = (await bed.api('GET', 'store')).body as StoreDto;
    expect(JSON.stringify(store)).not.toContain('PRIVATE KEY');

    // A PUT of the app as GET shows it keeps the private key.
    const shown = (store.data as unknown as StoreData).apps.find((a) => a.id === api.id);
    expect((await bed.api('PUT', `apps/${api.id}`, { ...shown, name: 'api' })).status).toBe(200);
    expect(bed.emulator.store.data.apps.find((a) => a.id === api.id)?.keys[0]?.privateKey).toBe(keyFile?.key);

    const pem = String((file.body as Record<string, string>).key);
    const accepted = await introspectWithAssertion(await assertion(api.clientId, key.id, pem));
    expect(accepted).toEqual({ status: 200, body: { active: false } });

    const deleted = await bed.api('DELETE', `apps/${api.id}/keys/${key.id}`);
    expect(deleted.body).toEqual({ revision: bed.emulator.store.revision, entity: key });
    const refusedNow = await introspectWithAssertion(await assertion(api.clientId, key.id, pem));
    expect(refusedNow.status).toBe(400);
    expect(refusedNow.body.error).toBe('unauthorized_client');
    expect(await bed.api('GET', `apps/${api.id}/keys/${key.id}/file`)).toMatchObject({
      status: 404,
      body: { error: 'not_found', message: `app "api" has no key "${key.id}"` },
    });
  });

  test('service-user keys: add and download a serviceaccount key file', async () => {
    const bot = data.users.find((u) => u.userName === 'ci-bot');
    const added = await bed.api('POST', `users/${bot?.id}/keys`);
    expect(added.status).toBe(201);
    const { key, keyFile } = added.body as AddKeyResultDto;
    expect(Object.keys(keyFile ?? {})).toEqual(['type', 'keyId', 'key', 'expirationDate', 'userId']);
    expect(keyFile).toMatchObject({ type: 'serviceaccount', keyId: key.id, expirationDate: '9999-12-31T23:59:59Z', userId: bot?.id });
    const file = await bed.api('GET', `users/${bot?.id}/keys/${key.id}/file`);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${key.id}.json"`);
    expect(file.body).toEqual(keyFile);
    expect(await bed.api('POST', `users/${data.users[0]?.id}/keys`)).toMatchObject({
      status: 400,
      body: { error: 'bad_request', message: 'user "alice" is a human user; only service users have secrets, keys and tokens' },
    });
  });
});

describe('secrets', () => {
  test('regenerating a service user secret makes the old one fail at the token endpoint', async () => {
    const bot = bed.emulator.store.data.users.find((u) => u.userName === 'ci-bot');
    const oldSecret = bot?.machine?.clientSecret ?? '';
    const grant = (secret: string) =>
      postForm('/oauth/v2/token', { grant_type: 'client_credentials', scope: 'openid' }, {
        Authorization: `Basic ${Buffer.from(`ci-bot:${secret}`).toString('base64')}`,
      });
    expect((await grant(oldSecret)).status).toBe(200);

    const res = await bed.api('POST', `users/${bot?.id}/secret`);
    expect(res.status).toBe(200);
    const { clientId, clientSecret, revision } = res.body as SecretResultDto;
    expect(res.body).toEqual({ revision, clientId: 'ci-bot', clientSecret: expect.stringMatching(/^[A-Za-z0-9]{64}$/) as unknown });
    expect(clientId).toBe('ci-bot');

    const old = await grant(oldSecret);
    // ZITADEL's answer for a wrong machine secret (reference §9).
    expect(old).toEqual({ status: 400, body: { error: 'invalid_request', error_description: 'Errors.User.Machine.Secret.Invalid' } });
    expect((await grant(clientSecret)).status).toBe(200);
  });

  test('regenerating an app secret: the old secret fails, the new one works', async () => {
    const web = appNamed('web');
    const res = await bed.api('POST', `apps/${web.id}/secret`);
    const { clientSecret } = res.body as SecretResultDto;
    expect(res.body).toEqual({ revision: bed.emulator.store.revision, clientId: web.clientId, clientSecret: expect.any(String) as unknown });
    const refresh = (secret: string) =>
      postForm('/oauth/v2/token', { grant_type: 'refresh_token', refresh_token: 'unknown' }, {
        Authorization: `Basic ${Buffer.from(`${web.clientId}:${secret}`).toString('base64')}`,
      });
    expect(await refresh(web.clientSecret ?? '')).toEqual({ status: 400, body: { error: 'invalid_client', error_description: 'invalid secret' } });
    // Past client authentication: only the (made-up) refresh token is wrong now.
    expect(await refresh(clientSecret)).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Errors.OIDCSession.RefreshTokenInvalid' },
    });
    const spa = appNamed('spa');
    expect(await bed.api('POST', `apps/${spa.id}/secret`)).toMatchObject({
      status: 400,
      body: { error: 'bad_request', message: 'app "spa" authenticates with "none", which uses no client secret' },
    });
  });
});

describe('personal access tokens', () => {
  test('add and delete', async () => {
    const bot = data.users.find((u) => u.userName === 'ci-bot');
    const added = await bed.api('POST', `users/${bot?.id}/pats`, { expirationDate: '2999-12-31' });
    expect(added.status).toBe(201);
    const pat = added.body as PatResultDto;
    expect(pat).toEqual({
      revision: bed.emulator.store.revision,
      id: expect.stringMatching(/^\d{18}$/) as unknown,
      token: expect.any(String) as unknown,
      expirationDate: '2999-12-31T00:00:00Z',
    });
    const userinfo = await fetch(`${bed.emulator.issuer}/oidc/v1/userinfo`, { headers: { Authorization: `Bearer ${pat.token}` } });
    expect(userinfo.status).toBe(200);
    const removed = await bed.api('DELETE', `users/${bot?.id}/pats/${pat.id}`);
    expect(removed.body).toEqual({ revision: bed.emulator.store.revision, entity: { id: pat.id, expirationDate: '2999-12-31T00:00:00Z' } });
    const after = await fetch(`${bed.emulator.issuer}/oidc/v1/userinfo`, { headers: { Authorization: `Bearer ${pat.token}` } });
    expect(after.status).toBe(401);
  });
});

describe('signing keys', () => {
  test('rotate → JWKS lists both; the active key cannot be deleted; activate and delete', async () => {
    const [first] = bed.emulator.store.data.signingKeys;
    if (!first) throw new Error('no signing key');
    const rotated = await bed.api('POST', 'signing-keys/rotate');
    expect(rotated.status).toBe(201);
    const entity = (rotated.body as { entity: { id: string } }).entity;
    expect(rotated.body).toEqual({
      revision: bed.emulator.store.revision,
      entity: { id: entity.id, publicKey: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/) as unknown, active: true, createdAt: expect.any(String) as unknown },
    });
    expect((await fetchJwks(bed.emulator.issuer)).keys.map((k) => k.kid)).toEqual([first.id, entity.id]);

    expect(await bed.api('DELETE', `signing-keys/${entity.id}`)).toMatchObject({
      status: 400,
      body: { error: 'bad_request', message: `signing key "${entity.id}" is the active key; activate another key before deleting it` },
    });
    const activated = await bed.api('POST', `signing-keys/${first.id}/activate`);
    expect(activated.status).toBe(200);
    expect((activated.body as { entity: { active: boolean } }).entity.active).toBe(true);
    expect((await bed.api('DELETE', `signing-keys/${entity.id}`)).status).toBe(200);
    expect((await fetchJwks(bed.emulator.issuer)).keys.map((k) => k.kid)).toEqual([first.id]);
    expect(await bed.api('DELETE', `signing-keys/${entity.id}`)).toMatchObject({
      status: 404,
      body: { error: 'not_found', message: `no signing key has id "${entity.id}"` },
    });
  });
});
