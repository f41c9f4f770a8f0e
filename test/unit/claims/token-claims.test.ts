// Exact ID token, JWT access token, userinfo and introspection claims for fixed scenarios.
// Expected objects are written by hand from reference §3.1–§3.6, §5 and §6.
import { describe, expect, it } from 'vitest';
import { buildJwtAccessTokenClaims } from '../../../src/main/oidc/claims/access-token-claims.js';
import { buildIdTokenClaims } from '../../../src/main/oidc/claims/id-token-claims.js';
import { buildIntrospectionClaims } from '../../../src/main/oidc/claims/introspection-claims.js';
import { buildUserinfoClaims } from '../../../src/main/oidc/claims/userinfo-claims.js';
import { AUTH_TIME, EXPIRES_AT, IDS, ISSUER, NOW, UPDATED_AT, buildSubject, loadClaimsSeed } from '../../fixtures/claims-seed.js';

const seed = loadClaimsSeed();
const SHOP_AUD: string[] = [IDS.webClient, IDS.spaClient, IDS.apiClient, IDS.shop];
const SHOP_ROLES = { admin: { [IDS.orgA]: 'a.localhost' }, viewer: { [IDS.orgA]: 'a.localhost' } };
const SHOP_ROLES_CLAIM = `urn:zitadel:iam:org:project:${IDS.shop}:roles`;
const PARTNER_ROLES_CLAIM = `urn:zitadel:iam:org:project:${IDS.partner}:roles`;
const BILLING_ROLES_CLAIM = `urn:zitadel:iam:org:project:${IDS.billing}:roles`;
const OWN_ROLES_CLAIM = 'urn:zitadel:iam:org:project:roles';
const PARTNER_AUD = `urn:zitadel:iam:org:project:id:${IDS.partner}:aud`;
const SHOP_AUD_SCOPE = `urn:zitadel:iam:org:project:id:${IDS.shop}:aud`;
const ALICE_ORG = {
  'urn:zitadel:iam:user:resourceowner:id': IDS.orgA,
  'urn:zitadel:iam:user:resourceowner:name': 'Org A',
  'urn:zitadel:iam:user:resourceowner:primary_domain': 'a.localhost',
};
const ALICE_PROFILE = {
  name: 'Alice Smith',
  given_name: 'Alice',
  family_name: 'Smith',
  gender: 'female',
  locale: 'en',
  updated_at: UPDATED_AT,
  preferred_username: 'alice',
};

function idToken(appId: string, scopes: string[], audience = SHOP_AUD) {
  return buildIdTokenClaims({
    ...buildSubject(seed, { userId: IDS.alice, appId, scopes }),
    issuer: ISSUER,
    now: NOW,
    expiresAt: EXPIRES_AT,
    audience,
    sid: 'sid-1',
    authTime: AUTH_TIME,
    amr: ['pwd'],
    nonce: 'n-0S6_WzA2Mj',
    atHash: 'x7Jk3cE0S9bHq1ABwXyZ0Q',
  });
}

function idTokenBase(clientId: string, audience: string[]) {
  return {
    iss: ISSUER,
    sub: IDS.alice,
    aud: audience,
    exp: EXPIRES_AT,
    iat: NOW,
    auth_time: AUTH_TIME,
    amr: ['pwd'],
    azp: clientId,
    client_id: clientId,
    nonce: 'n-0S6_WzA2Mj',
    at_hash: 'x7Jk3cE0S9bHq1ABwXyZ0Q',
    sid: 'sid-1',
  };
}

function ofNote(notes: readonly { claim: string; present: boolean; why: string }[], claim: string) {
  return notes.filter((n) => n.claim === claim);
}

