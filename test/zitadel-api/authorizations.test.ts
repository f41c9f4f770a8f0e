// User grants through zitadel.authorization.v2beta.AuthorizationService (reference §7; the v2
// descriptors are not published in @zitadel/proto 1.3.1) over Connect: created grants become
// role claims in the next token; update replaces roles; delete is idempotent.
import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { AuthorizationService } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_service_pb.js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, loginForCode, postForm, type TokenResponse } from '../helpers/http-login.js';
import { buildUserApiSeed, serviceUserToken, UA, WEB } from '../helpers/user-api-seed.js';

let emulator: Emulator;
let client: ReturnType<typeof createClient<typeof AuthorizationService>>;

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildUserApiSeed() });
  const token = await serviceUserToken(emulator.issuer, 'owner-bot');
  client = createClient(
    AuthorizationService,
    createConnectTransport({
      baseUrl: emulator.issuer,
      httpVersion: '1.1',
      interceptors: [(next) => (req) => {
        req.header.set('Authorization', `Bearer ${token}`);
        return next(req);
      }],
    }),
  );
});
afterAll(async () => {
  await emulator.close();
});

async function aliceRoles(): Promise<unknown> {
  const code = await loginForCode(emulator.issuer, { client_id: WEB.clientId, redirect_uri: WEB.redirectUri, scope: 'openid', state: 's' }, { loginName: 'alice', password: 'Password1!' });
  const res = await postForm(`${emulator.issuer}/oauth/v2/token`, { grant_type: 'authorization_code', code, redirect_uri: WEB.redirectUri }, basicAuth(WEB.clientId, WEB.secret));
  return decodeJwt(((await res.json()) as TokenResponse).id_token ?? '')['urn:zitadel:iam:org:project:roles'];
}

it('creates, lists, updates and deletes an authorization', async () => {
  expect(await aliceRoles()).toBeUndefined();
  const created = await client.createAuthorization({ userId: UA.alice, projectId: UA.shop, organizationId: UA.acme, roleKeys: ['viewer'] });
  expect(created.id).toMatch(/^\d{18}$/);
  expect(await aliceRoles()).toEqual({ viewer: { [UA.acme]: 'acme.localhost' } });

  const listed = await client.listAuthorizations({ filters: [{ filter: { case: 'userId', value: { id: UA.alice } } }] });
  expect(listed.authorizations.map((a) => [a.id, a.projectName, a.organizationId, a.roles, a.user?.preferredLoginName])).toEqual([
    [created.id, 'Shop', UA.acme, ['viewer'], 'alice'],
  ]);

  await client.updateAuthorization({ id: created.id, roleKeys: ['admin'] });
  await client.updateAuthorization({ id: created.id, roleKeys: ['admin'] });
  expect(await aliceRoles()).toEqual({ admin: { [UA.acme]: 'acme.localhost' } });

  await client.deleteAuthorization({ id: created.id });
  await client.deleteAuthorization({ id: created.id });
  expect(emulator.store.data.userGrants).toEqual([]);
});
