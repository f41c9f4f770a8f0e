// Project grants through the admin API: a project shared with another org, a user grant made
// through it, the role claim naming the granted org, and deletes that take dependants along.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoreDto } from '../../src/common/admin-api.js';
import type { StoreData } from '../../src/main/store/schema.js';
import { startAdminTestbed, type AdminTestbed } from './admin-client.js';

let bed: AdminTestbed;

async function storeData(): Promise<StoreData> {
  return ((await bed.api('GET', 'store')).body as StoreDto).data as unknown as StoreData;
}

beforeAll(async () => {
  bed = await startAdminTestbed({});
});
afterAll(() => bed.close());

describe('project grants', () => {
  test('create, use in a user grant, refuse unshared roles, cascade on delete', async () => {
    const data = await storeData();
    const shop = data.projects[0];
    const bob = data.users.find((u) => u.userName === 'bob');
    if (!shop || !bob) throw new Error('demo seed changed');

    expect((await bed.api('POST', 'orgs', { id: 'org-partner', name: 'Partner', primaryDomain: 'partner.localhost' })).status).toBe(201);
    const grant = await bed.api('POST', 'projectGrants', { id: 'pg-1', projectId: shop.id, grantedOrgId: 'org-partner', roleKeys: ['viewer'] });
    expect(grant.status).toBe(201);
    expect((grant.body as { entity: unknown }).entity).toEqual({
      id: 'pg-1',
      projectId: shop.id,
      grantedOrgId: 'org-partner',
      roleKeys: ['viewer'],
      state: 'active',
    });

    const refused = await bed.api('POST', 'userGrants', { id: 'ug-x', userId: bob.id, projectId: shop.id, projectGrantId: 'pg-1', roleKeys: ['admin'] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: 'invalid_store',
      problems: [{ field: 'roleKeys[0]', message: 'project grant "pg-1" does not share role "admin"' }],
    });

    expect((await bed.api('POST', 'userGrants', { id: 'ug-1', userId: bob.id, projectId: shop.id, projectGrantId: 'pg-1', roleKeys: ['viewer'] })).status).toBe(201);

    // Deleting the granted org takes the project grant and the user grant made through it.
    expect((await bed.api('DELETE', 'orgs/org-partner')).status).toBe(200);
    const after = await storeData();
    expect(after.projectGrants).toEqual([]);
    expect(after.userGrants.find((g) => g.id === 'ug-1')).toBeUndefined();
  });
});