describe('ID token', () => {
  it('web app (both assertions on): profile, email, phone, roles and resource owner (§3.6)', () => {
    const { claims, notes } = idToken(IDS.webApp, ['openid', 'profile', 'email', 'phone', 'urn:zitadel:iam:user:resourceowner']);
    const expected = {
      ...idTokenBase(IDS.webClient, SHOP_AUD),
      ...ALICE_PROFILE,
      email: 'alice@a.localhost',
      email_verified: true,
      phone_number: '+41790000001',
      [SHOP_ROLES_CLAIM]: SHOP_ROLES,
      [OWN_ROLES_CLAIM]: SHOP_ROLES,
      ...ALICE_ORG,
    };
    expect(claims).toEqual(expected);
    expect(Object.keys(claims)).toEqual(Object.keys(expected));
    expect(ofNote(notes, 'phone_number_verified')).toEqual([
      { claim: 'phone_number_verified', present: false, why: 'phone is not verified (false is omitted)' },
    ]);
    expect(ofNote(notes, 'nickname')).toEqual([{ claim: 'nickname', present: false, why: 'user has no nickname' }]);
    expect(ofNote(notes, 'email')).toEqual([
      { claim: 'email', present: true, why: 'scope "email"; app "web": idTokenUserinfoAssertion' },
    ]);
    expect(ofNote(notes, OWN_ROLES_CLAIM)[0]?.why).toBe(
      `user grants ${IDS.grantAliceAdmin}, ${IDS.grantAliceViewer} (project Shop); project Shop: projectRoleAssertion; app "web": idTokenRoleAssertion`,
    );
  });

  it('spa app (assertions off): no userinfo or role claims, reserved claims stay', () => {
    const { claims, notes } = idToken(IDS.spaApp, ['openid', 'profile', 'email', 'urn:zitadel:iam:user:resourceowner']);
    expect(claims).toEqual({ ...idTokenBase(IDS.spaClient, SHOP_AUD), ...ALICE_ORG });
    expect(ofNote(notes, 'email')).toEqual([
      { claim: 'email', present: false, why: 'app "spa" has idTokenUserinfoAssertion off' },
    ]);
    expect(ofNote(notes, SHOP_ROLES_CLAIM)).toEqual([
      { claim: SHOP_ROLES_CLAIM, present: false, why: 'app "spa" has idTokenRoleAssertion off' },
    ]);
  });

  it('aud scope + projects:roles: roles of the aud project (granted by org B) and of the own project', () => {
    const { claims } = idToken(IDS.webApp, ['openid', PARTNER_AUD, 'urn:zitadel:iam:org:projects:roles'], [...SHOP_AUD, IDS.partner]);
    expect(claims).toEqual({
      ...idTokenBase(IDS.webClient, [...SHOP_AUD, IDS.partner]),
      [PARTNER_ROLES_CLAIM]: { member: { [IDS.orgB]: 'b.localhost' } },
      [SHOP_ROLES_CLAIM]: SHOP_ROLES,
      [OWN_ROLES_CLAIM]: SHOP_ROLES,
    });
  });

  it('roles:id scope keeps only roles granted by that org', () => {
    const { claims, notes } = idToken(IDS.webApp, [
      'openid',
      PARTNER_AUD,
      'urn:zitadel:iam:org:projects:roles',
      `urn:zitadel:iam:org:roles:id:${IDS.orgB}`,
    ]);
    expect(claims).toEqual({
      ...idTokenBase(IDS.webClient, SHOP_AUD),
      [PARTNER_ROLES_CLAIM]: { member: { [IDS.orgB]: 'b.localhost' } },
    });
    expect(ofNote(notes, OWN_ROLES_CLAIM)).toEqual([
      {
        claim: OWN_ROLES_CLAIM,
        present: false,
        why: `grants in project Shop come from org ${IDS.orgA}, not from the roles:id scope orgs ${IDS.orgB}`,
      },
    ]);
  });

  it('a requested role key restricts the keys in every project of the role audience', () => {
    const { claims, notes } = idToken(IDS.webApp, ['openid', 'urn:zitadel:iam:org:project:role:viewer', PARTNER_AUD]);
    const viewer = { viewer: { [IDS.orgA]: 'a.localhost' } };
    expect(claims).toEqual({ ...idTokenBase(IDS.webClient, SHOP_AUD), [SHOP_ROLES_CLAIM]: viewer, [OWN_ROLES_CLAIM]: viewer });
    expect(ofNote(notes, PARTNER_ROLES_CLAIM)).toEqual([
      { claim: PARTNER_ROLES_CLAIM, present: false, why: 'no role granted in project Partner matches the requested roles viewer' },
    ]);
  });

  it('inactive grants do not count (billing app, role assertion on, userinfo assertion off)', () => {
    const scopes = ['openid', 'profile', 'urn:zitadel:iam:org:project:role:reader', 'urn:zitadel:iam:org:project:role:writer'];
    const { claims } = idToken(IDS.billingApp, scopes, [IDS.billingClient, IDS.billing]);
    const reader = { reader: { [IDS.orgA]: 'a.localhost' } };
    expect(claims).toEqual({
      ...idTokenBase(IDS.billingClient, [IDS.billingClient, IDS.billing]),
      [BILLING_ROLES_CLAIM]: reader,
      [OWN_ROLES_CLAIM]: reader,
    });
  });

  it('service user (client_credentials): aud = aud projects + client id, no sid, no profile, {id} roles only', () => {
    const scopes = ['openid', 'profile', SHOP_AUD_SCOPE, 'urn:zitadel:iam:org:project:role:viewer'];
    const { claims, notes } = buildIdTokenClaims({
      ...buildSubject(seed, { userId: IDS.bot, scopes }),
      issuer: ISSUER,
      now: NOW,
      expiresAt: EXPIRES_AT,
      audience: [IDS.shop],
      amr: ['pwd'],
    });
    expect(claims).toEqual({
      iss: ISSUER,
      sub: IDS.bot,
      aud: [IDS.shop, 'ci-bot'],
      exp: EXPIRES_AT,
      iat: NOW,
      amr: ['pwd'],
      azp: 'ci-bot',
      client_id: 'ci-bot',
      [SHOP_ROLES_CLAIM]: { viewer: { [IDS.orgA]: 'a.localhost' } },
    });
    expect(ofNote(notes, 'name')).toEqual([
      { claim: 'name', present: false, why: 'service-user ID tokens never carry userinfo claims' },
    ]);
  });
});

