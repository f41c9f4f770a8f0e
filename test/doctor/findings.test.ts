// The relying-party doctor (issue 16): each finding is produced by the request that should
// produce it, lands on that request's Activity entry (library and admin API), and the protocol
// response stays exactly what ZITADEL answers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ActivityEventDto, ActivityKind, DoctorFindingDto } from '../../src/common/admin-api.js';
import type { Emulator } from '../../src/main/emulator.js';
import type { StoreInput } from '../../src/main/store/schema.js';
import { startTestEmulator } from '../helpers/emulator.js';
import {
  APPS,
  authorizeUrl,
  basicAuth,
  buildErrorsSeed,
  expectOAuthError,
  get,
  IDS,
  locationOf,
  loginForCode,
  pkcePair,
  postForm,
  tokenEndpoint,
  userinfo,
  webLoginTokens,
  type TokenResponse,
} from '../helpers/http-login.js';

const OTHER_PROJECT = '300000000000000012';
const OTHER_API = { clientId: '300000000000000049', secret: 'other-api-secret' };
const API = { clientId: '300000000000000039', secret: 'api-secret' };
const ADMIN_TOKEN = 'doctor-admin-token';

function buildSeed(): StoreInput {
  const seed = buildErrorsSeed();
  seed.projects = [...(seed.projects ?? []), { id: OTHER_PROJECT, orgId: IDS.org, name: 'Billing' }];
  seed.users = [
    ...(seed.users ?? []),
    { id: '300000000000000048', orgId: IDS.org, userName: 'svc', machine: { name: 'svc', clientSecret: 'svc-secret' } },
  ];
  seed.apps = [
    ...(seed.apps ?? []),
    { id: '300000000000000149', projectId: OTHER_PROJECT, name: 'billing-api', clientId: OTHER_API.clientId, clientSecret: OTHER_API.secret, api: { authMethod: 'basic' }, keys: [] },
  ];
  return seed;
}

let emulator: Emulator;
let issuer: string;
let now = Date.parse('2026-03-01T10:00:00Z');

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildSeed(), clock: { now: () => now }, adminToken: ADMIN_TOKEN });
  issuer = emulator.issuer;
});
afterAll(() => emulator.close());

/** The newest Activity entry of this kind. */
function lastEvent(kind: ActivityKind): ActivityEventDto {
  const event = emulator.activity.list().filter((e) => e.kind === kind).at(-1);
  if (!event) throw new Error(`no ${kind} event`);
  return event;
}

function findingsOf(kind: ActivityKind): DoctorFindingDto[] {
  return lastEvent(kind).findings ?? [];
}

function expectFinding(kind: ActivityKind, code: string, severity: 'info' | 'warn', message: string | RegExp): void {
  const found = findingsOf(kind).filter((f) => f.code === code);
  expect(found, JSON.stringify(findingsOf(kind))).toHaveLength(1);
  const finding = found[0] as DoctorFindingDto;
  expect(finding.severity).toBe(severity);
  expect(finding.docs).toBe(`docs/doctor.md#${code}`);
  if (typeof message === 'string') expect(finding.message).toBe(message);
  else expect(finding.message).toMatch(message);
}

/** /authorize answered as usual: a redirect to the login page. */
async function expectLoginRedirect(res: Response): Promise<void> {
  const login = locationOf(res, issuer);
  expect(login.pathname).toBe('/ui/login/login');
  expect(login.searchParams.get('authRequestID')).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits (issue 12)
}

const web = { client_id: APPS.web.clientId, redirect_uri: APPS.web.redirectUri, response_type: 'code', state: 'st', nonce: 'n' };

function introspect(token: string, caller = API): Promise<Response> {
  return postForm(`${issuer}/oauth/v2/introspect`, { token }, basicAuth(caller.clientId, caller.secret));
}

async function expectInactive(res: Response): Promise<void> {
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('{"active":false}');
}

function refresh(refreshToken: string): Promise<Response> {
  return postForm(tokenEndpoint(issuer), { grant_type: 'refresh_token', refresh_token: refreshToken }, basicAuth(APPS.web.clientId, APPS.web.secret));
}

