// Hand-written store contents for tests: a small valid store with fixed ids (no signing keys,
// so nothing slow is generated before validation), and the minimal seed a user could write.
import { generateKeyPairSync } from 'node:crypto';
import type { StoreInput } from '../../src/main/store/schema.js';

export const IDS = {
  instance: '100000000000000001',
  org: '100000000000000002',
  otherOrg: '100000000000000003',
  project: '100000000000000010',
  webApp: '100000000000000020',
  apiApp: '100000000000000021',
  webClientId: '100000000000000030',
  apiClientId: '100000000000000031',
  alice: '100000000000000040',
  bob: '100000000000000041',
  aliceGrant: '100000000000000050',
} as const;

/** A valid store in the v1 format; every call returns a fresh copy to mutate. */
export function buildValidStore(): StoreInput {
  return {
    version: 1,
    instance: { id: IDS.instance, name: 'Local', defaultOrgId: IDS.org },
    orgs: [
      { id: IDS.org, name: 'Acme', primaryDomain: 'acme.localhost' },
      { id: IDS.otherOrg, name: 'Globex', primaryDomain: 'globex.localhost' },
    ],
    projects: [
      {
        id: IDS.project,
        orgId: IDS.org,
        name: 'Shop',
        roles: [
          { key: 'admin', displayName: 'Admin', group: '' },
          { key: 'viewer', displayName: 'Viewer', group: '' },
        ],
      },
    ],
    apps: [
      {
        id: IDS.webApp,
        projectId: IDS.project,
        name: 'web',
        clientId: IDS.webClientId,
        clientSecret: 'web-secret',
        oidc: { appType: 'web', authMethod: 'basic', redirectUris: ['http://localhost:3000/callback'] },
        keys: [],
      },
      {
        id: IDS.apiApp,
        projectId: IDS.project,
        name: 'api',
        clientId: IDS.apiClientId,
        clientSecret: 'api-secret',
        api: { authMethod: 'basic' },
        keys: [],
      },
    ],
    users: [
      { id: IDS.alice, orgId: IDS.org, userName: 'alice', human: { password: 'Password1!' } },
      { id: IDS.bob, orgId: IDS.org, userName: 'bob', human: { password: 'Password1!' } },
    ],
    userGrants: [{ id: IDS.aliceGrant, userId: IDS.alice, projectId: IDS.project, roleKeys: ['admin', 'viewer'] }],
    signingKeys: [],
  };
}

/** Only the fields the format requires. */
export const MINIMAL_SEED_TEXT = `{
  "version": 1,
  "instance": { "id": "${IDS.instance}", "defaultOrgId": "${IDS.org}" },
  "orgs": [{ "id": "${IDS.org}", "name": "Acme", "primaryDomain": "acme.localhost" }]
}
`;

/** The store as a user would write it to a file. */
export function toStoreText(store: unknown): string {
  return `${JSON.stringify(store, null, 2)}\n`;
}

let rsaKey: { publicKey: string; privateKey: string } | undefined;

/** One RSA-2048 pair in the store's PEM formats (SPKI, PKCS#1), generated once per test file. */
export function testRsaPem(): { publicKey: string; privateKey: string } {
  rsaKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return rsaKey;
}
