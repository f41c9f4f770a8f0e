// Actions v2 (reference zitadel-actions.md §1-2) over HTTP: a local action server started here
// receives ZITADEL's payload with a valid ZITADEL-Signature, and its reply's claims appear
// where ZITADEL puts them — ID token, userinfo, introspection for preuserinfo; only JWT access
// tokens for preaccesstoken — merged by §2.6, with every error mode of §2.7.
import { createHmac } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import type { StoreInput } from '../../src/main/store/schema.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, loginForCode, postForm } from '../helpers/http-login.js';
import { buildServiceUsersSeed, CLIENTS, ORG_DOMAIN, REDIRECT_URI, SU, UPDATED_AT } from '../helpers/service-users-seed.js';
import { startActionServer, type ActionServer, type ReceivedCall } from './action-server.js';

const KEY = 'k3yF0rTh3T3stT4rg3tS1gn1ngAbcdefghij';
const NOW_MS = Date.UTC(2026, 0, 1, 12, 0, 0);
const clock = { now: () => NOW_MS };
const T = { claims: '600000000000000001', second: '600000000000000002', at: '600000000000000003', hook: '600000000000000004' } as const;

let emulator: Emulator;
let issuer: string;
let server: ActionServer;

interface Tokens {
  access_token: string;
  id_token: string;
}

type TargetInput = NonNullable<StoreInput['targets']>[number];

function target(id: string, path: string, extra: Partial<TargetInput> = {}): TargetInput {
  return { id, name: `target ${path}`, type: 'call', endpoint: server.url(path), timeout: 5, signingKey: KEY, ...extra };
}

function configure(targets: TargetInput[], executions: { function: 'preuserinfo' | 'preaccesstoken'; targets: string[] }[], accessTokenType: 'bearer' | 'jwt' = 'bearer'): void {
  emulator.store.update((draft) => {
    draft.targets = targets.map((t) => ({ interruptOnError: false, payloadType: 'json' as const, ...t }));
    draft.executions = executions;
    const web = draft.apps.find((a) => a.id === SU.webApp);
    if (web?.oidc) web.oidc.accessTokenType = accessTokenType;
  });
}

