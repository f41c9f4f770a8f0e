// Golden ZITADEL-fidelity tests over real HTTP. A fixed store (test/helpers/fidelity-seed.ts)
// and a frozen clock; every expected object below is written by hand from
// ../shared/reference/zitadel-oidc.md (§2 scopes, §3.1 placement matrix, §3.2 role claims,
// §3.3 reserved claims, §3.5 preferred_username, §4.3/§4.4 grants, §5 introspection, §6
// userinfo) — never captured from the emulator. Only values the reference leaves to the
// implementation (sid, jti, token strings) are matched by shape, and at_hash is computed here
// from the access token per OpenID Connect Core §3.1.3.6.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import {
  atHash,
  clientCredentialsTokens,
  deviceTokens,
  introspect,
  isJws,
  loginTokens,
  refreshTokens,
  startFidelityEmulator,
  tokenExchange,
  userinfo,
  verifiedPayload,
  type Json,
  type TokenSet,
} from '../helpers/fidelity-login.js';
import { BOT, FAPPS, FIDS, LIFETIME, NOW, REDIRECT_URI, type FidelityApp, UPDATED_AT, buildFidelitySeed } from '../helpers/fidelity-seed.js';

// ---------------------------------------------------------------------------------------------
// Hand-written building blocks

const OWN_ROLES = 'urn:zitadel:iam:org:project:roles';
const SHOP_ROLES = `urn:zitadel:iam:org:project:${FIDS.shop}:roles`;
const BILLING_ROLES = `urn:zitadel:iam:org:project:${FIDS.billing}:roles`;
const ROLE_ADMIN = 'urn:zitadel:iam:org:project:role:admin';
const ROLE_VIEWER = 'urn:zitadel:iam:org:project:role:viewer';
const METADATA_SCOPE = 'urn:zitadel:iam:user:metadata';
const RESOURCEOWNER_SCOPE = 'urn:zitadel:iam:user:resourceowner';

/** §2: a user session's audience is every client id of the app's project (store order), then the project id. */
const SHOP_AUD = [FAPPS.full.clientId, FAPPS.plain.clientId, FAPPS.opaque.clientId, FAPPS.shopApi.clientId, FIDS.shop];

/** §3.2: {roleKey: {grantingOrgId: grantingOrgPrimaryDomain}}; viewer comes through the project grant to org B. */
const ALICE_SHOP_ROLES = { admin: { [FIDS.orgA]: 'a.localhost' }, viewer: { [FIDS.orgB]: 'b.localhost' } };
const ALICE_SHOP_ROLE_CLAIMS = { [SHOP_ROLES]: ALICE_SHOP_ROLES, [OWN_ROLES]: ALICE_SHOP_ROLES };

/** §3.3: metadata is an object of base64url values WITHOUT padding ("R&D >> ops?" → std base64 "UiZEID4+IG9wcz8="). */
const ALICE_METADATA = { 'urn:zitadel:iam:user:metadata': { department: 'UiZEID4-IG9wcz8' } };
const ORG_A_RESOURCEOWNER = {
  'urn:zitadel:iam:user:resourceowner:id': FIDS.orgA,
  'urn:zitadel:iam:user:resourceowner:name': 'Org A',
  'urn:zitadel:iam:user:resourceowner:primary_domain': 'a.localhost',
};

/** §3.1 JSON quirks: profile claims of alice (display name, gender, locale, updated_at, bare username §3.5). */
const ALICE_PROFILE = {
  name: 'Alice Smith',
  given_name: 'Alice',
  family_name: 'Smith',
  nickname: 'ali',
  gender: 'female',
  locale: 'en',
  updated_at: UPDATED_AT,
  preferred_username: 'alice',
};
const ALICE_EMAIL = { email: 'alice@a.localhost', email_verified: true };

const DONE_SCOPE = `openid profile email phone ${METADATA_SCOPE} ${RESOURCEOWNER_SCOPE}`;
/** §2 projectRoleAssertion: one role scope per project role is appended when none was asked. */
const ASSERTED = `${ROLE_ADMIN} ${ROLE_VIEWER}`;

