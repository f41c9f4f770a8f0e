// ZITADEL fidelity, round 2 (issue #13): cases from ZITADEL's own integration tests
// (zitadel/zitadel internal/api/oidc/integration_test/*.go, named in each `describe`) that
// the emulator used to answer differently. Same fixed store and frozen clock as golden.test.ts,
// plus what these cases need: impersonation on, a personal access token for the service user,
// a key on the `full` app for client-signed JWT subjects, and a user without a change date.
// Expected values are written by hand from ZITADEL's code, never captured from the emulator.
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import type { StoreInput } from '../../src/main/store/schema.js';
import { clientCredentialsTokens, deviceTokens, introspect, loginTokens, refreshTokens, startFidelityEmulator, userinfo, verifiedPayload, type Json } from '../helpers/fidelity-login.js';
import { BOT, FAPPS, FIDS, NOW, UPDATED_AT, buildFidelitySeed, type FidelityApp } from '../helpers/fidelity-seed.js';
import { basicAuth, expectOAuthError, postForm } from '../helpers/http-login.js';

const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const TT = {
  accessToken: 'urn:ietf:params:oauth:token-type:access_token',
  idToken: 'urn:ietf:params:oauth:token-type:id_token',
  jwt: 'urn:ietf:params:oauth:token-type:jwt',
  refreshToken: 'urn:ietf:params:oauth:token-type:refresh_token',
  userId: 'urn:zitadel:params:oauth:token-type:user_id',
} as const;
/** The scopes ZITADEL gives a personal access token (token_exchange_test.go `patScopes`). */
const PAT_SCOPES = ['openid', 'profile', 'urn:zitadel:iam:user:metadata', 'urn:zitadel:iam:user:resourceowner'];
const ROLE_SCOPES = ['urn:zitadel:iam:org:project:role:admin', 'urn:zitadel:iam:org:project:role:viewer'];
const BOT_PAT = 'bot-personal-access-token';
const FULL_KEY_ID = '400000000000000090';

const GROUPS = { developers: '400000000000000080', retired: '400000000000000081', support: '400000000000000082' } as const;

/** alice's Shop roles (projectRoleAssertion): admin from org A, viewer through the project grant to org B. */
const ALICE_ROLES_MAP = { admin: { [FIDS.orgA]: 'a.localhost' }, viewer: { [FIDS.orgB]: 'b.localhost' } };
const ALICE_ROLES = { 'urn:zitadel:iam:org:project:roles': ALICE_ROLES_MAP, [`urn:zitadel:iam:org:project:${FIDS.shop}:roles`]: ALICE_ROLES_MAP };

const fullKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

function buildRound2Seed(): StoreInput {
  const seed = buildFidelitySeed();
  seed.instance.securityPolicy = { enableImpersonation: true };
  for (const app of seed.apps ?? []) {
    if (app.clientId === FAPPS.full.clientId) {
      app.keys = [{ id: FULL_KEY_ID, publicKey: fullKey.publicKey.export({ type: 'spki', format: 'pem' }).toString() }];
    }
  }
  for (const user of seed.users ?? []) {
    if (user.id === FIDS.bot && user.machine) user.machine.personalAccessTokens = [{ id: '400000000000000091', token: BOT_PAT }];
    // A seed without change dates (updated_at still comes, with the fixed default).
    if (user.id === FIDS.bot || user.id === FIDS.bob) delete user.updatedAt;
  }
  // User groups: alice is in one group of each org and in an inactive one; bob in one.
  seed.groups = [
    { id: GROUPS.developers, orgId: FIDS.orgA, name: 'Developers', userIds: [FIDS.alice, FIDS.bob] },
    { id: GROUPS.retired, orgId: FIDS.orgA, name: 'Retired', state: 'inactive', userIds: [FIDS.alice] },
    { id: GROUPS.support, orgId: FIDS.orgB, name: 'Support', userIds: [FIDS.alice] },
  ];
  return seed;
}

let emulator: Emulator;
let issuer: string;

beforeAll(async () => {
  emulator = await startFidelityEmulator(buildRound2Seed());
  issuer = emulator.issuer;
});

