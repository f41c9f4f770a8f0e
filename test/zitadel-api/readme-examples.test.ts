// The README's "Apps that manage users" examples, as written, against the demo seed (whose
// ci-bot is an ORG_OWNER of Acme) — only the base URL differs (a random port).
import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { createServerTransport } from '@zitadel/client/node';
import { createManagementServiceClient } from '@zitadel/client/v1';
import { createUserServiceClient } from '@zitadel/client/v2';
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';

let emulator: Emulator;
let pat: string;
let projectId: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  pat = emulator.addPersonalAccessToken('ci-bot').token;
  projectId = emulator.store.data.projects[0]?.id ?? '';
});
afterAll(async () => {
  await emulator.close();
});

it('@zitadel/client with a personal access token', async () => {
  const transport = createServerTransport(pat, { baseUrl: emulator.issuer });
  const users = createUserServiceClient(transport);
  const { userId } = await users.addHumanUser({
    username: 'ada',
    profile: { givenName: 'Ada', familyName: 'Lovelace' },
    email: { email: 'ada@acme.localhost', verification: { case: 'isVerified', value: true } },
    passwordType: { case: 'password', value: { password: 'Secr3t!Pass', changeRequired: false } },
  });
  await createManagementServiceClient(transport).addUserGrant({ userId, projectId, roleKeys: ['admin'] });
  expect(emulator.store.data.userGrants.some((g) => g.userId === userId && g.roleKeys.includes('admin'))).toBe(true);
});

it('@zitadel/node with the key file', async () => {
  const { createUserClient, createServiceAccountInterceptor } = await import('@zitadel/node/dist/api/index.js');
  const { ServiceAccount } = await import('@zitadel/node/dist/credentials/index.js');
  const { keyFile } = await emulator.addServiceUserKey('ci-bot');
  const issuer = emulator.issuer;
  const account = ServiceAccount.fromJsonString(JSON.stringify(keyFile));
  const users = createUserClient(issuer, createServiceAccountInterceptor(issuer, account, { apiAccess: true }));
  expect((await users.listUsers({})).result.map((u) => u.username)).toEqual(expect.arrayContaining(['alice', 'bob', 'ci-bot']));
});

it('Connect JSON', async () => {
  const transport = createConnectTransport({
    baseUrl: emulator.issuer,
    httpVersion: '1.1',
    interceptors: [(next) => (req) => { req.header.set('Authorization', `Bearer ${pat}`); return next(req); }],
  });
  const users = createClient(UserService, transport);
  expect((await users.listUsers({})).result.length).toBeGreaterThanOrEqual(3);
});

it('REST as curl sends it (form content type, JSON body)', async () => {
  const curl = (method: string, path: string, data?: string) =>
    fetch(`${emulator.issuer}${path}`, {
      method,
      headers: { Authorization: `Bearer ${pat}`, ...(data !== undefined && { 'Content-Type': 'application/x-www-form-urlencoded' }) },
      ...(data !== undefined && { body: data }),
    });
  const list = await curl('POST', '/v2/users', '{"queries":[{"userNameQuery":{"userName":"alice"}}]}');
  const alice = ((await list.json()) as { result: { userId: string }[] }).result[0]?.userId ?? '';
  expect(alice).toMatch(/^\d{18}$/);
  expect((await curl('PUT', `/v2/users/human/${alice}`, '{"profile":{"givenName":"Alicia","familyName":"Smith"}}')).status).toBe(200);
  expect((await curl('POST', `/v2/users/${alice}/metadata`, '{"metadata":[{"key":"tier","value":"Z29sZA=="}]}')).status).toBe(200);
  expect((await curl('POST', `/v2/users/${alice}/deactivate`, '{}')).status).toBe(200);
  expect((await curl('DELETE', `/v2/users/${alice}`)).status).toBe(200);
});
