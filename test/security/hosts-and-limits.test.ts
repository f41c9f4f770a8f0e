// Issue 12 item 13: the admin API's loopback Host check reads the whole header (`[::1]evil.example`
// is no loopback name), a request without Host and an over-long `state` get a clear JSON 400,
// and an event-stream client that stops reading is dropped once its backlog passes the bound.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { hostNameOf } from '../../src/main/admin/admin-guard.js';
import { describeExposedHost } from '../../src/main/http/exposed-host.js';
import { MAX_BUFFERED_BYTES } from '../../src/main/admin/event-stream.js';
import { MAX_STATE_LENGTH } from '../../src/main/oidc/state-param.js';
import { ADMIN_TOKEN, rawRequest, startAdminTestbed, type AdminTestbed } from '../admin/admin-client.js';
import { expectOAuthError, get, postForm, withQuery } from '../helpers/http-login.js';

let bed: AdminTestbed;
let emulator: Emulator;
let port: number;
beforeAll(async () => {
  bed = await startAdminTestbed();
  emulator = bed.emulator;
  port = emulator.port;
});
afterAll(() => bed.close());

/** Sends raw bytes and returns the whole answer (the server closes: Connection: close). */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer)).on('error', reject);
  });
}

describe('Host header', () => {
  it('the loopback check is not fooled by a name glued after [::1]', async () => {
    expect(hostNameOf('[::1]evil.example')).toBe('');
    expect(hostNameOf('[::1]:8080')).toBe('[::1]');
    expect(hostNameOf('localhost:8080')).toBe('localhost');
    expect(hostNameOf('localhost.evil.example')).toBe('localhost.evil.example');
    const res = await rawRequest(port, { path: '/_emulator/api/overview', headers: { Host: '[::1]evil.example', Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'forbidden' });
  });

  it('a request without Host is a JSON 400, on the protocol endpoints, the console and the admin API', async () => {
    for (const path of ['/.well-known/openid-configuration', '/oauth/v2/keys', '/ui/console/', '/_emulator/api/overview']) {
      const answer = await raw(`GET ${path} HTTP/1.0\r\n\r\n`);
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(head).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/i);
      expect(JSON.parse(body)).toEqual({ error: 'invalid_request', error_description: 'the request has no Host header (RFC 9112 §3.2)' });
    }
  });
});

describe('exposed hosts', () => {
  it('--host 0.0.0.0 (any non-loopback address) is warned about; loopback names are not', () => {
    expect(describeExposedHost('0.0.0.0', 8080)).toBe(
      'warning: listening on 0.0.0.0:8080, reachable from the network: anyone who can reach it can use the login pages and the ' +
        'one-click user picker to log in as any user, and read tokens in the console with the admin token',
    );
    expect(describeExposedHost('::', 8080)).toMatch(/^warning: listening on :::8080, reachable from the network/);
    expect(describeExposedHost('192.168.1.20', 1)).toMatch(/^warning: /);
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1']) expect(describeExposedHost(host, 8080)).toBeUndefined();
  });
});

describe('over-long state', () => {
  it('authorize and end_session answer a JSON 400 instead of echoing it into Location', async () => {
    const client = emulator.store.data.apps.find((a) => a.oidc?.appType === 'web');
    if (!client?.oidc) throw new Error('no web app in the demo seed');
    const long = 'x'.repeat(60_000);
    const message = `state is longer than ${MAX_STATE_LENGTH} characters once URL-encoded`;
    // POSTed: a 60 KB query would already be refused by Node's 16 KiB header limit.
    const authorize = await postForm(`${emulator.issuer}/oauth/v2/authorize`, {
      client_id: client.clientId,
      redirect_uri: client.oidc.redirectUris[0],
      response_type: 'code',
      scope: 'openid',
      state: long,
    });
    expect(authorize.headers.get('location')).toBeNull();
    await expectOAuthError(authorize, 400, 'invalid_request', message);
    const logout = await postForm(`${emulator.issuer}/oidc/v1/end_session`, { state: long });
    expect(logout.headers.get('location')).toBeNull();
    await expectOAuthError(logout, 400, 'invalid_request', message);
    // At the limit it still works.
    const ok = await get(withQuery(`${emulator.issuer}/oidc/v1/end_session`, { state: 'y'.repeat(MAX_STATE_LENGTH) }));
    expect(ok.status).toBe(302);
  });
});

describe('event stream backpressure', () => {
  it('a client that stops reading is dropped once its backlog passes the bound', async () => {
    const socket: Socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET /_emulator/api/events?token=${ADMIN_TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    const first = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    expect(first).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    socket.pause();

    // Big activity events (each records its 60 KB parameter) until well past every buffer.
    const big = 'z'.repeat(60_000);
    const rounds = Math.ceil((MAX_BUFFERED_BYTES + 16 * 1024 * 1024) / big.length);
    for (let i = 0; i < rounds; i += 1) {
      const res = await fetch(`${emulator.issuer}/oauth/v2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&pad=${big}`,
      });
      await res.arrayBuffer();
    }
    // Reading again: what was sent arrives, then the server's close, not an endless stream.
    let received = 0;
    const ended = new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.once('close', () => resolve());
      socket.on('error', () => undefined);
    });
    socket.resume();
    await ended;
    expect(received).toBeLessThan(rounds * big.length);
  }, 60_000);
});
