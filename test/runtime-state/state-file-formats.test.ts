// Issue 14: the --max-live-tokens flag of the built CLI, and a runtime state file written before
// the journal (one JSON snapshot) being taken over and rewritten as a journal.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from '../helpers/emulator.js';
import { BOTS, CLIENTS, SU, audScope, buildServiceUsersSeed } from '../helpers/service-users-seed.js';
import { assertCliBuilt, killRunningClis, runCli, spawnCli } from '../helpers/spawn-cli.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const temps: TempDir[] = [];
beforeAll(assertCliBuilt);
afterEach(killRunningClis);
afterAll(async () => {
  await Promise.all(temps.splice(0).map((t) => t.remove()));
});

async function seededStore(): Promise<{ storePath: string; statePath: string }> {
  const temp = await makeTempDir();
  temps.push(temp);
  const storePath = temp.file('store.json');
  await writeFile(storePath, `${JSON.stringify(buildServiceUsersSeed(), null, 2)}\n`);
  return { storePath, statePath: temp.file('store.state.json') };
}

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function ccToken(issuer: string): Promise<string> {
  const res = await fetch(`${issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: { authorization: basic(BOTS.ci.loginName, BOTS.ci.secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: audScope(SU.shop) }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function active(issuer: string, token: string): Promise<boolean> {
  const res = await fetch(`${issuer}/oauth/v2/introspect`, {
    method: 'POST',
    headers: { authorization: basic(CLIENTS.api.clientId, CLIENTS.api.secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { active: boolean }).active;
}

describe('--max-live-tokens', () => {
  it('caps the live token sets of the CLI: the oldest service-user token stops being active', async () => {
    const { storePath } = await seededStore();
    const cli = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', '--store', storePath, '--quiet', '--max-live-tokens', '2']);
    const [, issuer = ''] = await cli.waitForStdout(/^ {2}issuer: +(\S+)$/m);
    const tokens = [await ccToken(issuer), await ccToken(issuer), await ccToken(issuer)];
    expect(await Promise.all(tokens.map((t) => active(issuer, t)))).toEqual([false, true, true]);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it('exits 2 for a limit below 1', async () => {
    expect(await runCli(['serve', '--max-live-tokens', '0'])).toEqual({
      code: 2,
      signal: null,
      stdout: '',
      stderr: 'idp-emulator: --max-live-tokens must be a whole number of at least 1, got "0"\nRun "idp-emulator --help" for the options.\n',
    });
  });
});

describe('a state file from before the journal', () => {
  it('is read, its tokens stay active, and it is rewritten as a journal', async () => {
    const { storePath, statePath } = await seededStore();
    const now = Math.floor(Date.now() / 1000);
    const token = 'legacy-opaque-token-000000000000000000000000';
    const session = {
      id: '600000000000000001',
      userId: SU.ciBot,
      clientId: BOTS.ci.loginName,
      scopes: [audScope(SU.shop)],
      grantedScopes: [audScope(SU.shop)],
      audience: [SU.shop],
      accessTokenId: '600000000000000002',
      accessTokenIssuedAt: now,
      accessTokenExpiresAt: now + 3600,
      createdAt: now,
    };
    // As the state file was written before (lowdb: one JSON document, no newline), with the
    // token only in the token list, not yet on the session.
    const legacy = {
      version: 1,
      authRequests: [],
      codes: [],
      loginSessions: [],
      oidcSessions: [session],
      accessTokens: [[token, { sessionId: session.id, tokenId: session.accessTokenId }]],
      refreshTokens: [],
      deviceAuthorizations: [],
    };
    await writeFile(statePath, JSON.stringify(legacy));

    const emulator = await startTestEmulator({ storePath });
    try {
      expect(await active(emulator.issuer, token)).toBe(true);
    } finally {
      await emulator.close();
    }
    const journal = await readFile(statePath, 'utf8');
    expect(journal.split('\n')[0]).toBe('{"v":2}');
    expect(journal).toContain(token);

    const again = await startTestEmulator({ storePath });
    try {
      expect(await active(again.issuer, token)).toBe(true);
    } finally {
      await again.close();
    }
  });
});