const JTI = expect.stringMatching(/^V2_.+-at_.+$/);
const SID = expect.stringMatching(/^.+$/);

/** §3.1 ID-token column, user session: no nbf, no acr; azp = client_id; sid of the login. */
function idTokenBase(clientId: string, accessToken: string | undefined, nonce?: string): Json {
  return {
    iss: issuer,
    sub: FIDS.alice,
    aud: SHOP_AUD,
    exp: NOW + LIFETIME,
    iat: NOW,
    auth_time: NOW,
    amr: ['pwd'],
    azp: clientId,
    client_id: clientId,
    ...(nonce !== undefined && { nonce }),
    ...(accessToken !== undefined && { at_hash: atHash(accessToken) }),
    sid: SID,
  };
}

/** §3.1 JWT-access-token column / §3.6: nbf = iat, client_id, jti; never scope or azp. */
function jwtAccessTokenBase(clientId: string, sub: string = FIDS.alice, aud: string[] = SHOP_AUD): Json {
  return { iss: issuer, sub, aud, exp: NOW + LIFETIME, iat: NOW, nbf: NOW, client_id: clientId, jti: JTI };
}

/** §5 active introspection: token metadata + scope string + Bearer; nbf = iat. */
function introspectionBase(clientId: string, scope: string, sub: string = FIDS.alice, aud: string[] = SHOP_AUD): Json {
  return {
    active: true,
    scope,
    client_id: clientId,
    token_type: 'Bearer',
    exp: NOW + LIFETIME,
    iat: NOW,
    auth_time: NOW,
    nbf: NOW,
    sub,
    aud,
    amr: ['pwd'],
    iss: issuer,
    jti: JTI,
  };
}

// ---------------------------------------------------------------------------------------------

let emulator: Emulator;
let issuer: string;

beforeAll(async () => {
  emulator = await startFidelityEmulator(buildFidelitySeed());
  issuer = emulator.issuer;
});

afterAll(async () => {
  await emulator?.close();
});

interface FourPlaces {
  tokens: TokenSet;
  idToken: Json;
  accessToken?: Json;
  userinfo: Json;
  introspection: Json;
}

async function fourPlaces(app: FidelityApp, scope: string, options: { userId?: string; nonce?: string } = {}): Promise<FourPlaces> {
  const tokens = await loginTokens(issuer, { app, scope, userId: options.userId ?? FIDS.alice, ...(options.nonce && { nonce: options.nonce }) });
  if (!tokens.id_token) throw new Error('no id_token');
  const info = await userinfo(issuer, tokens.access_token);
  expect(info.status).toBe(200);
  return {
    tokens,
    idToken: await verifiedPayload(issuer, tokens.id_token),
    ...(isJws(tokens.access_token) && { accessToken: await verifiedPayload(issuer, tokens.access_token) }),
    userinfo: info.body,
    introspection: await introspect(issuer, FAPPS.shopApi, tokens.access_token),
  };
}

