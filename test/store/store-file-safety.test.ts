// Issue 12 items 4 and 5 in-process: a console write never overwrites a hand edit it has not
// seen (409, the edit stays, the console reads the new data), and saving keeps what the user
// set on the file: symlinks are written through, modes kept, new files created 0600.
import { chmod, lstat, mkdir, readFile, readlink, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ConflictDto, StoreDto } from '../../src/common/admin-api.js';
import type { StoreData } from '../../src/main/store/schema.js';
import { filePersistence } from '../../src/main/store/persistence.js';
import { openStore, StoreConflictError } from '../../src/main/store/store.js';
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
  test('a write that meets a valid edit on disk is refused with a conflict and the edit becomes the data', async () => {
    // The Store alone, with no file watcher to load the edit first: the race is decided here.
    const b = await bed();
    const path = join(b.temp.dir, 'direct.json');
    await writeFile(path, await readFile(b.storePath, 'utf8'));
    const store = await openStore(filePersistence(path), () => Promise.reject(new Error('no seed needed')), () => undefined);
    const file = await readStore(path);
    const acme = file.orgs[0];
    if (!acme) throw new Error('no org');
    acme.name = 'Edited by hand';
    const edited = `${JSON.stringify(file, null, 2)}\n`;
    await writeFile(path, edited);
    store.update((draft) => void draft.orgs.push({ ...structuredClone(acme), id: '999999999999999999', name: 'Mine', primaryDomain: 'mine.localhost' }));
    const revision = store.revision;
    const refused = await store.saved(revision).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(StoreConflictError);
    expect((refused as StoreConflictError).message).toBe(`${path} was edited on disk; this change was not applied (the store is now at revision ${store.revision})`);
    expect(await readFile(path, 'utf8')).toBe(edited);
    expect(store.data.orgs.map((o) => o.name)).toEqual(file.orgs.map((o) => o.name));
    // The edit is now what the store knows: the next write goes through and keeps it.
    store.update((draft) => void draft.orgs.push({ ...structuredClone(acme), id: '999999999999999998', name: 'Mine', primaryDomain: 'mine.localhost' }));
    await store.saved(store.revision);
    expect((await readStore(path)).orgs.map((o) => o.name)).toEqual([...file.orgs.map((o) => o.name), 'Mine']);
  });

  test('a valid edit saved just before a console write is never lost, whichever comes first', async () => {
    const b = await bed();
    const file = await readStore(b.storePath);
    const acme = file.orgs[0];
    if (!acme) throw new Error('no org');
    acme.name = 'Edited by hand';
    await writeFile(b.storePath, `${JSON.stringify(file, null, 2)}\n`);
    // No wait for the file watcher: the write meets the edit on disk (409), unless the watcher
    // loaded it first (a slow machine), in which case the write lands on top of it (201).
    const res = await b.api('POST', 'orgs', { name: 'From the console', primaryDomain: 'console.localhost' });
    expect([201, 409]).toContain(res.status);
    if (res.status === 409) {
      const body = res.body as ConflictDto;
      expect(body.error).toBe('conflict');
      const store = (await b.api('GET', 'store')).body as StoreDto;
      expect(store.revision).toBe(body.revision);
      expect((store.data as StoreData).orgs.map((o) => o.name)).toEqual(file.orgs.map((o) => o.name));
      const again = await b.api('POST', 'orgs', { name: 'From the console', primaryDomain: 'console.localhost' }, { 'If-Match': String(body.revision) });
      expect(again.status).toBe(201);
    }
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
    // A hand edit of the target is picked up like one of a plain store file.
    const data = await readStore(target);
    data.orgs.push({ ...structuredClone(data.orgs[0] as StoreData['orgs'][number]), id: '999999999999999997', name: 'Edited at the target', primaryDomain: 'target.localhost' });
    await writeFile(target, `${JSON.stringify(data, null, 2)}\n`);
    await expect
      .poll(async () => (((await b.api('GET', 'store')).body as StoreDto).data as StoreData).orgs.map((o) => o.name), { timeout: 5000 })
      .toContain('Edited at the target');
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
