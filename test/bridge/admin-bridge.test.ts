// The test bridge over the admin API (issue 15, docs/admin-api.md): the same operations as the
// library with plain HTTP, field-level 400s, and the admin token guard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_PATHS } from '../../src/common/bridge-api.js';
import { ADMIN_TOKEN, startAdminTestbed, type AdminTestbed } from '../admin/admin-client.js';
import { fetchJwks } from '../helpers/emulator.js';
import { authorizeUrl, basicAuth, get, postForm, tokenEndpoint } from '../helpers/http-login.js';
import { demoApps, type DemoApps } from './bridge-seed.js';

let bed: AdminTestbed;
let apps: DemoApps;

beforeAll(async () => {
  bed = await startAdminTestbed();
  apps = demoApps(bed.emulator);
});
afterAll(() => bed.close());

async function isActive(token: string): Promise<boolean> {
  const res = await postForm(`${bed.emulator.issuer}/oauth/v2/introspect`, { token }, basicAuth(apps.api.clientId, apps.api.secret));
  return ((await res.json()) as { active: boolean }).active;
}

describe('POST tokens', () => {
  it('mints a token response', async () => {
    const res = await bed.api('POST', BRIDGE_PATHS.tokens, { user: 'alice', client: 'web', scope: 'openid offline_access', nonce: 'abc' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = res.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'refresh_token', 'expires_in', 'id_token']);
    expect(await isActive(String(body.access_token))).toBe(true);
  });

  it('answers bad input with the field', async () => {
    const missing = await bed.api('POST', BRIDGE_PATHS.tokens, { client: 'web' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      error: 'bad_request',
      message: 'user must be a non-empty string',
      problems: [{ field: 'user', where: 'user', message: 'user must be a non-empty string' }],
    });
    const unknown = await bed.api('POST', BRIDGE_PATHS.tokens, { user: 'alice', client: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ message: 'no app "nope" (give a client id or an app name)', problems: [{ field: 'client' }] });
  });
});

describe('clock', () => {
  it('reads, advances, sets and resets', async () => {
    const read = await bed.api('GET', BRIDGE_PATHS.clock);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ offsetMs: 0 });
    const advanced = await bed.api('POST', BRIDGE_PATHS.clock, { advance: '13h' });
    expect(advanced.status).toBe(200);
    const { now, offsetMs } = advanced.body as { now: string; offsetMs: number };
    expect(offsetMs).toBe(13 * 3_600_000);
    expect(Math.abs(Date.parse(now) - Date.now() - offsetMs)).toBeLessThan(2000);
    const set = await bed.api('POST', BRIDGE_PATHS.clock, { set: '2035-03-04T05:06:07Z' });
    expect(Math.abs(Date.parse((set.body as { now: string }).now) - Date.parse('2035-03-04T05:06:07Z'))).toBeLessThan(2000);
    const reset = await bed.api('POST', BRIDGE_PATHS.clock, { reset: true });
    expect(reset.body).toMatchObject({ offsetMs: 0 });
  });

  it('refuses anything else with the field', async () => {
    const both = await bed.api('POST', BRIDGE_PATHS.clock, { advance: '1h', reset: true });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ message: 'give exactly one of advance, set and reset', problems: [{ field: 'reset' }] });
    const bad = await bed.api('POST', BRIDGE_PATHS.clock, { advance: 'a while' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ problems: [{ field: 'advance', message: expect.stringContaining('"a while" is not a duration') }] });
    const notJson = await bed.api('POST', BRIDGE_PATHS.clock, 'advance=1h', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(notJson.status).toBe(415);
  });
});

