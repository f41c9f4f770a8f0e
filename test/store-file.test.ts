// The store file (DESIGN §4): the demo seed and hand-written seeds load; a file that does not
// parse or validate is refused with a StoreError naming the file, where and what, and is
// never touched.
import { generateKeyPairSync } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreInput } from '../src/main/store/schema.js';
import { expectStoreRefused, fetchJwks, startTestEmulator } from './helpers/emulator.js';
import { IDS, MINIMAL_SEED_TEXT, buildValidStore, testRsaPem, toStoreText } from './helpers/store-fixture.js';
import { makeTempDir, writeTempStore, type TempDir } from './helpers/temp-store.js';

const temps: TempDir[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((t) => t.remove()));
});

/** Writes `text`, expects it refused with exactly `where: message`, and checks nothing changed. */
async function expectRefused(text: string, where: string, message: string): Promise<void> {
  const { temp, path, bytes } = await writeTempStore(text);
  temps.push(temp);
  const err = await expectStoreRefused(path);
  expect(err.file).toBe(path);
  expect(err.problems).toEqual([{ where, message }]);
  expect(err.message).toBe(`${path}: ${where}: ${message}`);
  const after = await readFile(path);
  expect(after.equals(bytes)).toBe(true);
  expect(await readdir(temp.dir)).toEqual(['store.json']);
}

function mutated(change: (store: StoreInput) => void): string {
  const store = buildValidStore();
  change(store);
  return toStoreText(store);
}

