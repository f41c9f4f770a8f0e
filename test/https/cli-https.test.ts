// `idp-emulator serve --https --http-port --domain --doctor` (issue 16) from the built CLI: the
// CA goes to $XDG_CONFIG_HOME/idp-emulator (a temp dir here, never the real home), the trust
// steps are printed, domains are listed, findings follow the request's log line.
import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, killRunningClis, runCli, spawnCli } from '../helpers/spawn-cli.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { fetchTrusting } from '../helpers/tls-fetch.js';

const temps: TempDir[] = [];
beforeAll(assertCliBuilt);
afterEach(killRunningClis);
afterAll(async () => {
  await Promise.all(temps.splice(0).map((t) => t.remove()));
});

describe('serve --https', () => {
  it('creates the CA under XDG_CONFIG_HOME, prints how to trust it and serves https, http and a domain', async () => {
    const temp = await makeTempDir();
    temps.push(temp);
    const xdg = temp.file('config');
    const cli = spawnCli(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--store', temp.file('store.json'), '--https', '--http-port', '0', '--domain', 'idp.localhost:9443', '--doctor'],
      { XDG_CONFIG_HOME: xdg },
    );
    const [, issuer = ''] = await cli.waitForStdout(/^ {2}issuer: +(\S+)$/m);
    await cli.waitForStdout(/Java: /);
    const caPath = `${xdg}/idp-emulator/ca.pem`;
    expect(issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const out = cli.stdout();
    expect(out).toContain('  domain:  https://idp.localhost:9443\n');
    expect(out).toMatch(/^ {2}http: {4}port \d+ \(same issuers, plain HTTP\)$/m);
    expect(out).toContain(`  HTTPS uses a local certificate authority: ${caPath}\n  Trust it once (docs/https.md):\n`);
    expect(out).toContain(`    Node.js:           export NODE_EXTRA_CA_CERTS=${caPath}\n`);
    expect(out).toContain(`    Go, curl, OpenSSL: export SSL_CERT_FILE=${caPath}\n`);
    expect(out).toContain(`    Python (requests): export REQUESTS_CA_BUNDLE=${caPath}\n`);

    const tls = fetchTrusting(await readFile(caPath, 'utf8'));
    try {
      const res = await tls.fetch(`${issuer}/oauth/v2/authorize?client_id=nobody&redirect_uri=x&scope=openid&response_type=code`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      await res.text();
    } finally {
      await tls.close();
    }
    await cli.waitForStdout(/^GET \/oauth\/v2\/authorize 400 \d+\.\dms$/m);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it('exits 2 for --http-port without --https and for a bad --domain', async () => {
    expect(await runCli(['serve', '--http-port', '8081'])).toMatchObject({ code: 2, stderr: 'idp-emulator: --http-port needs --https\nRun "idp-emulator --help" for the options.\n' });
    expect(await runCli(['serve', '--domain', 'localhost'])).toMatchObject({
      code: 2,
      stderr: 'idp-emulator: --domain: domain "localhost" is a loopback name: localhost keeps the main issuer\nRun "idp-emulator --help" for the options.\n',
    });
  });
});

describe('serve --doctor', () => {
  it('prints findings under the request line', async () => {
    const temp = await makeTempDir();
    temps.push(temp);
    const cli = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', '--store', temp.file('store.json'), '--doctor']);
    const [, issuer = ''] = await cli.waitForStdout(/^ {2}issuer: +(\S+)$/m);
    const store = JSON.parse(await readFile(temp.file('store.json'), 'utf8')) as { apps: { name: string; clientId: string; oidc?: { redirectUris: string[] } }[] };
    const web = store.apps.find((a) => a.name === 'web');
    const url = new URL(`${issuer}/oauth/v2/authorize`);
    url.search = new URLSearchParams({ client_id: web?.clientId ?? '', redirect_uri: web?.oidc?.redirectUris[0] ?? '', response_type: 'code', scope: 'openid shop:read', state: 's', nonce: 'n' }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    await cli.waitForStdout(/^GET \/oauth\/v2\/authorize 302 \d+\.\dms\n {2}doctor info: scope "shop:read" is not one ZITADEL knows; it was dropped silently \(docs\/doctor\.md#unknown-scope\)$/m);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });
});
