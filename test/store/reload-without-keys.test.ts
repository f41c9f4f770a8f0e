// Issue 12 item 6: writing a seed with "signingKeys": [] over a running emulator's store (what
// `git checkout seed.json` does) keeps the signing keys in use, as a start adds one: token
// requests still succeed and tokens issued before the reload still verify against the JWKS.
import { readFile, writeFile } from 'node:fs/promises';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { StoreChangedDto } from '../../src/common/admin-api.js';
import type { StoreData } from '../../src/main/store/schema.js';
import { openEventStream, startAdminTestbed, type AdminTestbed } from '../admin/admin-client.js';

let bed: AdminTestbed;
beforeAll(async () => {
  bed = await startAdminTestbed({ log: () => undefined });
});
afterAll(() => bed.close());

async function clientCredentialsIdToken(data: StoreData): Promise<string> {
  const bot = data.users.find((u) => u.machine?.clientSecret);
  if (!bot?.machine?.clientSecret) throw new Error('the demo seed has no service user with a secret');
  const res = await fetch(`${bed.emulator.issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${bot.userName}:${encodeURIComponent(bot.machine.clientSecret)}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=openid',
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id_token: string }).id_token;
}

test('a reloaded store without signing keys keeps the keys in use', async () => {
  const data = JSON.parse(await readFile(bed.storePath, 'utf8')) as StoreData;
  const [key] = data.signingKeys;
  if (!key) throw new Error('no signing key');
  const before = await clientCredentialsIdToken(data);

  const events = await openEventStream(bed.emulator.issuer);
  try {
    await writeFile(bed.storePath, `${JSON.stringify({ ...data, signingKeys: [] }, null, 2)}\n`);
    await events.waitFor((e) => e.event === 'store' && (e.data as StoreChangedDto).source === 'file');
  } finally {
    events.close();
  }

  const jwks = createRemoteJWKSet(new URL(`${bed.emulator.issuer}/oauth/v2/keys`));
  const keys = (await (await fetch(`${bed.emulator.issuer}/oauth/v2/keys`)).json()) as { keys: { kid: string }[] };
  expect(keys.keys.map((k) => k.kid)).toEqual([key.id]);
  const after = await clientCredentialsIdToken(data);
  expect((await jwtVerify(after, jwks)).protectedHeader.kid).toBe(key.id);
  expect((await jwtVerify(before, jwks)).protectedHeader.kid).toBe(key.id);
  await bed.emulator.store.flush();
  const saved = JSON.parse(await readFile(bed.storePath, 'utf8')) as StoreData;
  expect(saved.signingKeys.map((k) => k.id)).toEqual([key.id]);
});