describe('store file: accepted', () => {
  it('creates the demo seed in a missing file and loads it again', async () => {
    const temp = await makeTempDir();
    temps.push(temp);
    const path = temp.file('store.json');
    const first = await startTestEmulator({ storePath: path });
    const created = first.store.data;
    await first.close();

    const onDisk: unknown = JSON.parse(await readFile(path, 'utf8'));
    expect(onDisk).toEqual(created);

    const second = await startTestEmulator({ storePath: path });
    try {
      const data = second.store.data;
      expect(data).toEqual(created);
      expect(data.version).toBe(1);
      expect(data.orgs.map((o) => [o.name, o.primaryDomain])).toEqual([['Acme', 'acme.localhost']]);
      expect(data.projects.map((p) => [p.name, p.roles.map((r) => r.key)])).toEqual([['Shop', ['admin', 'editor', 'viewer']]]);
      expect(data.apps.map((a) => [a.name, a.oidc?.appType ?? 'api'])).toEqual([
        ['web', 'web'],
        ['spa', 'userAgent'],
        ['cli', 'native'],
        ['api', 'api'],
      ]);
      expect(data.users.map((u) => [u.userName, u.human ? 'human' : 'machine'])).toEqual([
        ['alice', 'human'],
        ['bob', 'human'],
        ['ci-bot', 'machine'],
      ]);
      expect(data.users[2]?.machine?.keys).toHaveLength(1);
      expect(data.userGrants).toHaveLength(3);
      expect(data.signingKeys.map((k) => k.active)).toEqual([true]);
      for (const id of [data.instance.id, ...data.orgs.map((o) => o.id), ...data.apps.map((a) => a.clientId)]) {
        expect(id).toMatch(/^\d{18}$/);
      }
    } finally {
      await second.close();
    }
  });

  it('accepts a hand-written minimal seed and adds a signing key to it', async () => {
    const { temp, path } = await writeTempStore(MINIMAL_SEED_TEXT);
    temps.push(temp);
    const emulator = await startTestEmulator({ storePath: path });
    let kid: string;
    try {
      const keys = emulator.store.data.signingKeys;
      expect(keys).toHaveLength(1);
      kid = keys[0]?.id ?? '';
      expect(kid).toMatch(/^\d{18}$/);
      const jwks = await fetchJwks(emulator.issuer);
      expect(jwks.keys.map((k) => k.kid)).toEqual([kid]);
    } finally {
      await emulator.close();
    }
    const saved = JSON.parse(await readFile(path, 'utf8')) as {
      instance: { id: string; name: string; defaultOrgId: string };
      orgs: unknown[];
      apps: unknown[];
      signingKeys: { id: string; active: boolean; publicKey: string; privateKey: string }[];
    };
    expect(saved.instance).toMatchObject({ id: IDS.instance, name: 'Local', defaultOrgId: IDS.org });
    expect(saved.orgs).toEqual([{ id: IDS.org, name: 'Acme', primaryDomain: 'acme.localhost', state: 'active' }]);
    expect(saved.apps).toEqual([]);
    expect(saved.signingKeys.map((k) => [k.id, k.active])).toEqual([[kid, true]]);
    expect(saved.signingKeys[0]?.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(saved.signingKeys[0]?.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(await readdir(temp.dir)).toEqual(['store.json']);
  });

  it('accepts the same user name in two orgs when login names carry the domain', async () => {
    const text = mutated((store) => {
      store.instance.domainPolicy = { userLoginMustBeDomain: true };
      const bob = store.users?.[1];
      if (bob) Object.assign(bob, { orgId: IDS.otherOrg, userName: 'alice' });
    });
    const { temp, path } = await writeTempStore(text);
    temps.push(temp);
    const emulator = await startTestEmulator({ storePath: path });
    try {
      expect(emulator.store.data.users.map((u) => [u.orgId, u.userName])).toEqual([
        [IDS.org, 'alice'],
        [IDS.otherOrg, 'alice'],
      ]);
    } finally {
      await emulator.close();
    }
  });
});

describe('store file: refused and left untouched', () => {
  it('refuses truncated JSON with the line and column where it ends', async () => {
    const text = toStoreText(buildValidStore());
    const truncated = text.slice(0, text.indexOf('"redirectUris"') + '"redirectUris": [\n'.length);
    const lines = truncated.split('\n');
    const lastLine = lines.at(-1) ?? '';
    await expectRefused(
      truncated,
      `line ${lines.length}, column ${lastLine.length + 1}`,
      'invalid JSON: Unexpected end of JSON input',
    );
  });

  it('refuses a syntax error in the middle with its line and column', async () => {
    await expectRefused('{\n  "version": 1,\n  "instance": {\n    "id": ab\n  }\n}\n', 'line 4, column 11', "invalid JSON: Unexpected token 'a'");
  });

  it('refuses an empty file', async () => {
    await expectRefused('', 'line 1, column 1', 'the file is empty');
  });

  it('refuses a wrong type', async () => {
    await expectRefused(
      mutated((store) => Object.assign(store, { orgs: {} })),
      'orgs',
      'Invalid input: expected array, received object',
    );
  });

  it('refuses a duplicate clientId', async () => {
    await expectRefused(
      mutated((store) => {
        const api = store.apps?.[1];
        if (api) api.clientId = IDS.webClientId;
      }),
      'apps[1].clientId',
      `clientId "${IDS.webClientId}" is already used by apps[0]`,
    );
  });

  it('refuses a user grant naming an unknown project', async () => {
    await expectRefused(
      mutated((store) => {
        const grant = store.userGrants?.[0];
        if (grant) grant.projectId = '999999999999999999';
      }),
      'userGrants[0].projectId',
      'no project has id "999999999999999999"',
    );
  });

  it('refuses a user grant naming an unknown role', async () => {
    await expectRefused(
      mutated((store) => {
        const grant = store.userGrants?.[0];
        if (grant) grant.roleKeys = ['admin', 'owner'];
      }),
      'userGrants[0].roleKeys[1]',
      'project "Shop" has no role "owner"',
    );
  });

  it('refuses an unknown version', async () => {
    await expectRefused(
      mutated((store) => Object.assign(store, { version: 2 })),
      'version',
      'unsupported store version 2; this emulator reads version 1',
    );
  });

  it('refuses a duplicate user name in one org', async () => {
    await expectRefused(
      mutated((store) => {
        store.instance.domainPolicy = { userLoginMustBeDomain: true };
        const bob = store.users?.[1];
        if (bob) bob.userName = 'alice';
      }),
      'users[1].userName',
      'user name "alice" is already used in org Acme by users[0]',
    );
  });

  it('refuses a duplicate user name in the instance when login names are bare user names', async () => {
    await expectRefused(
      mutated((store) => {
        const bob = store.users?.[1];
        if (bob) bob.userName = 'ALICE';
      }),
      'users[1].userName',
      'user name "ALICE" is already used in this instance by users[0]',
    );
  });

  it('refuses a store whose signing keys are not exactly one active', async () => {
    const valid = JSON.parse(MINIMAL_SEED_TEXT) as Record<string, unknown>;
    const key = { ...testRsaPem(), active: true };
    valid.signingKeys = [
      { id: '200000000000000001', ...key },
      { id: '200000000000000002', ...key },
    ];
    await expectRefused(toStoreText(valid), 'signingKeys', 'exactly one signing key must be active, found 2');
  });

  it('refuses a signing key that is not a readable PEM', async () => {
    const valid = JSON.parse(MINIMAL_SEED_TEXT) as Record<string, unknown>;
    valid.signingKeys = [{ id: '200000000000000001', publicKey: testRsaPem().publicKey, privateKey: 'not a key', active: true }];
    await expectRefused(toStoreText(valid), 'signingKeys[0].privateKey', 'not a readable private key in PEM format');
  });

  it('refuses a signing key that is not RSA', async () => {
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const valid = JSON.parse(MINIMAL_SEED_TEXT) as Record<string, unknown>;
    valid.signingKeys = [{ id: '200000000000000001', publicKey: ec.publicKey, privateKey: testRsaPem().privateKey, active: true }];
    await expectRefused(toStoreText(valid), 'signingKeys[0].publicKey', 'must be an RSA key (RS256), found ec');
  });

  it('loads a hand-written store with its own signing key and publishes that key', async () => {
    const valid = JSON.parse(MINIMAL_SEED_TEXT) as Record<string, unknown>;
    valid.signingKeys = [{ id: '200000000000000001', ...testRsaPem(), active: true }];
    const { temp, path } = await writeTempStore(toStoreText(valid));
    temps.push(temp);
    const emulator = await startTestEmulator({ storePath: path });
    try {
      expect((await fetchJwks(emulator.issuer)).keys.map((k) => k.kid)).toEqual(['200000000000000001']);
    } finally {
      await emulator.close();
    }
  });

  it('does not rewrite a refused file even after a failed start was retried', async () => {
    const { temp, path, bytes } = await writeTempStore('{"version": 1');
    temps.push(temp);
    await expectStoreRefused(path);
    await writeFile(temp.file('other.json'), 'x');
    await expectStoreRefused(path);
    expect((await readFile(path)).equals(bytes)).toBe(true);
    expect((await readdir(temp.dir)).sort()).toEqual(['other.json', 'store.json']);
  });
});
