// Validation errors with ZITADEL's codes and texts (reference §3, §5.1), management v1 over
// REST, and `unimplemented` for the rest of ZITADEL's API in each protocol's own shape.
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { SessionService } from '@zitadel/proto/zitadel/session/v2/session_service_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { buildUserApiSeed, serviceUserToken, UA } from '../helpers/user-api-seed.js';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildUserApiSeed() });
  token = await serviceUserToken(emulator.issuer, 'owner-bot');
});
afterAll(async () => {
  await emulator.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${emulator.issuer}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

const detail = (id: string, message: string) => [{ '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail', id, message }];

describe('AddHumanUser validation', () => {
  it('an empty given name is INVALID_ARGUMENT with the protoc-gen-validate text and no details', async () => {
    expect(await post('/v2/users/human', { profile: { givenName: '', familyName: 'L' }, email: { email: 'x@acme.localhost' } })).toEqual({
      status: 400,
      body: {
        code: 3,
        message:
          'invalid AddHumanUserRequest.Profile: embedded message failed validation | caused by: invalid SetHumanProfile.GivenName: value length must be between 1 and 200 runes, inclusive',
        details: [],
      },
    });
  });
  it('a taken user name is 409 User already exists (V3-DKcYh)', async () => {
    expect(await post('/v2/users/human', { username: 'alice', profile: { givenName: 'A', familyName: 'B' }, email: { email: 'a2@acme.localhost' } })).toEqual({
      status: 409,
      body: { code: 6, message: 'User already exists (V3-DKcYh)', details: detail('V3-DKcYh', 'Errors.User.AlreadyExists') },
    });
  });
  it('a bad email is 400 Email is invalid (EMAIL-599BI)', async () => {
    expect(await post('/v2/users/human', { profile: { givenName: 'A', familyName: 'B' }, email: { email: 'not-an-email' } })).toEqual({
      status: 400,
      body: { code: 3, message: 'Email is invalid (EMAIL-599BI)', details: detail('EMAIL-599BI', 'Errors.User.Email.Invalid') },
    });
  });
  it('a weak password is refused by the default complexity policy', async () => {
    const res = await post('/v2/users/human', { profile: { givenName: 'A', familyName: 'B' }, email: { email: 'weak@acme.localhost' }, password: { password: 'password1!' } });
    expect(res).toEqual({
      status: 400,
      body: { code: 3, message: 'Password must contain upper case (DOMAIN-VoaRj)', details: detail('DOMAIN-VoaRj', 'Errors.User.PasswordComplexityPolicy.HasUpper') },
    });
  });
  it('an existing user id is 400 Errors.User.AlreadyExisting', async () => {
    const res = await post('/v2/users/human', { userId: UA.alice, profile: { givenName: 'A', familyName: 'B' }, email: { email: 'id@acme.localhost' } });
    expect(res).toEqual({ status: 400, body: { code: 3, message: 'Errors.User.AlreadyExisting (COMMAND-7yiox1isql)', details: detail('COMMAND-7yiox1isql', 'Errors.User.AlreadyExisting') } });
  });
  it('SetPassword with a wrong current password carries a CredentialsCheckError', async () => {
    const res = await post(`/v2/users/${UA.alice}/password`, { newPassword: { password: 'N3w!Passw0rd' }, currentPassword: 'wrong' });
    expect(res).toEqual({
      status: 400,
      body: {
        code: 3,
        message: 'Password is invalid (COMMAND-3M0fs)',
        details: [{ '@type': 'type.googleapis.com/zitadel.v1.CredentialsCheckError', id: 'COMMAND-3M0fs', message: 'Errors.User.Password.Invalid', failedAttempts: 1 }],
      },
    });
  });
});

describe('management v1 over REST', () => {
  it('adds, searches and removes a user grant in the context org', async () => {
    const added = await post(`/management/v1/users/${UA.alice}/grants`, { projectId: UA.shop, roleKeys: ['viewer'] });
    expect(added.status).toBe(200);
    const { userGrantId } = added.body as { userGrantId: string };
    expect(await post(`/management/v1/users/${UA.alice}/grants`, { projectId: UA.shop, roleKeys: ['viewer'] })).toEqual({
      status: 409,
      body: { code: 6, message: 'User grant already exists (V3-DKcYh)', details: detail('V3-DKcYh', 'Errors.UserGrant.AlreadyExists') },
    });
    expect(await post(`/management/v1/users/${UA.alice}/grants`, { projectId: UA.shop, roleKeys: ['nope'] }, { 'x-zitadel-orgid': UA.acme })).toMatchObject({
      status: 400,
      body: { code: 3, message: 'Errors.Project.Role.NotFound (COMMAND-mm9F4)' },
    });
    const search = await post('/management/v1/users/grants/_search', { queries: [{ userIdQuery: { userId: UA.alice } }] });
    expect((search.body as { result: { id: string; roleKeys: string[]; projectName: string }[] }).result).toEqual([
      expect.objectContaining({ id: userGrantId, roleKeys: ['viewer'], projectName: 'Shop', orgId: UA.acme, grantedOrgId: UA.acme, userType: 'TYPE_HUMAN', state: 'USER_GRANT_STATE_ACTIVE' }),
    ]);
    const removed = await fetch(`${emulator.issuer}/management/v1/users/${UA.alice}/grants/${userGrantId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(removed.status).toBe(200);
    expect(emulator.store.data.userGrants.some((g) => g.id === userGrantId)).toBe(false);
  });

  it('has no Connect handler: a Connect call to a v1 path is a grpc-gateway 404', async () => {
    expect(await post('/zitadel.management.v1.ManagementService/ListUserGrants', {})).toEqual({ status: 404, body: { code: 5, message: 'Not Found', details: [] } });
  });
});

describe('the rest of ZITADEL answers unimplemented in each protocol', () => {
  it('REST', async () => {
    expect(await post('/v2/sessions', {})).toEqual({ status: 501, body: { code: 12, message: 'POST /v2/sessions is not implemented by the emulator', details: [] } });
  });
  it('Connect', async () => {
    expect(await post('/zitadel.session.v2.SessionService/CreateSession', {})).toEqual({
      status: 501,
      body: { code: 'unimplemented', message: 'zitadel.session.v2.SessionService is not implemented by the emulator' },
    });
  });
  it('gRPC', async () => {
    const client = createClient(SessionService, createGrpcTransport({ baseUrl: emulator.issuer }));
    const err = await client.createSession({}, { headers: { Authorization: `Bearer ${token}` } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect([(err as ConnectError).code, (err as ConnectError).rawMessage]).toEqual([Code.Unimplemented, 'zitadel.session.v2.SessionService is not implemented by the emulator']);
  });
  it('an unimplemented method of a served service', async () => {
    expect(await post('/zitadel.user.v2.UserService/LockUser', { userId: UA.alice })).toEqual({
      status: 501,
      body: { code: 'unimplemented', message: 'zitadel.user.v2.UserService/LockUser is not implemented by the emulator' },
    });
  });
  it('the OIDC surface is untouched', async () => {
    const res = await fetch(`${emulator.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { issuer: string }).issuer).toBe(emulator.issuer);
  });
});

describe('bad input never crashes the server', () => {
  const raw = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${emulator.issuer}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType }, body });

  it('REST: broken JSON and wrongly typed fields are INVALID_ARGUMENT', async () => {
    const broken = await raw('/v2/users/human', '{"profile":');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { code: number }).code).toBe(3);
    const typed = await raw('/v2/users', '{"query":{"limit":"many"}}');
    expect(typed.status).toBe(400);
    expect(((await typed.json()) as { code: number; details: unknown[] })).toMatchObject({ code: 3, details: [] });
  });

  it('Connect: broken JSON is invalid_argument, a garbage gRPC frame is an error status', async () => {
    const broken = await raw('/zitadel.user.v2.UserService/GetUserByID', '{"userId":');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { code: string }).code).toBe('invalid_argument');
    const grpcWeb = await raw('/zitadel.user.v2.UserService/GetUserByID', 'not a frame', 'application/grpc-web+proto');
    expect(grpcWeb.status).toBe(200);
    // gRPC-web carries the status in a trailer frame of the body.
    const trailers = Buffer.from(await grpcWeb.arrayBuffer()).toString('latin1');
    expect(trailers).toContain('grpc-status: 3\r\n');
    expect(trailers).toContain('grpc-message: protocol%20error%3A%20incomplete%20envelope');
  });

  it('still answers afterwards', async () => {
    const res = await fetch(`${emulator.issuer}/v2/users/${UA.alice}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });
});
