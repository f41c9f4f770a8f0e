// Property checks over random scope subsets (seeded PRNG, reference §3.1 placement matrix and
// §3.2 role rules): nothing appears that no rule allows, and role claims only name held roles.
import { describe, expect, it } from 'vitest';
import { buildJwtAccessTokenClaims } from '../../../src/main/oidc/claims/access-token-claims.js';
import { serviceUserAudience, sessionAudience } from '../../../src/main/oidc/claims/audience.js';
import type { ClaimNote, Claims, ClaimSubject } from '../../../src/main/oidc/claims/claim-types.js';
import { buildIdTokenClaims } from '../../../src/main/oidc/claims/id-token-claims.js';
import { buildIntrospectionClaims } from '../../../src/main/oidc/claims/introspection-claims.js';
import { addRoleAssertionScopes, filterRequestedScopes } from '../../../src/main/oidc/claims/scopes.js';
import { buildUserinfoClaims } from '../../../src/main/oidc/claims/userinfo-claims.js';
import { AUTH_TIME, EXPIRES_AT, IDS, ISSUER, NOW, buildSubject, loadClaimsSeed } from '../../fixtures/claims-seed.js';

/** mulberry32: a tiny seeded PRNG so every run checks the same cases. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seed = loadClaimsSeed();
const POOL = [
  'openid',
  'profile',
  'email',
  'phone',
  'address',
  'offline_access',
  'urn:zitadel:iam:user:metadata',
  'urn:zitadel:iam:user:resourceowner',
  'urn:zitadel:iam:org:projects:roles',
  `urn:zitadel:iam:org:project:id:${IDS.shop}:aud`,
  `urn:zitadel:iam:org:project:id:${IDS.partner}:aud`,
  `urn:zitadel:iam:org:project:id:${IDS.billing}:aud`,
  'urn:zitadel:iam:org:project:id:zitadel:aud',
  'urn:zitadel:iam:org:project:role:admin',
  'urn:zitadel:iam:org:project:role:viewer',
  'urn:zitadel:iam:org:project:role:member',
  'urn:zitadel:iam:org:project:role:reader',
  'urn:zitadel:iam:org:project:role:ghost',
  `urn:zitadel:iam:org:roles:id:${IDS.orgA}`,
  `urn:zitadel:iam:org:roles:id:${IDS.orgB}`,
  `urn:zitadel:iam:org:id:${IDS.orgA}`,
  'urn:zitadel:iam:org:domain:primary:a.localhost',
  'urn:zitadel:iam:org:idp:id:300000000000000001',
  'groups',
  'bogus',
];
const USERS = [IDS.alice, IDS.bob, IDS.bot, IDS.dave];
const APPS = [IDS.webApp, IDS.spaApp, IDS.billingApp, undefined];

const SCOPE_CLAIMS: Record<string, string[]> = {
  profile: ['name', 'given_name', 'family_name', 'nickname', 'gender', 'locale', 'updated_at', 'preferred_username'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};
const ROLE_CLAIM = /^urn:zitadel:iam:org:project:(?:([^:]+):)?roles$/;

type Kind = 'id' | 'at' | 'userinfo' | 'introspection';
const BASE: Record<Kind, string[]> = {
  id: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'amr', 'azp', 'client_id', 'nonce', 'at_hash', 'sid'],
  at: ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'client_id', 'jti'],
  userinfo: ['sub'],
  introspection: ['active', 'scope', 'client_id', 'token_type', 'exp', 'iat', 'auth_time', 'nbf', 'sub', 'aud', 'amr', 'iss', 'jti'],
};

interface Case {
  subject: ClaimSubject;
  kind: Kind;
  audProjects: string[];
  callerProjectId: string;
}

/** The rule that lets `claim` appear, or undefined when none does (reference §3.1). */
function isAllowed(claim: string, { subject, kind, audProjects, callerProjectId }: Case): boolean {
  const { scopes, app } = subject;
  if (BASE[kind].includes(claim)) return true;
  if (claim === 'username') return kind === 'introspection' && scopes.includes('profile');
  const profileScope = Object.keys(SCOPE_CLAIMS).find((s) => SCOPE_CLAIMS[s]?.includes(claim));
  if (profileScope !== undefined) {
    if (!scopes.includes(profileScope)) return false;
    if (kind === 'at') return false;
    if (kind === 'id') return app?.oidc?.idTokenUserinfoAssertion === true;
    return true;
  }
  const role = ROLE_CLAIM.exec(claim);
  if (role) {
    if (kind === 'id' && app && !app.oidc?.idTokenRoleAssertion) return false;
    if (kind === 'at' && app && !app.oidc?.accessTokenRoleAssertion) return false;
    const own = kind === 'introspection' ? callerProjectId : app?.projectId;
    const projectId = role[1] ?? own;
    if (projectId === undefined) return false;
    return projectId === own || (kind !== 'introspection' && audProjects.includes(projectId));
  }
  if (claim === 'urn:zitadel:iam:user:metadata') return scopes.includes('urn:zitadel:iam:user:metadata');
  if (claim.startsWith('urn:zitadel:iam:user:resourceowner:')) {
    return scopes.some((s) => s === 'urn:zitadel:iam:user:resourceowner' || s.startsWith('urn:zitadel:iam:org:id:'));
  }
  if (claim === 'urn:zitadel:iam:org:id') return scopes.some((s) => s.startsWith('urn:zitadel:iam:org:id:'));
  if (claim === 'urn:zitadel:iam:org:domain:primary') return scopes.some((s) => s.startsWith('urn:zitadel:iam:org:domain:primary:'));
  return false;
}

