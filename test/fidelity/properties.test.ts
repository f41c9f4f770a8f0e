// Property-style ZITADEL-fidelity checks over random scope sets, through real HTTP (one shared
// emulator, seeded PRNG so failures reproduce). For every login the ID token, the JWT access
// token, userinfo and introspection are checked against the rules of reference §3.1 (which
// claim may appear where, gated by which app flag and scope), §3.2 (role claims only name
// roles the user holds, from the org that granted them) and §2 (audience).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import {
  clientCredentialsTokens,
  introspect,
  isJws,
  loginTokens,
  startFidelityEmulator,
  userinfo,
  verifiedPayload,
  type Json,
} from '../helpers/fidelity-login.js';
import { BOT, FAPPS, FIDS, buildFidelitySeed } from '../helpers/fidelity-seed.js';

const SEED = 0x5eed_2026;
const HUMAN_LOGINS = 40;
const SERVICE_USER_GRANTS = 10;

/** mulberry32: small, seedable, good enough to pick scope subsets. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const store = buildFidelitySeed();
const OWN_ROLES = 'urn:zitadel:iam:org:project:roles';
const ROLE_CLAIM = /^urn:zitadel:iam:org:project:(?:(\d+|[^:]+):)?roles$/;
const PROFILE_CLAIMS = ['name', 'given_name', 'family_name', 'nickname', 'picture', 'gender', 'locale', 'updated_at', 'preferred_username'];
const EMAIL_CLAIMS = ['email', 'email_verified'];
const PHONE_CLAIMS = ['phone_number', 'phone_number_verified'];
const RESOURCEOWNER_CLAIMS = [
  'urn:zitadel:iam:user:resourceowner:id',
  'urn:zitadel:iam:user:resourceowner:name',
  'urn:zitadel:iam:user:resourceowner:primary_domain',
];

const SCOPE_POOL = [
  'profile',
  'email',
  'phone',
  'address',
  'offline_access',
  'urn:zitadel:iam:user:metadata',
  'urn:zitadel:iam:user:resourceowner',
  'urn:zitadel:iam:org:project:role:admin',
  'urn:zitadel:iam:org:project:role:viewer',
  'urn:zitadel:iam:org:project:role:nope',
  'urn:zitadel:iam:org:projects:roles',
  `urn:zitadel:iam:org:project:id:${FIDS.billing}:aud`,
  `urn:zitadel:iam:org:project:id:${FIDS.shop}:aud`,
  'urn:zitadel:iam:org:project:id:zitadel:aud',
  `urn:zitadel:iam:org:id:${FIDS.orgA}`,
  'urn:zitadel:iam:org:domain:primary:a.localhost',
  `urn:zitadel:iam:org:roles:id:${FIDS.orgA}`,
  `urn:zitadel:iam:org:roles:id:${FIDS.orgB}`,
  'urn:zitadel:iam:org:idp:id:123456789',
  'not-a-zitadel-scope',
];

interface AppUnderTest {
  name: string;
  clientId: string;
  secret: string;
  idTokenUserinfoAssertion: boolean;
  idTokenRoleAssertion: boolean;
  accessTokenRoleAssertion: boolean;
}

const APPS: AppUnderTest[] = (['full', 'plain', 'opaque'] as const).map((name) => {
  const app = store.apps?.find((a) => a.clientId === FAPPS[name].clientId);
  const oidc = app?.oidc ?? {};
  return {
    name,
    ...FAPPS[name],
    idTokenUserinfoAssertion: oidc.idTokenUserinfoAssertion ?? false,
    idTokenRoleAssertion: oidc.idTokenRoleAssertion ?? false,
    accessTokenRoleAssertion: oidc.accessTokenRoleAssertion ?? false,
  };
});

/** Every (project, role, granting org, domain) the user holds, from the seed (reference §3.2, §10). */
function heldRoles(userId: string): Set<string> {
  const held = new Set<string>();
  for (const grant of store.userGrants ?? []) {
    if (grant.userId !== userId || (grant.state ?? 'active') !== 'active') continue;
    const project = store.projects?.find((p) => p.id === grant.projectId);
    const viaGrant = store.projectGrants?.find((g) => g.id === grant.projectGrantId);
    const orgId = viaGrant?.grantedOrgId ?? project?.orgId ?? '';
    const domain = store.orgs?.find((o) => o.id === orgId)?.primaryDomain ?? '';
    for (const role of grant.roleKeys ?? []) held.add(`${grant.projectId}/${role}/${orgId}/${domain}`);
  }
  return held;
}

