// The token inspector: JWT access tokens decoded and verified against this emulator's keys,
// forged JWTs (unknown key, bad signature), and opaque tokens introspected as an API app with
// exactly the body /oauth/v2/introspect gives that app.
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { InspectResultDto } from '../../src/common/admin-api.js';
import type { App, User } from '../../src/main/store/schema.js';
import { startAdminTestbed, type AdminTestbed } from './admin-client.js';

let bed: AdminTestbed;
let bot: User;
let api: App;

beforeAll(async () => {
  bed = await startAdminTestbed();
  const data = bed.emulator.store.data;
  bot = data.users.find((u) => u.userName === 'ci-bot') as User;
  api = data.apps.find((a) => a.name === 'api') as App;
});
afterAll(() => bed.close());

async function botToken(scope: string): Promise<string> {
  const res = await fetch(`${bed.emulator.issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`ci-bot:${bot.machine?.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function setAccessTokenType(type: 'jwt' | 'bearer'): Promise<void> {
  const res = await bed.api('PUT', `users/${bot.id}`, { ...bot, machine: { ...bot.machine, accessTokenType: type } });
  expect(res.status).toBe(200);
}

async function inspect(body: Record<string, unknown>): Promise<InspectResultDto> {
  const res = await bed.api('POST', 'inspect', body);
  expect(res.status).toBe(200);
  return res.body as InspectResultDto;
}

describe('inspect', () => {
  test('a JWT access token: decoded, signature valid, active, owner and scopes', async () => {
    await setAccessTokenType('jwt');
    try {
      const token = await botToken('openid profile');
      const header = decodeProtectedHeader(token);
      const claims = decodeJwt(token);
      const kid = bed.emulator.store.data.signingKeys.find((k) => k.active)?.id;
      expect(await inspect({ token })).toEqual({
        format: 'jwt',
        header: { alg: 'RS256', kid, typ: 'JWT' },
        claims,
        signature: 'valid',
        kid,
        expiresAt: claims.exp,
        active: true,
        userId: bot.id,
        clientId: 'ci-bot',
        scopes: ['openid', 'profile'],
      });
      expect(header.kid).toBe(kid);
    } finally {
      await setAccessTokenType('bearer');
    }
  });

  test('a forged JWT: unknown key, or a known kid with a wrong signature', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const claims = { sub: bot.id, exp: Math.floor(Date.now() / 1000) + 600, jti: 'V2_1-at_2' };
    const unknown = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'someone-else' }).sign(privateKey);
    expect(await inspect({ token: unknown })).toEqual({
      format: 'jwt',
      header: { alg: 'RS256', kid: 'someone-else' },
      claims,
      signature: 'unknown_key',
      kid: 'someone-else',
      expiresAt: claims.exp,
      active: false,
    });

    const kid = bed.emulator.store.data.signingKeys.find((k) => k.active)?.id ?? '';
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
    expect(await inspect({ token: forged })).toMatchObject({ format: 'jwt', signature: 'invalid', kid, active: false });

    const [, body] = forged.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${body}.`;
    expect(await inspect({ token: none })).toMatchObject({ signature: 'invalid', active: false });
  });

  test('an ID token is active while its signature is valid and it has not expired', async () => {
    const res = await fetch(`${bed.emulator.issuer}/oauth/v2/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`ci-bot:${bot.machine?.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'openid' }),
    });
    const { id_token: idToken } = (await res.json()) as { id_token: string };
    expect(await inspect({ token: idToken })).toMatchObject({ format: 'jwt', signature: 'valid', active: true, userId: bot.id, clientId: 'ci-bot' });
  });

  test('an opaque token introspected as the api app gets exactly what /oauth/v2/introspect answers it', async () => {
    const projectId = api.projectId;
    const token = await botToken(`openid profile urn:zitadel:iam:org:project:id:${projectId}:aud urn:zitadel:iam:org:projects:roles`);
    const endpoint = await fetch(`${bed.emulator.issuer}/oauth/v2/introspect`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${api.clientId}:${api.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token }),
    });
    const expected = (await endpoint.json()) as Record<string, unknown>;
    expect(expected.active).toBe(true);

    const result = await inspect({ token, introspectAs: api.clientId });
    expect(result).toEqual({
      format: 'opaque',
      signature: 'not_applicable',
      active: true,
      userId: bot.id,
      clientId: 'ci-bot',
      scopes: ['openid', 'profile', `urn:zitadel:iam:org:project:id:${projectId}:aud`, 'urn:zitadel:iam:org:projects:roles'],
      introspection: expected,
      notes: expect.arrayContaining([{ claim: 'active', present: true, why: 'always (active token)' }]) as unknown,
    });
  });

  test('introspected by an app outside the audience, or an unknown token: inactive', async () => {
    const token = await botToken('openid');
    const outside = await inspect({ token, introspectAs: api.clientId });
    expect(outside).toMatchObject({ format: 'opaque', active: true, introspection: { active: false } });
    expect(outside.notes?.[0]?.why).toMatch(/^app "api" is not in the token's audience/);

    expect(await inspect({ token: 'nope', introspectAs: api.clientId })).toEqual({
      format: 'opaque',
      signature: 'not_applicable',
      active: false,
      introspection: { active: false },
      notes: [{ claim: 'active', present: true, why: 'the token is unknown, expired or revoked' }],
    });
    expect(await bed.api('POST', 'inspect', { token, introspectAs: 'no-such-client' })).toMatchObject({
      status: 400,
      body: { error: 'bad_request', message: 'no app has client id "no-such-client"' },
    });
    expect(await bed.api('POST', 'inspect', { token: '' })).toMatchObject({
      status: 400,
      body: { error: 'bad_request', message: 'token must be a non-empty string' },
    });
  });
});
