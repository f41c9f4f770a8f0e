// tamper faults (issue 15): every kind breaks the next token response's ID token and JWT access
// token so that openid-client's ID token validation and jose's jwtVerify reject it; the response
// is otherwise normal and the request is marked as faulted in Activity.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAMPER_KINDS, type TamperKind } from '../../src/main/oidc/tokens/tamper-jwt.js';
import type { Emulator } from '../../src/main/emulator.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { loginForCode } from '../helpers/http-login.js';
import { decodeJwtPart, demoApps, type DemoApps } from './bridge-seed.js';

let emulator: Emulator;
let apps: DemoApps;
let config: client.Configuration;
let jwks: ReturnType<typeof createRemoteJWKSet>;

beforeAll(async () => {
  emulator = await startTestEmulator();
  apps = demoApps(emulator);
  // JWT access tokens, so both tokens of a response are tampered.
  emulator.store.update((draft) => {
    const web = draft.apps.find((a) => a.name === 'web');
    if (web?.oidc) web.oidc.accessTokenType = 'jwt';
  });
  config = await client.discovery(new URL(emulator.issuer), apps.web.clientId, undefined, client.ClientSecretBasic(apps.web.secret), {
    // Non-repudiation checks: openid-client then also verifies the ID token's signature against the JWKS.
    execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
  });
  jwks = createRemoteJWKSet(new URL(`${emulator.issuer}/oauth/v2/keys`));
});
afterAll(() => emulator.close());

interface Flow {
  redirect: URL;
  state: string;
  nonce: string;
}

async function login(): Promise<Flow> {
  const state = client.randomState();
  const nonce = client.randomNonce();
  const code = await loginForCode(emulator.issuer, { client_id: apps.web.clientId, redirect_uri: apps.web.redirectUri, scope: 'openid profile', state, nonce });
  const redirect = new URL(apps.web.redirectUri);
  redirect.searchParams.set('code', code);
  redirect.searchParams.set('state', state);
  return { redirect, state, nonce };
}

/** The raw token response a tampered exchange produced, captured while openid-client validates it. */
async function exchange(flow: Flow): Promise<{ error: unknown; body: Record<string, string> }> {
  let body: Record<string, string> = {};
  config[client.customFetch] = async (url, options) => {
    const res = await fetch(url, options as RequestInit);
    if (new URL(url).pathname === '/oauth/v2/token') body = (await res.clone().json()) as Record<string, string>;
    return res;
  };
  const error = await client.authorizationCodeGrant(config, flow.redirect, { expectedState: flow.state, expectedNonce: flow.nonce }).then(
    () => undefined,
    (err: unknown) => err,
  );
  return { error, body };
}

/** Why oauth4webapi (under openid-client) refuses each kind. */
const OPENID_CLIENT_REASON: Record<TamperKind, string> = {
  signature: 'JWT signature verification failed',
  expired: 'JWT timestamp claim value failed validation',
  not_yet_valid: 'JWT timestamp claim value failed validation',
  issuer: 'unexpected JWT claim value encountered',
  audience: 'unexpected JWT claim value encountered',
  nonce: 'unexpected JWT claim value encountered',
  unknown_kid: 'no applicable keys found',
  alg_none: 'unexpected JWT "alg" header parameter',
};

const JOSE_OPTIONS = (issuer: string, audience: string) => ({ issuer, audience, algorithms: ['RS256'] });

describe('tamper faults', () => {
  it('an untampered exchange passes both checks (the control)', async () => {
    const { error, body } = await exchange(await login());
    expect(error).toBeUndefined();
    await expect(jwtVerify(body.id_token ?? '', jwks, JOSE_OPTIONS(emulator.issuer, apps.web.clientId))).resolves.toBeDefined();
    await expect(jwtVerify(body.access_token ?? '', jwks, JOSE_OPTIONS(emulator.issuer, apps.web.clientId))).resolves.toBeDefined();
  });

  it.each(TAMPER_KINDS.map((k) => [k]))('%s is rejected by openid-client and jose', async (kind: TamperKind) => {
    const flow = await login();
    const id = emulator.faults.add({ endpoint: 'token', tamper: kind });
    const { error, body } = await exchange(flow);
    expect(emulator.faults.list().some((f) => f.id === id)).toBe(false);
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in', 'id_token']);
    // openid-client's ID token validation refuses the response.
    expect(error, `openid-client accepted a ${kind} ID token`).toBeInstanceOf(Error);
    const reason = `${(error as Error).message} ${String((error as Error).cause)}`;
    expect(reason).toContain(OPENID_CLIENT_REASON[kind]);

    const verify = (token: string) => jwtVerify(token, jwks, JOSE_OPTIONS(emulator.issuer, apps.web.clientId));
    if (kind === 'nonce') {
      // jose does not know the nonce: the signature holds, the claim is what the app must compare.
      const { payload } = await verify(body.id_token ?? '');
      expect(payload.nonce).toBe(`tampered-${flow.nonce}`);
    } else {
      await expect(verify(body.id_token ?? ''), `jose accepted a ${kind} ID token`).rejects.toThrow();
      await expect(verify(body.access_token ?? ''), `jose accepted a ${kind} access token`).rejects.toThrow();
    }

    const claims = decodeJwtPart(body.id_token ?? '', 1);
    const now = Math.floor(Date.now() / 1000);
    if (kind === 'expired') expect(Number(claims.exp)).toBeLessThanOrEqual(now - 600);
    if (kind === 'not_yet_valid') {
      expect(Number(claims.nbf)).toBeGreaterThanOrEqual(now + 590);
      expect(Number(claims.iat)).toBe(claims.nbf);
    }
    if (kind === 'alg_none') {
      expect(decodeJwtPart(body.id_token ?? '', 0)).toEqual({ alg: 'none', typ: 'JWT' });
      expect(body.id_token?.endsWith('.')).toBe(true);
    }

    const event = emulator.activity.list().filter((e) => e.kind === 'token').at(-1);
    expect(event?.fault).toEqual({ id, action: 'tamper', detail: `${kind}: the ID token and the JWT access token were broken on purpose` });
    expect(event?.tokens?.find((t) => t.kind === 'id_token')?.value).toBe(body.id_token);
  });
});