async function login(scope = 'openid profile'): Promise<Response> {
  const code = await loginForCode(issuer, { client_id: CLIENTS.web.clientId, redirect_uri: REDIRECT_URI, scope });
  return postForm(`${issuer}/oauth/v2/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }, basicAuth(CLIENTS.web.clientId, CLIENTS.web.secret));
}

async function tokens(scope?: string): Promise<Tokens> {
  const res = await login(scope);
  expect(res.status).toBe(200);
  return (await res.json()) as Tokens;
}

async function userinfo(accessToken: string): Promise<Response> {
  return fetch(`${issuer}/oidc/v1/userinfo`, { headers: { Authorization: `Bearer ${accessToken}` } });
}

async function introspect(token: string): Promise<Record<string, unknown>> {
  const res = await postForm(`${issuer}/oauth/v2/introspect`, { token }, basicAuth(CLIENTS.api.clientId, CLIENTS.api.secret));
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

function expectValidSignature(call: ReceivedCall): void {
  const header = call.headers['zitadel-signature'];
  expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(String(header)) ?? [];
  expect(Number(t)).toBe(NOW_MS / 1000);
  expect(v1).toBe(createHmac('sha256', KEY).update(`${t}.${call.body}`).digest('hex'));
}

beforeAll(async () => {
  server = await startActionServer();
  emulator = await startTestEmulator({ store: buildServiceUsersSeed(), clock });
  issuer = emulator.issuer;
});
afterAll(async () => {
  await emulator.close();
  await server.close();
});
beforeEach(() => {
  server.calls.length = 0;
});

describe('preuserinfo', () => {
  it('POSTs the signed payload and puts append_claims into ID token, userinfo and introspection, never into an opaque token', async () => {
    server.reply('/claims', { body: { append_claims: [{ key: 'tier', value: 'gold' }, { key: 'https://hasura.io/jwt/claims', value: { 'x-hasura-default-role': 'admin' } }] } });
    server.reply('/at', { body: { append_claims: [{ key: 'at_only', value: true }] } });
    configure([target(T.claims, '/claims'), target(T.at, '/at')], [
      { function: 'preuserinfo', targets: [T.claims] },
      { function: 'preaccesstoken', targets: [T.at] },
    ]);
    const res = await login('openid profile urn:zitadel:iam:org:project:role:admin');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain('gold');
    const issued = JSON.parse(text) as Tokens;
    expect(issued.access_token.split('.')).toHaveLength(1);

    // One call for the ID token; the opaque access token runs no preaccesstoken target.
    expect(server.callsTo('/at')).toHaveLength(0);
    const [call] = server.callsTo('/claims');
    if (!call) throw new Error('target not called');
    expect(call.headers['content-type']).toBe('application/json');
    expectValidSignature(call);
    const payload = JSON.parse(call.body) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(['function', 'userinfo', 'user', 'org', 'user_grants', 'application']);
    expect(payload.function).toBe('function/preuserinfo');
    // The ID token's own claims: the web app asserts neither profile nor roles in ID tokens,
    // but the role scope puts project Shop in the role audience, so its grants are loaded.
    expect(payload.userinfo).toEqual({ sub: SU.alice });
    expect(payload.user).toEqual({
      id: SU.alice,
      creation_date: new Date(UPDATED_AT * 1000).toISOString().replace('.000Z', 'Z'),
      change_date: new Date(UPDATED_AT * 1000).toISOString().replace('.000Z', 'Z'),
      resource_owner: SU.org,
      sequence: 1,
      state: 1,
      username: 'alice',
      preferred_login_name: 'alice',
      human: {
        first_name: 'Alice',
        last_name: 'Smith',
        nick_name: 'ali',
        display_name: 'Alice Smith',
        preferred_language: 'en',
        gender: 1,
        email: 'alice@acme.localhost',
        is_email_verified: true,
        password_changed: '0001-01-01T00:00:00Z',
        mfa_init_skipped: '0001-01-01T00:00:00Z',
      },
    });
    expect(payload.org).toEqual({ id: SU.org, name: 'Acme', primary_domain: ORG_DOMAIN });
    expect(payload.user_grants).toEqual([
      expect.objectContaining({ id: '500000000000000050', roles: ['admin'], state: 1, user_id: SU.alice, project_id: SU.shop, project_name: 'Shop', org_name: 'Acme' }),
    ]);
    expect(payload.application).toEqual({ client_id: CLIENTS.web.clientId });

    const idToken = decodeJwt(issued.id_token);
    expect(idToken.tier).toBe('gold');
    expect(idToken['https://hasura.io/jwt/claims']).toEqual({ 'x-hasura-default-role': 'admin' });
    expect(idToken.at_only).toBeUndefined();

    const info = await userinfo(issued.access_token);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ sub: SU.alice, tier: 'gold' });
    expect((await introspect(issued.access_token)).tier).toBe('gold');
    expect(server.callsTo('/claims')).toHaveLength(3);
  });

  it('runs on every introspection: the answer follows the target, not a cache', async () => {
    let n = 0;
    server.reply('/claims', () => ({ body: { append_claims: [{ key: 'n', value: (n += 1) }] } }));
    configure([target(T.claims, '/claims')], [{ function: 'preuserinfo', targets: [T.claims] }]);
    const { access_token } = await tokens();
    const first = await introspect(access_token);
    const second = await introspect(access_token);
    expect(first.active).toBe(true);
    expect(second.n).toBe(Number(first.n) + 1);
    // The introspecting API app is the application of the payload.
    const last = server.callsTo('/claims').at(-1);
    expect((JSON.parse(last?.body ?? '{}') as { application: unknown }).application).toEqual({ client_id: CLIENTS.api.clientId });
  });

  it('merges by §2.6: urn:zitadel:iam* dropped, duplicates logged, registered claims win, empty standard claims filled', async () => {
    server.reply('/claims', {
      body: {
        append_claims: [
          { key: 'urn:zitadel:iam:org:id', value: 'forged' },
          { key: 'urn:zitadel:iamX', value: 'forged' },
          { key: 'urn:zitadel:custom', value: 'kept' },
          { key: 'sub', value: 'forged' },
          { key: 'email', value: 'from-action@example.com' },
          { key: 'tier', value: 'gold' },
          { key: 'tier', value: 'silver' },
        ],
        append_log_claims: ['crm lookup ok'],
      },
    });
    configure([target(T.claims, '/claims')], [{ function: 'preuserinfo', targets: [T.claims] }]);
    const idToken = decodeJwt((await tokens('openid')).id_token);
    expect(idToken.sub).toBe(SU.alice);
    expect(idToken['urn:zitadel:iam:org:id']).toBeUndefined();
    expect(idToken['urn:zitadel:iamX']).toBeUndefined();
    expect(idToken['urn:zitadel:custom']).toBe('kept');
    // No email scope: ZITADEL left email empty, so the action's value shows.
    expect(idToken.email).toBe('from-action@example.com');
    expect(idToken.tier).toBe('gold');
    expect(idToken['urn:zitadel:iam:action:function/preuserinfo:log']).toEqual(['key "tier" already exists', 'crm lookup ok']);
  });

  it('sends the second target the merged reply of the first and keeps the last array per key', async () => {
    server.reply('/claims', { body: { append_claims: [{ key: 'first', value: '<a&b>' }], append_log_claims: ['one'] } });
    server.reply('/second', { body: { append_log_claims: ['two'], set_user_metadata: [{ key: 'last_seen', value: Buffer.from('2026').toString('base64') }] } });
    configure([target(T.claims, '/claims'), target(T.second, '/second')], [{ function: 'preuserinfo', targets: [T.claims, T.second] }]);
    const idToken = decodeJwt((await tokens('openid')).id_token);
    const [second] = server.callsTo('/second');
    expect((JSON.parse(second?.body ?? '{}') as { response: unknown }).response).toEqual({ append_claims: [{ key: 'first', value: '<a&b>' }], append_log_claims: ['one'] });
    // Go's json.Marshal escapes HTML characters, and the signature covers these exact bytes.
    expect(second?.body).toContain('"value":"\\u003ca\\u0026b\\u003e"');
    expectValidSignature(second as ReceivedCall);
    expect(idToken.first).toBe('<a&b>');
    expect(idToken['urn:zitadel:iam:action:function/preuserinfo:log']).toEqual(['two']);
    expect(emulator.store.index.usersById.get(SU.alice)?.metadata.last_seen).toBe('2026');
  });

  it('ignores a webhook reply and never waits for an async target', async () => {
    server.reply('/hook', { body: { append_claims: [{ key: 'from_webhook', value: 1 }] } });
    server.reply('/async', { body: { append_claims: [{ key: 'from_async', value: 1 }] }, delayMs: 3000 });
    configure(
      [target(T.hook, '/hook', { type: 'webhook' }), target(T.second, '/async', { type: 'async' })],
      [{ function: 'preuserinfo', targets: [T.hook, T.second] }],
    );
    const idToken = decodeJwt((await tokens('openid')).id_token);
    expect(server.callsTo('/hook')).toHaveLength(1);
    expect(idToken.from_webhook).toBeUndefined();
    expect(idToken.from_async).toBeUndefined();
  });
});

describe('payload type jwt', () => {
  it('sends the payload as a JWS signed with the active key (verifiable with /oauth/v2/keys), HMAC over that body', async () => {
    server.reply('/claims', { body: { append_claims: [{ key: 'tier', value: 'gold' }] } });
    configure([target(T.claims, '/claims', { payloadType: 'jwt' })], [{ function: 'preuserinfo', targets: [T.claims] }]);
    const idToken = decodeJwt((await tokens('openid')).id_token);
    const [call] = server.callsTo('/claims');
    if (!call) throw new Error('target not called');
    expect(call.headers['content-type']).toBe('application/json');
    expectValidSignature(call);
    const { payload, protectedHeader } = await jwtVerify(call.body, createRemoteJWKSet(new URL(`${issuer}/oauth/v2/keys`)));
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: emulator.keys.signer().kid });
    expect(payload.function).toBe('function/preuserinfo');
    expect(payload.application).toEqual({ client_id: CLIENTS.web.clientId });
    // ZITADEL adds no iss or exp to the payload JWT (§2.3).
    expect(payload.iss).toBeUndefined();
    expect(payload.exp).toBeUndefined();
    expect(idToken.tier).toBe('gold');
  });
});

describe('preaccesstoken', () => {
  it('runs only for JWT access tokens, whose claims get append_claims (the ID token does not)', async () => {
    server.reply('/at', { body: { append_claims: [{ key: 'tenant', value: 't-1' }, { key: 'scope', value: 'custom' }] } });
    configure([target(T.at, '/at')], [{ function: 'preaccesstoken', targets: [T.at] }], 'jwt');
    emulator.store.update((draft) => {
      const alice = draft.users.find((u) => u.id === SU.alice);
      if (alice) alice.metadata = { tier: 'gold' };
    });
    const issued = await tokens('openid');
    const [call] = server.callsTo('/at');
    const payload = JSON.parse(call?.body ?? '{}') as Record<string, unknown>;
    expect(payload.function).toBe('function/preaccesstoken');
    // No role scope and no role assertion: no project in the role audience, so no grants are loaded.
    expect(Object.keys(payload)).toEqual(['function', 'userinfo', 'user', 'user_metadata', 'org', 'application']);
    const date = new Date(UPDATED_AT * 1000).toISOString().replace('.000Z', 'Z');
    // Standard base64 with padding, unlike the metadata claim (§2.4).
    expect(payload.user_metadata).toEqual([{ creation_date: date, change_date: date, resource_owner: SU.org, sequence: 1, key: 'tier', value: 'Z29sZA==' }]);
    expectValidSignature(call as ReceivedCall);
    const at = decodeJwt(issued.access_token);
    expect(at.tenant).toBe('t-1');
    // JWT access tokens carry no scope of their own, so the action's shows (§2.6 rule 3).
    expect(at.scope).toBe('custom');
    expect(decodeJwt(issued.id_token).tenant).toBeUndefined();
  });
});

describe('errors (§2.7)', () => {
  const tokenError = async (): Promise<{ status: number; body: unknown }> => {
    const res = await login('openid');
    return { status: res.status, body: await res.json() };
  };

  it('a timeout interrupts with server_error Errors.Internal, or is skipped without interruptOnError', async () => {
    server.reply('/slow', { delayMs: 2000, body: { append_claims: [{ key: 'late', value: 1 }] } });
    server.reply('/claims', { body: { append_claims: [{ key: 'tier', value: 'gold' }] } });
    configure([target(T.hook, '/slow', { timeout: 0.3, interruptOnError: true })], [{ function: 'preuserinfo', targets: [T.hook] }]);
    expect(await tokenError()).toEqual({ status: 500, body: { error: 'server_error', error_description: 'Errors.Internal' } });

    configure([target(T.hook, '/slow', { timeout: 0.3 }), target(T.claims, '/claims')], [{ function: 'preuserinfo', targets: [T.hook, T.claims] }]);
    const idToken = decodeJwt((await tokens('openid')).id_token);
    expect(idToken.late).toBeUndefined();
    expect(idToken.tier).toBe('gold');
  });

  it('a non-2xx status interrupts with invalid_request Errors.Execution.Failed, or is skipped', async () => {
    server.reply('/fail', { status: 503, body: 'down' });
    configure([target(T.hook, '/fail', { interruptOnError: true })], [{ function: 'preuserinfo', targets: [T.hook] }]);
    expect(await tokenError()).toEqual({ status: 400, body: { error: 'invalid_request', error_description: 'Errors.Execution.Failed' } });

    configure([target(T.hook, '/fail')], [{ function: 'preuserinfo', targets: [T.hook] }]);
    expect((await login('openid')).status).toBe(200);
  });

  it('forwards a 2xx forwardedStatusCode as that status with its message', async () => {
    server.reply('/forward', { body: { forwardedStatusCode: 403, forwardedErrorMessage: 'user is blocked' } });
    configure([target(T.hook, '/forward', { type: 'webhook', interruptOnError: true })], [{ function: 'preuserinfo', targets: [T.hook] }]);
    expect(await tokenError()).toEqual({ status: 403, body: { error: 'invalid_request', error_description: 'user is blocked' } });
    server.reply('/forward', { body: { forwardedStatusCode: 302, forwardedErrorMessage: 'not a 4xx' } });
    expect(await tokenError()).toEqual({ status: 400, body: { error: 'invalid_request', error_description: 'not a 4xx' } });
  });

  it('follows up to five redirects (307 repeats the signed POST) and fails on the sixth like a connection error', async () => {
    // /r1 → … → /r6 → /end: from /r2 the chain has five redirects, from /r1 six.
    for (let i = 1; i <= 6; i += 1) server.reply(`/r${i}`, { status: 307, headers: { Location: i === 6 ? '/end' : `/r${i + 1}` } });
    server.reply('/end', { body: { append_claims: [{ key: 'hops', value: 'ok' }] } });
    configure([target(T.hook, '/r2', { interruptOnError: true })], [{ function: 'preuserinfo', targets: [T.hook] }]);
    expect(decodeJwt((await tokens('openid')).id_token).hops).toBe('ok');
    const [first] = server.callsTo('/r2');
    const [end] = server.callsTo('/end');
    expect(end?.body).toBe(first?.body);
    expect(end?.headers['zitadel-signature']).toBe(first?.headers['zitadel-signature']);

    configure([target(T.hook, '/r1', { interruptOnError: true })], [{ function: 'preuserinfo', targets: [T.hook] }]);
    expect(await tokenError()).toEqual({ status: 500, body: { error: 'server_error', error_description: 'Errors.Internal' } });
  });

  it('invalid JSON from a call target interrupts with Errors.Execution.ResponseIsNotValidJSON', async () => {
    server.reply('/broken', { body: '{"append_claims": [' });
    configure([target(T.hook, '/broken', { interruptOnError: true })], [{ function: 'preuserinfo', targets: [T.hook] }]);
    expect(await tokenError()).toEqual({ status: 400, body: { error: 'invalid_request', error_description: 'Errors.Execution.ResponseIsNotValidJSON' } });
  });

  it('fails userinfo the same way and makes introspection answer {"active":false}', async () => {
    configure([], []);
    const { access_token } = await tokens('openid');
    server.reply('/fail', { status: 500 });
    configure([target(T.hook, '/fail', { interruptOnError: true })], [{ function: 'preuserinfo', targets: [T.hook] }]);
    const info = await userinfo(access_token);
    expect(info.status).toBe(400);
    expect(await info.json()).toEqual({ error: 'invalid_request', error_description: 'Errors.Execution.Failed' });
    expect(await introspect(access_token)).toEqual({ active: false });
  });
});
