// filterRequestedScopes and the scope readers (reference §2).
import { describe, expect, it } from 'vitest';
import {
  addRoleAssertionScopes,
  filterRequestedScopes,
  hasRoleScope,
  readAudienceProjectIds,
  readOrgIdScope,
  readPrimaryDomainScope,
  readRequestedRoleKeys,
  readRoleOrgFilter,
  removeForeignOrgScopes,
} from '../../../src/main/oidc/claims/scopes.js';
import { IDS, loadClaimsSeed } from '../../fixtures/claims-seed.js';

const { data, index } = loadClaimsSeed();
const shop = index.projectsById.get(IDS.shop);
const partner = index.projectsById.get(IDS.partner);

describe('filterRequestedScopes', () => {
  it('keeps every standard scope', () => {
    const standard = ['openid', 'profile', 'email', 'phone', 'address', 'offline_access'];
    expect(filterRequestedScopes(standard, shop)).toEqual(standard);
  });

  it('keeps every reserved scope of reference §2', () => {
    const reserved = [
      `urn:zitadel:iam:org:id:${IDS.orgA}`,
      'urn:zitadel:iam:org:domain:primary:a.localhost',
      `urn:zitadel:iam:org:project:id:${IDS.partner}:aud`,
      'urn:zitadel:iam:org:project:id:zitadel:aud',
      'urn:zitadel:iam:org:projects:roles',
      `urn:zitadel:iam:org:roles:id:${IDS.orgB}`,
      'urn:zitadel:iam:user:metadata',
      'urn:zitadel:iam:user:resourceowner',
      'urn:zitadel:iam:org:idp:id:300000000000000001',
      // ZITADEL's user-group scopes (issue #13).
      'groups',
      'urn:zitadel:iam:user:groups',
    ];
    expect(filterRequestedScopes(reserved, shop)).toEqual(reserved);
  });

  it('keeps role scopes of the project only, drops unknown scopes, keeps order without duplicates', () => {
    const requested = [
      'email',
      'urn:zitadel:iam:org:project:role:viewer',
      'teams',
      'openid',
      'urn:zitadel:iam:org:project:role:member',
      'email',
      'urn:zitadel:iam:org:project:role:admin',
      'urn:zitadel:iam:org:project:roles',
      'urn:zitadel:iam:org:project:id::aud',
      'urn:zitadel:iam:org:id:',
      'urn:zitadel:iam:user:metadata:extra',
      'OPENID',
      'urn:zitadel:iam:org:project:role:viewer',
    ];
    expect(filterRequestedScopes(requested, shop)).toEqual([
      'email',
      'urn:zitadel:iam:org:project:role:viewer',
      'openid',
      'urn:zitadel:iam:org:project:role:admin',
    ]);
    expect(filterRequestedScopes(requested, partner)).toEqual([
      'email',
      'openid',
      'urn:zitadel:iam:org:project:role:member',
    ]);
  });

  it('keeps any role key for service users (no project)', () => {
    expect(
      filterRequestedScopes(['openid', 'urn:zitadel:iam:org:project:role:anything', 'urn:zitadel:iam:org:project:role:'], undefined),
    ).toEqual(['openid', 'urn:zitadel:iam:org:project:role:anything']);
  });
});

describe('addRoleAssertionScopes', () => {
  it('appends one role scope per project role when projectRoleAssertion is on and none was asked', () => {
    expect(addRoleAssertionScopes(['openid', 'profile'], shop)).toEqual([
      'openid',
      'profile',
      'urn:zitadel:iam:org:project:role:admin',
      'urn:zitadel:iam:org:project:role:viewer',
    ]);
  });

  it('adds nothing when a role scope was asked or the project does not assert roles', () => {
    const asked = ['openid', 'urn:zitadel:iam:org:project:role:viewer'];
    expect(addRoleAssertionScopes(asked, shop)).toEqual(asked);
    expect(addRoleAssertionScopes(['openid'], partner)).toEqual(['openid']);
    expect(addRoleAssertionScopes(['openid'], undefined)).toEqual(['openid']);
  });
});

describe('scope readers', () => {
  const scopes = [
    'openid',
    'urn:zitadel:iam:org:project:role:admin',
    `urn:zitadel:iam:org:project:id:${IDS.partner}:aud`,
    'urn:zitadel:iam:org:project:id:zitadel:aud',
    `urn:zitadel:iam:org:roles:id:${IDS.orgA}`,
    `urn:zitadel:iam:org:roles:id:${IDS.orgB}`,
    `urn:zitadel:iam:org:id:${IDS.orgB}`,
    'urn:zitadel:iam:org:domain:primary:b.localhost',
    'urn:zitadel:iam:org:project:role:viewer',
  ];

  it('reads requested role keys, aud projects (zitadel mapped), org filters and org scopes', () => {
    expect(readRequestedRoleKeys(scopes)).toEqual(['admin', 'viewer']);
    expect(readAudienceProjectIds(scopes, data.instance.id)).toEqual([IDS.partner, IDS.instance]);
    expect(readRoleOrgFilter(scopes)).toEqual([IDS.orgA, IDS.orgB]);
    expect(readOrgIdScope(scopes)).toBe(IDS.orgB);
    expect(readPrimaryDomainScope(scopes)).toBe('b.localhost');
    expect(hasRoleScope(scopes)).toBe(true);
    expect(hasRoleScope(['openid', 'urn:zitadel:iam:org:projects:roles'])).toBe(true);
    expect(hasRoleScope(['openid'])).toBe(false);
    expect(readOrgIdScope(['openid'])).toBeUndefined();
  });

  it('removes org scopes naming another org (service-user grants)', () => {
    const orgA = index.orgsById.get(IDS.orgA);
    expect(removeForeignOrgScopes(scopes, orgA)).toEqual(
      scopes.filter((s) => !s.startsWith('urn:zitadel:iam:org:id:') && !s.startsWith('urn:zitadel:iam:org:domain:')),
    );
    expect(removeForeignOrgScopes([`urn:zitadel:iam:org:id:${IDS.orgA}`, 'urn:zitadel:iam:org:domain:primary:A.localhost'], orgA)).toEqual([
      `urn:zitadel:iam:org:id:${IDS.orgA}`,
      'urn:zitadel:iam:org:domain:primary:A.localhost',
    ]);
  });
});