describe('authorize findings', () => {
  test('a complete request has no findings', async () => {
    await expectLoginRedirect(await get(authorizeUrl(issuer, { ...web, scope: 'openid email' })));
    expect(lastEvent('authorize')).not.toHaveProperty('findings');
  });

  test('unknown scopes are dropped, and the doctor says so', async () => {
    await expectLoginRedirect(await get(authorizeUrl(issuer, { ...web, scope: 'openid read:orders' })));
    expectFinding('authorize', 'unknown-scope', 'info', 'scope "read:orders" is not one ZITADEL knows; it was dropped silently');
  });

  test('a role scope for a role the project does not have', async () => {
    await expectLoginRedirect(await get(authorizeUrl(issuer, { ...web, scope: 'openid urn:zitadel:iam:org:project:role:owner' })));
    expectFinding(
      'authorize',
      'unknown-role-scope',
      'warn',
      'role scope "urn:zitadel:iam:org:project:role:owner" names no role of project "Shop"; ZITADEL drops it silently',
    );
    expect(findingsOf('authorize').map((f) => f.code)).toEqual(['unknown-role-scope']);
  });

  test('an aud scope naming a project that does not exist', async () => {
    await expectLoginRedirect(await get(authorizeUrl(issuer, { ...web, scope: 'openid urn:zitadel:iam:org:project:id:123:aud' })));
    expectFinding('authorize', 'unknown-audience-project', 'warn', /^scope "urn:zitadel:iam:org:project:id:123:aud" names project 123, which does not exist/);
  });

  test('a public client without PKCE, and one with plain', async () => {
    const spa = { client_id: APPS.spa.clientId, redirect_uri: APPS.spa.redirectUri, response_type: 'code', scope: 'openid', state: 's', nonce: 'n' };
    await expectLoginRedirect(await get(authorizeUrl(issuer, spa)));
    expectFinding('authorize', 'public-client-without-pkce', 'warn', /^public client spa sent no code_challenge/);

    await expectLoginRedirect(await get(authorizeUrl(issuer, { ...spa, code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })));
    expectFinding('authorize', 'pkce-plain', 'warn', /^code_challenge_method is plain/);
    expect(findingsOf('authorize').map((f) => f.code)).toEqual(['pkce-plain']);

    await expectLoginRedirect(await get(authorizeUrl(issuer, { ...spa, code_challenge: pkcePair().challenge, code_challenge_method: 'S256' })));
    expect(lastEvent('authorize')).not.toHaveProperty('findings');
  });

  test('missing state and nonce', async () => {
    await expectLoginRedirect(await get(authorizeUrl(issuer, { ...web, state: undefined, nonce: undefined, scope: 'openid' })));
    expectFinding('authorize', 'missing-state', 'warn', 'no state parameter: the app cannot tell its own login responses from forged ones (CSRF)');
    expectFinding('authorize', 'missing-nonce', 'info', 'no nonce: the ID token cannot be tied to this login, so a replayed ID token goes unnoticed');
  });

  test('an id_token_hint issued to another client', async () => {
    const tokens = await webLoginTokens(issuer, 'openid');
    const res = await get(
      authorizeUrl(issuer, { client_id: APPS.post.clientId, redirect_uri: APPS.post.redirectUri, response_type: 'code', scope: 'openid', state: 's', nonce: 'n', id_token_hint: tokens.id_token, prompt: 'login' }),
    );
    await expectLoginRedirect(res);
    expectFinding(
      'authorize',
      'id-token-hint-other-client',
      'warn',
      `id_token_hint was issued to client ${APPS.web.clientId}, not to ${APPS.post.clientId}; ZITADEL only uses it to pick the user`,
    );
  });

  test('a redirect URI accepted only because of dev mode', async () => {
    const dev = { client_id: APPS.spaDev.clientId, response_type: 'code', scope: 'openid', state: 's', nonce: 'n', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' };
    await expectLoginRedirect(await get(authorizeUrl(issuer, { ...dev, redirect_uri: 'http://localhost:4000/deep/cb' })));
    expectFinding(
      'authorize',
      'redirect-uri-dev-mode',
      'warn',
      "redirect_uri http://localhost:4000/deep/cb is accepted only because app spa-dev is in dev mode; with dev mode off ZITADEL answers \"The requested redirect_uri is missing in the client configuration. If you have any questions, you may contact the administrator of the application.\"",
    );
  });

  test('service users: dropped scopes and unknown aud projects at the token endpoint', async () => {
    const res = await postForm(
      tokenEndpoint(issuer),
      { grant_type: 'client_credentials', scope: 'openid api.write urn:zitadel:iam:org:project:id:999:aud' },
      basicAuth('svc', 'svc-secret'),
    );
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()) as object)).toEqual(['access_token', 'token_type', 'expires_in', 'id_token']);
    expect(findingsOf('token').map((f) => f.code)).toEqual(['unknown-scope', 'unknown-audience-project']);
    expectFinding('token', 'unknown-scope', 'info', 'scope "api.write" is not one ZITADEL knows; it was dropped silently');
  });

  test('the device authorization endpoint reports dropped scopes too', async () => {
    const res = await postForm(`${issuer}/oauth/v2/device_authorization`, { client_id: APPS.native.clientId, scope: 'openid tenant' });
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()) as object)).toEqual(['device_code', 'user_code', 'verification_uri', 'verification_uri_complete', 'expires_in', 'interval']);
    expectFinding('device_authorization', 'unknown-scope', 'info', 'scope "tenant" is not one ZITADEL knows; it was dropped silently');
  });
});

