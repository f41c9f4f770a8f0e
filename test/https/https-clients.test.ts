// --https (issue 16): strict relying-party libraries — openid-client and oauth4webapi without
// allowInsecureRequests — complete discovery, the code flow and introspection trusting only the
// CA the emulator returns (passed to their customFetch, never the system store). The CA lives in
// a temporary config directory with a private key file of mode 0600.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { APPS, buildErrorsSeed, PASSWORD } from '../helpers/http-login.js';
import { fetchTrusting, loginOver, type TlsFetch } from '../helpers/tls-fetch.js';

const API = { clientId: '300000000000000039', secret: 'api-secret' };

let configDir: string;
let emulator: Emulator;
let issuer: string;
let tls: { fetch: TlsFetch; close(): Promise<void> };

beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'idp-emulator-ca-'));
  emulator = await startTestEmulator({ store: buildErrorsSeed(), https: true, configDir, domains: ['idp.localhost'] });
  issuer = emulator.issuer;
  tls = fetchTrusting(emulator.https?.caPem ?? '');
});
afterAll(async () => {
  await tls.close();
  await emulator.close();
  await rm(configDir, { recursive: true, force: true });
});

describe('the local CA', () => {
  test('is created in the config directory, its key private, and returned by the library', async () => {
    expect(issuer).toBe(`https://127.0.0.1:${emulator.port}`);
    const info = emulator.https;
    expect(info?.caPath).toBe(join(configDir, 'ca.pem'));
    expect(await readFile(join(configDir, 'ca.pem'), 'utf8')).toBe(info?.caPem);
    expect((await stat(join(configDir, 'ca-key.pem'))).mode & 0o777).toBe(0o600);
    const ca = new X509Certificate(info?.caPem ?? '');
    expect(ca.ca).toBe(true);
    expect(ca.subject).toMatch(/^CN=IdP Emulator local CA \(/);
    expect(info?.trust.map((s) => s.label)).toEqual(['macOS', 'Debian / Ubuntu', 'Fedora / RHEL', 'Windows', 'Node.js', 'Go, curl, OpenSSL', 'Python (requests)', 'Java']);
    expect(info?.trust.find((s) => s.label === 'Node.js')?.command).toBe(`export NODE_EXTRA_CA_CERTS=${info?.caPath}`);
  });

  test('signs a server certificate for the loopback names and the domains, which TLS presents', async () => {
    const presented = await new Promise<X509Certificate>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: emulator.port, path: '/.well-known/openid-configuration', ca: emulator.https?.caPem, servername: 'localhost' }, (res) => {
        const socket = res.socket as import('node:tls').TLSSocket;
        resolve(new X509Certificate(socket.getPeerX509Certificate()?.raw ?? Buffer.alloc(0)));
        res.resume();
      });
      req.on('error', reject);
      req.end();
    });
    expect(presented.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:idp.localhost');
    expect(presented.verify(new X509Certificate(emulator.https?.caPem ?? '').publicKey)).toBe(true);
    const lifetimeDays = (Date.parse(presented.validTo) - Date.now()) / 86_400_000;
    expect(lifetimeDays).toBeGreaterThan(89);
    expect(lifetimeDays).toBeLessThan(91);
    expect(emulator.https?.names).toEqual(['localhost', '127.0.0.1', '::1', 'idp.localhost']);
  });

  test('a second emulator reuses the same CA', async () => {
    const second = await startTestEmulator({ store: buildErrorsSeed(), https: true, configDir });
    try {
      expect(second.https?.caPem).toBe(emulator.https?.caPem);
    } finally {
      await second.close();
    }
  });

  test('a client that does not trust the CA is refused', async () => {
    await expect(fetch(`${issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });
});

describe('strict clients over https', () => {
  test('openid-client: discovery, code flow with PKCE, userinfo, introspection by the API app', async () => {
    const config = await client.discovery(new URL(issuer), APPS.web.clientId, undefined, client.ClientSecretBasic(APPS.web.secret), {
      [client.customFetch]: tls.fetch as client.CustomFetch,
    });
    config[client.customFetch] = tls.fetch as client.CustomFetch;
    expect(config.serverMetadata().issuer).toBe(issuer);
    expect(config.serverMetadata().token_endpoint).toBe(`${issuer}/oauth/v2/token`);

    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: APPS.web.redirectUri,
      scope: 'openid email',
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    expect(url.origin).toBe(issuer);
    const redirect = await loginOver(tls.fetch, url.href, 'alice', PASSWORD);
    const tokens = await client.authorizationCodeGrant(config, redirect, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()?.iss).toBe(issuer);
    const info = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()?.sub ?? '');
    expect(info).toEqual({ sub: tokens.claims()?.sub, email: 'alice@acme.localhost', email_verified: true });

    const api = await client.discovery(new URL(issuer), API.clientId, undefined, client.ClientSecretBasic(API.secret), {
      [client.customFetch]: tls.fetch as client.CustomFetch,
    });
    api[client.customFetch] = tls.fetch as client.CustomFetch;
    const introspection = await client.tokenIntrospection(api, tokens.access_token);
    expect(introspection).toMatchObject({ active: true, iss: issuer, client_id: APPS.web.clientId, sub: tokens.claims()?.sub, email: 'alice@acme.localhost' });
  });

  test('oauth4webapi: discovery, code flow and introspection by the API app', async () => {
    const issuerUrl = new URL(issuer);
    const as = await oauth.processDiscoveryResponse(issuerUrl, await oauth.discoveryRequest(issuerUrl, { [oauth.customFetch]: tls.fetch as typeof fetch }));
    const web: oauth.Client = { client_id: APPS.web.clientId };
    const verifier = oauth.generateRandomCodeVerifier();
    const authorize = new URL(as.authorization_endpoint ?? '');
    authorize.search = new URLSearchParams({
      client_id: web.client_id,
      redirect_uri: APPS.web.redirectUri,
      response_type: 'code',
      scope: 'openid',
      state: 'st',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).toString();
    const redirect = await loginOver(tls.fetch, authorize.href, 'alice', PASSWORD);
    const params = oauth.validateAuthResponse(as, web, redirect, 'st');
    const response = await oauth.authorizationCodeGrantRequest(as, web, oauth.ClientSecretBasic(APPS.web.secret), params, APPS.web.redirectUri, verifier, {
      [oauth.customFetch]: tls.fetch as typeof fetch,
    });
    const tokens = await oauth.processAuthorizationCodeResponse(as, web, response, { expectedNonce: oauth.expectNoNonce });
    expect(oauth.getValidatedIdTokenClaims(tokens)?.iss).toBe(issuer);

    const api: oauth.Client = { client_id: API.clientId };
    const introspection = await oauth.processIntrospectionResponse(
      as,
      api,
      await oauth.introspectionRequest(as, api, oauth.ClientSecretBasic(API.secret), tokens.access_token, { [oauth.customFetch]: tls.fetch as typeof fetch }),
    );
    expect(introspection).toMatchObject({ active: true, iss: issuer, client_id: APPS.web.clientId, sub: oauth.getValidatedIdTokenClaims(tokens)?.sub });
  });
});
