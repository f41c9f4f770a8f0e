// Issue 12 items 4 and 5 in-process: a console write never overwrites a hand edit it has not
// seen (409, the edit stays, the console reads the new data), and saving keeps what the user
// set on the file: symlinks are written through, modes kept, new files created 0600.
import { chmod, lstat, mkdir, readFile, readlink, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ConflictDto, StoreDto } from '../../src/common/admin-api.js';
import type { StoreData } from '../../src/main/store/schema.js';
import { startAdminTestbed, type AdminTestbed } from '../admin/admin-client.js';

const beds: AdminTestbed[] = [];
afterEach(async () => {
  await Promise.all(beds.splice(0).map((b) => b.close()));
});

async function bed(options: Parameters<typeof startAdminTestbed>[0] = {}): Promise<AdminTestbed> {
  const b = await startAdminTestbed({ log: () => undefined, ...options });
  beds.push(b);
  return b;
}

async function readStore(path: string): Promise<StoreData> {
  return JSON.parse(await readFile(path, 'utf8')) as StoreData;
}

describe('hand edits are never overwritten', () => {
  test('a valid edit saved just before a console write wins: the write gets 409 and the console then reads the edit', async () => {
    const b = await bed();
    const file = await readStore(b.storePath);
    const acme = file.orgs[0];
    if (!acme) throw new Error('no org');
    acme.name = 'Edited by hand';
    const edited = `${JSON.stringify(file, null, 2)}\n`;
    await writeFile(b.storePath, edited);
    // No wait for the file watcher: the write meets the edit on disk.
    const res = await b.api('POST', 'orgs', { name: 'From the console', primaryDomain: 'console.localhost' });
    expect(res.status).toBe(409);
    const body = res.body as ConflictDto;
    expect(body.error).toBe('conflict');
    expect(body.message).toBe(`${b.storePath} was edited on disk; this change was not applied (the store is now at revision ${body.revision})`);
    expect(await readFile(b.storePath, 'utf8')).toBe(edited);
    const store = (await b.api('GET', 'store')).body as StoreDto;
    expect(store.revision).toBe(body.revision);
    expect((store.data as StoreData).orgs.map((o) => o.name)).toEqual(file.orgs.map((o) => o.name));
    expect((store.data as StoreData).orgs.map((o) => o.name)).not.toContain('From the console');

    // Now that the console has the edit, its next write goes through and keeps the edit.
    const again = await b.api('POST', 'orgs', { name: 'From the console', primaryDomain: 'console.localhost' }, { 'If-Match': String(body.revision) });
    expect(again.status).toBe(201);
    const names = (await readStore(b.storePath)).orgs.map((o) => o.name);
    expect(names).toContain('Edited by hand');
    expect(names).toContain('From the console');
  });

  test('a half-finished (invalid) edit is not replaced by a console write', async () => {
    const b = await bed();
    const text = await readFile(b.storePath, 'utf8');
    const half = text.slice(0, Math.floor(text.length / 2));
    await writeFile(b.storePath, half);
    const res = await b.api('POST', 'orgs', { name: 'From the console', primaryDomain: 'console.localhost' });
    expect(res.status).toBe(409);
    expect((res.body as ConflictDto).error).toBe('conflict');
    expect(await readFile(b.storePath, 'utf8')).toBe(half);
    // The last valid data stays in use.
    const store = (await b.api('GET', 'store')).body as StoreDto;
    expect((store.data as StoreData).orgs.map((o) => o.name)).not.toContain('From the console');
  });
});

describe('concurrent admin writes', () => {
  test('are saved together: every one answered 201 is in the file when its answer arrives', async () => {
    const b = await bed();
    const names = Array.from({ length: 30 }, (_, i) => `Batch ${i}`);
    await Promise.all(
      names.map(async (name, i) => {
        const res = await b.api('POST', 'orgs', { name, primaryDomain: `batch${i}.localhost` });
        expect(res.status).toBe(201);
        // Read at the moment of the answer, before any later flush.
        expect((await readStore(b.storePath)).orgs.map((o) => o.name)).toContain(name);
      }),
    );
  });
});

describe('files keep what the user set', () => {
  test('a new store file is created 0600 and the temp files are gone', async () => {
    const b = await bed();
    expect((await stat(b.storePath)).mode & 0o777).toBe(0o600);
    const res = await b.api('POST', 'orgs', { name: 'Mode', primaryDomain: 'mode.localhost' });
    expect(res.status).toBe(201);
    expect((await stat(b.storePath)).mode & 0o777).toBe(0o600);
    expect((await readdir(b.temp.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a 0640 store stays 0640 after a write', async () => {
    const first = await bed();
    const path = first.storePath;
    const text = await readFile(path, 'utf8');
    const b = await bed({ storePath: join(first.temp.dir, 'other.json') });
    await writeFile(b.storePath, text);
    await chmod(b.storePath, 0o640);
    // Picked up as a hand edit; then a console write saves it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const res = await b.api('POST', 'orgs', { name: 'Kept', primaryDomain: 'kept.localhost' });
    expect(res.status).toBe(201);
    expect((await stat(b.storePath)).mode & 0o777).toBe(0o640);
  });

  test('a symlinked store is written through to its target and stays a symlink', async () => {
    const b0 = await bed();
    const targetDir = join(b0.temp.dir, 'real');
    await mkdir(targetDir);
    const target = join(targetDir, 'store.json');
    await writeFile(target, await readFile(b0.storePath, 'utf8'), { mode: 0o600 });
    const link = join(b0.temp.dir, 'link.json');
    await symlink(target, link);
    const b = await bed({ storePath: link });
    const res = await b.api('POST', 'orgs', { name: 'Through the link', primaryDomain: 'link.localhost' });
    expect(res.status).toBe(201);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect((await readStore(target)).orgs.map((o) => o.name)).toContain('Through the link');
  });

  test('the runtime state file (live tokens) is created 0600', async () => {
    const b = await bed();
    const store = await readStore(b.storePath);
    const bot = store.users.find((u) => u.machine?.clientSecret);
    if (!bot?.machine) throw new Error('the demo seed has no service user with a secret');
    const basic = Buffer.from(`${bot.userName}:${encodeURIComponent(bot.machine.clientSecret ?? '')}`).toString('base64');
    const token = await fetch(`${b.emulator.issuer}/oauth/v2/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=openid',
    });
    expect(token.status).toBe(200);
    await b.emulator.close();
    const state = b.storePath.replace(/\.json$/, '.state.json');
    expect((await stat(state)).mode & 0o777).toBe(0o600);
  });
});
