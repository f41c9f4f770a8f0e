// Session and service-user audiences (reference §2 "Audience of a user session", §4.4).
import { describe, expect, it } from 'vitest';
import { addClientIdToAudience, serviceUserAudience, sessionAudience } from '../../../src/main/oidc/claims/audience.js';
import { IDS, loadClaimsSeed } from '../../fixtures/claims-seed.js';

const { data, index } = loadClaimsSeed();
const web = index.appsById.get(IDS.webApp);
const billing = index.appsById.get(IDS.billingApp);
if (!web || !billing) throw new Error('seed is missing apps');

describe('sessionAudience', () => {
  it('is every client id of the project (API apps included) and then the project id', () => {
    expect(sessionAudience({ index, app: web, scopes: ['openid'], zitadelProjectId: data.instance.id })).toEqual([
      IDS.webClient,
      IDS.spaClient,
      IDS.apiClient,
      IDS.shop,
    ]);
    expect(sessionAudience({ index, app: billing, scopes: [], zitadelProjectId: data.instance.id })).toEqual([
      IDS.billingClient,
      IDS.billing,
    ]);
  });

  it('adds aud-scope projects (zitadel → instance project) without duplicates', () => {
    const scopes = [
      'openid',
      `urn:zitadel:iam:org:project:id:${IDS.partner}:aud`,
      'urn:zitadel:iam:org:project:id:zitadel:aud',
      `urn:zitadel:iam:org:project:id:${IDS.shop}:aud`,
      `urn:zitadel:iam:org:project:id:${IDS.partner}:aud`,
    ];
    expect(sessionAudience({ index, app: web, scopes, zitadelProjectId: data.instance.id })).toEqual([
      IDS.webClient,
      IDS.spaClient,
      IDS.apiClient,
      IDS.shop,
      IDS.partner,
      IDS.instance,
    ]);
  });
});

describe('serviceUserAudience', () => {
  it('is only the aud-scope projects; the ID token adds the client id last', () => {
    const scopes = ['openid', 'urn:zitadel:iam:org:project:id:zitadel:aud', `urn:zitadel:iam:org:project:id:${IDS.shop}:aud`];
    expect(serviceUserAudience({ scopes, clientId: 'ci-bot', zitadelProjectId: data.instance.id })).toEqual({
      accessToken: [IDS.instance, IDS.shop],
      idToken: [IDS.instance, IDS.shop, 'ci-bot'],
    });
  });

  it('is empty for the access token without aud scopes', () => {
    expect(serviceUserAudience({ scopes: ['openid'], clientId: 'ci-bot', zitadelProjectId: data.instance.id })).toEqual({
      accessToken: [],
      idToken: ['ci-bot'],
    });
  });
});

describe('addClientIdToAudience', () => {
  it('appends the client id only when missing', () => {
    expect(addClientIdToAudience(['a', 'b'], 'b')).toEqual(['a', 'b']);
    expect(addClientIdToAudience(['a', 'a'], 'c')).toEqual(['a', 'c']);
  });
});
