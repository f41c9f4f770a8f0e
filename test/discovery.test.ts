// Discovery and JWKS (OpenID Connect Discovery 1.0 §3/§4, RFC 7517; reference §1.1, §8):
// accepted by real clients, lists only what is served, and the JWKS verifies tokens signed
// with the store's key. Also the JSON error answers for unknown paths and methods.
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import * as oauth from 'oauth4webapi';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/main/emulator.js';
import { fetchJwks, startTestEmulator } from './helpers/emulator.js';
import { IDS, buildValidStore } from './helpers/store-fixture.js';

let emulator: Emulator;
let issuer: string;
const logged: string[] = [];
/** Every response body this file saw, checked for stack traces at the end. */
const bodies: string[] = [];

async function request(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${issuer}${path}`, init);
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, headers: res.headers, text };
}

/** ZITADEL's endpoint paths (reference §1). */
const ZITADEL_ENDPOINTS = {
  authorization_endpoint: '/oauth/v2/authorize',
  token_endpoint: '/oauth/v2/token',
  introspection_endpoint: '/oauth/v2/introspect',
  userinfo_endpoint: '/oidc/v1/userinfo',
  revocation_endpoint: '/oauth/v2/revoke',
  end_session_endpoint: '/oidc/v1/end_session',
  device_authorization_endpoint: '/oauth/v2/device_authorization',
  jwks_uri: '/oauth/v2/keys',
} as const;

/** The fields of ZITADEL's discovery document in its order (reference §1.1). */
const ZITADEL_FIELD_ORDER = [
  'issuer', ...Object.keys(ZITADEL_ENDPOINTS), 'scopes_supported', 'response_types_supported',
  'response_modes_supported', 'grant_types_supported', 'subject_types_supported',
  'id_token_signing_alg_values_supported', 'request_object_signing_alg_values_supported',
  'token_endpoint_auth_methods_supported', 'token_endpoint_auth_signing_alg_values_supported',
  'revocation_endpoint_auth_methods_supported', 'revocation_endpoint_auth_signing_alg_values_supported',
  'introspection_endpoint_auth_methods_supported', 'introspection_endpoint_auth_signing_alg_values_supported',
  'claims_supported', 'code_challenge_methods_supported', 'ui_locales_supported', 'request_parameter_supported',
  'request_uri_parameter_supported', 'backchannel_logout_supported', 'backchannel_logout_session_supported',
];

/** ZITADEL's capability values in its order (reference §1.1); the emulator may list fewer. */
const CLIENT_AUTH = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'];
const ZITADEL_CAPABILITIES: Record<string, readonly string[]> = {
  response_types_supported: ['code', 'id_token', 'id_token token'],
  response_modes_supported: ['query', 'fragment', 'form_post'],
  grant_types_supported: [
    'authorization_code', 'implicit', 'refresh_token', 'client_credentials',
    'urn:ietf:params:oauth:grant-type:jwt-bearer', 'urn:ietf:params:oauth:grant-type:device_code',
  ],
  token_endpoint_auth_methods_supported: CLIENT_AUTH,
  revocation_endpoint_auth_methods_supported: CLIENT_AUTH,
  introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt'],
  token_endpoint_auth_signing_alg_values_supported: ['RS256'],
  revocation_endpoint_auth_signing_alg_values_supported: ['RS256'],
  introspection_endpoint_auth_signing_alg_values_supported: ['RS256'],
  code_challenge_methods_supported: ['S256'],
};

/** Whether the server has something at `url`: any answer but 404 to GET or POST. */
async function answers(url: string): Promise<boolean> {
  for (const method of ['GET', 'POST']) {
    const res = await fetch(url, { method, redirect: 'manual' });
    bodies.push(await res.text());
    if (res.status !== 404) return true;
  }
  return false;
}

beforeAll(async () => {
  emulator = await startTestEmulator({ store: buildValidStore(), log: (line) => logged.push(line) });
  issuer = emulator.issuer;
});

afterAll(async () => {
  await emulator.close();
});

describe('discovery document', () => {
  it('has the exact static fields and only ZITADEL’s fields, in ZITADEL’s order', async () => {
    expect(issuer).toBe(`http://127.0.0.1:${emulator.port}`);
    const res = await request('/.well-known/openid-configuration');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const doc = JSON.parse(res.text) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer,
      jwks_uri: `${issuer}/oauth/v2/keys`,
      scopes_supported: ['openid', 'profile', 'email', 'phone', 'address', 'offline_access'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['EdDSA', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'],
      claims_supported: [
        'sub', 'aud', 'exp', 'iat', 'iss', 'auth_time', 'nonce', 'acr', 'amr', 'c_hash', 'at_hash', 'act',
        'scopes', 'client_id', 'azp', 'preferred_username', 'name', 'family_name', 'given_name', 'locale',
        'email', 'email_verified', 'phone_number', 'phone_number_verified',
      ],
      ui_locales_supported: [
        'ar', 'bg', 'cs', 'de', 'en', 'es', 'fr', 'hu', 'id', 'it', 'ja', 'ko', 'mk', 'nl', 'pl', 'pt', 'ro',
        'ru', 'sv', 'tr', 'uk', 'zh',
      ],
      // ZITADEL says true but crashes on request objects; the emulator refuses them and says so.
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
    });
    // Every field is one of ZITADEL's, in the order of its Go struct (reference §1.1).
    const keys = Object.keys(doc);
    expect(keys.every((key) => ZITADEL_FIELD_ORDER.includes(key)), keys.join(', ')).toBe(true);
    expect(keys).toEqual([...keys].sort((a, b) => ZITADEL_FIELD_ORDER.indexOf(a) - ZITADEL_FIELD_ORDER.indexOf(b)));
    // Capability lists name only values ZITADEL advertises, in its order.
    for (const [field, allowed] of Object.entries(ZITADEL_CAPABILITIES)) {
      const values = doc[field];
      if (values === undefined) continue;
      expect(Array.isArray(values), field).toBe(true);
      expect(values, field).toEqual(allowed.filter((v) => (values as unknown[]).includes(v)));
    }
  });

  it('lists only URLs that answer on this server', async () => {
    const doc = JSON.parse((await request('/.well-known/openid-configuration')).text) as Record<string, unknown>;
    const urls = Object.entries(doc).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && /(_endpoint|_uri)$/.test(entry[0]),
    );
    expect(urls.length).toBeGreaterThan(0);
    for (const [field, url] of urls) {
      expect(url.startsWith(`${issuer}/`), field).toBe(true);
      expect(await answers(url), `${field} ${url}`).toBe(true);
    }
  });

  it('advertises each ZITADEL endpoint exactly when its path is served', async () => {
    const doc = JSON.parse((await request('/.well-known/openid-configuration')).text) as Record<string, unknown>;
    for (const [field, path] of Object.entries(ZITADEL_ENDPOINTS)) {
      const served = await answers(`${issuer}${path}`);
      expect(doc[field], `${field} (${path} ${served ? 'served' : 'not served'})`).toBe(served ? `${issuer}${path}` : undefined);
    }
    expect(doc.jwks_uri).toBe(`${issuer}/oauth/v2/keys`);
  });

  it('is accepted by openid-client', async () => {
    const config = await client.discovery(new URL(issuer), IDS.webClientId, 'web-secret', undefined, {
      execute: [client.allowInsecureRequests],
    });
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.jwks_uri).toBe(`${issuer}/oauth/v2/keys`);
    const raw = JSON.parse((await request('/.well-known/openid-configuration')).text) as Record<string, unknown>;
    expect({ ...metadata }).toEqual(raw);
    expect(config.clientMetadata().client_id).toBe(IDS.webClientId);
  });

  it('is accepted by oauth4webapi', async () => {
    const issuerUrl = new URL(issuer);
    const response = await oauth.discoveryRequest(issuerUrl, { [oauth.allowInsecureRequests]: true });
    const as = await oauth.processDiscoveryResponse(issuerUrl, response);
    expect(as.issuer).toBe(issuer);
    expect(as.jwks_uri).toBe(`${issuer}/oauth/v2/keys`);
    expect(as.subject_types_supported).toEqual(['public']);
  });

  it('is refused by oauth4webapi when the expected issuer differs (the check is real)', async () => {
    const other = new URL(`http://localhost:${emulator.port}`);
    const response = await oauth.discoveryRequest(new URL(issuer), { [oauth.allowInsecureRequests]: true });
    await expect(oauth.processDiscoveryResponse(other, response)).rejects.toThrow(
      '"response" body "issuer" property does not match the expected value',
    );
  });
});

