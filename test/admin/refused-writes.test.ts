// Refused writes: the store's own validation answers 400 with the field inside the entity and
// the full store path, and the store file keeps every byte; a stale If-Match answers 409.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { StoreDto } from '../../src/common/admin-api.js';
import type { StoreData } from '../../src/main/store/schema.js';
import { startAdminTestbed, type AdminTestbed } from './admin-client.js';

let bed: AdminTestbed;
let data: StoreData;
let bytes: Buffer;

async function fileBytes(): Promise<Buffer> {
  await bed.emulator.store.flush();
  return readFile(bed.storePath);
}

beforeAll(async () => {
  bed = await startAdminTestbed();
});
afterAll(() => bed.close());
beforeEach(async () => {
  data = ((await bed.api('GET', 'store')).body as StoreDto).data as unknown as StoreData;
  bytes = await fileBytes();
});

async function expectUnchanged(revision: number): Promise<void> {
  expect(bed.emulator.store.revision).toBe(revision);
  expect((await fileBytes()).equals(bytes)).toBe(true);
}

describe('refused writes', () => {
  test('duplicate user name (new user)', async () => {
    const revision = bed.emulator.store.revision;
    const res = await bed.api('POST', 'users', { orgId: data.orgs[0]?.id, userName: 'Alice', human: {} });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_store',
      message: 'users[3].userName: user name "Alice" is already used in this instance by users[0]',
      problems: [
        { field: 'userName', where: 'users[3].userName', message: 'user name "Alice" is already used in this instance by users[0]' },
      ],
    });
    await expectUnchanged(revision);
  });

  test('duplicate user name (renaming an earlier user) is reported on the user written', async () => {
    const revision = bed.emulator.store.revision;
    const bob = data.users[1];
    const ciBot = data.users[2];
    const res = await bed.api('PUT', `users/${ciBot?.id}`, { ...ciBot, userName: 'bob' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_store',
      message: 'users[2].userName: user name "bob" is already used in this instance by users[1]',
      problems: [{ field: 'userName', where: 'users[2].userName', message: 'user name "bob" is already used in this instance by users[1]' }],
    });
    const alice = data.users[0];
    const res2 = await bed.api('PUT', `users/${alice?.id}`, { ...alice, userName: bob?.userName });
    expect(res2.body).toEqual({
      error: 'invalid_store',
      message: 'users[0].userName: user name "bob" is already used in this instance by users[1]',
      problems: [{ field: 'userName', where: 'users[0].userName', message: 'user name "bob" is already used in this instance by users[1]' }],
    });
    await expectUnchanged(revision);
  });

  test('malformed redirect URI', async () => {
    const revision = bed.emulator.store.revision;
    const web = data.apps[0];
    const res = await bed.api('PUT', `apps/${web?.id}`, { ...web, oidc: { ...web?.oidc, redirectUris: ['not a url'] } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_store',
      message: 'apps[0].oidc.redirectUris[0]: must be an absolute URL (dev-mode apps may use * and ** globs)',
      problems: [
        {
          field: 'oidc.redirectUris[0]',
          where: 'apps[0].oidc.redirectUris[0]',
          message: 'must be an absolute URL (dev-mode apps may use * and ** globs)',
        },
      ],
    });
    await expectUnchanged(revision);
  });

  test('empty role key', async () => {
    const revision = bed.emulator.store.revision;
    const shop = data.projects[0];
    const res = await bed.api('PUT', `projects/${shop?.id}`, { ...shop, roles: [...(shop?.roles ?? []), { key: '  ' }] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_store',
      message: 'projects[0].roles[3].key: role key must not be empty',
      problems: [{ field: 'roles[3].key', where: 'projects[0].roles[3].key', message: 'role key must not be empty' }],
    });
    await expectUnchanged(revision);
  });

  test('a grant naming a role the project does not have', async () => {
    const revision = bed.emulator.store.revision;
    const res = await bed.api('POST', 'userGrants', { userId: data.users[1]?.id, projectId: data.projects[0]?.id, roleKeys: ['viewer', 'owner'] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_store',
      message: 'userGrants[3].roleKeys[1]: project "Shop" has no role "owner"',
      problems: [{ field: 'roleKeys[1]', where: 'userGrants[3].roleKeys[1]', message: 'project "Shop" has no role "owner"' }],
    });
    await expectUnchanged(revision);
  });

  test('an app with both oidc and api is a whole-entity problem', async () => {
    const revision = bed.emulator.store.revision;
    const res = await bed.api('POST', 'apps', { projectId: data.projects[0]?.id, name: 'both', oidc: {}, api: {} });
    expect(res.body).toMatchObject({
      error: 'invalid_store',
      problems: [{ field: '', where: 'apps[4]', message: 'an app has exactly one of "oidc" or "api"' }],
    });
    await expectUnchanged(revision);
  });

  test('deleting the default org is refused with the reason', async () => {
    const revision = bed.emulator.store.revision;
    const res = await bed.api('DELETE', `orgs/${data.orgs[0]?.id}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_store',
      message: `instance.defaultOrgId: no org has id "${data.orgs[0]?.id}"`,
      problems: [{ field: '', where: 'instance.defaultOrgId', message: `no org has id "${data.orgs[0]?.id}"` }],
    });
    await expectUnchanged(revision);
  });

  test('a body id that differs from the path → 400', async () => {
    const org = data.orgs[0];
    const res = await bed.api('PUT', `orgs/${org?.id}`, { ...org, id: 'other' });
    expect(res).toMatchObject({
      status: 400,
      body: { error: 'bad_request', message: `the body's id "other" does not match the path's id "${org?.id}"` },
    });
  });
});

describe('If-Match', () => {
  test('a current revision is accepted, a stale one → 409 and nothing changes', async () => {
    const org = data.orgs[0];
    const revision = bed.emulator.store.revision;
    const ok = await bed.api('PUT', `orgs/${org?.id}`, { ...org, name: 'Acme 2' }, { 'If-Match': `"${revision}"` });
    expect(ok.status).toBe(200);
    bytes = await fileBytes();
    const stale = await bed.api('PUT', `orgs/${org?.id}`, { ...org, name: 'Acme 3' }, { 'If-Match': String(revision) });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      error: 'conflict',
      message: `the store changed since revision ${revision}; it is now at revision ${revision + 1}`,
      revision: revision + 1,
    });
    await expectUnchanged(revision + 1);
    expect(bed.emulator.store.data.orgs[0]?.name).toBe('Acme 2');
  });
});
