// Actions v1 (reference zitadel-actions.md §3) over HTTP: scripts of the user's org run in the
// sandbox with ZITADEL's ctx and api, before v2 targets; a script flattening roles into a
// Hasura claims object shapes the ID token; a script that never ends is stopped by its timeout
// with ZITADEL's outcome for allowedToFail false (server_error) and true (claims so far kept).
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import type { StoreInput } from '../../src/main/store/schema.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, loginForCode, postForm } from '../helpers/http-login.js';
import { buildServiceUsersSeed, CLIENTS, PASSWORD, REDIRECT_URI, SU } from '../helpers/service-users-seed.js';
import { startActionServer, type ActionServer } from './action-server.js';

const A = { first: '610000000000000001', second: '610000000000000002', target: '610000000000000003' } as const;

let emulator: Emulator;
let issuer: string;
let server: ActionServer;

type ActionInput = NonNullable<StoreInput['actions']>[number];

function configure(actions: ActionInput[], trigger: 'preUserinfoCreation' | 'preAccessTokenCreation' = 'preUserinfoCreation', extra: (draft: Emulator['store']['data']) => void = () => undefined): void {
  emulator.store.update((draft) => {
    draft.actions = actions.map((a) => ({ timeout: 10, allowedToFail: false, state: 'active' as const, ...a }));
    draft.flows = [{ orgId: SU.org, type: 'complementToken', trigger, actionIds: actions.map((a) => a.id) }];
    draft.targets = [];
    draft.executions = [];
    const shop = draft.projects.find((p) => p.id === SU.shop);
    if (shop) shop.projectRoleAssertion = false;
    extra(draft);
  });
}