describe('JWKS', () => {
  it('serves the store keys with ZITADEL cache headers', async () => {
    const res = await request('/oauth/v2/keys');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=300, must-revalidate');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { keys } = JSON.parse(res.text) as { keys: Record<string, unknown>[] };
    const stored = emulator.store.data.signingKeys;
    expect(stored).toHaveLength(1);
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(Object.keys(key ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(key).toMatchObject({ use: 'sig', kty: 'RSA', alg: 'RS256', e: 'AQAB', kid: stored[0]?.id });
    expect(key?.kid).toMatch(/^\d{18}$/);
    // A 2048-bit modulus is 256 bytes: 342 base64url characters without padding.
    expect(key?.n).toMatch(/^[A-Za-z0-9_-]{342}$/);
  });

  it('verifies a JWT signed with the active store key through jose createRemoteJWKSet', async () => {
    const active = emulator.store.data.signingKeys.find((k) => k.active);
    if (!active) throw new Error('no active signing key');
    // The store keeps PKCS#1 PEM, which jose importPKCS8 refuses; node:crypto reads both.
    const privateKey = createPrivateKey(active.privateKey);
    const jwt = await new SignJWT({ sub: IDS.alice })
      .setProtectedHeader({ alg: 'RS256', kid: active.id })
      .setIssuer(issuer)
      .setAudience(IDS.webClientId)
      .setIssuedAt(1_700_000_000)
      .setExpirationTime(1_700_003_600)
      .sign(privateKey);

    const { jwks_uri } = JSON.parse((await request('/.well-known/openid-configuration')).text) as { jwks_uri: string };
    const jwks = createRemoteJWKSet(new URL(jwks_uri));
    const { payload, protectedHeader } = await jwtVerify(jwt, jwks, {
      issuer,
      audience: IDS.webClientId,
      currentDate: new Date(1_700_000_100_000),
    });
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: active.id });
    expect(payload).toEqual({ sub: IDS.alice, iss: issuer, aud: IDS.webClientId, iat: 1_700_000_000, exp: 1_700_003_600 });

    // The same claims under the same kid, signed by a key that is not published, must fail.
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = await new SignJWT({ sub: IDS.alice })
      .setProtectedHeader({ alg: 'RS256', kid: active.id })
      .setIssuer(issuer)
      .sign(stranger);
    await expect(jwtVerify(forged, jwks, { issuer })).rejects.toBeInstanceOf(joseErrors.JWSSignatureVerificationFailed);
  });

  it('keeps publishing the old key after a rotation', async () => {
    const before = emulator.keys.signer().kid;
    const rotated = await emulator.keys.rotate();
    const { keys } = await fetchJwks(issuer);
    expect(keys.map((k) => k.kid)).toEqual([before, rotated]);
    expect(emulator.keys.signer().kid).toBe(rotated);
  });
});