afterAll(async () => {
  await emulator?.close();
});

function post(path: string, app: FidelityApp, form: Record<string, string>): Promise<Response> {
  return postForm(`${issuer}${path}`, form, basicAuth(app.clientId, app.secret));
}

async function json(res: Response): Promise<Json> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as Json;
}

describe('revocation: the token_type_hint is only a hint (oidc_test.go TestOPStorage_RevokeToken_refresh_token_invalid_token_type_hint)', () => {
  it('a refresh token revoked with token_type_hint=access_token is revoked, with its access token', async () => {
    const tokens = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid offline_access', userId: FIDS.alice });
    const revoked = await post('/oauth/v2/revoke', FAPPS.full, { token: tokens.refresh_token ?? '', token_type_hint: 'access_token' });
    expect(revoked.status).toBe(200);
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(401);
    const refreshed = await post('/oauth/v2/token', FAPPS.full, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' });
    await expectOAuthError(refreshed, 400, 'invalid_request', 'Errors.OIDCSession.RefreshTokenInvalid');
  });
});

describe('end_session keeps refresh tokens (oidc_test.go TestOPStorage_TerminateSession_refresh_grant)', () => {
  it('after logout the old access token is dead, but the refresh token still yields a working access token', async () => {
    const tokens = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid offline_access', userId: FIDS.alice });
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(200);
    const logout = await fetch(`${issuer}/oidc/v1/end_session?id_token_hint=${encodeURIComponent(tokens.id_token ?? '')}&state=state`, { redirect: 'manual' });
    expect(logout.status).toBe(302);
    // ZITADEL only invalidates access tokens created before the termination (checkSessionNotTerminatedAfter).
    expect((await userinfo(issuer, tokens.access_token)).status).toBe(401);
    const refreshed = await refreshTokens(issuer, FAPPS.full, tokens.refresh_token ?? '');
    const info = await userinfo(issuer, refreshed.access_token);
    expect(info.status).toBe(200);
    expect(info.body.sub).toBe(FIDS.alice);
    const idToken = await verifiedPayload(issuer, refreshed.id_token ?? '');
    expect(idToken.auth_time).toBe(NOW);
  });
});

// ---------------------------------------------------------------------------------------------
// Token exchange (token_exchange.go, token_exchange_test.go)

function exchange(form: Record<string, string>, app: FidelityApp = FAPPS.full): Promise<Response> {
  return post('/oauth/v2/token', app, { grant_type: EXCHANGE, ...form });
}

async function introspectByShopApi(token: string): Promise<Json> {
  return json(await post('/oauth/v2/introspect', FAPPS.shopApi, { token }));
}

/** A JWT the `full` app signs with its own key, naming alice (ZITADEL's test signs one without `scope`). */
function clientSignedJwt(claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: FULL_KEY_ID })
    .setIssuer(FAPPS.full.clientId)
    .setSubject(FIDS.alice)
    .setAudience(issuer)
    .setIssuedAt(NOW - 1)
    .setExpirationTime(NOW + 3600)
    .sign(fullKey.privateKey);
}

async function aliceIdToken(): Promise<string> {
  const tokens = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid', userId: FIDS.alice });
  return tokens.id_token ?? '';
}