describe('Done when: alice, admin in org A and viewer in org B through a project grant, logs in to a role-asserting project', () => {
  let got: FourPlaces;
  beforeAll(async () => {
    got = await fourPlaces(FAPPS.full, DONE_SCOPE, { nonce: 'n-0S6_WzA2Mj' });
  });

  it('token response: no scope, Bearer, expires_in truncated (§4)', () => {
    expect(Object.keys(got.tokens).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'token_type']);
    expect(got.tokens.token_type).toBe('Bearer');
    expect(got.tokens.expires_in).toBe(43199);
  });

  it('ID token carries the role map, metadata, org and userinfo claims (all app flags on)', () => {
    expect(got.idToken).toStrictEqual({
      ...idTokenBase(FAPPS.full.clientId, got.tokens.access_token, 'n-0S6_WzA2Mj'),
      ...ALICE_PROFILE,
      ...ALICE_EMAIL,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
      ...ORG_A_RESOURCEOWNER,
    });
  });

  it('JWT access token carries the same role map, metadata and org claims, no userinfo claims', () => {
    expect(got.accessToken).toStrictEqual({
      ...jwtAccessTokenBase(FAPPS.full.clientId),
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
      ...ORG_A_RESOURCEOWNER,
    });
  });

  it('userinfo carries the same role map, metadata and org claims', () => {
    expect(got.userinfo).toStrictEqual({
      sub: FIDS.alice,
      ...ALICE_PROFILE,
      ...ALICE_EMAIL,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
      ...ORG_A_RESOURCEOWNER,
    });
  });

  it('introspection by the project API carries the same role map, metadata and org claims', () => {
    expect(got.introspection).toStrictEqual({
      ...introspectionBase(FAPPS.full.clientId, `${DONE_SCOPE} ${ASSERTED}`),
      jti: got.accessToken?.jti,
      username: 'alice',
      ...ALICE_PROFILE,
      ...ALICE_EMAIL,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
      ...ORG_A_RESOURCEOWNER,
    });
  });

  it('provenance from the library API: a present note per ID-token claim, absent notes saying why', () => {
    const event = emulator.activity.list().find((e) => e.kind === 'token' && e.tokens?.some((t) => t.value === got.tokens.id_token));
    expect(event, 'token event in emulator.activity.list()').toBeDefined();
    const idToken = event?.tokens?.find((t) => t.kind === 'id_token');
    const accessToken = event?.tokens?.find((t) => t.kind === 'access_token');
    expect(idToken?.claims).toEqual(got.idToken);
    expect(accessToken?.claims).toEqual(got.accessToken);
    for (const token of [idToken, accessToken]) {
      const notes = token?.notes ?? [];
      for (const claim of Object.keys(token?.claims ?? {})) {
        const present = notes.filter((n) => n.claim === claim && n.present);
        expect(present, `present note for ${claim}`).toHaveLength(1);
        expect(present[0]?.why.length).toBeGreaterThan(0);
      }
    }
    const notes = idToken?.notes ?? [];
    const why = (claim: string, present: boolean): string => notes.find((n) => n.claim === claim && n.present === present)?.why ?? '';
    // Which user grant gave the roles, and why the project is in the role audience.
    expect(why(SHOP_ROLES, true)).toContain(FIDS.grantAliceAdmin);
    expect(why(SHOP_ROLES, true)).toContain(FIDS.grantAliceViewerB);
    expect(why(SHOP_ROLES, true)).toMatch(/projectRoleAssertion/);
    expect(why(OWN_ROLES, true)).toMatch(/idTokenRoleAssertion/);
    expect(why('email', true)).toMatch(/scope "email"/);
    expect(why('email', true)).toMatch(/idTokenUserinfoAssertion/);
    expect(why('urn:zitadel:iam:user:metadata', true)).toContain(METADATA_SCOPE);
    expect(why('urn:zitadel:iam:user:resourceowner:id', true)).toContain(RESOURCEOWNER_SCOPE);
    // Asked for by "phone" but alice has no phone number; no avatar for picture.
    expect(why('phone_number', false)).toMatch(/no phone/);
    expect(why('phone_number_verified', false)).toMatch(/no phone/);
    expect(why('picture', false)).not.toBe('');
    // The JWT access token explains why it carries no userinfo claims.
    expect(accessToken?.notes?.find((n) => n.claim === 'email' && !n.present)?.why).toMatch(/never/);
  });
});

