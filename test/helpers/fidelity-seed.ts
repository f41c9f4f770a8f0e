// The fixed store of the ZITADEL-fidelity tests (test/fidelity): two orgs with primary domains,
// project Shop owned by org A (roles admin/viewer, projectRoleAssertion on) and granted to org B
// with [viewer], a second project Billing, apps of Shop with each assertion flag on and off, an
// API app per project for introspection, alice (admin from org A, viewer through the project
// grant to org B, a metadata entry), bob (unverified email, no language) and a service user.
// Every id is fixed, and so is the clock, so expected tokens can be written by hand.
import type { StoreInput } from '../../src/main/store/schema.js';

/** 2026-01-01T00:00:00Z: the emulator's clock never moves in these tests. */
export const NOW_MS = 1_767_225_600_000;
export const NOW = NOW_MS / 1000;
/** Default access-token and ID-token lifetime (reference §8: 12 h). */
export const LIFETIME = 43_200;
export const UPDATED_AT = 1_735_600_000;
export const REDIRECT_URI = 'http://localhost:3000/callback';

export const FIDS = {
  instance: '400000000000000001',
  orgA: '400000000000000002',
  orgB: '400000000000000003',
  shop: '400000000000000010',
  billing: '400000000000000011',
  shopGrantToB: '400000000000000015',
  fullApp: '400000000000000020',
  plainApp: '400000000000000021',
  opaqueApp: '400000000000000022',
  shopApiApp: '400000000000000023',
  billingApiApp: '400000000000000024',
  alice: '400000000000000040',
  bob: '400000000000000041',
  bot: '400000000000000042',
  grantAliceAdmin: '400000000000000050',
  grantAliceViewerB: '400000000000000051',
  grantAliceBilling: '400000000000000052',
  grantBobViewer: '400000000000000053',
  grantBotShop: '400000000000000054',
  grantBotBilling: '400000000000000055',
} as const;

export interface FidelityApp {
  clientId: string;
  secret: string;
}

/** Shop apps. `full`: every flag on, JWT AT. `plain`: every flag off, JWT AT. `opaque`: userinfo assertion only, bearer AT. */
export const FAPPS = {
  full: { clientId: '400000000000000030', secret: 'full-secret' },
  plain: { clientId: '400000000000000031', secret: 'plain-secret' },
  opaque: { clientId: '400000000000000032', secret: 'opaque-secret' },
  shopApi: { clientId: '400000000000000033', secret: 'shop-api-secret' },
  billingApi: { clientId: '400000000000000034', secret: 'billing-api-secret' },
} as const satisfies Record<string, FidelityApp>;

export const BOT = { loginName: 'bot', secret: 'bot-secret' } as const;
export const METADATA = { key: 'department', value: 'R&D >> ops?' } as const;

const webApp = (
  id: string,
  name: string,
  app: FidelityApp,
  flags: { idTokenUserinfoAssertion: boolean; idTokenRoleAssertion: boolean; accessTokenRoleAssertion: boolean; accessTokenType: 'jwt' | 'bearer' },
) => ({
  id,
  projectId: FIDS.shop,
  name,
  clientId: app.clientId,
  clientSecret: app.secret,
  oidc: {
    appType: 'web' as const,
    authMethod: 'basic' as const,
    redirectUris: [REDIRECT_URI],
    responseTypes: ['code' as const],
    grantTypes: ['authorization_code' as const, 'refresh_token' as const, 'device_code' as const, 'token_exchange' as const],
    ...flags,
  },
  keys: [],
});

