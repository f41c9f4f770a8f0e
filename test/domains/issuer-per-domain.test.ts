// One issuer per domain (issue 16), as ZITADEL answers each instance domain as its own issuer:
// discovery and tokens use the request's domain, tokens are valid only at the issuer that made
// them, a Host that is no domain gets ZITADEL's unknown-instance 404, and the admin API keeps
// its loopback guard. Domain names reach the test emulator through a resolver that maps every
// host to 127.0.0.1, as a container's DNS maps `idp.localhost` to the emulator.
import * as client from 'openid-client';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { APPS, basicAuth, buildErrorsSeed, expectOAuthError, PASSWORD } from '../helpers/http-login.js';
import { makeTempDir } from '../helpers/temp-store.js';
import { fetchTrusting, loginOver, type TlsFetch } from '../helpers/tls-fetch.js';

const API = { clientId: '300000000000000039', secret: 'api-secret' };
const ADMIN_TOKEN = 'domains-admin-token';

let emulator: Emulator;
let main: string;
let domain: string;
let net: { fetch: TlsFetch; close(): Promise<void> };

beforeAll(async () => {
  const seed = buildErrorsSeed();
  emulator = await startTestEmulator({ store: seed, domains: ['idp.localhost'], adminToken: ADMIN_TOKEN });
  main = emulator.issuer;
  domain = `http://idp.localhost:${emulator.port}`;
  net = fetchTrusting(undefined, { everyHostIsLoopback: true });
});
afterAll(async () => {
  await net.close();
  await emulator.close();
});

/** A raw request with any Host header (fetch does not let a caller set Host). */
function rawGet(path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: emulator.port, path, headers: { Host: host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function configFor(issuer: string): Promise<client.Configuration> {
  const config = await client.discovery(new URL(issuer), APPS.web.clientId, undefined, client.ClientSecretBasic(APPS.web.secret), {
    [client.customFetch]: net.fetch as client.CustomFetch,
    execute: [client.allowInsecureRequests],
  });
  config[client.customFetch] = net.fetch as client.CustomFetch;
  return config;
}

async function loginAt(config: client.Configuration): Promise<client.TokenEndpointResponse & client.TokenEndpointResponseHelpers> {
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: APPS.web.redirectUri,
    scope: 'openid offline_access',
    state: 'st',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const redirect = await loginOver(net.fetch, url.href, 'alice', PASSWORD);
  return client.authorizationCodeGrant(config, redirect, { pkceCodeVerifier: verifier, expectedState: 'st' });
}

function introspectAt(issuer: string, token: string): Promise<Response> {
  return net.fetch(`${issuer}/oauth/v2/introspect`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...basicAuth(API.clientId, API.secret) },
    body: new URLSearchParams({ token }),
  });
}