describe('faults', () => {
  it('adds, lists, removes and clears; an armed fault applies', async () => {
    const added = await bed.api('POST', BRIDGE_PATHS.faults, { endpoint: 'token', grantType: 'refresh_token', error: { error: 'invalid_grant' } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: expect.any(String), endpoint: 'token', grantType: 'refresh_token', action: 'error', error: { status: 400, error: 'invalid_grant' }, times: 1 });
    const permanent = await bed.api('POST', BRIDGE_PATHS.faults, { endpoint: 'userinfo', times: 'Infinity', delayMs: 1 });
    expect(permanent.body).toMatchObject({ times: 'Infinity', action: 'delay' });
    expect(((await bed.api('GET', BRIDGE_PATHS.faults)).body as unknown[]).length).toBe(2);

    const minted = (await bed.api('POST', BRIDGE_PATHS.tokens, { user: 'alice', client: 'web' })).body as { refresh_token: string };
    const refreshed = await postForm(tokenEndpoint(bed.emulator.issuer), { grant_type: 'refresh_token', refresh_token: minted.refresh_token }, basicAuth(apps.web.clientId, apps.web.secret));
    expect(refreshed.status).toBe(400);
    expect(await refreshed.json()).toEqual({ error: 'invalid_grant' });

    const id = (permanent.body as { id: string }).id;
    expect((await bed.api('DELETE', BRIDGE_PATHS.fault(id))).status).toBe(204);
    const gone = await bed.api('DELETE', BRIDGE_PATHS.fault(id));
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: 'not_found', message: `no armed fault has id "${id}"` });
    await bed.api('POST', BRIDGE_PATHS.faults, { endpoint: 'keys', drop: true });
    expect((await bed.api('DELETE', BRIDGE_PATHS.faults)).status).toBe(204);
    expect((await bed.api('GET', BRIDGE_PATHS.faults)).body).toEqual([]);
  });

  it('GET bridge gives the clock and the faults at once, with a revision that grows with every change', async () => {
    const { revision: before } = (await bed.api('GET', BRIDGE_PATHS.status)).body as { revision: number };
    await bed.api('POST', BRIDGE_PATHS.clock, { advance: '2h' });
    await bed.api('POST', BRIDGE_PATHS.faults, { endpoint: 'revoke', drop: true, times: 3 });
    const res = await bed.api('GET', BRIDGE_PATHS.status);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revision: before + 2, clock: { offsetMs: 7_200_000 }, faults: [{ endpoint: 'revoke', action: 'drop', drop: true, times: 3 }] });
    await bed.api('POST', BRIDGE_PATHS.reset);
    const after = (await bed.api('GET', BRIDGE_PATHS.status)).body as { revision: number };
    expect(after).toMatchObject({ clock: { offsetMs: 0 }, faults: [] });
    expect(after.revision).toBeGreaterThan(before + 2);
  });

  it('refuses a malformed fault with the field', async () => {
    const res = await bed.api('POST', BRIDGE_PATHS.faults, { endpoint: 'token', tamper: 'all' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'bad_request', problems: [{ field: 'tamper', message: expect.stringMatching(/^tamper must be one of signature/) }] });
  });
});

describe('signing keys, snapshots, reset, browser sessions', () => {
  it('rotates with retirePrevious', async () => {
    const res = await bed.api('POST', BRIDGE_PATHS.rotateSigningKey, { retirePrevious: true });
    expect(res.status).toBe(201);
    const kid = (res.body as { entity: { id: string } }).entity.id;
    expect((await fetchJwks(bed.emulator.issuer)).keys.map((k) => k.kid)).toEqual([kid]);
    const bad = await bed.api('POST', BRIDGE_PATHS.rotateSigningKey, { retirePrevious: 'yes' });
    expect(bad.status).toBe(400);
  });

  it('takes and restores snapshots by id, and resets', async () => {
    const minted = (await bed.api('POST', BRIDGE_PATHS.tokens, { user: 'alice', client: 'web' })).body as { access_token: string };
    const snap = await bed.api('POST', BRIDGE_PATHS.snapshots);
    expect(snap.status).toBe(201);
    const { id } = snap.body as { id: string };
    expect((await bed.api('POST', BRIDGE_PATHS.reset)).status).toBe(204);
    expect(await isActive(minted.access_token)).toBe(false);
    expect((await bed.api('POST', BRIDGE_PATHS.restoreSnapshot(id))).status).toBe(204);
    expect(await isActive(minted.access_token)).toBe(true);
    const unknown = await bed.api('POST', BRIDGE_PATHS.restoreSnapshot('999'));
    expect(unknown.status).toBe(404);
  });

  it('creates a browser session cookie', async () => {
    const res = await bed.api('POST', BRIDGE_PATHS.browserSessions, { user: 'alice' });
    expect(res.status).toBe(201);
    const cookie = res.body as { name: string; value: string };
    const authorize = await get(authorizeUrl(bed.emulator.issuer, { client_id: apps.web.clientId, redirect_uri: apps.web.redirectUri, response_type: 'code', scope: 'openid' }), {
      Cookie: `${cookie.name}=${cookie.value}`,
    });
    expect(new URL(authorize.headers.get('location') ?? '').searchParams.has('code')).toBe(true);
    const bad = await bed.api('POST', BRIDGE_PATHS.browserSessions, { user: 'ci-bot' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ problems: [{ field: 'user' }] });
  });

  it('needs the admin token like every admin route', async () => {
    for (const [method, path] of [['GET', BRIDGE_PATHS.clock], ['POST', BRIDGE_PATHS.reset], ['POST', BRIDGE_PATHS.tokens]] as const) {
      const res = await fetch(`${bed.emulator.issuer}${path}`, { method, headers: { Authorization: `Bearer not-${ADMIN_TOKEN}` } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized', message: 'the admin token is wrong' });
    }
  });
});