describe('impersonation without scope inherits the actor’s scopes (token_exchange_test.go TestServer_TokenExchangeImpersonation "… success")', () => {
  // The actor is the service user's PAT, exchanged by an app of Shop: PAT scopes plus one role
  // scope per Shop role (assertClientScopesForPAT).
  const actorScopes = [...PAT_SCOPES, ...ROLE_SCOPES].join(' ');
  const subjects: [string, string, () => Promise<string>][] = [
    ['"ORG IMPERSONATION: subject: userID, actor: access token, success"', TT.userId, () => Promise.resolve(FIDS.alice)],
    ['"ORG IMPERSONATION: subject: ID token, actor: access token, success"', TT.idToken, aliceIdToken],
    ['"ORG IMPERSONATION: subject: JWT, actor: access token, success"', TT.jwt, () => clientSignedJwt()],
  ];
  for (const [name, subjectType, subjectToken] of subjects) {
    it(`${name}: scope and ID token of the actor's scopes, act = the service user`, async () => {
      const body = await json(await exchange({ subject_token: await subjectToken(), subject_token_type: subjectType, actor_token: BOT_PAT, actor_token_type: TT.accessToken }));
      expect(body).toMatchObject({ issued_token_type: TT.accessToken, token_type: 'Bearer', expires_in: 43199, scope: actorScopes });
      const idToken = await verifiedPayload(issuer, String(body.id_token));
      expect(idToken.sub).toBe(FIDS.alice);
      expect(idToken.act).toStrictEqual({ iss: issuer, sub: FIDS.bot });
      expect(idToken.preferred_username).toBe('alice');
      const introspection = await introspectByShopApi(String(body.access_token));
      expect(introspection).toMatchObject({ active: true, sub: FIDS.alice, act: { iss: issuer, sub: FIDS.bot }, scope: actorScopes });
    });
  }
});

describe('scope rules of impersonation (token_exchange_test.go Test_validateTokenExchangeScopes)', () => {
  it('"impersonation: subject-data scope not on actor allowed": a user_id subject may ask for email', async () => {
    const body = await json(await exchange({ subject_token: FIDS.alice, subject_token_type: TT.userId, actor_token: BOT_PAT, actor_token_type: TT.accessToken, scope: 'openid profile email' }));
    expect(body.scope).toBe('openid profile email');
    const idToken = await verifiedPayload(issuer, String(body.id_token));
    expect(idToken.email).toBe('alice@a.localhost');
  });

  it('"impersonation: authorization scope not on actor rejected": offline_access → invalid_scope', async () => {
    const res = await exchange({ subject_token: FIDS.alice, subject_token_type: TT.userId, actor_token: BOT_PAT, actor_token_type: TT.accessToken, scope: 'openid offline_access' });
    await expectOAuthError(res, 400, 'invalid_scope', 'scope "offline_access" not found in subject or actor token');
  });

  it('"actor path with JWT subject and empty scopes uses exchange validator": email beyond subject ∪ actor → invalid_scope', async () => {
    const res = await exchange({ subject_token: await clientSignedJwt(), subject_token_type: TT.jwt, actor_token: BOT_PAT, actor_token_type: TT.accessToken, scope: 'openid profile email' });
    await expectOAuthError(res, 400, 'invalid_scope', 'scope "email" not found in subject or actor token');
  });

  it('a JWT subject’s own `scope` claim counts for the union (jwtToExchangeToken)', async () => {
    const subject = await clientSignedJwt({ scope: 'openid email' });
    const body = await json(await exchange({ subject_token: subject, subject_token_type: TT.jwt, actor_token: BOT_PAT, actor_token_type: TT.accessToken, scope: 'openid profile email' }));
    expect(body.scope).toBe('openid profile email');
    const inherited = await json(await exchange({ subject_token: subject, subject_token_type: TT.jwt, actor_token: BOT_PAT, actor_token_type: TT.accessToken }));
    expect(inherited.scope).toBe('openid email');
  });
});

describe('personal access tokens exchanged by a client whose project has roles (token_exchange.go verifyExchangeToken → assertClientScopesForPAT)', () => {
  it('"EXCHANGE: access token to default": the PAT scopes plus one role scope per role of the client’s project', async () => {
    const body = await json(await exchange({ subject_token: BOT_PAT, subject_token_type: TT.accessToken }));
    expect(body).toMatchObject({ issued_token_type: TT.accessToken, token_type: 'Bearer', scope: [...PAT_SCOPES, ...ROLE_SCOPES].join(' ') });
    const idToken = await verifiedPayload(issuer, String(body.id_token));
    expect(idToken.sub).toBe(FIDS.bot);
    expect(idToken).not.toHaveProperty('act');
  });
});