describe('discovery per domain', () => {
  test('each domain is an issuer of its own', async () => {
    const fromDomain = (await (await net.fetch(`${domain}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(fromDomain.issuer).toBe(domain);
    expect(fromDomain.token_endpoint).toBe(`${domain}/oauth/v2/token`);
    expect(fromDomain.jwks_uri).toBe(`${domain}/oauth/v2/keys`);
    const fromMain = (await (await net.fetch(`${main}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(fromMain.issuer).toBe(main);
    // localhost keeps the main issuer whatever the loopback name.
    const viaLocalhost = await rawGet('/.well-known/openid-configuration', `localhost:${emulator.port}`);
    expect((JSON.parse(viaLocalhost.body) as { issuer: string }).issuer).toBe(main);
    expect(emulator.issuers()).toEqual([main, domain]);
  });

  test('an unknown Host gets ZITADEL\u2019s unknown-instance 404', async () => {
    const res = await rawGet('/.well-known/openid-configuration', 'evil.example:8080');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe(
      'unable to set instance using origin &{evil.example:8080  http} (ExternalDomain is 127.0.0.1): ID=QUERY-1kIjX Message=Instance not found. Make sure you got the domain right. Check out https://zitadel.com/docs/apis/introduction#domains Parent=(unable to get instance by host: instanceHost evil.example:8080, publicHost : ID=QUERY-1kIjX Message=Errors.IAM.NotFound)\n',
    );
  });

  test('the admin API keeps its loopback guard on domains and unknown hosts', async () => {
    for (const host of [`idp.localhost:${emulator.port}`, 'evil.example']) {
      const res = await rawGet('/_emulator/api/overview', host, { Authorization: `Bearer ${ADMIN_TOKEN}` });
      expect(res.status, host).toBe(403);
      expect((JSON.parse(res.body) as { error: string }).error).toBe('forbidden');
    }
    const ok = await rawGet('/_emulator/api/overview', `127.0.0.1:${emulator.port}`, { Authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.body) as { issuers: string[] }).issuers).toEqual([main, domain]);
  });
});

describe('tokens belong to their issuer', () => {
  test('a login at the second domain yields tokens with its iss, which the first domain refuses', async () => {
    const tokens = await loginAt(await configFor(domain));
    expect(tokens.claims()?.iss).toBe(domain);

    const atDomain = await introspectAt(domain, tokens.access_token);
    expect(((await atDomain.json()) as { active: boolean; iss: string })).toMatchObject({ active: true, iss: domain });

    const domainEvent = emulator.activity.list().filter((e) => e.kind === 'introspect').at(-1);
    expect(domainEvent?.issuer).toBe(domain);

    const atMain = await introspectAt(main, tokens.access_token);
    expect(atMain.status).toBe(200);
    expect(await atMain.text()).toBe('{"active":false}');
    const event = emulator.activity.list().filter((e) => e.kind === 'introspect').at(-1);
    expect(event).not.toHaveProperty('issuer');
    expect(event?.findings?.[0]?.message).toBe(`introspection answered {"active":false} because it was issued by ${domain}, not by ${main}`);

    const userinfo = await net.fetch(`${main}/oidc/v1/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    await expectOAuthError(userinfo, 401, 'access_denied', 'access token invalid');

    const refreshAtMain = await net.fetch(`${main}/oauth/v2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...basicAuth(APPS.web.clientId, APPS.web.secret) },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }),
    });
    await expectOAuthError(refreshAtMain, 400, 'invalid_request', 'Errors.OIDCSession.RefreshTokenInvalid');
    const inspected = await net.fetch(`${main}/_emulator/api/inspect`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: tokens.access_token, introspectAs: API.clientId }),
    });
    expect(inspected.status).toBe(200);
    expect(await inspected.json()).toMatchObject({ format: 'opaque', active: true, introspection: { active: true, iss: domain } });

    const refreshed = await client.refreshTokenGrant(await configFor(domain), tokens.refresh_token ?? '');
    expect(refreshed.claims()?.iss).toBe(domain);
  });

  test('the main issuer\u2019s tokens are refused at the domain', async () => {
    const tokens = await loginAt(await configFor(main));
    expect(tokens.claims()?.iss).toBe(main);
    expect(await (await introspectAt(domain, tokens.access_token)).text()).toBe('{"active":false}');
    expect(((await (await introspectAt(main, tokens.access_token)).json()) as { active: boolean }).active).toBe(true);
  });

  test('a code made at one domain cannot be redeemed at the other', async () => {
    const config = await configFor(domain);
    const url = client.buildAuthorizationUrl(config, { redirect_uri: APPS.web.redirectUri, scope: 'openid', state: 's' });
    const redirect = await loginOver(net.fetch, url.href, 'alice', PASSWORD);
    const res = await net.fetch(`${main}/oauth/v2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...basicAuth(APPS.web.clientId, APPS.web.secret) },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: redirect.searchParams.get('code') ?? '', redirect_uri: APPS.web.redirectUri }),
    });
    await expectOAuthError(res, 400, 'invalid_request', 'Errors.User.Code.Invalid');
  });
});

describe('restart', () => {
  test('a domain’s tokens keep their issuer in the runtime state file', async () => {
    const temp = await makeTempDir('idp-emulator-domains-');
    const storePath = temp.file('store.json');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(storePath, JSON.stringify(buildErrorsSeed()));
    let first: Emulator | undefined = await startTestEmulator({ storePath, domains: ['idp.localhost'] });
    try {
      const firstDomain = `http://idp.localhost:${first.port}`;
      const port = first.port;
      const config = await client.discovery(new URL(firstDomain), APPS.web.clientId, undefined, client.ClientSecretBasic(APPS.web.secret), {
        [client.customFetch]: net.fetch as client.CustomFetch,
        execute: [client.allowInsecureRequests],
      });
      config[client.customFetch] = net.fetch as client.CustomFetch;
      const tokens = await loginAt(config);
      await first.close();
      first = await startTestEmulator({ storePath, domains: ['idp.localhost'], port });
      const introspect = (issuer: string) =>
        net.fetch(`${issuer}/oauth/v2/introspect`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...basicAuth(API.clientId, API.secret) },
          body: new URLSearchParams({ token: tokens.access_token }),
        });
      expect(((await (await introspect(firstDomain)).json()) as { active: boolean; iss: string })).toMatchObject({ active: true, iss: firstDomain });
      expect(await (await introspect(first.issuer)).text()).toBe('{"active":false}');
    } finally {
      await first?.close();
      await temp.remove();
    }
  });
});