describe('app flags off (idTokenUserinfoAssertion, idTokenRoleAssertion, accessTokenRoleAssertion)', () => {
  let got: FourPlaces;
  beforeAll(async () => {
    got = await fourPlaces(FAPPS.plain, DONE_SCOPE);
  });

  it('ID token: no userinfo and no role claims, but metadata and org claims by scope (§3.1)', () => {
    expect(got.idToken).toStrictEqual({
      ...idTokenBase(FAPPS.plain.clientId, got.tokens.access_token),
      ...ALICE_METADATA,
      ...ORG_A_RESOURCEOWNER,
    });
  });

  it('JWT access token: no role claims without accessTokenRoleAssertion', () => {
    expect(got.accessToken).toStrictEqual({ ...jwtAccessTokenBase(FAPPS.plain.clientId), ...ALICE_METADATA, ...ORG_A_RESOURCEOWNER });
  });

  it('userinfo and introspection still carry the roles (projectRoleAssertion) and the userinfo claims', () => {
    expect(got.userinfo).toStrictEqual({
      sub: FIDS.alice,
      ...ALICE_PROFILE,
      ...ALICE_EMAIL,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
      ...ORG_A_RESOURCEOWNER,
    });
    expect(got.introspection).toStrictEqual({
      ...introspectionBase(FAPPS.plain.clientId, `${DONE_SCOPE} ${ASSERTED}`),
      username: 'alice',
      ...ALICE_PROFILE,
      ...ALICE_EMAIL,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
      ...ORG_A_RESOURCEOWNER,
    });
  });

  it('provenance names the flag that kept each claim out', () => {
    const event = emulator.activity.list().find((e) => e.tokens?.some((t) => t.value === got.tokens.id_token));
    const notes = event?.tokens?.find((t) => t.kind === 'id_token')?.notes ?? [];
    const absent = (claim: string): string => notes.find((n) => n.claim === claim && !n.present)?.why ?? '';
    expect(absent(OWN_ROLES)).toMatch(/idTokenRoleAssertion off/);
    expect(absent(SHOP_ROLES)).toMatch(/idTokenRoleAssertion off/);
    expect(absent('email')).toMatch(/idTokenUserinfoAssertion off/);
    const atNotes = event?.tokens?.find((t) => t.kind === 'access_token')?.notes ?? [];
    expect(atNotes.find((n) => n.claim === SHOP_ROLES && !n.present)?.why).toMatch(/accessTokenRoleAssertion off/);
  });
});

describe('mixed flags: userinfo assertion on, ID-token role assertion off, opaque (bearer) access token', () => {
  it('ID token has profile and email but no roles; the opaque token still introspects with roles', async () => {
    const got = await fourPlaces(FAPPS.opaque, 'openid profile email');
    expect(isJws(got.tokens.access_token)).toBe(false);
    expect(got.accessToken).toBeUndefined();
    expect(got.idToken).toStrictEqual({ ...idTokenBase(FAPPS.opaque.clientId, got.tokens.access_token), ...ALICE_PROFILE, ...ALICE_EMAIL });
    expect(got.userinfo).toStrictEqual({ sub: FIDS.alice, ...ALICE_PROFILE, ...ALICE_EMAIL, ...ALICE_SHOP_ROLE_CLAIMS });
    expect(got.introspection).toStrictEqual({
      ...introspectionBase(FAPPS.opaque.clientId, `openid profile email ${ASSERTED}`),
      jti: expect.stringMatching(/^V2_.+-at_.+$/),
      username: 'alice',
      ...ALICE_PROFILE,
      ...ALICE_EMAIL,
      ...ALICE_SHOP_ROLE_CLAIMS,
    });
  });
});

describe('a specific role scope (§2, §3.2)', () => {
  it('only the requested role is emitted; an unknown role key is dropped and no role scopes are appended', async () => {
    const got = await fourPlaces(FAPPS.full, `openid ${ROLE_VIEWER} urn:zitadel:iam:org:project:role:superuser`);
    const viewerOnly = { viewer: { [FIDS.orgB]: 'b.localhost' } };
    const roles = { [SHOP_ROLES]: viewerOnly, [OWN_ROLES]: viewerOnly };
    expect(got.idToken).toStrictEqual({ ...idTokenBase(FAPPS.full.clientId, got.tokens.access_token), ...roles });
    expect(got.accessToken).toStrictEqual({ ...jwtAccessTokenBase(FAPPS.full.clientId), ...roles });
    expect(got.userinfo).toStrictEqual({ sub: FIDS.alice, ...roles });
    expect(got.introspection).toStrictEqual({ ...introspectionBase(FAPPS.full.clientId, `openid ${ROLE_VIEWER}`), ...roles });
  });
});

