// Actions through the admin API (docs/admin-api.md "Actions"): targets and v1 actions as
// collections, executions and flows by what they hook, a test call with a sample payload, the
// script syntax check, cascades, and every write on disk.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminTestbed, type AdminTestbed } from '../admin/admin-client.js';
import { basicAuth, loginForCode, postForm } from '../helpers/http-login.js';
import { buildServiceUsersSeed, CLIENTS, REDIRECT_URI, SU } from '../helpers/service-users-seed.js';
import { startActionServer, type ActionServer } from './action-server.js';

let bed: AdminTestbed;
let server: ActionServer;

beforeAll(async () => {
  server = await startActionServer();
  bed = await startAdminTestbed();
  bed.emulator.store.update((draft) => Object.assign(draft, buildServiceUsersSeed(), { signingKeys: draft.signingKeys }));
});
afterAll(async () => {
  await bed.close();
  await server.close();
});

async function stored(): Promise<Record<string, unknown>> {
  await bed.emulator.store.flush();
  return JSON.parse(await readFile(bed.storePath, 'utf8')) as Record<string, unknown>;
}

describe('targets and executions', () => {
  it('creates a target with a generated 36-character signing key, hooks it to a function, tests it and deletes it', async () => {
    const created = await bed.api('POST', 'targets', { name: 'crm', type: 'call', endpoint: server.url('/crm'), timeout: 5 });
    expect(created.status).toBe(201);
    const target = (created.body as { entity: { id: string; signingKey: string; interruptOnError: boolean } }).entity;
    expect(target.signingKey).toMatch(/^[A-Za-z0-9]{36}$/);
    expect(target.interruptOnError).toBe(false);

    const put = await bed.api('PUT', 'executions/preuserinfo', { targets: [target.id] });
    expect(put.status).toBe(200);
    expect((put.body as { entity: unknown }).entity).toEqual({ function: 'preuserinfo', targets: [target.id] });
    expect((await stored()).executions).toEqual([{ function: 'preuserinfo', targets: [target.id] }]);

    expect((await bed.api('PUT', 'executions/presamlresponse', { targets: [] })).status).toBe(404);
    const missing = await bed.api('PUT', 'executions/preaccesstoken', { targets: ['404'] });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'invalid_store', message: 'executions[1].targets[0]: no target has id "404"' });

    server.reply('/crm', { status: 200, body: { append_claims: [{ key: 'tier', value: 'gold' }] } });
    const test = await bed.api('POST', `targets/${target.id}/test`, { function: 'preaccesstoken', userId: SU.alice, clientId: CLIENTS.web.clientId });
    expect(test.status).toBe(200);
    const result = test.body as { payload: { function: string; user: { id: string }; userinfo: Record<string, unknown>; application: unknown }; reply: { status: number; body: string } };
    expect(result.payload.function).toBe('function/preaccesstoken');
    expect(result.payload.user.id).toBe(SU.alice);
    expect(result.payload.userinfo).toMatchObject({ sub: SU.alice, email: 'alice@acme.localhost', given_name: 'Alice' });
    expect(result.payload.application).toEqual({ client_id: CLIENTS.web.clientId });
    expect(result.reply.status).toBe(200);
    expect(JSON.parse(result.reply.body)).toEqual({ append_claims: [{ key: 'tier', value: 'gold' }] });
    expect(server.callsTo('/crm')).toHaveLength(1);

    const removed = await bed.api('DELETE', `targets/${target.id}`);
    expect(removed.status).toBe(200);
    // The execution loses the target with it.
    expect((await bed.api('GET', 'executions')).body).toEqual([{ function: 'preuserinfo', targets: [] }]);
  });
});

describe('v1 actions and flows', () => {
  it('creates an action, refuses a script that does not parse, puts it in a flow, and the org takes both along', async () => {
    const check = await bed.api('POST', 'actions/check-script', { script: 'function a(ctx, api) {\n  api.v1.claims.setClaim("x", \n}' });
    expect(check.body).toEqual({ error: "syntax error at line 3: Unexpected token '}'" });
    expect((await bed.api('POST', 'actions/check-script', { script: 'function a(ctx, api) {}' })).body).toEqual({});

    const bad = await bed.api('POST', 'actions', { orgId: SU.org, name: 'a', script: 'function a( {' });
    expect(bad.status).toBe(400);
    expect((bad.body as { problems: { field: string }[] }).problems[0]?.field).toBe('script');

    const created = await bed.api('POST', 'actions', { orgId: SU.otherOrg, name: 'a', script: 'function a(ctx, api) {}', timeout: 5, allowedToFail: true });
    expect(created.status).toBe(201);
    const action = (created.body as { entity: { id: string } }).entity;
    const flow = await bed.api('PUT', `flows/${SU.otherOrg}/preAccessTokenCreation`, { actionIds: [action.id] });
    expect(flow.status).toBe(200);
    expect((await stored()).flows).toEqual([{ orgId: SU.otherOrg, type: 'complementToken', trigger: 'preAccessTokenCreation', actionIds: [action.id] }]);
    expect((await bed.api('PUT', `flows/${SU.org}/preAccessTokenCreation`, { actionIds: [action.id] })).status).toBe(400);

    expect((await bed.api('DELETE', `orgs/${SU.otherOrg}`)).status).toBe(200);
    const after = await stored();
    expect(after.actions).toEqual([]);
    expect(after.flows).toEqual([]);
  });
});

describe('token inspector', () => {
  it('introspects as /oauth/v2/introspect would, actions included', async () => {
    const issuer = bed.emulator.issuer;
    const code = await loginForCode(issuer, { client_id: CLIENTS.web.clientId, redirect_uri: REDIRECT_URI, scope: 'openid' });
    const res = await postForm(`${issuer}/oauth/v2/token`, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }, basicAuth(CLIENTS.web.clientId, CLIENTS.web.secret));
    const { access_token } = (await res.json()) as { access_token: string };
    server.reply('/inspect', { body: { append_claims: [{ key: 'tier', value: 'gold' }] } });
    const target = ((await bed.api('POST', 'targets', { name: 'inspect', type: 'call', endpoint: server.url('/inspect'), timeout: 5 })).body as { entity: { id: string } }).entity;
    await bed.api('PUT', 'executions/preuserinfo', { targets: [target.id] });
    const inspected = await bed.api('POST', 'inspect', { token: access_token, introspectAs: CLIENTS.api.clientId });
    expect(inspected.status).toBe(200);
    const { introspection, notes } = inspected.body as { introspection: Record<string, unknown>; notes: { claim: string; present: boolean; why: string }[] };
    expect(introspection).toMatchObject({ active: true, sub: SU.alice, tier: 'gold' });
    expect(notes).toContainEqual({ claim: 'tier', present: true, why: 'target "inspect" (preuserinfo)' });
    const endpoint = await postForm(`${issuer}/oauth/v2/introspect`, { token: access_token }, basicAuth(CLIENTS.api.clientId, CLIENTS.api.secret));
    expect(await endpoint.json()).toEqual(introspection);
  });
});