type Place = 'id_token' | 'access_token' | 'userinfo' | 'introspection';

interface Context {
  place: Place;
  userId: string;
  /** Scopes as granted (from introspection's `scope`, which includes appended role scopes). */
  scopes: string[];
  /** Project of `…:project:roles`: the client's (or, for introspection, the caller's) project. */
  ownProject: string | undefined;
  /** Which flag gates userinfo claims here (undefined: the place is not gated by a flag). */
  userinfoAllowed: boolean;
  rolesAllowed: boolean;
  isServiceUser: boolean;
}

const BASE: Record<Place, string[]> = {
  id_token: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'amr', 'azp', 'client_id', 'nonce', 'at_hash', 'sid'],
  access_token: ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'client_id', 'jti'],
  userinfo: ['sub'],
  introspection: ['active', 'scope', 'client_id', 'token_type', 'exp', 'iat', 'auth_time', 'nbf', 'sub', 'aud', 'amr', 'iss', 'jti', 'username'],
};

function audProjects(scopes: readonly string[]): string[] {
  return scopes.flatMap((s) => {
    const m = /^urn:zitadel:iam:org:project:id:([^:]+):aud$/.exec(s);
    return m?.[1] ? [m[1] === 'zitadel' ? FIDS.instance : m[1]] : [];
  });
}

/** Why `claim` may appear at `ctx.place` (reference §3.1), or undefined when no rule allows it. */
function allowedBy(claim: string, ctx: Context): string | undefined {
  const has = (scope: string): boolean => ctx.scopes.includes(scope);
  if (BASE[ctx.place].includes(claim)) {
    if (claim === 'username') return has('profile') ? 'introspection username' : undefined;
    return 'token metadata';
  }
  if (PROFILE_CLAIMS.includes(claim)) return has('profile') && ctx.userinfoAllowed ? 'profile' : undefined;
  if (EMAIL_CLAIMS.includes(claim)) return has('email') && ctx.userinfoAllowed ? 'email' : undefined;
  if (PHONE_CLAIMS.includes(claim)) return has('phone') && ctx.userinfoAllowed ? 'phone' : undefined;
  if (claim === 'urn:zitadel:iam:user:metadata') return has('urn:zitadel:iam:user:metadata') ? 'metadata' : undefined;
  if (RESOURCEOWNER_CLAIMS.includes(claim)) {
    return has('urn:zitadel:iam:user:resourceowner') || ctx.scopes.some((s) => s.startsWith('urn:zitadel:iam:org:id:')) ? 'resourceowner' : undefined;
  }
  if (claim === 'urn:zitadel:iam:org:id') return ctx.scopes.some((s) => s.startsWith('urn:zitadel:iam:org:id:')) ? 'org id' : undefined;
  if (claim === 'urn:zitadel:iam:org:domain:primary') {
    return ctx.scopes.some((s) => s.startsWith('urn:zitadel:iam:org:domain:primary:')) ? 'org domain' : undefined;
  }
  const role = ROLE_CLAIM.exec(claim);
  if (role) {
    if (!ctx.rolesAllowed) return undefined;
    const projectId = role[1];
    if (projectId === undefined) return ctx.ownProject !== undefined ? 'own project roles' : undefined;
    if (projectId === ctx.ownProject) return 'own project roles';
    // Introspection ignores aud-scope projects (§5); elsewhere they join with a role scope.
    return ctx.place !== 'introspection' && audProjects(ctx.scopes).includes(projectId) ? 'aud-scope project roles' : undefined;
  }
  return undefined;
}