describe('audience may repeat (RFC 8693 §2.1; oidc.TokenExchangeRequest.Audience is a list)', () => {
  it('one audience parameter per value narrows to those values; other parameters still refuse repetition', async () => {
    const subject = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid', userId: FIDS.alice });
    const body = new URLSearchParams({ grant_type: EXCHANGE, subject_token: subject.access_token, subject_token_type: TT.accessToken });
    body.append('audience', FAPPS.full.clientId);
    body.append('audience', FIDS.shop);
    const exchanged = await json(await postForm(`${issuer}/oauth/v2/token`, body.toString(), basicAuth(FAPPS.full.clientId, FAPPS.full.secret)));
    expect((await introspectByShopApi(String(exchanged.access_token))).aud).toStrictEqual([FAPPS.full.clientId, FIDS.shop]);
    body.append('scope', 'openid');
    body.append('scope', 'openid');
    const repeated = await postForm(`${issuer}/oauth/v2/token`, body.toString(), basicAuth(FAPPS.full.clientId, FAPPS.full.secret));
    await expectOAuthError(repeated, 400, 'invalid_request', 'parameter scope must not be repeated');
  });
});

describe('token exchange error descriptions (token_exchange.go; token_exchange_test.go TestServer_TokenExchange)', () => {
  it('"EXCHANGE: refresh token not allowed": a refresh token as subject → invalid_request "subject_token invalid"', async () => {
    const tokens = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid offline_access', userId: FIDS.alice });
    const res = await exchange({ subject_token: tokens.refresh_token ?? '', subject_token_type: TT.refreshToken, requested_token_type: TT.idToken });
    await expectOAuthError(res, 400, 'invalid_request', 'subject_token invalid');
  });

  it('types zitadel/oidc does not know are refused while parsing, with its descriptions', async () => {
    const unknown = 'urn:example:token-type:saml2';
    await expectOAuthError(await exchange({ subject_token: BOT_PAT, subject_token_type: unknown }), 400, 'invalid_request', 'subject_token_type is not supported');
    await expectOAuthError(
      await exchange({ subject_token: BOT_PAT, subject_token_type: TT.accessToken, requested_token_type: unknown }),
      400,
      'invalid_request',
      'requested_token_type is not supported',
    );
    await expectOAuthError(
      await exchange({ subject_token: BOT_PAT, subject_token_type: TT.accessToken, actor_token: BOT_PAT, actor_token_type: unknown }),
      400,
      'invalid_request',
      'actor_token_type is not supported',
    );
  });

  it('a missing or unusable actor token is invalid_request "actor_token invalid" (verifyExchangeToken)', async () => {
    await expectOAuthError(await exchange({ subject_token: FIDS.alice, subject_token_type: TT.userId }), 400, 'invalid_request', 'actor_token invalid');
    await expectOAuthError(
      await exchange({ subject_token: FIDS.alice, subject_token_type: TT.userId, actor_token: BOT_PAT }),
      400,
      'invalid_request',
      'actor_token invalid',
    );
    await expectOAuthError(
      await exchange({ subject_token: FIDS.alice, subject_token_type: TT.userId, actor_token: FIDS.bot, actor_token_type: TT.userId }),
      400,
      'invalid_request',
      'actor_token invalid',
    );
  });

  it('"EXCHANGE: access token, requested token type not supported error" → invalid_request "Errors.TokenExchange.Token.TypeNotSupported"', async () => {
    const res = await exchange({ subject_token: BOT_PAT, subject_token_type: TT.accessToken, requested_token_type: TT.refreshToken });
    await expectOAuthError(res, 400, 'invalid_request', 'Errors.TokenExchange.Token.TypeNotSupported');
  });
});

describe('device authorization without scope (token_device_test.go "authorized" sends no scopes)', () => {
  it('no scope parameter → 200 with a device code', async () => {
    const started = await json(await post('/oauth/v2/device_authorization', FAPPS.full, {}));
    expect(Object.keys(started).sort()).toStrictEqual(['device_code', 'expires_in', 'interval', 'user_code', 'verification_uri', 'verification_uri_complete']);
  });

  it('scope= → the whole flow works; tokens carry only the asserted role scopes and no ID token', async () => {
    const tokens = await deviceTokens(issuer, FAPPS.full, '', FIDS.alice);
    expect(Object.keys(tokens).sort()).toStrictEqual(['access_token', 'expires_in', 'token_type']);
    const introspection = await introspectByShopApi(tokens.access_token);
    expect(introspection).toMatchObject({ active: true, sub: FIDS.alice, scope: ROLE_SCOPES.join(' ') });
  });
});

