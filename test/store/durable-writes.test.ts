// Issue 12 items 1-3 against the built CLI: a 2xx from the admin API means the change is on
// disk (kill -9 at random moments loses no acknowledged write), a second process on the same
// store is refused with the holder's PID while a crashed holder's lock is taken over, and a
// store that cannot be saved is warned about at start, answered as an error, and makes the
// shutdown exit non-zero.
import { spawn } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_API_BASE } from '../../src/common/admin-api.js';
import { assertCliBuilt, killRunningClis, spawnCli, type CliProcess } from '../helpers/spawn-cli.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const TOKEN = 'durability-test-token';
const temps: TempDir[] = [];
beforeAll(assertCliBuilt);
afterEach(killRunningClis);
afterAll(async () => {
  await Promise.all(temps.splice(0).map((t) => t.remove()));
});

async function tempDir(): Promise<TempDir> {
  const temp = await makeTempDir('idp-emulator-durable-');
  temps.push(temp);
  return temp;
}

async function serve(store: string, as?: { uid: number; gid: number }): Promise<{ cli: CliProcess; issuer: string }> {
  const cli = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', '--store', store, '--admin-token', TOKEN], {}, as);
  const [, issuer = ''] = await cli.waitForStdout(/^ {2}issuer: +(\S+)$/m);
  return { cli, issuer };
}

function createOrg(issuer: string, name: string): Promise<Response> {
  return fetch(`${issuer}${ADMIN_API_BASE}/orgs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, primaryDomain: `${name}.localhost` }),
  });
}

async function orgNamesIn(store: string): Promise<Set<string>> {
  const data = JSON.parse(await readFile(store, 'utf8')) as { orgs: { name: string }[] };
  return new Set(data.orgs.map((o) => o.name));
}

describe('admin writes are durable', () => {
  it('every acknowledged write survives kill -9 at a random moment', async () => {
    const temp = await tempDir();
    const store = temp.file('store.json');
    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const { cli, issuer } = await serve(store);
      // Sequential writes from one client; the kill lands while one is in flight.
      const killAfter = 5 + Math.floor(Math.random() * 15);
      for (let i = 0; ; i += 1) {
        const name = `r${round}w${i}`;
        const pending = createOrg(issuer, name).then(
          (res) => (res.status === 201 ? acknowledged.push(name) : undefined),
          () => undefined, // the connection died with the process: not acknowledged
        );
        if (i === killAfter) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
          cli.child.kill('SIGKILL');
          await pending;
          break;
        }
        await pending;
      }
      expect(await cli.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const names = await orgNamesIn(store);
      expect(acknowledged.filter((name) => !names.has(name))).toEqual([]);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(15);
  }, 60_000);
});

describe('one writer per store file', () => {
  it('a second serve on the same store exits 2 naming the PID that holds it; after a crash the lock is taken over', async () => {
    const temp = await tempDir();
    const store = temp.file('store.json');
    const first = await serve(store);
    const second = spawnCli(['serve', '--port', '0', '--store', store]);
    expect(await second.exited).toEqual({ code: 2, signal: null });
    expect(second.stderr()).toBe(
      `idp-emulator: ${store} is in use by another emulator (process ${first.cli.child.pid}, lock file ${store}.lock); stop it or pass another --store\n`,
    );

    // The first one crashes: its lock names a dead PID, so the next start takes it over.
    first.cli.child.kill('SIGKILL');
    await first.cli.exited;
    const again = await serve(store);
    expect(JSON.parse(await readFile(`${store}.lock`, 'utf8'))).toMatchObject({ pid: again.cli.child.pid });
    again.cli.child.kill('SIGTERM');
    expect(await again.cli.exited).toEqual({ code: 0, signal: null });
    await expect(readFile(`${store}.lock`, 'utf8')).rejects.toThrow(/ENOENT/);
  }, 30_000);

  it('a lock whose PID was reused by an unrelated live process is taken over once it has not been refreshed for a minute', async () => {
    const temp = await tempDir();
    const store = temp.file('store.json');
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      const { hostname } = await import('node:os');
      await writeFile(`${store}.lock`, JSON.stringify({ pid: sleeper.pid, host: hostname() }));
      const refused = spawnCli(['serve', '--port', '0', '--store', store]);
      expect(await refused.exited).toEqual({ code: 2, signal: null });
      expect(refused.stderr()).toContain(`(process ${sleeper.pid},`);
      const { utimes } = await import('node:fs/promises');
      const old = new Date(Date.now() - 61_000);
      await utimes(`${store}.lock`, old, old);
      const { cli } = await serve(store);
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toEqual({ code: 0, signal: null });
    } finally {
      sleeper.kill('SIGKILL');
    }
  }, 30_000);
});

describe('a store that cannot be saved', () => {
  it('is warned about at start, answers writes with not_saved, and the shutdown exits non-zero', async () => {
    const temp = await tempDir();
    const store = temp.file('store.json');
    // Create the store, then make its folder read-only (as another user when running as root).
    const created = await serve(store);
    created.cli.child.kill('SIGTERM');
    await created.cli.exited;
    const isRoot = process.getuid?.() === 0;
    if (isRoot) await chmod(store, 0o644);
    await chmod(temp.dir, 0o555);
    try {
      const { cli, issuer } = await serve(store, isRoot ? { uid: 65534, gid: 65534 } : undefined);
      expect(cli.stdout()).toContain(`warning: the store folder ${temp.dir} is not writable: changes made in the console will NOT be saved\n`);
      const res = await createOrg(issuer, 'unsaved');
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('not_saved');
      expect(body.message).toMatch(new RegExp(`^could not save ${store}: EACCES: .*\\. The change is in memory only and NOT saved`));
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toEqual({ code: 2, signal: null });
      expect(cli.stderr()).toMatch(new RegExp(`^idp-emulator: stopped with unsaved changes \\(they are lost\\): could not save ${store}: EACCES`));
      expect(await orgNamesIn(store)).not.toContain('unsaved');
    } finally {
      await chmod(temp.dir, 0o755);
    }
  }, 30_000);
});
