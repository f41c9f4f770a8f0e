// The admin API's guard (DESIGN §7): token, loopback Host (DNS rebinding), no cross-origin
// callers and no CORS headers, JSON bodies only, bounded bodies, and JSON errors.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PATHS } from '../../src/common/admin-api.js';
import { ADMIN_TOKEN, rawRequest, startAdminTestbed, type AdminTestbed } from './admin-client.js';

let bed: AdminTestbed;
beforeAll(async () => {
  bed = await startAdminTestbed();
});
afterAll(() => bed.close());

describe('admin guard', () => {
  test('no token → 401', async () => {
    const res = await fetch(`${bed.emulator.issuer}${ADMIN_PATHS.overview}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({
      error: 'unauthorized',
      message: 'the admin token is missing: send Authorization: Bearer <token>',
    });
  });

  test('wrong token → 401', async () => {
    const res = await bed.api('GET', 'overview', undefined, { Authorization: 'Bearer not-the-token' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized', message: 'the admin token is wrong' });
  });

  test('the token in the query works for the event stream only', async () => {
    const res = await fetch(`${bed.emulator.issuer}${ADMIN_PATHS.overview}?token=${ADMIN_TOKEN}`);
    expect(res.status).toBe(401);
  });

  test('the right token → 200', async () => {
    const res = await bed.api('GET', 'overview');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      issuer: bed.emulator.issuer,
      version: '0.1.0',
      storePath: bed.storePath,
      revision: 0,
      counts: { loginSessions: 0, activeTokens: 0 },
    });
  });

  test('a foreign Host header → 403 even with the token (DNS rebinding)', async () => {
    const res = await rawRequest(bed.emulator.port, {
      path: ADMIN_PATHS.overview,
      headers: { Host: 'evil.example:8080', Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({
      error: 'forbidden',
      message: 'the admin API answers only to localhost, 127.0.0.1, [::1]; Host was "evil.example:8080"',
    });
  });

  test.each(['localhost:1234', '127.0.0.1', '[::1]:9'])('loopback Host %s is accepted', async (host) => {
    const res = await rawRequest(bed.emulator.port, {
      path: ADMIN_PATHS.overview,
      headers: { Host: host, Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
  });

  test('a cross-origin Origin → 403 without any CORS header', async () => {
    const res = await bed.api('GET', 'overview', undefined, { Origin: 'http://localhost:3000' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'forbidden', message: 'cross-origin requests are refused (Origin http://localhost:3000)' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  test('a preflight gets no CORS headers either', async () => {
    const res = await fetch(`${bed.emulator.issuer}${ADMIN_PATHS.overview}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(403);
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  test('the issuer origin (the console itself) is accepted', async () => {
    const res = await bed.api('GET', 'overview', undefined, { Origin: bed.emulator.issuer });
    expect(res.status).toBe(200);
  });

  test('a text/plain body → 415 and nothing is written', async () => {
    const withBody = await fetch(`${bed.emulator.issuer}${ADMIN_PATHS.collection('orgs')}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'text/plain' },
      body: JSON.stringify({ name: 'Beta', primaryDomain: 'beta.localhost' }),
    });
    expect(withBody.status).toBe(415);
    expect(await withBody.json()).toEqual({
      error: 'unsupported_media_type',
      message: 'the admin API accepts only application/json bodies, not text/plain',
    });
    expect((await bed.api('GET', 'overview')).body).toMatchObject({ revision: 0 });
  });

  test('malformed JSON → 400 bad_request', async () => {
    const res = await bed.api('POST', 'orgs', '{"name": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', message: expect.stringMatching(/^malformed JSON: /) as unknown });
  });

  test('a body that is not an object → 400 bad_request', async () => {
    const res = await bed.api('POST', 'orgs', '[1,2]');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', message: 'the body must be a JSON object' });
  });

  test('a body over 1 MiB → 413', async () => {
    const res = await bed.api('POST', 'orgs', { name: 'x'.repeat(1024 * 1024), primaryDomain: 'big.localhost' });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: 'payload_too_large', message: 'the body is larger than 1048576 bytes' });
  });

  test('unknown paths and methods → JSON 404 / 405', async () => {
    expect(await bed.api('GET', 'nothing-here')).toMatchObject({
      status: 404,
      body: { error: 'not_found', message: 'no admin endpoint at /_emulator/api/nothing-here' },
    });
    expect(await bed.api('PATCH', 'orgs')).toMatchObject({
      status: 405,
      body: { error: 'method_not_allowed', message: 'PATCH is not allowed on /_emulator/api/orgs' },
    });
  });
});