describe('domains from the store', () => {
  test('instance.domains adds issuers while running', async () => {
    expect((await rawGet('/.well-known/openid-configuration', 'app.localhost')).status).toBe(404);
    emulator.store.update((d) => {
      d.instance.domains = ['app.localhost:8443'];
    });
    try {
      const res = await rawGet('/.well-known/openid-configuration', 'app.localhost');
      expect(res.status).toBe(200);
      expect((JSON.parse(res.body) as { issuer: string }).issuer).toBe('http://app.localhost:8443');
      expect(emulator.issuers()).toEqual([main, domain, 'http://app.localhost:8443']);
    } finally {
      emulator.store.update((d) => {
        delete d.instance.domains;
      });
    }
  });

  test('the log says why an unknown Host was refused', async () => {
    const lines: string[] = [];
    const loud = await startTestEmulator({ store: buildErrorsSeed(), quiet: false, log: (line) => lines.push(line) });
    try {
      const res = await fetch(`http://127.0.0.1:${loud.port}/oauth/v2/keys?x=1`, { headers: {} });
      expect(res.status).toBe(200);
      await res.text();
      await new Promise<void>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: loud.port, path: '/oauth/v2/keys?x=1', headers: { Host: 'other.example' } }, (r) => {
          r.resume();
          r.on('end', () => resolve());
        });
        req.on('error', reject);
        req.end();
      });
      expect(lines.at(-1)).toBe('GET /oauth/v2/keys 404 Host "other.example" is no instance domain (--domain)');
    } finally {
      await loud.close();
    }
  });

  test('bad domains are refused', async () => {
    await expect(startTestEmulator({ domains: ['localhost:9000'] })).rejects.toThrow('domain "localhost:9000" is a loopback name: localhost keeps the main issuer');
    await expect(startTestEmulator({ domains: ['http://idp'] })).rejects.toThrow('domain "http://idp" must be host or host:port (e.g. idp.localhost:8080)');
  });
});

describe('domains through the admin API (the console\u2019s Settings page)', () => {
  test('PUT instance validates domains and a saved one answers at once', async () => {
    const put = (domains: string[]) =>
      net.fetch(`${main}/_emulator/api/instance`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...emulator.store.data.instance, domains }),
      });
    const bad = await put(['idp.localhost', 'not a domain']);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: { field: string; message: string }[] }).problems).toEqual([
      expect.objectContaining({ field: 'domains[1]', message: 'must be host or host:port, e.g. idp.localhost:8080' }),
    ]);
    const good = await put(['shop.localhost:4443']);
    expect(good.status).toBe(200);
    await good.text();
    try {
      const res = await rawGet('/.well-known/openid-configuration', 'shop.localhost:4443');
      expect((JSON.parse(res.body) as { issuer: string }).issuer).toBe('http://shop.localhost:4443');
    } finally {
      emulator.store.update((d) => {
        delete d.instance.domains;
      });
    }
  });
});
