// --https serves HTTP/2 and HTTP/1.1 on one port, chosen by ALPN (issue 18): connect-node's gRPC
// transport reaches the ZITADEL UserService over h2 trusting only the emulator's CA, while
// HTTP/1.1 clients (undici fetch, node:https) keep working on the same port.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as http2Connect } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { UserService } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { fetchTrusting, type TlsFetch } from '../helpers/tls-fetch.js';
import { BOT_SECRETS, buildUserApiSeed, UA, ZITADEL_AUD_SCOPE } from '../helpers/user-api-seed.js';

let configDir: string;
let emulator: Emulator;
let caPem: string;
let tls: { fetch: TlsFetch; close(): Promise<void> };
let token: string;

beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'idp-emulator-h2-'));
  emulator = await startTestEmulator({ store: buildUserApiSeed(), https: true, configDir });
  caPem = emulator.https?.caPem ?? '';
  tls = fetchTrusting(caPem);
  const res = await tls.fetch(`${emulator.issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`owner-bot:${BOT_SECRETS['owner-bot']}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: ZITADEL_AUD_SCOPE }),
  });
  expect(res.status).toBe(200);
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await tls.close();
  await emulator.close();
  await rm(configDir, { recursive: true, force: true });
});

describe('HTTP/2 via ALPN', () => {
  test('@connectrpc/connect-node createGrpcTransport reaches UserService over https', async () => {
    expect(emulator.issuer).toMatch(/^https:\/\//);
    const transport = createGrpcTransport({ baseUrl: emulator.issuer, nodeOptions: { ca: caPem } }) // always HTTP/2;
    const users = createClient(UserService, transport);
    const found = await users.getUserByID({ userId: UA.alice }, { headers: { Authorization: `Bearer ${token}` } });
    expect(found.user?.username).toBe('alice');
    expect(found.user?.userId).toBe(UA.alice);
  });

  test('a client offering h2 negotiates it, and the OIDC surface answers over it too', async () => {
    const session = http2Connect(emulator.issuer, { ca: caPem });
    try {
      const { status, protocol, body } = await new Promise<{ status: number; protocol: string | false | null | undefined; body: string }>((resolve, reject) => {
        const req = session.request({ ':path': '/.well-known/openid-configuration' });
        let status = 0;
        let body = '';
        req.on('response', (headers) => (status = Number(headers[':status'])));
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => (body += chunk));
        req.on('end', () => resolve({ status, protocol: session.alpnProtocol, body }));
        req.on('error', reject);
        req.end();
      });
      expect(protocol).toBe('h2');
      expect(status).toBe(200);
      expect((JSON.parse(body) as { issuer: string }).issuer).toBe(emulator.issuer);
    } finally {
      session.close();
    }
  });
});

describe('HTTP/1.1 on the same port', () => {
  test('fetch with an undici Agent calls REST and discovery', async () => {
    const user = await tls.fetch(`${emulator.issuer}/v2/users/${UA.alice}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(user.status).toBe(200);
    expect(((await user.json()) as { user: { username: string } }).user.username).toBe('alice');
    const discovery = await tls.fetch(`${emulator.issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
  });

  test('node:https (no ALPN offer of h2) gets HTTP/1.1', async () => {
    const version = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(`${emulator.issuer}/.well-known/openid-configuration`, { ca: caPem }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(res.httpVersion) : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
    expect(version).toBe('1.1');
  });
});