describe('introspection and token findings', () => {
  let tokens: TokenResponse;
  beforeAll(async () => {
    tokens = await webLoginTokens(issuer, 'openid email offline_access');
  });

  test('an active answer has no findings', async () => {
    const res = await introspect(tokens.access_token);
    expect(((await res.json()) as { active: boolean }).active).toBe(true);
    expect(lastEvent('introspect')).not.toHaveProperty('findings');
  });

  test('inactive: a caller whose project is not in the audience', async () => {
    await expectInactive(await introspect(tokens.access_token, OTHER_API));
    expectFinding(
      'introspect',
      'introspection-inactive',
      'warn',
      `introspection answered {"active":false} because its audience (${APPS.web.clientId}, ${APPS.post.clientId}, ${APPS.spa.clientId}, ${APPS.spaDev.clientId}, ${APPS.native.clientId}, ${APPS.inactive.clientId}, ${APPS.docsExample.clientId}, ${API.clientId}, ${IDS.project}) contains neither the caller's client id ${OTHER_API.clientId} nor its project id ${OTHER_PROJECT}; add the aud scope urn:zitadel:iam:org:project:id:${OTHER_PROJECT}:aud when requesting the token`,
    );
  });

  test('inactive: an unknown token', async () => {
    await expectInactive(await introspect('not-a-token'));
    expectFinding(
      'introspect',
      'introspection-inactive',
      'warn',
      'introspection answered {"active":false} because unknown token: this emulator never issued it, or it was revoked or expired before a restart',
    );
  });

  test('inactive: an inactive user', async () => {
    const own = await webLoginTokens(issuer, 'openid');
    emulator.store.update((d) => {
      const alice = d.users.find((u) => u.id === IDS.alice);
      if (alice) alice.state = 'inactive';
    });
    try {
      await expectInactive(await introspect(own.access_token));
      expectFinding('introspect', 'introspection-inactive', 'warn', 'introspection answered {"active":false} because its user (or the user\u2019s organization) is not active');
    } finally {
      emulator.store.update((d) => {
        const alice = d.users.find((u) => u.id === IDS.alice);
        if (alice) alice.state = 'active';
      });
    }
  });

  test('inactive: revoked', async () => {
    const own = await webLoginTokens(issuer, 'openid');
    const revoked = await postForm(`${issuer}/oauth/v2/revoke`, { token: own.access_token }, basicAuth(APPS.web.clientId, APPS.web.secret));
    expect(revoked.status).toBe(200);
    await expectInactive(await introspect(own.access_token));
    expectFinding('introspect', 'introspection-inactive', 'warn', `introspection answered {"active":false} because it was revoked at ${new Date(now).toISOString()}`);
  });

  test('a refresh token presented twice is a replay', async () => {
    const own = await webLoginTokens(issuer, 'openid offline_access');
    const first = await refresh(own.refresh_token ?? '');
    expect(first.status).toBe(200);
    expect(lastEvent('token')).not.toHaveProperty('findings');
    await expectOAuthError(await refresh(own.refresh_token ?? ''), 400, 'invalid_request', 'Errors.OIDCSession.RefreshTokenInvalid');
    expectFinding('token', 'refresh-token-replay', 'warn', new RegExp(`^this refresh token was already exchanged at ${new Date(now).toISOString()}; refresh tokens rotate`));
    // The access token the refresh replaced is explained too.
    await expectInactive(await introspect(own.access_token));
    expectFinding('introspect', 'introspection-inactive', 'warn', `introspection answered {"active":false} because a refresh at ${new Date(now).toISOString()} replaced it with a new access token`);
  });

  test('tokens used after expiry: introspection, userinfo, refresh', async () => {
    const own = await webLoginTokens(issuer, 'openid offline_access');
    const expiresAt = Math.floor(now / 1000) + 43200;
    now += 43201 * 1000;
    try {
      await expectInactive(await introspect(own.access_token));
      expectFinding('introspect', 'introspection-inactive', 'warn', `introspection answered {"active":false} because it expired at ${new Date(expiresAt * 1000).toISOString()} (1 s ago)`);

      await expectOAuthError(await userinfo(issuer, own.access_token), 401, 'access_denied', 'access token invalid');
      expectFinding('userinfo', 'token-expired', 'warn', `access token used after expiry: it expired at ${new Date(expiresAt * 1000).toISOString()} (1 s ago)`);

      // The refresh token lives 30 days idle: still fine after 12 hours.
      expect((await refresh(own.refresh_token ?? '')).status).toBe(200);
      now += 31 * 24 * 3600 * 1000;
      const stale = await webLoginTokens(issuer, 'openid offline_access');
      now += 31 * 24 * 3600 * 1000;
      await expectOAuthError(await refresh(stale.refresh_token ?? ''), 400, 'invalid_request', 'Errors.OIDCSession.RefreshTokenInvalid');
      expectFinding('token', 'token-expired', 'warn', /^refresh token used after its idle expiration: it expired at .* \(86400 s ago\)$/);
    } finally {
      now = Date.now();
    }
  });
});