describe('JWT access token', () => {
  function accessToken(options: { userId: string; appId?: string; scopes: string[]; audience: string[] }) {
    return buildJwtAccessTokenClaims({
      ...buildSubject(seed, options),
      issuer: ISSUER,
      now: NOW,
      expiresAt: EXPIRES_AT,
      audience: options.audience,
      jti: 'V2_1-at_2',
    });
  }

  it('web app: roles with accessTokenRoleAssertion, metadata by scope, never scope/azp/profile (§3.6)', () => {
    const { claims, notes } = accessToken({
      userId: IDS.alice,
      appId: IDS.webApp,
      scopes: ['openid', 'profile', 'urn:zitadel:iam:user:metadata'],
      audience: SHOP_AUD,
    });
    const expected = {
      iss: ISSUER,
      sub: IDS.alice,
      aud: SHOP_AUD,
      exp: EXPIRES_AT,
      iat: NOW,
      nbf: NOW,
      client_id: IDS.webClient,
      jti: 'V2_1-at_2',
      [SHOP_ROLES_CLAIM]: SHOP_ROLES,
      [OWN_ROLES_CLAIM]: SHOP_ROLES,
      'urn:zitadel:iam:user:metadata': { department: 'c2FsZXM', city: 'WsO8cmljaD8_Pg' },
    };
    expect(claims).toEqual(expected);
    expect(Object.keys(claims)).toEqual(Object.keys(expected));
    expect(ofNote(notes, 'preferred_username')).toEqual([
      { claim: 'preferred_username', present: false, why: 'JWT access tokens never carry userinfo claims' },
    ]);
  });

  it('spa app: accessTokenRoleAssertion off → no roles', () => {
    const { claims } = accessToken({ userId: IDS.alice, appId: IDS.spaApp, scopes: ['openid'], audience: SHOP_AUD });
    expect(claims).toEqual({
      iss: ISSUER,
      sub: IDS.alice,
      aud: SHOP_AUD,
      exp: EXPIRES_AT,
      iat: NOW,
      nbf: NOW,
      client_id: IDS.spaClient,
      jti: 'V2_1-at_2',
    });
  });

  it('service user: roles need a role scope and an aud scope; empty audience → [client_id]', () => {
    const withAud = accessToken({
      userId: IDS.bot,
      scopes: ['openid', SHOP_AUD_SCOPE, 'urn:zitadel:iam:org:project:role:viewer'],
      audience: [IDS.shop],
    });
    const base = { iss: ISSUER, sub: IDS.bot, exp: EXPIRES_AT, iat: NOW, nbf: NOW, client_id: 'ci-bot', jti: 'V2_1-at_2' };
    expect(withAud.claims).toEqual({ ...base, aud: [IDS.shop], [SHOP_ROLES_CLAIM]: { viewer: { [IDS.orgA]: 'a.localhost' } } });
    const noAud = accessToken({ userId: IDS.bot, scopes: ['openid', 'urn:zitadel:iam:org:project:role:viewer'], audience: [] });
    expect(noAud.claims).toEqual({ ...base, aud: ['ci-bot'] });
  });
});

