// Hand edits of the store file while the emulator runs: a valid edit is loaded (GET store shows
// it, the event stream says source "file"), an invalid one keeps the last good data and is
// reported, and a console write based on the revision before the reload gets 409.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StoreChangedDto, StoreDto } from '../../src/common/admin-api.js';
import type { StoreData } from '../../src/main/store/schema.js';
import { openEventStream, startAdminTestbed, type AdminTestbed } from './admin-client.js';

let bed: AdminTestbed;
const logLines: string[] = [];

beforeAll(async () => {
  bed = await startAdminTestbed({ log: (line) => logLines.push(line) });
});
afterAll(() => bed.close());

async function readStoreFile(): Promise<StoreData> {
  await bed.emulator.store.flush();
  return JSON.parse(await readFile(bed.storePath, 'utf8')) as StoreData;
}

describe('hand edits of the store file', () => {
  test('a valid edit is reloaded and announced; a write based on the old revision gets 409', async () => {
    const events = await openEventStream(bed.emulator.issuer);
    expect(events.response.status).toBe(200);
    expect(events.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(events.response.headers.get('cache-control')).toBe('no-store');
    try {
      const before = bed.emulator.store.revision;
      const file = await readStoreFile();
      const acme = file.orgs[0];
      if (!acme) throw new Error('no org in the seed');
      acme.name = 'Acme (edited by hand)';
      await writeFile(bed.storePath, `${JSON.stringify(file, null, 2)}\n`);

      const change = await events.waitFor((e) => e.event === 'store' && (e.data as StoreChangedDto).source === 'file');
      expect(change.data).toEqual({ revision: before + 1, source: 'file' });
      const store = (await bed.api('GET', 'store')).body as StoreDto;
      expect(store.revision).toBe(before + 1);
      expect((store.data as unknown as StoreData).orgs[0]?.name).toBe('Acme (edited by hand)');
      expect(logLines).toContain(`reloaded ${bed.storePath} after an edit (revision ${before + 1})`);

      // The console still shows revision `before`: its write must not silently undo the edit.
      const stale = await bed.api('PUT', `orgs/${acme.id}`, { ...acme, name: 'Acme' }, { 'If-Match': String(before) });
      expect(stale.status).toBe(409);
      expect(stale.body).toEqual({
        error: 'conflict',
        message: `the store changed since revision ${before}; it is now at revision ${before + 1}`,
        revision: before + 1,
      });

      // A console write is announced as "admin", and our own file write is not taken for an edit.
      const ok = await bed.api('PUT', `orgs/${acme.id}`, { ...acme, name: 'Acme' }, { 'If-Match': String(before + 1) });
      expect(ok.status).toBe(200);
      await events.waitFor((e) => e.event === 'store' && (e.data as StoreChangedDto).source === 'admin');
      expect(events.events.filter((e) => e.event === 'store').map((e) => e.data)).toEqual([
        { revision: before + 1, source: 'file' },
        { revision: before + 2, source: 'admin' },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(bed.emulator.store.revision).toBe(before + 2);
      expect((await readStoreFile()).orgs[0]?.name).toBe('Acme');
    } finally {
      events.close();
    }
  });

  test('an invalid edit keeps the last good data and is reported with file and position', async () => {
    const events = await openEventStream(bed.emulator.issuer);
    try {
      const revision = bed.emulator.store.revision;
      const good = bed.emulator.store.data;
      await writeFile(bed.storePath, '{\n  "version": 1,\n  "orgs": [}\n');
      const report = await events.waitFor((e) => e.event === 'store' && (e.data as StoreChangedDto).error !== undefined);
      const error = `${bed.storePath}: line 3, column 12: invalid JSON: Unexpected token '}'`;
      expect(report.data).toEqual({ revision, source: 'file', error });
      expect(logLines).toContain(`ignored an edit of ${error}; keeping the last valid store`);
      expect(bed.emulator.store.revision).toBe(revision);
      expect(bed.emulator.store.data).toBe(good);
      expect((await bed.api('GET', 'overview')).body).toMatchObject({ revision });

      // Valid JSON that the schema refuses is reported by JSON path.
      const file = structuredClone(good);
      (file.orgs[0] as { name: string }).name = '';
      await writeFile(bed.storePath, JSON.stringify(file));
      const second = await events.waitFor((e) => e.event === 'store' && String((e.data as StoreChangedDto).error).includes('orgs[0].name'));
      expect((second.data as StoreChangedDto).error).toMatch(new RegExp(`^${bed.storePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: orgs\\[0\\]\\.name: `));
      expect(bed.emulator.store.data).toBe(good);
    } finally {
      events.close();
    }
  });
});