describe('updated_at is always there with the profile scope (token_client_credentials_test.go "openid, profile, email"; userInfoProfileToOidc)', () => {
  /** 2024-01-01T00:00:00Z: the stable default for users a seed file gives without `updatedAt`. */
  const SEED_DEFAULT = 1_704_067_200;

  it('a service user without a change date: userinfo and introspection carry the stable default', async () => {
    const tokens = await clientCredentialsTokens(issuer, BOT, `openid profile email urn:zitadel:iam:org:project:id:${FIDS.shop}:aud`);
    const profile = { name: 'Build Bot', updated_at: SEED_DEFAULT, preferred_username: 'bot' };
    expect((await userinfo(issuer, tokens.access_token)).body).toStrictEqual({ sub: FIDS.bot, ...profile });
    expect(await introspect(issuer, FAPPS.shopApi, tokens.access_token)).toMatchObject({ ...profile, username: 'bot' });
  });

  it('a human user without a change date gets it in the ID token too; alice keeps her recorded one', async () => {
    const bob = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid profile', userId: FIDS.bob });
    expect((await verifiedPayload(issuer, bob.id_token ?? '')).updated_at).toBe(SEED_DEFAULT);
    const alice = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid profile', userId: FIDS.alice });
    expect((await verifiedPayload(issuer, alice.id_token ?? '')).updated_at).toBe(UPDATED_AT);
  });

  it('editing a user through the admin API records the edit time', async () => {
    const admin = { Authorization: `Bearer ${emulator.adminToken}`, 'Content-Type': 'application/json' };
    const stored = await fetch(`${issuer}/_emulator/api/users/${FIDS.bob}`, { headers: admin });
    const user = (await stored.json()) as Json;
    const edited = await fetch(`${issuer}/_emulator/api/users/${FIDS.bob}`, { method: 'PUT', headers: admin, body: JSON.stringify({ ...user, userName: 'bob' }) });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as { entity: Json }).entity.updatedAt).toBe(NOW);
    const tokens = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid profile', userId: FIDS.bob });
    expect((await userinfo(issuer, tokens.access_token)).body.updated_at).toBe(NOW);
  });
});

