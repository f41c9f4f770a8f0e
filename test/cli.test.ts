// The built `idp-emulator` command (DESIGN §3): it serves, shuts down cleanly on SIGTERM, and
// exits 2 with a one-line reason on stderr for bad flags, a bad store file or a busy port.
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { USAGE } from '../src/main/cli/parse-serve-args.js';
import { BRIDGE_USAGE } from '../src/main/cli/bridge-commands.js';
import { CREDENTIAL_USAGE } from '../src/main/cli/credential-commands.js';
import { assertCliBuilt, killRunningClis, runCli, spawnCli } from './helpers/spawn-cli.js';
import { makeTempDir, writeTempStore, type TempDir } from './helpers/temp-store.js';

const temps: TempDir[] = [];
beforeAll(assertCliBuilt);
afterEach(killRunningClis);
afterAll(async () => {
  await Promise.all(temps.splice(0).map((t) => t.remove()));
});

describe('idp-emulator CLI', () => {
  it('serves discovery on the printed issuer and exits 0 on SIGTERM', async () => {
    const temp = await makeTempDir();
    temps.push(temp);
    const store = temp.file('store.json');
    const cli = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', '--store', store]);
    const [, issuer = ''] = await cli.waitForStdout(/^ {2}issuer: +(\S+)$/m);
    expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.stdout()).toContain(`  store:   ${store}\n`);
    expect(cli.stdout()).toMatch(new RegExp(`^ {2}console: ${issuer.replace(/\./g, '\\.')}/ui/console/#token=[\\w-]+$`, 'm'));

    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const doc = (await res.json()) as { issuer: string; jwks_uri: string };
    expect(doc.issuer).toBe(issuer);
    expect(doc.jwks_uri).toBe(`${issuer}/oauth/v2/keys`);
    await cli.waitForStdout(/^GET \/\.well-known\/openid-configuration 200 \d+\.\dms$/m);

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.stderr()).toBe('');
    const saved = JSON.parse(await readFile(store, 'utf8')) as { version: number; orgs: { name: string }[] };
    expect(saved.version).toBe(1);
    expect(saved.orgs.map((o) => o.name)).toEqual(['Acme']);
  });

  it('prints the usage for --help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result).toEqual({ code: 0, signal: null, stdout: `${USAGE}\n${CREDENTIAL_USAGE}\n${BRIDGE_USAGE}`, stderr: '' });
    expect(USAGE).toMatch(/^Usage: idp-emulator \[serve\] \[options\]\n/);
  });

  it('exits 2 with a message on stderr for an unknown flag', async () => {
    const result = await runCli(['serve', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^idp-emulator: Unknown option '--bogus'\./);
    expect(result.stderr.endsWith('\nRun "idp-emulator --help" for the options.\n')).toBe(true);
  });

  it('exits 2 for a port that is not a number', async () => {
    const result = await runCli(['serve', '--port', 'eighty']);
    expect(result).toEqual({
      code: 2,
      signal: null,
      stdout: '',
      stderr: 'idp-emulator: --port must be a number from 0 to 65535, got "eighty"\nRun "idp-emulator --help" for the options.\n',
    });
  });

  it('exits 2 for a corrupt store file, names the file and leaves it unchanged', async () => {
    const { temp, path, bytes } = await writeTempStore('{\n  "version": 1,\n  "orgs": [}\n');
    temps.push(temp);
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--store', path]);
    expect(result).toEqual({
      code: 2,
      signal: null,
      stdout: '',
      stderr: `idp-emulator: ${path}: line 3, column 12: invalid JSON: Unexpected token '}'\n`,
    });
    expect((await readFile(path)).equals(bytes)).toBe(true);
  });

  it('exits 2 with one line when the store file is in a missing folder', async () => {
    const temp = await makeTempDir();
    temps.push(temp);
    const store = temp.file('missing/store.json');
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--store', store]);
    expect({ code: result.code, signal: result.signal, stdout: result.stdout }).toEqual({ code: 2, signal: null, stdout: '' });
    expect(result.stderr).toBe(
      `idp-emulator: cannot use the store file ${store}: its folder ${temp.file('missing')} does not exist\n`,
    );
  });

  it('exits 2 with one line when the store path is a folder', async () => {
    const temp = await makeTempDir();
    temps.push(temp);
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--store', temp.dir]);
    expect(result).toEqual({
      code: 2,
      signal: null,
      stdout: '',
      stderr: `idp-emulator: cannot use the store file ${temp.dir}: EISDIR: illegal operation on a directory, read\n`,
    });
  });

  it('exits 2 when the port is already in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const { port } = blocker.address() as AddressInfo;
    const temp = await makeTempDir();
    temps.push(temp);
    try {
      const result = await runCli(['serve', '--port', String(port), '--host', '127.0.0.1', '--store', temp.file('store.json')]);
      expect(result).toEqual({
        code: 2,
        signal: null,
        stdout: '',
        stderr: `idp-emulator: port ${port} on 127.0.0.1 is already in use (try --port)\n`,
      });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