describe('urn:zitadel:iam:org:roles:id:{orgId} filters the granting orgs (§2)', () => {
  it('roles:id of org B keeps only the role granted through the project grant', async () => {
    const scope = `openid urn:zitadel:iam:org:roles:id:${FIDS.orgB}`;
    const got = await fourPlaces(FAPPS.full, scope);
    const fromB = { viewer: { [FIDS.orgB]: 'b.localhost' } };
    const roles = { [SHOP_ROLES]: fromB, [OWN_ROLES]: fromB };
    expect(got.idToken).toStrictEqual({ ...idTokenBase(FAPPS.full.clientId, got.tokens.access_token), ...roles });
    expect(got.accessToken).toStrictEqual({ ...jwtAccessTokenBase(FAPPS.full.clientId), ...roles });
    expect(got.userinfo).toStrictEqual({ sub: FIDS.alice, ...roles });
    expect(got.introspection).toStrictEqual({ ...introspectionBase(FAPPS.full.clientId, `${scope} ${ASSERTED}`), ...roles });
  });

  it('roles:id of org A keeps only the role granted by the owning org', async () => {
    const got = await fourPlaces(FAPPS.full, `openid urn:zitadel:iam:org:roles:id:${FIDS.orgA}`);
    const fromA = { admin: { [FIDS.orgA]: 'a.localhost' } };
    expect(got.userinfo).toStrictEqual({ sub: FIDS.alice, [SHOP_ROLES]: fromA, [OWN_ROLES]: fromA });
  });
});

describe('aud scope of a second project with urn:zitadel:iam:org:projects:roles (§2, §3.2)', () => {
  const scope = `openid urn:zitadel:iam:org:project:id:${FIDS.billing}:aud urn:zitadel:iam:org:projects:roles`;
  // The appended Shop role scopes (admin, viewer) are "requested roles", so Billing's "editor" is
  // filtered out and only Billing's "viewer" (granted by org A, Billing's owner) remains.
  const billingRoles = { viewer: { [FIDS.orgA]: 'a.localhost' } };
  let got: FourPlaces;
  beforeAll(async () => {
    got = await fourPlaces(FAPPS.full, scope);
  });

  it('audience gains the project id; role claims for both projects; …:project:roles only for the own project', () => {
    const aud = [...SHOP_AUD, FIDS.billing];
    const roles = { ...ALICE_SHOP_ROLE_CLAIMS, [BILLING_ROLES]: billingRoles };
    expect(got.idToken).toStrictEqual({ ...idTokenBase(FAPPS.full.clientId, got.tokens.access_token), aud, ...roles });
    expect(got.accessToken).toStrictEqual({ ...jwtAccessTokenBase(FAPPS.full.clientId, FIDS.alice, aud), ...roles });
    expect(got.userinfo).toStrictEqual({ sub: FIDS.alice, ...roles });
  });

  it('introspection ignores aud-scope projects: each API sees its own project roles (§5)', async () => {
    const aud = [...SHOP_AUD, FIDS.billing];
    expect(got.introspection).toStrictEqual({
      ...introspectionBase(FAPPS.full.clientId, `${scope} ${ASSERTED}`, FIDS.alice, aud),
      ...ALICE_SHOP_ROLE_CLAIMS,
    });
    const byBilling = await introspect(issuer, FAPPS.billingApi, got.tokens.access_token);
    expect(byBilling).toStrictEqual({
      ...introspectionBase(FAPPS.full.clientId, `${scope} ${ASSERTED}`, FIDS.alice, aud),
      [OWN_ROLES]: billingRoles,
      [BILLING_ROLES]: billingRoles,
    });
  });
});

