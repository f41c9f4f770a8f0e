// Which tokens may call the API (reference §2.1): impersonation tokens never (403
// `Errors.TokenExchange.Token.NotForAPI`), a browser app's tokens only from an origin of its
// redirect URIs (403 `Errors.OriginNotAllowed`), service-user tokens from anywhere.
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, loginForCode, postForm } from '../helpers/http-login.js';
import { buildUserApiSeed, serviceUserToken, UA, WEB, ZITADEL_AUD_SCOPE } from '../helpers/user-api-seed.js';

let emulator: Emulator;
let aliceToken: string;
let botToken: string;

beforeAll(async () => {
  const seed = buildUserApiSeed();
  seed.instance = { ...seed.instance, securityPolicy: { enableImpersonation: true } };
  const web = seed.apps?.[0];
  if (web?.oidc) web.oidc.grantTypes = ['authorization_code', 'token_exchange'];
  seed.memberships = [...(seed.memberships ?? []), { id: '600000000000000079', userId: UA.alice, orgId: UA.acme, roles: ['ORG_OWNER'] }];
  emulator = await startTestEmulator({ store: seed });
  const code = await loginForCode(
    emulator.issuer,
    { client_id: WEB.clientId, redirect_uri: WEB.redirectUri, scope: ZITADEL_AUD_SCOPE, state: 's' },
    { loginName: 'alice', password: 'Password1!' },
  );
  const res = await postForm(`${emulator.issuer}/oauth/v2/token`, { grant_type: 'authorization_code', code, redirect_uri: WEB.redirectUri }, basicAuth(WEB.clientId, WEB.secret));
  expect(res.status).toBe(200);
  aliceToken = ((await res.json()) as { access_token: string }).access_token;
  botToken = await serviceUserToken(emulator.issuer, 'owner-bot');
});
afterAll(async () => {
  await emulator.close();
});

/** GetUserByID over REST: status and grpc-gateway body. */
async function restGet(token: string, origin?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emulator.issuer}/v2/users/${UA.alice}`, {
    headers: { Authorization: `Bearer ${token}`, ...(origin !== undefined && { Origin: origin }) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** GetUserByID over Connect JSON: status and Connect error body. */
async function connectGet(token: string, origin?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emulator.issuer}/zitadel.user.v2.UserService/GetUserByID`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(origin !== undefined && { Origin: origin }) },
    body: JSON.stringify({ userId: UA.alice }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** GetUserByID over gRPC (HTTP/2 cleartext): the code and message, or 0 on success. */
async function grpcGet(token: string, origin?: string): Promise<{ code: Code | 0; message: string }> {
  const users = createClient(UserService, createGrpcTransport({ baseUrl: emulator.issuer }));
  try {
    await users.getUserByID({ userId: UA.alice }, { headers: { Authorization: `Bearer ${token}`, ...(origin !== undefined && { Origin: origin }) } });
    return { code: 0, message: '' };
  } catch (err) {
    if (!(err instanceof ConnectError)) throw err;
    return { code: err.code, message: err.rawMessage };
  }
}

describe('origin of a browser app’s token', () => {
  it('an origin of the app’s redirect URIs, or none, is allowed', async () => {
    expect((await restGet(aliceToken, 'http://localhost:3000')).status).toBe(200);
    expect((await restGet(aliceToken)).status).toBe(200);
    expect(await grpcGet(aliceToken, 'http://localhost:3000')).toEqual({ code: 0, message: '' });
    expect((await connectGet(aliceToken, 'http://localhost:3000')).status).toBe(200);
  });

  it('any other origin ⇒ 403 Errors.OriginNotAllowed (AUTH-DZG21)', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:3001', 'https://localhost:3000']) {
      const { status, body } = await restGet(aliceToken, origin);
      expect(status).toBe(403);
      expect(body).toMatchObject({ code: 7, message: 'Errors.OriginNotAllowed (AUTH-DZG21)' });
    }
    expect(await grpcGet(aliceToken, 'https://evil.example')).toEqual({ code: Code.PermissionDenied, message: 'Errors.OriginNotAllowed (AUTH-DZG21)' });
    const connect = await connectGet(aliceToken, 'https://evil.example');
    expect(connect.status).toBe(403);
    expect(connect.body).toMatchObject({ code: 'permission_denied', message: 'Errors.OriginNotAllowed (AUTH-DZG21)' });
  });

  it('service-user tokens are not origin-checked', async () => {
    expect((await restGet(botToken, 'https://evil.example')).status).toBe(200);
    expect(await grpcGet(botToken, 'https://evil.example')).toEqual({ code: 0, message: '' });
  });
});

describe('impersonation tokens (act)', () => {
  it('⇒ 403 Errors.TokenExchange.Token.NotForAPI (APP-Shi0J), even with the ZITADEL audience', async () => {
    const res = await postForm(
      `${emulator.issuer}/oauth/v2/token`,
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: UA.gina,
        subject_token_type: 'urn:zitadel:params:oauth:token-type:user_id',
        actor_token: aliceToken,
        actor_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        scope: ZITADEL_AUD_SCOPE,
      },
      basicAuth(WEB.clientId, WEB.secret),
    );
    expect(res.status).toBe(200);
    const impersonation = ((await res.json()) as { access_token: string }).access_token;
    const { status, body } = await restGet(impersonation);
    expect(status).toBe(403);
    expect(body).toMatchObject({ code: 7, message: 'Errors.TokenExchange.Token.NotForAPI (APP-Shi0J)' });
    expect(await grpcGet(impersonation)).toEqual({ code: Code.PermissionDenied, message: 'Errors.TokenExchange.Token.NotForAPI (APP-Shi0J)' });
    const connect = await connectGet(impersonation);
    expect(connect.status).toBe(403);
    expect(connect.body).toMatchObject({ code: 'permission_denied', message: 'Errors.TokenExchange.Token.NotForAPI (APP-Shi0J)' });
  });
});