describe('errors', () => {
  it('answers an unknown path with a JSON 404', async () => {
    const res = await request('/no/such/path');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(res.text)).toEqual({ error: 'not_found', error_description: 'no endpoint at /no/such/path' });
  });

  it('answers ZITADEL’s unserved RFC 8414 metadata path with a JSON 404', async () => {
    const res = await request('/.well-known/oauth-authorization-server');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual({
      error: 'not_found',
      error_description: 'no endpoint at /.well-known/oauth-authorization-server',
    });
  });

  it.each([
    ['POST', '/oauth/v2/keys'],
    ['DELETE', '/.well-known/openid-configuration'],
    ['PUT', '/oauth/v2/keys'],
  ])('answers %s %s with a JSON 405', async (method, path) => {
    const res = await request(path, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.text)).toEqual({ error: 'method_not_allowed', error_description: `${method} is not allowed on ${path}` });
  });

  it('turns an unexpected exception into a bare server_error and logs the detail', async () => {
    const original = emulator.keys.jwksBody.bind(emulator.keys);
    emulator.keys.jwksBody = () => {
      throw new Error('secret detail from /internal/path');
    };
    try {
      const res = await request('/oauth/v2/keys');
      expect(res.status).toBe(500);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(JSON.parse(res.text)).toEqual({ error: 'server_error', error_description: 'internal error' });
      expect(res.text).not.toContain('secret detail');
      expect(logged.some((line) => line.startsWith('error on GET /oauth/v2/keys: Error: secret detail from /internal/path\n    at '))).toBe(true);
    } finally {
      emulator.keys.jwksBody = original;
    }
    expect((await request('/oauth/v2/keys')).status).toBe(200);
  });

  it('never sends a stack trace in any body seen by these tests', async () => {
    for (const path of ['/%', '/oauth/v2/keys/%E0%A4%A', `/${'a'.repeat(4000)}`, '/oidc/v1/']) {
      const res = await request(path);
      expect(res.status, path).toBe(404);
    }
    expect(bodies.length).toBeGreaterThan(15);
    for (const body of bodies) {
      expect(body).not.toMatch(/\bat .*:\d+:\d+|node_modules|\/src\/main\//);
    }
  });
});