describe('org scopes: urn:zitadel:iam:org:id:{id} and urn:zitadel:iam:org:domain:primary:{domain} (§2, §3.3)', () => {
  it('emit the org id, the domain and (for org:id) the three resourceowner claims in all four places', async () => {
    const scope = `openid urn:zitadel:iam:org:id:${FIDS.orgA} urn:zitadel:iam:org:domain:primary:a.localhost`;
    const got = await fourPlaces(FAPPS.full, scope);
    const org = {
      'urn:zitadel:iam:org:id': FIDS.orgA,
      'urn:zitadel:iam:org:domain:primary': 'a.localhost',
      ...ORG_A_RESOURCEOWNER,
    };
    expect(got.idToken).toStrictEqual({ ...idTokenBase(FAPPS.full.clientId, got.tokens.access_token), ...ALICE_SHOP_ROLE_CLAIMS, ...org });
    expect(got.accessToken).toStrictEqual({ ...jwtAccessTokenBase(FAPPS.full.clientId), ...ALICE_SHOP_ROLE_CLAIMS, ...org });
    expect(got.userinfo).toStrictEqual({ sub: FIDS.alice, ...ALICE_SHOP_ROLE_CLAIMS, ...org });
    expect(got.introspection).toStrictEqual({
      ...introspectionBase(FAPPS.full.clientId, `${scope} ${ASSERTED}`),
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...org,
    });
  });

  it('two org scopes naming different orgs → redirect with invalid_scope', async () => {
    const url = new URL(`${issuer}/oauth/v2/authorize`);
    const scope = `openid urn:zitadel:iam:org:id:${FIDS.orgA} urn:zitadel:iam:org:domain:primary:b.localhost`;
    for (const [k, v] of Object.entries({ client_id: FAPPS.full.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope, state: 'x' })) {
      url.searchParams.set(k, v);
    }
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const target = new URL(res.headers.get('location') ?? '');
    expect(`${target.origin}${target.pathname}`).toBe(REDIRECT_URI);
    expect(target.searchParams.get('error')).toBe('invalid_scope');
    expect(target.searchParams.get('error_description')).toBe('Only one organization scope may be provided');
    expect(target.searchParams.get('state')).toBe('x');
  });
});

describe('JSON quirks of the standard claims: email_verified false omitted, locale null, gender "diverse" (§3.1)', () => {
  it('bob (unverified email, no language, verified phone, no display name)', async () => {
    const got = await fourPlaces(FAPPS.full, 'openid profile email phone', { userId: FIDS.bob });
    const bob = {
      name: 'Bob Jones',
      given_name: 'Bob',
      family_name: 'Jones',
      gender: 'diverse',
      locale: null,
      updated_at: UPDATED_AT,
      preferred_username: 'bob',
      email: 'bob@a.localhost',
      phone_number: '+41790000000',
      phone_number_verified: true,
    };
    const roles = { [SHOP_ROLES]: { viewer: { [FIDS.orgA]: 'a.localhost' } }, [OWN_ROLES]: { viewer: { [FIDS.orgA]: 'a.localhost' } } };
    expect(got.idToken).toStrictEqual({ ...idTokenBase(FAPPS.full.clientId, got.tokens.access_token), sub: FIDS.bob, ...bob, ...roles });
    expect(got.userinfo).toStrictEqual({ sub: FIDS.bob, ...bob, ...roles });
    expect(got.introspection).toStrictEqual({
      ...introspectionBase(FAPPS.full.clientId, `openid profile email phone ${ASSERTED}`, FIDS.bob),
      username: 'bob',
      ...bob,
      ...roles,
    });
    expect(got.userinfo).not.toHaveProperty('email_verified');
    expect(got.userinfo).not.toHaveProperty('nickname');
  });
});

