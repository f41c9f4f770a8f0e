// CRUD round trips for every collection of the contract, with exact bodies, cascading deletes,
// and refused writes that name the field and leave the store file byte for byte unchanged.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoreDto } from '../../src/common/admin-api.js';
import type { StoreData } from '../../src/main/store/schema.js';
import { startAdminTestbed, type AdminTestbed } from './admin-client.js';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const NOW_SECONDS = NOW / 1000;

let bed: AdminTestbed;
let seed: StoreData;

async function storeData(): Promise<StoreData> {
  const res = await bed.api('GET', 'store');
  expect(res.status).toBe(200);
  return (res.body as StoreDto).data as unknown as StoreData;
}

async function fileBytes(): Promise<Buffer> {
  await bed.emulator.store.flush();
  return readFile(bed.storePath);
}

beforeAll(async () => {
  bed = await startAdminTestbed({ clock: { now: () => NOW } });
  seed = await storeData();
});
afterAll(() => bed.close());

describe('collections', () => {
  test('orgs, projects, apps, users and grants: create, read, replace', async () => {
    let revision = bed.emulator.store.revision;

    const org = await bed.api('POST', 'orgs', { id: 'org-beta', name: 'Beta', primaryDomain: 'beta.localhost' });
    expect(org).toMatchObject({ status: 201 });
    expect(org.body).toEqual({
      revision: ++revision,
      entity: { id: 'org-beta', name: 'Beta', primaryDomain: 'beta.localhost', state: 'active' },
    });

    const renamed = await bed.api('PUT', 'orgs/org-beta', { name: 'Beta Inc', primaryDomain: 'beta.localhost', state: 'inactive' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({
      revision: ++revision,
      entity: { id: 'org-beta', name: 'Beta Inc', primaryDomain: 'beta.localhost', state: 'inactive' },
    });
    expect((await bed.api('GET', 'orgs/org-beta')).body).toEqual({
      id: 'org-beta',
      name: 'Beta Inc',
      primaryDomain: 'beta.localhost',
      state: 'inactive',
    });

    const project = await bed.api('POST', 'projects', { id: 'p-blog', orgId: 'org-beta', name: 'Blog', roles: [{ key: 'writer' }] });
    expect(project.status).toBe(201);
    expect(project.body).toEqual({
      revision: ++revision,
      entity: {
        id: 'p-blog',
        orgId: 'org-beta',
        name: 'Blog',
        state: 'active',
        projectRoleAssertion: false,
        projectRoleCheck: false,
        hasProjectCheck: false,
        roles: [{ key: 'writer', displayName: '', group: '' }],
      },
    });
    const withRoles = await bed.api('PUT', 'projects/p-blog', {
      orgId: 'org-beta',
      name: 'Blog',
      projectRoleAssertion: true,
      roles: [{ key: 'writer', displayName: 'Writer' }, { key: 'reader' }],
    });
    expect(withRoles.body).toEqual({
      revision: ++revision,
      entity: {
        id: 'p-blog',
        orgId: 'org-beta',
        name: 'Blog',
        state: 'active',
        projectRoleAssertion: true,
        projectRoleCheck: false,
        hasProjectCheck: false,
        roles: [
          { key: 'writer', displayName: 'Writer', group: '' },
          { key: 'reader', displayName: '', group: '' },
        ],
      },
    });

    const app = await bed.api('POST', 'apps', {
      projectId: 'p-blog',
      name: 'blog-web',
      oidc: { redirectUris: ['http://localhost:4000/cb'] },
    });
    expect(app.status).toBe(201);
    const appEntity = (app.body as { entity: { id: string; clientId: string; clientSecret: string } }).entity;
    expect(app.body).toEqual({
      revision: ++revision,
      entity: {
        id: expect.stringMatching(/^\d{18}$/) as unknown,
        projectId: 'p-blog',
        name: 'blog-web',
        state: 'active',
        clientId: expect.stringMatching(/^\d{18}$/) as unknown,
        clientSecret: expect.stringMatching(/^[A-Za-z0-9]{64}$/) as unknown,
        oidc: {
          appType: 'web',
          authMethod: 'basic',
          redirectUris: ['http://localhost:4000/cb'],
          postLogoutRedirectUris: [],
          responseTypes: ['code'],
          grantTypes: ['authorization_code'],
          accessTokenType: 'bearer',
          accessTokenRoleAssertion: false,
          idTokenRoleAssertion: false,
          idTokenUserinfoAssertion: false,
          clockSkew: 0,
          devMode: false,
        },
        keys: [],
      },
    });
    expect(appEntity.id).not.toBe(appEntity.clientId);

    const pkce = await bed.api('POST', 'apps', {
      id: 'app-spa',
      clientId: 'spa-client',
      projectId: 'p-blog',
      name: 'blog-spa',
      oidc: { appType: 'userAgent', authMethod: 'none', redirectUris: ['http://localhost:5000/cb'] },
    });
    expect(pkce.status).toBe(201);
    expect((pkce.body as { entity: Record<string, unknown> }).entity).not.toHaveProperty('clientSecret');
    const api = await bed.api('POST', 'apps', { id: 'app-api', clientId: 'api-client', projectId: 'p-blog', name: 'blog-api', api: {} });
    expect((api.body as { entity: Record<string, unknown> }).entity).toEqual({
      id: 'app-api',
      projectId: 'p-blog',
      name: 'blog-api',
      state: 'active',
      clientId: 'api-client',
      clientSecret: expect.stringMatching(/^[A-Za-z0-9]{64}$/) as unknown,
      api: { authMethod: 'basic' },
      keys: [],
    });
    revision += 2;

    const user = await bed.api('POST', 'users', {
      id: 'u-carol',
      orgId: 'org-beta',
      userName: 'carol',
      human: { profile: { givenName: 'Carol' }, email: { email: 'carol@beta.localhost' }, password: 'Password1!' },
    });
    expect(user.status).toBe(201);
    expect(user.body).toEqual({
      revision: ++revision,
      entity: {
        id: 'u-carol',
        orgId: 'org-beta',
        userName: 'carol',
        state: 'active',
        human: {
          profile: { givenName: 'Carol', familyName: '', nickName: '', displayName: '', preferredLanguage: '', gender: 'unspecified' },
          email: { email: 'carol@beta.localhost', isVerified: false },
          phone: { phone: '', isVerified: false },
          password: 'Password1!',
        },
        metadata: {},
        updatedAt: NOW_SECONDS,
      },
    });

    const grant = await bed.api('POST', 'userGrants', { id: 'g-carol', userId: 'u-carol', projectId: 'p-blog', roleKeys: ['writer'] });
    expect(grant.body).toEqual({
      revision: ++revision,
      entity: { id: 'g-carol', userId: 'u-carol', projectId: 'p-blog', roleKeys: ['writer'], state: 'active' },
    });
    const regrant = await bed.api('PUT', 'userGrants/g-carol', { userId: 'u-carol', projectId: 'p-blog', roleKeys: ['writer', 'reader'] });
    expect(regrant.body).toEqual({
      revision: ++revision,
      entity: { id: 'g-carol', userId: 'u-carol', projectId: 'p-blog', roleKeys: ['writer', 'reader'], state: 'active' },
    });

    // Everything is in the store file too.
    await bed.emulator.store.flush();
    const file = JSON.parse(await readFile(bed.storePath, 'utf8')) as StoreData;
    expect(file.userGrants.at(-1)).toEqual({ id: 'g-carol', userId: 'u-carol', projectId: 'p-blog', roleKeys: ['writer', 'reader'], state: 'active' });
    expect(file.apps.find((a) => a.id === appEntity.id)?.clientSecret).toBe(appEntity.clientSecret);

    // Deleting the org takes its project, the project's apps and grants, and its users.
    const removed = await bed.api('DELETE', 'orgs/org-beta');
    expect(removed.body).toEqual({
      revision: ++revision,
      entity: { id: 'org-beta', name: 'Beta Inc', primaryDomain: 'beta.localhost', state: 'inactive' },
    });
    const after = await storeData();
    expect(after.orgs).toEqual(seed.orgs);
    expect(after.projects).toEqual(seed.projects);
    expect(after.apps).toEqual(seed.apps);
    expect(after.users).toEqual(seed.users);
    expect(after.userGrants).toEqual(seed.userGrants);
  });

  test('deleting a user removes its grants; deleting a project its apps and grants', async () => {
    const data = await storeData();
    const bob = data.users.find((u) => u.userName === 'bob');
    const shop = data.projects[0];
    expect((await bed.api('DELETE', `users/${bob?.id}`)).status).toBe(200);
    const afterUser = await storeData();
    expect(afterUser.users.map((u) => u.userName)).toEqual(['alice', 'ci-bot']);
    expect(afterUser.userGrants.some((g) => g.userId === bob?.id)).toBe(false);
    expect(afterUser.userGrants).toHaveLength(2);

    expect((await bed.api('DELETE', `projects/${shop?.id}`)).status).toBe(200);
    const afterProject = await storeData();
    expect(afterProject.projects).toEqual([]);
    expect(afterProject.apps).toEqual([]);
    expect(afterProject.userGrants).toEqual([]);
  });

  test('PUT instance replaces the settings', async () => {
    const instance = seed.instance;
    const res = await bed.api('PUT', 'instance', {
      name: 'Dev',
      defaultOrgId: instance.defaultOrgId,
      oidcSettings: { accessTokenLifetime: 600 },
      login: { userPicker: false },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      revision: bed.emulator.store.revision,
      entity: {
        id: instance.id,
        name: 'Dev',
        defaultOrgId: instance.defaultOrgId,
        oidcSettings: { accessTokenLifetime: 600, idTokenLifetime: 43200, refreshTokenIdleExpiration: 2592000, refreshTokenExpiration: 7776000 },
        domainPolicy: { userLoginMustBeDomain: false },
        securityPolicy: { enableImpersonation: false },
        login: { userPicker: false },
      },
    });
    expect((await bed.api('GET', 'instance')).body).toEqual((res.body as { entity: unknown }).entity);
  });

  test('unknown ids → 404', async () => {
    expect(await bed.api('PUT', 'orgs/nope', { name: 'x', primaryDomain: 'x.localhost' })).toMatchObject({
      status: 404,
      body: { error: 'not_found', message: 'no orgs entry has id "nope"' },
    });
    expect(await bed.api('DELETE', 'users/nope')).toMatchObject({ status: 404, body: { error: 'not_found', message: 'no users entry has id "nope"' } });
  });
});