function checkClaims(body: Json, ctx: Context, held: Set<string>, label: string): void {
  for (const claim of Object.keys(body)) {
    expect(allowedBy(claim, ctx), `${label}: no rule allows "${claim}" in the ${ctx.place}`).toBeDefined();
  }
  // Never, anywhere in these places (§3.1, §11.1).
  expect(body, label).not.toHaveProperty('acr');
  expect(body, label).not.toHaveProperty('address');
  if (ctx.place !== 'introspection') expect(body, label).not.toHaveProperty('scope');
  if (ctx.place === 'id_token') expect(body, label).not.toHaveProperty('nbf');
  if (ctx.place === 'access_token') {
    for (const claim of ['scope', 'azp', ...PROFILE_CLAIMS, ...EMAIL_CLAIMS, ...PHONE_CLAIMS]) expect(body, label).not.toHaveProperty(claim);
  }
  // Role claims only name roles the user holds, granted by the org named, with its primary domain.
  const requested = ctx.scopes.flatMap((s) => (s.startsWith('urn:zitadel:iam:org:project:role:') ? [s.slice(33)] : []));
  const orgFilter = ctx.scopes.flatMap((s) => (s.startsWith('urn:zitadel:iam:org:roles:id:') ? [s.slice(29)] : []));
  for (const [claim, value] of Object.entries(body)) {
    const match = ROLE_CLAIM.exec(claim);
    if (!match) continue;
    const projectId = match[1] ?? ctx.ownProject;
    expect(typeof value === 'object' && value !== null && !Array.isArray(value), `${label}: ${claim} is an object`).toBe(true);
    const roles = Object.entries(value as Record<string, Record<string, string>>);
    expect(roles.length, `${label}: ${claim} is not empty`).toBeGreaterThan(0);
    for (const [role, orgs] of roles) {
      if (requested.length > 0) expect(requested, `${label}: ${claim} names unrequested role ${role}`).toContain(role);
      for (const [orgId, domain] of Object.entries(orgs)) {
        expect(held, `${label}: ${claim} names ${role} from ${orgId}`).toContain(`${projectId}/${role}/${orgId}/${domain}`);
        if (orgFilter.length > 0) expect(orgFilter, `${label}: ${claim} names org ${orgId} outside roles:id`).toContain(orgId);
      }
    }
  }
}

let emulator: Emulator;
let issuer: string;

beforeAll(async () => {
  emulator = await startFidelityEmulator(store);
  issuer = emulator.issuer;
});

afterAll(async () => {
  await emulator?.close();
});

function pickScopes(random: () => number): string[] {
  const scopes = ['openid'];
  for (const scope of SCOPE_POOL) if (random() < 0.3) scopes.push(scope);
  // Shuffle the tail: claim rules must not depend on scope order.
  for (let i = scopes.length - 1; i > 1; i -= 1) {
    const j = 1 + Math.floor(random() * i);
    [scopes[i], scopes[j]] = [scopes[j] as string, scopes[i] as string];
  }
  return scopes;
}