describe('where findings show', () => {
  test('the admin API lists them with the request', async () => {
    await get(authorizeUrl(issuer, { ...web, scope: 'openid unknown-thing' }));
    const res = await fetch(`${issuer}/_emulator/api/activity`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    const events = (await res.json()) as ActivityEventDto[];
    const event = events.filter((e) => e.kind === 'authorize').at(-1);
    expect(event?.findings).toEqual([
      { severity: 'info', code: 'unknown-scope', message: 'scope "unknown-thing" is not one ZITADEL knows; it was dropped silently', docs: 'docs/doctor.md#unknown-scope' },
    ]);
  });

  test('with doctor on, the log line carries them; quiet prints only requests with findings', async () => {
    const lines: string[] = [];
    const doctor = await startTestEmulator({ store: buildSeed(), doctor: true, log: (line) => lines.push(line) });
    try {
      await get(authorizeUrl(doctor.issuer, { ...web, scope: 'openid' }));
      await get(authorizeUrl(doctor.issuer, { ...web, scope: 'openid nope' }));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^GET \/oauth\/v2\/authorize 302 \d+\.\dms\n {2}doctor info: scope "nope" is not one ZITADEL knows; it was dropped silently \(docs\/doctor\.md#unknown-scope\)$/,
      );
    } finally {
      await doctor.close();
    }
  });
});
