// Persistence across restarts (DESIGN §4, §5): the demo ids and the signing key survive a
// restart, and writes go through a temp file and a rename, leaving nothing else behind.
import { readdir, readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreData } from '../src/main/store/schema.js';
import { fetchJwks, startTestEmulator } from './helpers/emulator.js';
import { makeTempDir, type TempDir } from './helpers/temp-store.js';

const temps: TempDir[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((t) => t.remove()));
});

async function readStore(path: string): Promise<StoreData> {
  return JSON.parse(await readFile(path, 'utf8')) as StoreData;
}

function idsOf(data: StoreData): Record<string, string[]> {
  return {
    instance: [data.instance.id],
    orgs: data.orgs.map((o) => o.id),
    projects: data.projects.map((p) => p.id),
    apps: data.apps.map((a) => a.id),
    clientIds: data.apps.map((a) => a.clientId),
    users: data.users.map((u) => u.id),
    grants: data.userGrants.map((g) => g.id),
    signingKeys: data.signingKeys.map((k) => k.id),
  };
}

describe('persistence', () => {
  it('keeps the demo ids and the active kid across a restart', async () => {
    const temp = await makeTempDir();
    temps.push(temp);
    const path = temp.file('store.json');

    const first = await startTestEmulator({ storePath: path });
    const firstKid = first.keys.signer().kid;
    const firstJwks = await fetchJwks(first.issuer);
    await first.close();
    const firstFile = await readStore(path);

    expect(firstFile.signingKeys.map((k) => [k.id, k.active])).toEqual([[firstKid, true]]);
    expect(firstJwks.keys.map((k) => k.kid)).toEqual([firstKid]);
    expect(await readdir(temp.dir)).toEqual(['store.json']);

    const second = await startTestEmulator({ storePath: path });
    try {
      expect(second.port).not.toBe(0);
      const secondJwks = await fetchJwks(second.issuer);
      expect(secondJwks).toEqual(firstJwks);
      expect(second.keys.signer().kid).toBe(firstKid);
      expect(idsOf(second.store.data)).toEqual(idsOf(firstFile));
    } finally {
      await second.close();
    }
    const secondFile = await readStore(path);
    expect(idsOf(secondFile)).toEqual(idsOf(firstFile));
    expect(idsOf(secondFile).apps).toHaveLength(4);
    expect(idsOf(secondFile).users).toHaveLength(3);
    expect(await readdir(temp.dir)).toEqual(['store.json']);
  });

  it('writes rotated keys atomically, keeps the old ones published, and reloads the newest as active', async () => {
    const temp = await makeTempDir();
    temps.push(temp);
    const path = temp.file('store.json');

    const first = await startTestEmulator({ storePath: path });
    const original = first.keys.signer().kid;
    // rotate() resolves before its write lands, so these writes overlap; the last data must win.
    const rotatedA = await first.keys.rotate();
    const rotatedB = await first.keys.rotate();
    const jwks = await fetchJwks(first.issuer);
    expect(jwks.keys.map((k) => k.kid)).toEqual([original, rotatedA, rotatedB]);
    expect(first.keys.signer().kid).toBe(rotatedB);
    await first.close();

    expect(await readdir(temp.dir)).toEqual(['store.json']);
    const saved = await readStore(path);
    expect(saved.signingKeys.map((k) => [k.id, k.active])).toEqual([
      [original, false],
      [rotatedA, false],
      [rotatedB, true],
    ]);

    const second = await startTestEmulator({ storePath: path });
    try {
      expect(second.keys.signer().kid).toBe(rotatedB);
      expect((await fetchJwks(second.issuer)).keys.map((k) => k.kid)).toEqual([original, rotatedA, rotatedB]);
    } finally {
      await second.close();
    }
  });
});
