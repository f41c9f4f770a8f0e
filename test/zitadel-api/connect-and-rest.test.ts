// A Connect JSON client (connect-node, HTTP/1.1 — what ZITADEL's login app and @zitadel/sdk
// speak) and plain REST with fetch (grpc-gateway paths) each get, update, set metadata,
// deactivate and delete a user (reference §1.2, §1.3, §5). Bodies are written from the reference.
import { createClient, type Client } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { buildUserApiSeed, serviceUserToken, UA } from '../helpers/user-api-seed.js';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const NOW_ISO = '2026-01-02T03:04:05Z';
const SEQUENCE = expect.stringMatching(/^\d+$/);

let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildUserApiSeed(), clock: { now: () => NOW } });
  token = await serviceUserToken(emulator.issuer, 'owner-bot');
});
afterAll(async () => {
  await emulator.close();
});

function rest(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${emulator.issuer}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

async function json(res: Response): Promise<unknown> {
  return JSON.parse(await res.text()) as unknown;
}

describe('REST (grpc-gateway paths)', () => {
  it('GET /v2/users/{id} answers the reference §5.2 shape', async () => {
    const res = await rest('GET', `/v2/users/${UA.alice}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const details = { sequence: SEQUENCE, changeDate: '2024-12-30T23:06:40Z', resourceOwner: UA.acme, creationDate: expect.any(String) };
    expect(await json(res)).toEqual({
      details,
      user: {
        userId: UA.alice,
        details,
        state: 'USER_STATE_ACTIVE',
        username: 'alice',
        loginNames: ['alice'],
        preferredLoginName: 'alice',
        human: {
          profile: { givenName: 'Alice', familyName: 'Smith', nickName: '', displayName: 'Alice Smith', preferredLanguage: 'en', gender: 'GENDER_FEMALE' },
          email: { email: 'alice@acme.localhost', isVerified: true },
          phone: {},
        },
      },
    });
  });

  it('PUT /v2/users/human/{id} updates the profile in the store the console edits', async () => {
    const res = await rest('PUT', `/v2/users/human/${UA.alice}`, { profile: { given_name: 'Alicia', familyName: 'Smith', displayName: 'Alicia S.' } });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ details: { sequence: SEQUENCE, changeDate: NOW_ISO, resourceOwner: UA.acme } });
    const stored = emulator.store.index.usersById.get(UA.alice);
    expect(stored?.human?.profile).toMatchObject({ givenName: 'Alicia', familyName: 'Smith', displayName: 'Alicia S.' });
    expect(stored?.updatedAt).toBe(NOW / 1000);
  });

  it('sets, searches and deletes metadata (values are base64)', async () => {
    const set = await rest('POST', `/v2/users/${UA.alice}/metadata`, { metadata: [{ key: 'tier', value: Buffer.from('gold').toString('base64') }] });
    expect(set.status).toBe(200);
    expect(await json(set)).toEqual({ setDate: NOW_ISO });
    expect(emulator.store.index.usersById.get(UA.alice)?.metadata).toEqual({ department: 'sales', tier: 'gold' });

    const search = await rest('POST', `/v2/users/${UA.alice}/metadata/search`, { filters: [{ keyFilter: { key: 'tier', method: 'TEXT_FILTER_METHOD_EQUALS' } }] });
    expect(await json(search)).toEqual({
      pagination: { totalResult: '1', appliedLimit: '100' },
      metadata: [{ creationDate: expect.any(String), changeDate: NOW_ISO, key: 'tier', value: 'Z29sZA==' }],
    });

    const removed = await rest('DELETE', `/v2/users/${UA.alice}/metadata?keys=tier`);
    expect(removed.status).toBe(200);
    expect(await json(removed)).toEqual({ deletionDate: NOW_ISO });
    const again = await rest('DELETE', `/v2/users/${UA.alice}/metadata?keys=tier`);
    expect(again.status).toBe(404);
    expect(await json(again)).toEqual({
      code: 5,
      message: 'One or more keys do not exist (META-2nnds)',
      details: [{ '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail', id: 'META-2nnds', message: 'Errors.Metadata.NotFound' }],
    });
  });

  it('deactivates and reactivates; a second deactivate is 400', async () => {
    const res = await rest('POST', `/v2/users/${UA.alice}/deactivate`, {});
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ details: { sequence: SEQUENCE, changeDate: NOW_ISO, resourceOwner: UA.acme } });
    expect(emulator.store.index.usersById.get(UA.alice)?.state).toBe('inactive');
    const again = await rest('POST', `/v2/users/${UA.alice}/deactivate`);
    expect(again.status).toBe(400);
    expect(await json(again)).toEqual({
      code: 9,
      message: 'User already inactive (COMMAND-5gunjw0cd7)',
      details: [{ '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail', id: 'COMMAND-5gunjw0cd7', message: 'Errors.User.AlreadyInactive' }],
    });
    expect((await rest('POST', `/v2/users/${UA.alice}/reactivate`, {})).status).toBe(200);
    expect(emulator.store.index.usersById.get(UA.alice)?.state).toBe('active');
  });

  it('deletes a user with its grants; the second delete is 404', async () => {
    const created = await rest('POST', '/v2/users/human', { username: 'temp', profile: { givenName: 'T', familyName: 'Emp' }, email: { email: 'temp@acme.localhost' } });
    expect(created.status).toBe(200);
    const { userId } = (await json(created)) as { userId: string };
    const res = await rest('DELETE', `/v2/users/${userId}`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ details: { sequence: SEQUENCE, changeDate: NOW_ISO, resourceOwner: UA.acme } });
    expect(emulator.store.index.usersById.has(userId)).toBe(false);
    const again = await rest('DELETE', `/v2/users/${userId}`);
    expect(again.status).toBe(404);
    expect(((await json(again)) as { message: string }).message).toBe('User could not be found (COMMAND-bd4ir1mblj)');
    const get = await rest('GET', `/v2/users/${userId}`);
    expect(((await json(get)) as { message: string }).message).toBe('User could not be found (QUERY-Dfbg2)');
  });
});

describe('Connect JSON (connect-node client over HTTP/1.1)', () => {
  let client: Client<typeof UserService>;
  let userId: string;
  beforeAll(async () => {
    const transport = createConnectTransport({
      baseUrl: emulator.issuer,
      httpVersion: '1.1',
      useBinaryFormat: false,
      interceptors: [(next) => (req) => {
        req.header.set('Authorization', `Bearer ${token}`);
        return next(req);
      }],
    });
    client = createClient(UserService, transport);
    const created = await client.addHumanUser({
      username: 'connie',
      profile: { givenName: 'Connie', familyName: 'Nect' },
      email: { email: 'connie@acme.localhost', verification: { case: 'returnCode', value: {} } },
      metadata: [{ key: 'source', value: new TextEncoder().encode('connect') }],
    });
    expect(created.emailCode).toMatch(/^[A-Z0-9]{6}$/);
    userId = created.userId;
  });

  it('gets the user', async () => {
    const res = await client.getUserByID({ userId });
    expect(res.user?.username).toBe('connie');
    expect(res.user?.type.case === 'human' && res.user.type.value.email).toMatchObject({ email: 'connie@acme.localhost', isVerified: false });
  });

  it('updates the user', async () => {
    await client.updateHumanUser({ userId, profile: { givenName: 'Constance', familyName: 'Nect' } });
    expect(emulator.store.index.usersById.get(userId)?.human?.profile.givenName).toBe('Constance');
  });

  it('lists, sets and deletes metadata', async () => {
    await client.setUserMetadata({ userId, metadata: [{ key: 'tier', value: new TextEncoder().encode('silver') }] });
    const listed = await client.listUserMetadata({ userId });
    expect(listed.metadata.map((m) => [m.key, new TextDecoder().decode(m.value)]).sort()).toEqual([['source', 'connect'], ['tier', 'silver']]);
    await client.deleteUserMetadata({ userId, keys: ['tier', 'source'] });
    expect(emulator.store.index.usersById.get(userId)?.metadata).toEqual({});
  });

  it('deactivates and deletes the user', async () => {
    await client.deactivateUser({ userId });
    expect(emulator.store.index.usersById.get(userId)?.state).toBe('inactive');
    await client.deleteUser({ userId });
    expect(emulator.store.index.usersById.has(userId)).toBe(false);
  });

  it('answers errors in the Connect JSON shape with a decodable ErrorDetail', async () => {
    const res = await fetch(`${emulator.issuer}/zitadel.user.v2.UserService/GetUserByID`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ userId: '1' }),
    });
    expect(res.status).toBe(404);
    expect(await json(res)).toEqual({
      code: 'not_found',
      message: 'User could not be found (QUERY-Dfbg2)',
      details: [{ type: 'zitadel.v1.ErrorDetail', value: 'CgtRVUVSWS1EZmJnMhIURXJyb3JzLlVzZXIuTm90Rm91bmQ', debug: { id: 'QUERY-Dfbg2', message: 'Errors.User.NotFound' } }],
    });
  });
});