/** A fresh copy of the fidelity store. */
export function buildFidelitySeed(options: { userLoginMustBeDomain?: boolean } = {}): StoreInput {
  return {
    version: 1,
    instance: {
      id: FIDS.instance,
      name: 'Local',
      defaultOrgId: FIDS.orgA,
      domainPolicy: { userLoginMustBeDomain: options.userLoginMustBeDomain ?? false },
      login: { userPicker: true },
    },
    orgs: [
      { id: FIDS.orgA, name: 'Org A', primaryDomain: 'a.localhost' },
      { id: FIDS.orgB, name: 'Org B', primaryDomain: 'b.localhost' },
    ],
    projects: [
      {
        id: FIDS.shop,
        orgId: FIDS.orgA,
        name: 'Shop',
        projectRoleAssertion: true,
        roles: [{ key: 'admin' }, { key: 'viewer' }],
      },
      // No role assertion; shares the key "viewer" with Shop on purpose (see the aud-scope scenario).
      { id: FIDS.billing, orgId: FIDS.orgA, name: 'Billing', roles: [{ key: 'viewer' }, { key: 'editor' }] },
    ],
    projectGrants: [{ id: FIDS.shopGrantToB, projectId: FIDS.shop, grantedOrgId: FIDS.orgB, roleKeys: ['viewer'] }],
    apps: [
      webApp(FIDS.fullApp, 'full', FAPPS.full, {
        idTokenUserinfoAssertion: true,
        idTokenRoleAssertion: true,
        accessTokenRoleAssertion: true,
        accessTokenType: 'jwt',
      }),
      webApp(FIDS.plainApp, 'plain', FAPPS.plain, {
        idTokenUserinfoAssertion: false,
        idTokenRoleAssertion: false,
        accessTokenRoleAssertion: false,
        accessTokenType: 'jwt',
      }),
      webApp(FIDS.opaqueApp, 'opaque', FAPPS.opaque, {
        idTokenUserinfoAssertion: true,
        idTokenRoleAssertion: false,
        accessTokenRoleAssertion: true,
        accessTokenType: 'bearer',
      }),
      {
        id: FIDS.shopApiApp,
        projectId: FIDS.shop,
        name: 'shop-api',
        clientId: FAPPS.shopApi.clientId,
        clientSecret: FAPPS.shopApi.secret,
        api: { authMethod: 'basic' },
        keys: [],
      },
      {
        id: FIDS.billingApiApp,
        projectId: FIDS.billing,
        name: 'billing-api',
        clientId: FAPPS.billingApi.clientId,
        clientSecret: FAPPS.billingApi.secret,
        api: { authMethod: 'basic' },
        keys: [],
      },
    ],
    users: [
      {
        id: FIDS.alice,
        orgId: FIDS.orgA,
        userName: 'alice',
        human: {
          profile: {
            givenName: 'Alice',
            familyName: 'Smith',
            nickName: 'ali',
            displayName: 'Alice Smith',
            preferredLanguage: 'en',
            gender: 'female',
          },
          email: { email: 'alice@a.localhost', isVerified: true },
          password: 'Password1!',
        },
        metadata: { [METADATA.key]: METADATA.value },
        updatedAt: UPDATED_AT,
      },
      {
        id: FIDS.bob,
        orgId: FIDS.orgA,
        userName: 'bob',
        human: {
          profile: { givenName: 'Bob', familyName: 'Jones', gender: 'diverse' },
          email: { email: 'bob@a.localhost', isVerified: false },
          phone: { phone: '+41790000000', isVerified: true },
          password: 'Password1!',
        },
        updatedAt: UPDATED_AT,
      },
      {
        id: FIDS.bot,
        orgId: FIDS.orgA,
        userName: BOT.loginName,
        machine: { name: 'Build Bot', accessTokenType: 'jwt', clientSecret: BOT.secret },
        updatedAt: UPDATED_AT,
      },
    ],
    userGrants: [
      { id: FIDS.grantAliceAdmin, userId: FIDS.alice, projectId: FIDS.shop, roleKeys: ['admin'] },
      { id: FIDS.grantAliceViewerB, userId: FIDS.alice, projectId: FIDS.shop, projectGrantId: FIDS.shopGrantToB, roleKeys: ['viewer'] },
      { id: FIDS.grantAliceBilling, userId: FIDS.alice, projectId: FIDS.billing, roleKeys: ['viewer', 'editor'] },
      { id: FIDS.grantBobViewer, userId: FIDS.bob, projectId: FIDS.shop, roleKeys: ['viewer'] },
      { id: FIDS.grantBotShop, userId: FIDS.bot, projectId: FIDS.shop, roleKeys: ['viewer'] },
      { id: FIDS.grantBotBilling, userId: FIDS.bot, projectId: FIDS.billing, roleKeys: ['editor'] },
    ],
    signingKeys: [],
  };
}