/** Every role in a role claim is held: an active grant of an active user, granted by the owning org. */
function expectHeldRoles(claims: Claims, c: Case): void {
  const { user, scopes, index } = c.subject;
  const requested = scopes.filter((s) => s.startsWith('urn:zitadel:iam:org:project:role:')).map((s) => s.slice(33));
  for (const [claim, value] of Object.entries(claims)) {
    const match = ROLE_CLAIM.exec(claim);
    if (!match) continue;
    const projectId = match[1] ?? (c.kind === 'introspection' ? c.callerProjectId : c.subject.app?.projectId);
    const project = index.projectsById.get(projectId ?? '');
    expect(project, claim).toBeDefined();
    expect(user.state).toBe('active');
    const org = index.orgsById.get(project?.orgId ?? '');
    const grants = (index.grantsByUserId.get(user.id) ?? []).filter((g) => g.projectId === projectId && g.state === 'active');
    expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
    for (const [roleKey, orgs] of Object.entries(value as Record<string, unknown>)) {
      expect(grants.some((g) => g.roleKeys.includes(roleKey)), `${claim} ${roleKey}`).toBe(true);
      if (requested.length > 0) expect(requested).toContain(roleKey);
      expect(orgs).toEqual({ [org?.id ?? '?']: org?.primaryDomain });
    }
  }
}

function expectNotesMatch(claims: Claims, notes: readonly ClaimNote[], scopes: readonly string[]): void {
  const present = notes.filter((n) => n.present).map((n) => n.claim);
  expect([...present].sort()).toEqual(Object.keys(claims).sort());
  for (const note of notes) {
    expect(note.why.length).toBeGreaterThan(0);
    if (!note.present) expect(Object.hasOwn(claims, note.claim)).toBe(false);
  }
  // Every claim a granted scope asks for is either emitted or explained.
  const asked = Object.keys(SCOPE_CLAIMS).filter((s) => scopes.includes(s)).flatMap((s) => SCOPE_CLAIMS[s] ?? []);
  if (scopes.includes('urn:zitadel:iam:user:metadata')) asked.push('urn:zitadel:iam:user:metadata');
  for (const claim of asked) {
    expect(Object.hasOwn(claims, claim) || notes.some((n) => n.claim === claim && !n.present), claim).toBe(true);
  }
}

describe('claims over random scope subsets', () => {
  it('emit only allowed claims, held roles, notes for each claim, and an ID-token aud with the client id', () => {
    const random = createRandom(20250101);
    const seen = new Set<string>();
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    for (let i = 0; i < 200; i++) {
      const userId = pick(USERS);
      const appId = pick(APPS);
      const app = appId === undefined ? undefined : seed.index.appsById.get(appId);
      const project = app ? seed.index.projectsById.get(app.projectId) : undefined;
      let scopes = filterRequestedScopes(POOL.filter(() => random() < 0.3), project);
      if (random() < 0.5) scopes = addRoleAssertionScopes(scopes, project);
      const subject = buildSubject(seed, { userId, scopes, ...(appId ? { appId } : {}) });
      const zitadelProjectId = seed.data.instance.id;
      const audience = app
        ? sessionAudience({ index: seed.index, app, scopes, zitadelProjectId })
        : serviceUserAudience({ scopes, clientId: subject.clientId, zitadelProjectId }).accessToken;
      const audProjects = scopes
        .filter((s) => s.startsWith('urn:zitadel:iam:org:project:id:') && s.endsWith(':aud'))
        .map((s) => s.slice(31, -4))
        .map((id) => (id === 'zitadel' ? zitadelProjectId : id));
      const callerProjectId = pick([IDS.shop, IDS.partner, IDS.billing]);
      const times = { issuer: ISSUER, now: NOW, expiresAt: EXPIRES_AT, audience };
      const results: [Kind, { claims: Claims; notes: ClaimNote[] }][] = [
        ['id', buildIdTokenClaims({ ...subject, ...times, authTime: AUTH_TIME, amr: ['pwd'], ...(app ? { sid: 's', nonce: 'n' } : {}) })],
        ['at', buildJwtAccessTokenClaims({ ...subject, ...times, jti: 'j' })],
        ['userinfo', buildUserinfoClaims(subject)],
        [
          'introspection',
          buildIntrospectionClaims({ ...subject, ...times, issuedAt: NOW, jti: 'j', amr: ['pwd'], authTime: AUTH_TIME, callerProjectId }),
        ],
      ];
      for (const [kind, { claims, notes }] of results) {
        const c: Case = { subject, kind, audProjects, callerProjectId };
        const context = `#${i} ${kind} user=${userId} app=${app?.name ?? 'service'} scopes=${scopes.join(' ')}`;
        for (const claim of Object.keys(claims)) expect(isAllowed(claim, c), `${context}: ${claim}`).toBe(true);
        expectHeldRoles(claims, c);
        expectNotesMatch(claims, notes, scopes);
        for (const claim of Object.keys(claims)) seen.add(`${kind} ${ROLE_CLAIM.test(claim) ? 'role' : claim}`);
        if (kind === 'id') expect(claims['aud'], context).toContain(subject.clientId);
        if (kind === 'at') expect(claims['scope'] ?? claims['azp']).toBeUndefined();
      }
    }
    // The random cases reach every kind of conditional claim, so the checks above are not vacuous.
    for (const kind of ['id', 'at', 'userinfo', 'introspection']) {
      expect(seen).toContain(`${kind} role`);
      expect(seen).toContain(`${kind} urn:zitadel:iam:user:metadata`);
      expect(seen).toContain(`${kind} urn:zitadel:iam:org:id`);
      if (kind !== 'at') expect(seen).toContain(`${kind} email`);
    }
  });
});
