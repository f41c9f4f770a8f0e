import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport, createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-node';
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { buildUserApiSeed, serviceUserToken, UA } from '../helpers/user-api-seed.js';

let emulator: Emulator;
beforeAll(async () => { emulator = await startTestEmulator({ store: buildUserApiSeed() }); });
afterAll(async () => { await emulator.close(); });

it('smoke', async () => {
  const token = await serviceUserToken(emulator.issuer, 'owner-bot');
  const r = await fetch(`${emulator.issuer}/zitadel.user.v2.UserService/GetUserByID`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ userId: UA.alice }) });
  console.log(r.status, await r.text());
  const r2 = await fetch(`${emulator.issuer}/v2/users/${UA.alice}`, { headers: { authorization: `Bearer ${token}` } });
  console.log(r2.status, await r2.text());
  const r3 = await fetch(`${emulator.issuer}/v2/users/${UA.alice}`, { });
  console.log(r3.status, await r3.text());
  for (const t of [createGrpcTransport({ baseUrl: emulator.issuer }), createGrpcWebTransport({ baseUrl: emulator.issuer, httpVersion: '1.1' }), createConnectTransport({ baseUrl: emulator.issuer, httpVersion: '1.1' })]) {
    const client = createClient(UserService, t);
    const res = await client.getUserByID({ userId: UA.alice }, { headers: { authorization: `Bearer ${token}` } });
    console.log(res.user?.username);
    const e = await client.getUserByID({ userId: '1' }, { headers: { authorization: `Bearer ${token}` } }).catch((e: unknown) => e);
    console.log(String(e), (e as {details: unknown[]}).details);
  }
  expect(1).toBe(1);
});