describe('client_credentials for a service user (§4.4)', () => {
  const scope = `openid urn:zitadel:iam:org:project:id:${FIDS.shop}:aud ${ROLE_VIEWER} ${ROLE_ADMIN} ${RESOURCEOWNER_SCOPE}`;
  it('ID token, JWT access token, userinfo and introspection; only the {projectId} role claim outside introspection', async () => {
    const tokens = await clientCredentialsTokens(issuer, BOT, scope);
    expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'token_type']);
    const viewer = { viewer: { [FIDS.orgA]: 'a.localhost' } };
    const idToken = await verifiedPayload(issuer, tokens.id_token ?? '');
    expect(idToken).toStrictEqual({
      iss: issuer,
      sub: FIDS.bot,
      aud: [FIDS.shop, BOT.loginName],
      exp: NOW + LIFETIME,
      iat: NOW,
      auth_time: NOW,
      amr: ['pwd'],
      azp: BOT.loginName,
      client_id: BOT.loginName,
      at_hash: atHash(tokens.access_token),
      [SHOP_ROLES]: viewer,
      ...ORG_A_RESOURCEOWNER,
    });
    const accessToken = await verifiedPayload(issuer, tokens.access_token);
    expect(accessToken).toStrictEqual({
      ...jwtAccessTokenBase(BOT.loginName, FIDS.bot, [FIDS.shop]),
      [SHOP_ROLES]: viewer,
      ...ORG_A_RESOURCEOWNER,
    });
    const info = await userinfo(issuer, tokens.access_token);
    expect(info.body).toStrictEqual({ sub: FIDS.bot, [SHOP_ROLES]: viewer, ...ORG_A_RESOURCEOWNER });
    expect(await introspect(issuer, FAPPS.shopApi, tokens.access_token)).toStrictEqual({
      ...introspectionBase(BOT.loginName, scope, FIDS.bot, [FIDS.shop]),
      jti: accessToken.jti,
      [OWN_ROLES]: viewer,
      [SHOP_ROLES]: viewer,
      ...ORG_A_RESOURCEOWNER,
    });
  });
});

