// zitadel.authorization.v2.AuthorizationService (reference §7), served from descriptors derived
// from the published v2beta ones: Connect JSON with plain fetch (v2's nested authorization shape,
// idempotent update and delete) and binary gRPC over h2c with the derived descriptor.
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { AuthorizationServiceV2 } from '../../src/main/zitadel-api/authorization/authorization-v2-descriptor.js';
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

async function call(method: string, body: unknown, bearer = token): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emulator.issuer}/zitadel.authorization.v2.AuthorizationService/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', 'Connect-Protocol-Version': '1' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

describe('Connect JSON', () => {
  it('creates, lists in v2 shape, updates (identical again ⇒ 200) and deletes (again ⇒ 200)', async () => {
    const created = await call('CreateAuthorization', { userId: UA.alice, projectId: UA.shop, organizationId: UA.acme, roleKeys: ['viewer'] });
    expect(created).toEqual({ status: 200, body: { id: expect.stringMatching(/^\d{18}$/), creationDate: ISO } });
    const id = created.body.id as string;

    const listed = await call('ListAuthorizations', { filters: [{ userId: { id: UA.alice } }] });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      pagination: { totalResult: '1', appliedLimit: '100' },
      authorizations: [
        {
          id,
          creationDate: ISO,
          changeDate: ISO,
          project: { id: UA.shop, name: 'Shop', organizationId: UA.acme },
          organization: { id: UA.acme, name: 'Acme' },
          user: { id: UA.alice, preferredLoginName: 'alice', displayName: 'Alice Smith', organizationId: UA.acme },
          state: 'STATE_ACTIVE',
          roles: [{ key: 'viewer', displayName: 'Viewer' }],
        },
      ],
    });

    for (let i = 0; i < 2; i++) expect(await call('UpdateAuthorization', { id, roleKeys: ['admin'] })).toEqual({ status: 200, body: { changeDate: ISO } });
    expect(emulator.store.data.userGrants.map((g) => g.roleKeys)).toEqual([['admin']]);

    for (let i = 0; i < 2; i++) expect(await call('DeleteAuthorization', { id })).toEqual({ status: 200, body: { deletionDate: ISO } });
    expect(emulator.store.data.userGrants).toEqual([]);
  });

  it('checks permissions like v2beta: a viewer may not create (403)', async () => {
    const viewer = await serviceUserToken(emulator.issuer, 'viewer-bot');
    const res = await call('CreateAuthorization', { userId: UA.alice, projectId: UA.shop, organizationId: UA.acme, roleKeys: ['viewer'] }, viewer);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'permission_denied', message: 'No matching permissions found (AUTH-AWfge)' });
  });

  it('validates like ZITADEL: organizationId is required (400 invalid_argument)', async () => {
    const res = await call('CreateAuthorization', { userId: UA.alice, projectId: UA.shop, roleKeys: ['viewer'] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'invalid_argument',
      message: 'invalid CreateAuthorizationRequest.OrganizationId: value length must be between 1 and 200 runes, inclusive',
    });
  });

  it('methods the emulator does not implement answer unimplemented (501)', async () => {
    const res = await call('ActivateAuthorization', { id: '1' });
    expect(res.status).toBe(501);
    expect(res.body).toMatchObject({ code: 'unimplemented' });
  });
});

describe('gRPC (binary, HTTP/2 cleartext)', () => {
  it('round-trips the v2 messages by their field numbers', async () => {
    // The derived descriptor is untyped (DescService), so the generated client's methods are optional.
    const client = createClient(AuthorizationServiceV2, createGrpcTransport({ baseUrl: emulator.issuer })) as unknown as Record<
      'createAuthorization' | 'listAuthorizations' | 'activateAuthorization',
      (request: object, options: { headers: Record<string, string> }) => Promise<unknown>
    >;
    const headers = { Authorization: `Bearer ${token}` };
    const created = (await client.createAuthorization({ userId: UA.alice, projectId: UA.shop, organizationId: UA.acme, roleKeys: ['admin'] }, { headers })) as { id: string };
    const listed = (await client.listAuthorizations({}, { headers })) as { authorizations: { id: string; project?: { name: string }; organization?: { name: string }; roles: { key: string; displayName: string }[] }[] };
    expect(listed.authorizations.map((a) => [a.id, a.project?.name, a.organization?.name, a.roles.map((r) => [r.key, r.displayName])])).toEqual([
      [created.id, 'Shop', 'Acme', [['admin', 'Admin']]],
    ]);
    const err = await client.activateAuthorization({ id: created.id }, { headers }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as ConnectError).code).toBe(Code.Unimplemented);
  });
});