describe(`random scope sets (seed ${SEED.toString(16)})`, () => {
  it(`${HUMAN_LOGINS} logins: every claim is allowed by §3.1, aud holds the client id, roles are held`, async () => {
    const random = prng(SEED);
    let rolesSeen = 0;
    for (let i = 0; i < HUMAN_LOGINS; i += 1) {
      const app = APPS[Math.floor(random() * APPS.length)] as AppUnderTest;
      const userId = random() < 0.7 ? FIDS.alice : FIDS.bob;
      const requested = pickScopes(random);
      const label = `#${i} app=${app.name} user=${userId} scope="${requested.join(' ')}"`;
      const tokens = await loginTokens(issuer, { app, scope: requested.join(' '), userId, nonce: `n-${i}` });
      const held = heldRoles(userId);

      const introspection = await introspect(issuer, FAPPS.shopApi, tokens.access_token);
      expect(introspection.active, label).toBe(true);
      const scopes = String(introspection.scope).split(' ');
      // Granted scopes are a subset of the requested ones plus appended role scopes (§1.2, §2).
      for (const s of scopes) expect(requested.includes(s) || s.startsWith('urn:zitadel:iam:org:project:role:'), `${label}: scope ${s}`).toBe(true);
      expect(scopes, label).not.toContain('not-a-zitadel-scope');
      expect(scopes, label).not.toContain('urn:zitadel:iam:org:project:role:nope');
      const roleAsked = scopes.some((s) => s.startsWith('urn:zitadel:iam:org:project:role:') || s === 'urn:zitadel:iam:org:projects:roles');
      const base = { userId, scopes, isServiceUser: false };

      const idToken = await verifiedPayload(issuer, tokens.id_token ?? '');
      expect(idToken.aud, label).toContain(app.clientId);
      expect(idToken.azp, label).toBe(app.clientId);
      checkClaims(idToken, { ...base, place: 'id_token', ownProject: FIDS.shop, userinfoAllowed: app.idTokenUserinfoAssertion, rolesAllowed: app.idTokenRoleAssertion && roleAsked }, held, `${label} id_token`);

      if (isJws(tokens.access_token)) {
        const accessToken = await verifiedPayload(issuer, tokens.access_token);
        checkClaims(accessToken, { ...base, place: 'access_token', ownProject: FIDS.shop, userinfoAllowed: false, rolesAllowed: app.accessTokenRoleAssertion && roleAsked }, held, `${label} access_token`);
      }
      const info = await userinfo(issuer, tokens.access_token);
      expect(info.status, label).toBe(200);
      checkClaims(info.body, { ...base, place: 'userinfo', ownProject: FIDS.shop, userinfoAllowed: true, rolesAllowed: roleAsked }, held, `${label} userinfo`);
      checkClaims(introspection, { ...base, place: 'introspection', ownProject: FIDS.shop, userinfoAllowed: true, rolesAllowed: true }, held, `${label} introspection`);
      rolesSeen += Object.keys(info.body).filter((k) => ROLE_CLAIM.test(k)).length;
    }
    // The sample must actually exercise role claims.
    expect(rolesSeen).toBeGreaterThan(HUMAN_LOGINS / 2);
  });

  it(`${SERVICE_USER_GRANTS} client_credentials grants: no own-project claim, no userinfo claims in tokens, roles held`, async () => {
    const random = prng(SEED + 1);
    const held = heldRoles(FIDS.bot);
    for (let i = 0; i < SERVICE_USER_GRANTS; i += 1) {
      const scopes = pickScopes(random);
      if (random() < 0.6) scopes.push(`urn:zitadel:iam:org:project:id:${FIDS.shop}:aud`);
      if (random() < 0.5) scopes.push('urn:zitadel:iam:org:project:role:editor');
      const label = `cc#${i} scope="${scopes.join(' ')}"`;
      const tokens = await clientCredentialsTokens(issuer, BOT, scopes.join(' '));
      expect(tokens.refresh_token, label).toBeUndefined();
      const roleAsked = scopes.some((s) => s.startsWith('urn:zitadel:iam:org:project:role:') || s === 'urn:zitadel:iam:org:projects:roles');
      const base = { userId: FIDS.bot, scopes, isServiceUser: true, ownProject: undefined };
      const idToken = await verifiedPayload(issuer, tokens.id_token ?? '');
      expect(idToken.aud, label).toContain(BOT.loginName);
      expect(idToken, label).not.toHaveProperty('sid');
      checkClaims(idToken, { ...base, place: 'id_token', userinfoAllowed: false, rolesAllowed: roleAsked }, held, `${label} id_token`);
      checkClaims(await verifiedPayload(issuer, tokens.access_token), { ...base, place: 'access_token', userinfoAllowed: false, rolesAllowed: roleAsked }, held, `${label} access_token`);
      const info = await userinfo(issuer, tokens.access_token);
      checkClaims(info.body, { ...base, place: 'userinfo', userinfoAllowed: true, rolesAllowed: roleAsked }, held, `${label} userinfo`);
      // §4.4: without a Shop aud scope the token is not for the Shop API and introspects inactive.
      const introspection = await introspect(issuer, FAPPS.shopApi, tokens.access_token);
      const forShop = scopes.includes(`urn:zitadel:iam:org:project:id:${FIDS.shop}:aud`);
      if (!forShop) expect(introspection, label).toStrictEqual({ active: false });
      else checkClaims(introspection, { ...base, place: 'introspection', ownProject: FIDS.shop, userinfoAllowed: true, rolesAllowed: true }, held, `${label} introspection`);
    }
  });
});
