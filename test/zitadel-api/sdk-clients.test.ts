// The ZITADEL SDKs against the emulator over the real wire (issue 18 "Tests"):
// @zitadel/client (connect-node gRPC over h2c) with a service user's JWT-profile token creates a
// human user who then logs in through the code flow, and a user grant made through management
// v1 shows up as role claims in that user's next token; @zitadel/node (nice-grpc, v2beta) lists users.
import { createManagementServiceClient } from '@zitadel/client/v1';
import { createUserServiceClient } from '@zitadel/client/v2';
import { createServerTransport } from '@zitadel/client/node';
import { ConnectError, Code } from '@connectrpc/connect';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, loginForCode, postForm, type TokenResponse } from '../helpers/http-login.js';
import { buildUserApiSeed, jwtProfileToken, UA, WEB } from '../helpers/user-api-seed.js';

let emulator: Emulator;
let keyFile: { type: string; keyId: string; key: string; userId: string };
let token: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildUserApiSeed() });
  const added = await emulator.addServiceUserKey('owner-bot');
  if (!added.keyFile) throw new Error('no key file');
  keyFile = added.keyFile;
  token = await jwtProfileToken(emulator.issuer, keyFile);
});
afterAll(async () => {
  await emulator.close();
});

async function codeFlowTokens(loginName: string, password: string): Promise<TokenResponse> {
  const code = await loginForCode(
    emulator.issuer,
    { client_id: WEB.clientId, redirect_uri: WEB.redirectUri, scope: 'openid profile email', state: 's' },
    { loginName, password },
  );
  const res = await postForm(`${emulator.issuer}/oauth/v2/token`, { grant_type: 'authorization_code', code, redirect_uri: WEB.redirectUri }, basicAuth(WEB.clientId, WEB.secret));
  expect(res.status).toBe(200);
  return (await res.json()) as TokenResponse;
}

describe('@zitadel/client (gRPC over HTTP/2 cleartext)', () => {
  it('creates a human user who can log in at once, and whose grant becomes role claims', async () => {
    const transport = createServerTransport(token, { baseUrl: emulator.issuer });
    const users = createUserServiceClient(transport);
    const created = await users.addHumanUser({
      username: 'ada',
      profile: { givenName: 'Ada', familyName: 'Lovelace' },
      email: { email: 'ada@acme.localhost', verification: { case: 'isVerified', value: true } },
      passwordType: { case: 'password', value: { password: 'Secr3t!Pass', changeRequired: false } },
    });
    expect(created.userId).toMatch(/^\d{18}$/);
    expect(created.details?.resourceOwner).toBe(UA.acme);
    expect(created.details?.creationDate).toBeUndefined();
    expect(emulator.store.index.usersById.get(created.userId)?.human?.profile.displayName).toBe('Ada Lovelace');

    const fetched = await users.getUserByID({ userId: created.userId });
    expect(fetched.user?.state).toBe(1); // USER_STATE_ACTIVE
    expect(fetched.user?.loginNames).toEqual(['ada']);
    expect(fetched.user?.type.case).toBe('human');

    const first = await codeFlowTokens('ada', 'Secr3t!Pass');
    const firstClaims = decodeJwt(first.id_token ?? '');
    expect(firstClaims.sub).toBe(created.userId);
    expect(firstClaims['urn:zitadel:iam:org:project:roles']).toBeUndefined();

    const management = createManagementServiceClient(transport);
    const grant = await management.addUserGrant({ userId: created.userId, projectId: UA.shop, roleKeys: ['admin'] });
    expect(grant.userGrantId).toMatch(/^\d{18}$/);
    expect(grant.details?.resourceOwner).toBe(UA.acme);

    const next = await codeFlowTokens('ada', 'Secr3t!Pass');
    expect(decodeJwt(next.id_token ?? '')['urn:zitadel:iam:org:project:roles']).toEqual({ admin: { [UA.acme]: 'acme.localhost' } });

    const listed = await management.listUserGrants({ queries: [{ query: { case: 'userIdQuery', value: { userId: created.userId } } }] });
    expect(listed.result.map((g) => [g.id, g.roleKeys, g.orgId, g.grantedOrgId, g.userName])).toEqual([[grant.userGrantId, ['admin'], UA.acme, UA.acme, 'ada']]);
  });

  it('creates a human and a machine user with CreateUser', async () => {
    const users = createUserServiceClient(createServerTransport(token, { baseUrl: emulator.issuer }));
    const human = await users.createUser({
      organizationId: UA.acme,
      username: 'grace',
      userType: {
        case: 'human',
        value: {
          profile: { givenName: 'Grace', familyName: 'Hopper' },
          email: { email: 'grace@acme.localhost', verification: { case: 'isVerified', value: true } },
          passwordType: { case: 'password', value: { password: 'C0bol!Rules', changeRequired: false } },
        },
      },
    });
    expect(human.id).toMatch(/^\d{18}$/);
    expect(human.creationDate).toBeDefined();
    expect(emulator.store.index.usersById.get(human.id)).toMatchObject({ userName: 'grace', orgId: UA.acme, human: { password: 'C0bol!Rules' } });
    const machine = await users.createUser({ organizationId: UA.acme, username: 'robot', userType: { case: 'machine', value: { name: 'Robot', description: 'builds' } } });
    expect(emulator.store.index.usersById.get(machine.id)?.machine).toMatchObject({ name: 'Robot', description: 'builds', accessTokenType: 'bearer' });
    const taken = await users.createUser({ organizationId: UA.acme, username: 'robot', userType: { case: 'machine', value: { name: 'Robot' } } }).catch((e: unknown) => e);
    expect([(taken as ConnectError).code, (taken as ConnectError).rawMessage]).toEqual([Code.AlreadyExists, 'User already exists (V3-DKcYh)']);
  });

  it('gets ZITADEL errors with their code, message and ErrorDetail', async () => {
    const users = createUserServiceClient(createServerTransport(token, { baseUrl: emulator.issuer }));
    const err = await users.getUserByID({ userId: '1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    const connectError = err as ConnectError;
    expect(connectError.code).toBe(Code.NotFound);
    expect(connectError.rawMessage).toBe('User could not be found (QUERY-Dfbg2)');
    expect(connectError.details).toHaveLength(1);
  });
});

describe('@zitadel/node (nice-grpc, v2beta)', () => {
  it('lists users with a service account interceptor (JWT profile, API access)', async () => {
    const { createUserClient, createServiceAccountInterceptor } = await import('@zitadel/node/dist/api/index.js');
    const { ServiceAccount } = await import('@zitadel/node/dist/credentials/index.js');
    const client = createUserClient(
      emulator.issuer,
      createServiceAccountInterceptor(emulator.issuer, ServiceAccount.fromJson(keyFile), { apiAccess: true }),
    );
    const res = await client.listUsers({ queries: [{ userNameQuery: { userName: 'alice', method: 0 } }] });
    expect(res.result.map((u) => [u.userId, u.username, u.human?.profile?.givenName])).toEqual([[UA.alice, 'alice', 'Alice']]);
    expect(String(res.details?.totalResult)).toBe('1');
  });
});