describe('userinfo', () => {
  it('alice via spa: every scope claim, roles by projectRoleAssertion, metadata unpadded base64url', () => {
    const scopes = ['openid', 'profile', 'email', 'phone', 'address', 'urn:zitadel:iam:user:metadata'];
    const { claims, notes } = buildUserinfoClaims(buildSubject(seed, { userId: IDS.alice, appId: IDS.spaApp, scopes }));
    expect(claims).toEqual({
      sub: IDS.alice,
      ...ALICE_PROFILE,
      email: 'alice@a.localhost',
      email_verified: true,
      phone_number: '+41790000001',
      [SHOP_ROLES_CLAIM]: SHOP_ROLES,
      [OWN_ROLES_CLAIM]: SHOP_ROLES,
      'urn:zitadel:iam:user:metadata': { department: 'c2FsZXM', city: 'WsO8cmljaD8_Pg' },
    });
    expect(ofNote(notes, 'address')).toEqual([
      { claim: 'address', present: false, why: 'ZITADEL never emits address (accepted scope only)' },
    ]);
  });

  it('bob via billing: name from given+family, locale null, unspecified gender and false email_verified omitted', () => {
    const scopes = ['openid', 'profile', 'email', 'phone'];
    const { claims, notes } = buildUserinfoClaims(buildSubject(seed, { userId: IDS.bob, appId: IDS.billingApp, scopes }));
    expect(claims).toEqual({
      sub: IDS.bob,
      name: 'Bob Jones',
      given_name: 'Bob',
      family_name: 'Jones',
      nickname: 'bobby',
      locale: null,
      updated_at: UPDATED_AT,
      preferred_username: 'bob',
      email: 'bob@a.localhost',
    });
    expect(ofNote(notes, 'phone_number')).toEqual([{ claim: 'phone_number', present: false, why: 'user has no phone' }]);
    expect(notes.some((n) => n.claim.includes(':roles'))).toBe(false);
  });

  it('machine user: only name, updated_at and preferred_username', () => {
    const scopes = ['openid', 'profile', 'email'];
    const { claims, notes } = buildUserinfoClaims(buildSubject(seed, { userId: IDS.bot, scopes }));
    expect(claims).toEqual({ sub: IDS.bot, name: 'CI bot', updated_at: UPDATED_AT, preferred_username: 'ci-bot' });
    expect(ofNote(notes, 'email')).toEqual([{ claim: 'email', present: false, why: 'machine users have no email' }]);
  });

  it('userLoginMustBeDomain: preferred_username carries the primary domain; org scopes emit org claims', () => {
    const domainSeed = loadClaimsSeed({ userLoginMustBeDomain: true });
    const scopes = ['openid', 'profile', `urn:zitadel:iam:org:id:${IDS.orgA}`, 'urn:zitadel:iam:org:domain:primary:a.localhost'];
    const { claims } = buildUserinfoClaims(buildSubject(domainSeed, { userId: IDS.alice, appId: IDS.billingApp, scopes }));
    expect(claims).toEqual({
      sub: IDS.alice,
      ...ALICE_PROFILE,
      preferred_username: 'alice@a.localhost',
      'urn:zitadel:iam:org:id': IDS.orgA,
      ...ALICE_ORG,
      'urn:zitadel:iam:org:domain:primary': 'a.localhost',
    });
  });

  it('inactive user: role claims omitted with a note', () => {
    const { claims, notes } = buildUserinfoClaims(buildSubject(seed, { userId: IDS.dave, appId: IDS.webApp, scopes: ['openid'] }));
    expect(claims).toEqual({ sub: IDS.dave });
    expect(ofNote(notes, OWN_ROLES_CLAIM)).toEqual([{ claim: OWN_ROLES_CLAIM, present: false, why: 'user is not active' }]);
  });
});

describe('introspection', () => {
  const scopes = ['openid', 'profile', 'email', 'offline_access', 'urn:zitadel:iam:user:resourceowner', PARTNER_AUD, 'urn:zitadel:iam:org:projects:roles'];
  function introspect(callerProjectId: string) {
    return buildIntrospectionClaims({
      ...buildSubject(seed, { userId: IDS.alice, appId: IDS.webApp, scopes }),
      issuer: ISSUER,
      issuedAt: NOW,
      expiresAt: EXPIRES_AT,
      audience: [...SHOP_AUD, IDS.partner],
      jti: 'V2_1-at_2',
      authTime: AUTH_TIME,
      amr: ['pwd'],
      callerProjectId,
    });
  }
  const base = {
    active: true,
    scope: `openid profile email offline_access urn:zitadel:iam:user:resourceowner ${PARTNER_AUD} urn:zitadel:iam:org:projects:roles`,
    client_id: IDS.webClient,
    token_type: 'Bearer',
    exp: EXPIRES_AT,
    iat: NOW,
    auth_time: AUTH_TIME,
    nbf: NOW,
    sub: IDS.alice,
    aud: [...SHOP_AUD, IDS.partner],
    amr: ['pwd'],
    iss: ISSUER,
    jti: 'V2_1-at_2',
    username: 'alice',
    ...ALICE_PROFILE,
    email: 'alice@a.localhost',
    email_verified: true,
    ...ALICE_ORG,
  };

  it('by the API app of Shop: roles of the caller project only, aud-scope projects ignored (§5)', () => {
    const { claims } = introspect(IDS.shop);
    const expected = { ...base, [OWN_ROLES_CLAIM]: SHOP_ROLES, [SHOP_ROLES_CLAIM]: SHOP_ROLES };
    expect(claims).toEqual(expected);
    expect(Object.keys(claims)).toEqual(Object.keys(expected));
  });

  it('by the API app of Partner: the roles org B granted', () => {
    const member = { member: { [IDS.orgB]: 'b.localhost' } };
    expect(introspect(IDS.partner).claims).toEqual({ ...base, [OWN_ROLES_CLAIM]: member, [PARTNER_ROLES_CLAIM]: member });
  });
});