describe('user groups (userinfo_test.go Test_userInfoToOIDC "scope user groups (group names)" / "scope custom user groups"; idtoken_groups_test.go)', () => {
  const names = { groups: ['Developers', 'Support'] };
  const idsAndNames = {
    'urn:zitadel:iam:user:groups': [
      { id: GROUPS.developers, name: 'Developers' },
      { id: GROUPS.support, name: 'Support' },
    ],
  };

  it('both group scopes: the same claims in the ID token (no userinfo assertion needed), JWT access token, userinfo and introspection', async () => {
    const scope = 'openid groups urn:zitadel:iam:user:groups';
    const tokens = await loginTokens(issuer, { app: FAPPS.plain, scope, userId: FIDS.alice });
    const idToken = await verifiedPayload(issuer, tokens.id_token ?? '');
    expect(idToken).toMatchObject({ sub: FIDS.alice, ...names, ...idsAndNames });
    expect(await verifiedPayload(issuer, tokens.access_token)).toMatchObject({ sub: FIDS.alice, ...names, ...idsAndNames });
    const info = await userinfo(issuer, tokens.access_token);
    expect(info.body).toStrictEqual({ sub: FIDS.alice, ...names, ...idsAndNames, ...ALICE_ROLES });
    expect(await introspectByShopApi(tokens.access_token)).toMatchObject({ active: true, ...names, ...idsAndNames });
  });

  it('TestServer_IDToken_Groups_NoScope: no group scope, no group claims', async () => {
    const tokens = await loginTokens(issuer, { app: FAPPS.full, scope: 'openid profile email', userId: FIDS.alice });
    const idToken = await verifiedPayload(issuer, tokens.id_token ?? '');
    expect(idToken).not.toHaveProperty('groups');
    expect(idToken).not.toHaveProperty('urn:zitadel:iam:user:groups');
  });

  it('a user in no group gets neither claim; provenance says why, and names the groups when present', async () => {
    const bot = await clientCredentialsTokens(issuer, BOT, 'openid groups urn:zitadel:iam:user:groups');
    expect((await userinfo(issuer, bot.access_token)).body).toStrictEqual({ sub: FIDS.bot });
    const bob = await loginTokens(issuer, { app: FAPPS.plain, scope: 'openid groups', userId: FIDS.bob });
    expect((await verifiedPayload(issuer, bob.id_token ?? '')).groups).toStrictEqual(['Developers']);
    const notesOf = (value: string | undefined) =>
      emulator.activity.list().find((e) => e.tokens?.some((t) => t.value === value))?.tokens?.find((t) => t.kind === 'id_token')?.notes ?? [];
    expect(notesOf(bot.id_token).find((n) => n.claim === 'groups' && !n.present)?.why).toBe('user is a member of no active group');
    expect(notesOf(bob.id_token).find((n) => n.claim === 'groups' && n.present)?.why).toBe(`scope "groups": member of Developers (${GROUPS.developers})`);
  });

  it('groups created and edited through the admin API show up in the next token', async () => {
    const admin = { Authorization: `Bearer ${emulator.adminToken}`, 'Content-Type': 'application/json' };
    const created = await fetch(`${issuer}/_emulator/api/groups`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ orgId: FIDS.orgA, name: 'Bots', userIds: [FIDS.bot] }),
    });
    expect(created.status).toBe(201);
    const group = ((await created.json()) as { entity: Json }).entity;
    expect(group).toMatchObject({ orgId: FIDS.orgA, name: 'Bots', description: '', state: 'active', userIds: [FIDS.bot] });
    const tokens = await clientCredentialsTokens(issuer, BOT, 'openid groups urn:zitadel:iam:user:groups');
    expect((await userinfo(issuer, tokens.access_token)).body).toStrictEqual({
      sub: FIDS.bot,
      groups: ['Bots'],
      'urn:zitadel:iam:user:groups': [{ id: group.id, name: 'Bots' }],
    });
    const unknownMember = await fetch(`${issuer}/_emulator/api/groups/${String(group.id)}`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ ...group, userIds: [FIDS.bot, '999'] }),
    });
    expect(unknownMember.status).toBe(400);
    expect(await unknownMember.text()).toContain('no user has id \\"999\\"');
    const removed = await fetch(`${issuer}/_emulator/api/groups/${String(group.id)}`, { method: 'DELETE', headers: admin });
    expect(removed.status).toBe(200);
    expect(emulator.store.data.groups.map((g) => g.name)).toStrictEqual(['Developers', 'Retired', 'Support']);
  });

  it('deleting a user removes it from its groups', async () => {
    const admin = { Authorization: `Bearer ${emulator.adminToken}`, 'Content-Type': 'application/json' };
    const created = await fetch(`${issuer}/_emulator/api/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ orgId: FIDS.orgB, userName: 'carol', human: { profile: { givenName: 'Carol' } } }),
    });
    const carol = ((await created.json()) as { entity: Json }).entity;
    const support = emulator.store.data.groups.find((g) => g.id === GROUPS.support);
    const joined = await fetch(`${issuer}/_emulator/api/groups/${GROUPS.support}`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ ...support, userIds: [FIDS.alice, carol.id] }),
    });
    expect(joined.status).toBe(200);
    expect((await fetch(`${issuer}/_emulator/api/users/${String(carol.id)}`, { method: 'DELETE', headers: admin })).status).toBe(200);
    expect(emulator.store.data.groups.find((g) => g.id === GROUPS.support)?.userIds).toStrictEqual([FIDS.alice]);
  });
});
