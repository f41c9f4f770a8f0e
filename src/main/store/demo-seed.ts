// The data a missing store file starts with (DESIGN §4): enough to log in, call an API and run
// a service user on the first launch without editing anything.
import { takeRsaKey } from '../oidc/keys/key-pool.js';
import { generateSecret, type IdGenerator } from './ids.js';
import { STORE_VERSION, type StoreInput } from './schema.js';

export interface SeedOptions {
  newId: IdGenerator;
  now: Date;
}

export async function buildDemoSeed({ newId, now }: SeedOptions): Promise<StoreInput> {
  const [signingKey, botKey] = await Promise.all([takeRsaKey(), takeRsaKey()]);
  const orgId = newId();
  const projectId = newId();
  const [alice, bob, bot] = [newId(), newId(), newId()];
  const updatedAt = Math.floor(now.getTime() / 1000);
  const oidcDefaults = {
    accessTokenType: 'bearer' as const,
    accessTokenRoleAssertion: false,
    idTokenRoleAssertion: false,
    idTokenUserinfoAssertion: false,
    clockSkew: 0,
    devMode: false,
    postLogoutRedirectUris: [],
  };

  return {
    version: STORE_VERSION,
    instance: {
      id: newId(),
      name: 'Local',
      defaultOrgId: orgId,
      oidcSettings: {
        accessTokenLifetime: 43200,
        idTokenLifetime: 43200,
        refreshTokenIdleExpiration: 2592000,
        refreshTokenExpiration: 7776000,
      },
      domainPolicy: { userLoginMustBeDomain: false },
      securityPolicy: { enableImpersonation: false },
      login: { userPicker: true },
    },
    orgs: [{ id: orgId, name: 'Acme', primaryDomain: 'acme.localhost', state: 'active' }],
    projects: [
      {
        id: projectId,
        orgId,
        name: 'Shop',
        state: 'active',
        projectRoleAssertion: true,
        projectRoleCheck: false,
        hasProjectCheck: false,
        roles: [
          { key: 'admin', displayName: 'Administrator', group: '' },
          { key: 'editor', displayName: 'Editor', group: '' },
          { key: 'viewer', displayName: 'Viewer', group: '' },
        ],
      },
    ],
    apps: [
      {
        id: newId(),
        projectId,
        name: 'web',
        state: 'active',
        clientId: newId(),
        clientSecret: generateSecret(),
        oidc: {
          ...oidcDefaults,
          appType: 'web',
          authMethod: 'basic',
          redirectUris: ['http://localhost:3000/callback', 'http://localhost:3000/api/auth/callback/zitadel'],
          postLogoutRedirectUris: ['http://localhost:3000/'],
          responseTypes: ['code'],
          grantTypes: ['authorization_code', 'refresh_token'],
          idTokenRoleAssertion: true,
          idTokenUserinfoAssertion: true,
        },
        keys: [],
      },
      {
        id: newId(),
        projectId,
        name: 'spa',
        state: 'active',
        clientId: newId(),
        oidc: {
          ...oidcDefaults,
          appType: 'userAgent',
          authMethod: 'none',
          redirectUris: ['http://localhost:5173/callback'],
          postLogoutRedirectUris: ['http://localhost:5173/'],
          responseTypes: ['code'],
          grantTypes: ['authorization_code', 'refresh_token'],
          devMode: true,
        },
        keys: [],
      },
      {
        id: newId(),
        projectId,
        name: 'cli',
        state: 'active',
        clientId: newId(),
        oidc: {
          ...oidcDefaults,
          appType: 'native',
          authMethod: 'none',
          redirectUris: ['http://127.0.0.1/callback'],
          responseTypes: ['code'],
          grantTypes: ['authorization_code', 'device_code', 'refresh_token'],
        },
        keys: [],
      },
      {
        id: newId(),
        projectId,
        name: 'api',
        state: 'active',
        clientId: newId(),
        clientSecret: generateSecret(),
        api: { authMethod: 'basic' },
        keys: [],
      },
    ],
    users: [
      {
        id: alice,
        orgId,
        userName: 'alice',
        state: 'active',
        human: {
          profile: {
            givenName: 'Alice',
            familyName: 'Smith',
            nickName: '',
            displayName: 'Alice Smith',
            preferredLanguage: 'en',
            gender: 'female',
          },
          email: { email: 'alice@acme.localhost', isVerified: true },
          phone: { phone: '+41790000001', isVerified: true },
          password: 'Password1!',
        },
        metadata: { department: 'sales' },
        updatedAt,
      },
      {
        id: bob,
        orgId,
        userName: 'bob',
        state: 'active',
        human: {
          profile: {
            givenName: 'Bob',
            familyName: 'Jones',
            nickName: 'bobby',
            displayName: 'Bob Jones',
            preferredLanguage: '',
            gender: 'male',
          },
          email: { email: 'bob@acme.localhost', isVerified: false },
          phone: { phone: '', isVerified: false },
          password: 'Password1!',
        },
        metadata: {},
        updatedAt,
      },
      {
        id: bot,
        orgId,
        userName: 'ci-bot',
        state: 'active',
        machine: {
          name: 'CI bot',
          description: 'Service user for pipelines',
          accessTokenType: 'bearer',
          clientSecret: generateSecret(),
          keys: [{ id: newId(), ...botKey, expirationDate: '9999-12-31T23:59:59Z' }],
          personalAccessTokens: [],
        },
        metadata: {},
        updatedAt,
      },
    ],
    userGrants: [
      { id: newId(), userId: alice, projectId, roleKeys: ['admin'], state: 'active' },
      { id: newId(), userId: bob, projectId, roleKeys: ['viewer'], state: 'active' },
      { id: newId(), userId: bot, projectId, roleKeys: ['editor'], state: 'active' },
    ],
    signingKeys: [{ id: newId(), ...signingKey, active: true, createdAt: now.toISOString() }],
  };
}