describe('refresh_token keeps the same claims (§4.3)', () => {
  it('new ID token and JWT access token differ only in at_hash / jti; the old access token stops working', async () => {
    const scope = `${DONE_SCOPE} offline_access`;
    const first = await loginTokens(issuer, { app: FAPPS.full, scope, userId: FIDS.alice, nonce: 'n-refresh' });
    const second = await refreshTokens(issuer, FAPPS.full, first.refresh_token ?? '');
    expect(Object.keys(second).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    const [id1, id2] = await Promise.all([verifiedPayload(issuer, first.id_token ?? ''), verifiedPayload(issuer, second.id_token ?? '')]);
    const [at1, at2] = await Promise.all([verifiedPayload(issuer, first.access_token), verifiedPayload(issuer, second.access_token)]);
    // Written out once more for the refreshed token: same auth_time, sid and nonce as the login.
    expect(id2).toStrictEqual({
      ...idTokenBase(FAPPS.full.clientId, second.access_token, 'n-refresh'),
      sid: id1.sid,
      ...ALICE_PROFILE,
      ...ALICE_EMAIL,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
      ...ORG_A_RESOURCEOWNER,
    });
    expect(id2).toStrictEqual({ ...id1, at_hash: atHash(second.access_token) });
    expect(at2).toStrictEqual({ ...at1, jti: JTI });
    expect(at2.jti).not.toBe(at1.jti);
    const info = await userinfo(issuer, second.access_token);
    expect(info.body).toStrictEqual({
      sub: FIDS.alice,
      ...ALICE_PROFILE,
      ...ALICE_EMAIL,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
      ...ORG_A_RESOURCEOWNER,
    });
    expect((await userinfo(issuer, first.access_token)).status).toBe(401);
    expect(await introspect(issuer, FAPPS.shopApi, first.access_token)).toStrictEqual({ active: false });
    expect(await introspect(issuer, FAPPS.shopApi, second.access_token)).toStrictEqual({
      ...introspectionBase(FAPPS.full.clientId, `${scope} ${ASSERTED}`),
      jti: at2.jti,
      username: 'alice',
      ...ALICE_PROFILE,
      ...ALICE_EMAIL,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
      ...ORG_A_RESOURCEOWNER,
    });
  });
});

describe('device flow and token exchange produce the same role map (§4.6, §4.7)', () => {
  it('device flow: ID token, JWT access token, userinfo and introspection', async () => {
    const scope = `openid profile ${METADATA_SCOPE}`;
    const tokens = await deviceTokens(issuer, FAPPS.full, scope, FIDS.alice);
    const idToken = await verifiedPayload(issuer, tokens.id_token ?? '');
    expect(idToken).toStrictEqual({
      ...idTokenBase(FAPPS.full.clientId, tokens.access_token),
      ...ALICE_PROFILE,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
    });
    expect(await verifiedPayload(issuer, tokens.access_token)).toStrictEqual({
      ...jwtAccessTokenBase(FAPPS.full.clientId),
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
    });
    expect((await userinfo(issuer, tokens.access_token)).body).toStrictEqual({
      sub: FIDS.alice,
      ...ALICE_PROFILE,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
    });
    expect(await introspect(issuer, FAPPS.shopApi, tokens.access_token)).toStrictEqual({
      ...introspectionBase(FAPPS.full.clientId, `${scope} ${ASSERTED}`),
      username: 'alice',
      ...ALICE_PROFILE,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
    });
  });

  it('token exchange of an access token for a JWT access token keeps the role map', async () => {
    const subject = await loginTokens(issuer, { app: FAPPS.full, scope: `openid ${METADATA_SCOPE}`, userId: FIDS.alice });
    const exchanged = await tokenExchange(issuer, FAPPS.full, {
      subject_token: subject.access_token,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      requested_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    });
    expect(exchanged.issued_token_type).toBe('urn:ietf:params:oauth:token-type:jwt');
    expect(exchanged.token_type).toBe('Bearer');
    // §4.6: token-exchange responses do carry `scope` (omitted → the subject token's scopes).
    expect(exchanged.scope).toBe(`openid ${METADATA_SCOPE} ${ASSERTED}`);
    const accessToken = await verifiedPayload(issuer, String(exchanged.access_token));
    expect(accessToken).toStrictEqual({ ...jwtAccessTokenBase(FAPPS.full.clientId), ...ALICE_SHOP_ROLE_CLAIMS, ...ALICE_METADATA });
    const idToken = await verifiedPayload(issuer, String(exchanged.id_token));
    expect(idToken[SHOP_ROLES]).toStrictEqual(ALICE_SHOP_ROLES);
    expect(idToken[OWN_ROLES]).toStrictEqual(ALICE_SHOP_ROLES);
    expect(idToken.aud).toStrictEqual(SHOP_AUD);
    expect((await userinfo(issuer, String(exchanged.access_token))).body).toStrictEqual({
      sub: FIDS.alice,
      ...ALICE_SHOP_ROLE_CLAIMS,
      ...ALICE_METADATA,
    });
    const introspection = await introspect(issuer, FAPPS.shopApi, String(exchanged.access_token));
    expect(introspection[SHOP_ROLES]).toStrictEqual(ALICE_SHOP_ROLES);
    expect(introspection[OWN_ROLES]).toStrictEqual(ALICE_SHOP_ROLES);
  });
});

describe('userLoginMustBeDomain on: preferred_username is user@primaryDomain (§3.5)', () => {
  let domainEmulator: Emulator;
  beforeAll(async () => {
    domainEmulator = await startFidelityEmulator(buildFidelitySeed({ userLoginMustBeDomain: true }));
  });
  afterAll(async () => {
    await domainEmulator?.close();
  });

  it('in the ID token, userinfo and introspection (username too)', async () => {
    const at = domainEmulator.issuer;
    const tokens = await loginTokens(at, { app: FAPPS.full, scope: 'openid profile', userId: FIDS.alice });
    const profile = { ...ALICE_PROFILE, preferred_username: 'alice@a.localhost' };
    const idToken = await verifiedPayload(at, tokens.id_token ?? '');
    expect(idToken).toStrictEqual({
      ...idTokenBase(FAPPS.full.clientId, tokens.access_token),
      iss: at,
      ...profile,
      ...ALICE_SHOP_ROLE_CLAIMS,
    });
    expect((await userinfo(at, tokens.access_token)).body).toStrictEqual({ sub: FIDS.alice, ...profile, ...ALICE_SHOP_ROLE_CLAIMS });
    expect(await introspect(at, FAPPS.shopApi, tokens.access_token)).toStrictEqual({
      ...introspectionBase(FAPPS.full.clientId, `openid profile ${ASSERTED}`),
      iss: at,
      username: 'alice@a.localhost',
      ...profile,
      ...ALICE_SHOP_ROLE_CLAIMS,
    });
  });
});

