// The test bridge from the built CLI (issue 15): token, clock advance, fault add, reset against
// a running emulator with --url and --admin-token (or IDP_EMULATOR_ADMIN_TOKEN); a wrong token
// exits non-zero with one line; `serve --clock` starts shifted.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { basicAuth, postForm, tokenEndpoint } from '../helpers/http-login.js';
import { assertCliBuilt, killRunningClis, runCli, spawnCli } from '../helpers/spawn-cli.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { demoApps, type DemoApps } from './bridge-seed.js';

const TOKEN = 'cli-bridge-admin-token';
let emulator: Emulator;
let apps: DemoApps;
const temps: TempDir[] = [];

beforeAll(async () => {
  await assertCliBuilt();
  emulator = await startTestEmulator({ adminToken: TOKEN });
  apps = demoApps(emulator);
});
afterEach(killRunningClis);
afterAll(async () => {
  await emulator.close();
  await Promise.all(temps.splice(0).map((t) => t.remove()));
});

const bridge = (...args: string[]) => runCli([...args, '--url', emulator.issuer, '--admin-token', TOKEN]);

describe('bridge commands', () => {
  it('token prints the token response as JSON', async () => {
    const result = await bridge('token', '--user', 'alice', '--client', 'web', '--scope', 'openid offline_access');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const body = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'refresh_token', 'expires_in', 'id_token']);
    expect(emulator.activity.list().at(-1)).toMatchObject({ minted: true, clientId: apps.web.clientId });
  });

  it('clock advance moves the clock, clock reset brings it back', async () => {
    const advanced = await bridge('clock', 'advance', '13h');
    expect(advanced.code).toBe(0);
    expect(JSON.parse(advanced.stdout)).toMatchObject({ offsetMs: 46_800_000 });
    expect(emulator.clock.offsetMs).toBe(46_800_000);
    expect(JSON.parse((await bridge('clock')).stdout)).toMatchObject({ offsetMs: 46_800_000 });
    expect(JSON.parse((await bridge('clock', 'reset')).stdout)).toMatchObject({ offsetMs: 0 });
  });

  it('fault add arms a fault the next refresh meets; reset clears it', async () => {
    const added = await bridge('fault', 'add', '--endpoint', 'token', '--grant-type', 'refresh_token', '--error', 'invalid_grant');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ endpoint: 'token', grantType: 'refresh_token', action: 'error', error: { status: 400, error: 'invalid_grant' }, times: 1 });
    const minted = await emulator.mintTokens({ user: 'alice', client: 'web' });
    const res = await postForm(tokenEndpoint(emulator.issuer), { grant_type: 'refresh_token', refresh_token: minted.refresh_token }, basicAuth(apps.web.clientId, apps.web.secret));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant' });

    await bridge('fault', 'add', '--endpoint', 'keys', '--drop', '--times', 'Infinity');
    const reset = await bridge('reset');
    expect(reset).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(emulator.faults.list()).toEqual([]);
  });

  it('takes the token from IDP_EMULATOR_ADMIN_TOKEN', async () => {
    const result = await runCli(['clock', '--url', emulator.issuer], 10_000, { IDP_EMULATOR_ADMIN_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ offsetMs: 0 });
  });

  it('exits non-zero with one line for a wrong or missing token, bad input and no emulator', async () => {
    const wrong = await runCli(['reset', '--url', emulator.issuer, '--admin-token', 'wrong-token']);
    expect(wrong).toMatchObject({ code: 1, stdout: '', stderr: 'idp-emulator: the admin token is wrong (HTTP 401)\n' });
    const missing = await runCli(['reset', '--url', emulator.issuer], 10_000, { IDP_EMULATOR_ADMIN_TOKEN: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('idp-emulator: the admin token is missing: pass --admin-token or set IDP_EMULATOR_ADMIN_TOKEN');
    const badUser = await bridge('token', '--user', 'nobody', '--client', 'web');
    expect(badUser).toMatchObject({ code: 1, stderr: 'idp-emulator: no user "nobody" (give a user name, login name or id) (HTTP 400)\n' });
    const usage = await bridge('clock', 'forward', '1h');
    expect(usage.code).toBe(2);
    const nobody = await runCli(['reset', '--url', 'http://127.0.0.1:9', '--admin-token', TOKEN]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/^idp-emulator: cannot reach an emulator at http:\/\/127\.0\.0\.1:9: .+\n$/);
  });
});

describe('serve --clock', () => {
  it('starts with the clock at the given date-time', async () => {
    const temp = await makeTempDir();
    temps.push(temp);
    const cli = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', '--store', temp.file('store.json'), '--admin-token', TOKEN, '--clock', '2030-01-02T03:04:05Z']);
    const [, issuer = ''] = await cli.waitForStdout(/^ {2}issuer: +(\S+)$/m);
    await cli.waitForStdout(/^ {2}clock: {3}2030-01-02T03:04:0\d\.\d{3}Z \(shifted; "idp-emulator clock reset" goes back to real time\)$/m);
    const result = await runCli(['clock', '--url', issuer, '--admin-token', TOKEN]);
    const { now } = JSON.parse(result.stdout) as { now: string };
    expect(Math.abs(Date.parse(now) - Date.parse('2030-01-02T03:04:05Z'))).toBeLessThan(10_000);
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
    const bad = await runCli(['serve', '--clock', 'next week']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('idp-emulator: --clock must be an ISO date-time like 2030-01-01T00:00:00Z, got "next week"');
  });
});