async function login(scope = 'openid', user?: { loginName: string; password: string }): Promise<Response> {
  const code = await loginForCode(issuer, { client_id: CLIENTS.web.clientId, redirect_uri: REDIRECT_URI, scope }, user);
  return postForm(`${issuer}/oauth/v2/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }, basicAuth(CLIENTS.web.clientId, CLIENTS.web.secret));
}

async function idTokenClaims(scope?: string): Promise<Record<string, unknown>> {
  const res = await login(scope);
  const body = (await res.json()) as { id_token?: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return decodeJwt(body.id_token ?? '');
}

beforeAll(async () => {
  server = await startActionServer();
  emulator = await startTestEmulator({ store: buildServiceUsersSeed() });
  issuer = emulator.issuer;
});
afterAll(async () => {
  await emulator.close();
  await server.close();
});
beforeEach(() => {
  server.calls.length = 0;
});

const HASURA = `function hasuraClaims(ctx, api) {
  var roles = [];
  var g = ctx.v1.user.grants;
  if (g && g.count > 0) {
    g.grants.forEach(function (grant) {
      grant.roles.forEach(function (r) { if (roles.indexOf(r) < 0) roles.push(r); });
    });
  }
  if (roles.length === 0) roles.push('anonymous');
  var user = ctx.v1.getUser();
  api.v1.claims.setClaim('https://hasura.io/jwt/claims', {
    'x-hasura-allowed-roles': roles,
    'x-hasura-default-role': roles[0],
    'x-hasura-user-id': user.id,
    'x-hasura-org-id': user.resourceOwner
  });
}`;

describe('Complement Token scripts', () => {
  it('flattens the grants of the role audience into a Hasura claims object in the ID token', async () => {
    configure([{ id: A.first, orgId: SU.org, name: 'hasuraClaims', script: HASURA }], 'preUserinfoCreation', (draft) => {
      const shop = draft.projects.find((p) => p.id === SU.shop);
      if (shop) shop.projectRoleAssertion = true;
    });
    const claims = await idTokenClaims('openid');
    expect(claims['https://hasura.io/jwt/claims']).toEqual({
      'x-hasura-allowed-roles': ['admin'],
      'x-hasura-default-role': 'admin',
      'x-hasura-user-id': SU.alice,
      'x-hasura-org-id': SU.org,
    });
  });

  it('sees grants as null outside a role audience, and sets claims, logs and metadata with ZITADEL\'s rules', async () => {
    const script = `function tierClaim(ctx, api) {
      var log = require('zitadel/log');
      log.log('running for ' + ctx.v1.getUser().username);
      api.v1.claims.setClaim('grants_loaded', ctx.v1.user.grants !== null);
      api.v1.claims.setClaim('client', ctx.v1.application.getClientId());
      api.v1.claims.setClaim('first_name', ctx.v1.getUser().human.firstName);
      api.v1.claims.setClaim('urn:zitadel:iam:forged', 1);
      api.v1.userinfo.setClaim('tier', 'gold');
      api.v1.claims.setClaim('tier', 'silver');
      api.v1.claims.appendLogIntoClaims('tier checked');
      api.v1.user.setMetadata('seen', { by: 'tierClaim' });
      var uuid = require('zitadel/uuid');
      api.v1.claims.setClaim('uuid_v5', uuid.v5(uuid.namespaceDNS, 'example.com'));
      api.v1.claims.setClaim('uuid_v4_ok', /^[0-9a-f-]{36}$/.test(uuid.v4()));
    }`;
    configure([{ id: A.first, orgId: SU.org, name: 'tierClaim', script }]);
    const claims = await idTokenClaims('openid');
    expect(claims.grants_loaded).toBe(false);
    expect(claims.client).toBe(CLIENTS.web.clientId);
    expect(claims.first_name).toBe('Alice');
    expect(claims['urn:zitadel:iam:forged']).toBeUndefined();
    expect(claims.tier).toBe('gold');
    // The well-known name-based UUID of "example.com" in the DNS namespace (RFC 9562 §5.5).
    expect(claims.uuid_v5).toBe('cfbff0d1-9375-5685-968c-48ce8b15ae17');
    expect(claims.uuid_v4_ok).toBe(true);
    expect(claims['urn:zitadel:iam:action:tierClaim:log']).toEqual(['key "tier" already exists', 'tier checked']);
    expect(emulator.store.index.usersById.get(SU.alice)?.metadata.seen).toBe('{"by":"tierClaim"}');
    const token = emulator.activity.list().filter((e) => e.kind === 'token' && e.actions).at(-1);
    expect(token?.actions?.[0]).toMatchObject({ kind: 'v1', name: 'tierClaim', outcome: 'ok', logs: ['log: running for alice', 'key "tier" already exists', 'tier checked'], metadata: ['seen'] });
  });

  it('offers exactly ZITADEL\'s token-flow API: setMetadata takes two arguments, appendMetadata and console are absent', async () => {
    const script = `function probe(ctx, api) {
      try { api.v1.user.setMetadata('only-key'); } catch (e) { api.v1.claims.setClaim('arity', e.message); }
      try { api.v1.user.appendMetadata('k', 'v'); } catch (e) { api.v1.claims.setClaim('append', e instanceof TypeError); }
      api.v1.claims.setClaim('console', typeof console);
      ctx.v1.claims.sub = 'changed';
      api.v1.claims.setClaim('grants_type', typeof ctx.v1.user.grants);
    }`;
    configure([{ id: A.first, orgId: SU.org, name: 'probe', script }]);
    const claims = await idTokenClaims('openid');
    expect(claims.arity).toBe('exactly 2 (key, value) arguments expected');
    expect(claims.append).toBe(true);
    expect(claims.console).toBe('undefined');
    // Mutating ctx.v1.claims changes nothing (§3.3).
    expect(claims.sub).toBe(SU.alice);
    // grants is a property (null without a role audience), not a function.
    expect(claims.grants_type).toBe('object');
  });

  it('runs v1 before v2: the target receives the script\'s claim in userinfo and cannot overwrite it', async () => {
    server.reply('/claims', { body: { append_claims: [{ key: 'tier', value: 'platinum' }] } });
    configure([{ id: A.first, orgId: SU.org, name: 'tier', script: "function tier(ctx, api) { api.v1.claims.setClaim('tier', 'gold'); }" }], 'preUserinfoCreation', (draft) => {
      draft.targets = [{ id: A.target, name: 'crm', type: 'call', endpoint: server.url('/claims'), timeout: 5, interruptOnError: true, payloadType: 'json', signingKey: 'key' }];
      draft.executions = [{ function: 'preuserinfo', targets: [A.target] }];
    });
    const claims = await idTokenClaims('openid');
    const [call] = server.callsTo('/claims');
    expect((JSON.parse(call?.body ?? '{}') as { userinfo: unknown }).userinfo).toEqual({ sub: SU.alice, tier: 'gold' });
    expect(claims.tier).toBe('gold');
    expect(claims['urn:zitadel:iam:action:function/preuserinfo:log']).toEqual(['key "tier" already exists']);
  });

  it('fetches synchronously with zitadel/http from a local server', async () => {
    server.reply('/crm', { body: { plan: 'pro' } });
    const script = `function crm(ctx, api) {
      var res = require('zitadel/http').fetch('${server.url('/crm')}', { method: 'POST', body: { user: ctx.v1.getUser().id } });
      api.v1.claims.setClaim('plan', res.json().plan);
      api.v1.claims.setClaim('crm_status', res.status);
    }`;
    configure([{ id: A.first, orgId: SU.org, name: 'crm', script }]);
    const claims = await idTokenClaims('openid');
    expect(claims.plan).toBe('pro');
    expect(claims.crm_status).toBe(200);
    expect(JSON.parse(server.callsTo('/crm')[0]?.body ?? '{}')).toEqual({ user: SU.alice });
  });

  it('adds preAccessTokenCreation claims to JWT access tokens only', async () => {
    configure([{ id: A.first, orgId: SU.org, name: 'atClaim', script: "function atClaim(ctx, api) { api.v1.claims.setClaim('tenant', 't-9'); }" }], 'preAccessTokenCreation', (draft) => {
      const web = draft.apps.find((a) => a.id === SU.webApp);
      if (web?.oidc) web.oidc.accessTokenType = 'jwt';
    });
    const res = await login('openid');
    const body = (await res.json()) as { access_token: string; id_token: string };
    expect(decodeJwt(body.access_token).tenant).toBe('t-9');
    expect(decodeJwt(body.id_token).tenant).toBeUndefined();
    emulator.store.update((draft) => {
      const web = draft.apps.find((a) => a.id === SU.webApp);
      if (web?.oidc) web.oidc.accessTokenType = 'bearer';
    });
  });
});

describe('failures', () => {
  const LOOP = "function loop(ctx, api) { api.v1.claims.setClaim('before', true); while (true) {} }";

  it('stops a script that loops forever at its timeout: server_error unless allowedToFail', async () => {
    configure([{ id: A.first, orgId: SU.org, name: 'loop', script: LOOP, timeout: 1 }]);
    const res = await login('openid');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'server_error', error_description: 'Errors.Internal' });
    const event = emulator.activity.list().filter((e) => e.kind === 'token').at(-1);
    expect(event?.actions?.[0]).toMatchObject({ kind: 'v1', name: 'loop', outcome: 'interrupted', error: 'timeout: the action ran longer than 1 s' });

    configure([
      { id: A.first, orgId: SU.org, name: 'loop', script: LOOP, timeout: 1, allowedToFail: true },
      { id: A.second, orgId: SU.org, name: 'after', script: "function after(ctx, api) { api.v1.claims.setClaim('after', true); }" },
    ]);
    const claims = await idTokenClaims('openid');
    // Claims set before the failure stay; the next action still runs.
    expect(claims.before).toBe(true);
    expect(claims.after).toBe(true);
  });

  it("runs concurrent requests' scripts side by side: one waiting on its backend does not hold up another", async () => {
    let release = (): void => undefined;
    server.reply('/hold', { wait: new Promise<void>((resolve) => (release = resolve)), body: { ok: true } });
    const script = `function held(ctx, api) {
      if (ctx.v1.getUser().username === 'bob') require('zitadel/http').fetch('${server.url('/hold')}');
      api.v1.claims.setClaim('done', true);
    }`;
    configure([{ id: A.first, orgId: SU.org, name: 'held', script }]);
    const finished: string[] = [];
    const bobCode = await loginForCode(issuer, { client_id: CLIENTS.web.clientId, redirect_uri: REDIRECT_URI, scope: 'openid' }, { loginName: 'bob', password: PASSWORD });
    const bob = postForm(`${issuer}/oauth/v2/token`, { grant_type: 'authorization_code', code: bobCode, redirect_uri: REDIRECT_URI }, basicAuth(CLIENTS.web.clientId, CLIENTS.web.secret)).then(
      (res) => (finished.push('bob'), res),
    );
    // Bob's script is blocked in its synchronous fetch until the hold is released.
    await expect.poll(() => server.callsTo('/hold').length).toBe(1);
    const alice = await idTokenClaims('openid');
    finished.push('alice');
    expect(alice.done).toBe(true);
    release();
    const bobRes = await bob;
    expect(bobRes.status).toBe(200);
    expect(decodeJwt(((await bobRes.json()) as { id_token: string }).id_token).done).toBe(true);
    expect(finished).toEqual(['alice', 'bob']);
  });

  it('survives a script that exhausts its heap: the action fails, the next login works', async () => {
    const hog = "function hog(ctx, api) { var a = []; while (true) a.push(new Array(100000).fill('x')); }";
    configure([{ id: A.first, orgId: SU.org, name: 'hog', script: hog, timeout: 20, allowedToFail: true }]);
    const res = await login('openid');
    expect(res.status).toBe(200);
    const event = emulator.activity.list().filter((e) => e.kind === 'token').at(-1);
    expect(event?.actions?.[0]).toMatchObject({ name: 'hog', outcome: 'ignored_error' });
    expect(event?.actions?.[0]?.error).toMatch(/^the sandbox (failed|stopped)/);
    configure([{ id: A.first, orgId: SU.org, name: 'ok', script: "function ok(ctx, api) { api.v1.claims.setClaim('ok', true); }" }]);
    expect((await idTokenClaims('openid')).ok).toBe(true);
  });

  it('fails with "function not found" when no function is named like the action, and introspection answers inactive', async () => {
    configure([]);
    const { access_token } = (await (await login('openid')).json()) as { access_token: string };
    configure([{ id: A.first, orgId: SU.org, name: 'named', script: 'function other(ctx, api) {}' }]);
    const res = await postForm(`${issuer}/oauth/v2/introspect`, { token: access_token }, basicAuth(CLIENTS.api.clientId, CLIENTS.api.secret));
    expect(await res.json()).toEqual({ active: false });
    const event = emulator.activity.list().filter((e) => e.kind === 'introspect').at(-1);
    expect(event?.actions?.[0]).toMatchObject({ name: 'named', error: 'function not found', outcome: 'interrupted' });
  });

  it('refuses a store whose script does not parse, naming the line', () => {
    expect(() => configure([{ id: A.first, orgId: SU.org, name: 'broken', script: 'function broken(ctx, api) {\n  api.v1.claims.setClaim(\n}' }])).toThrow(
      /actions\[0\]\.script: syntax error at line 3: Unexpected token '\}'/,
    );
  });
});
