// The store of the service-user tests (test/service-users): fixed ids so expected claims can be
// written by hand. Org Acme owns project Shop (roles admin, viewer; no role assertion, so token
// scopes stay exactly as requested) and project Billing. Shop has a web app, a token-exchange
// app, two device-flow native apps, an API app with a secret and an API app meant for
// private_key_jwt; Billing has its own API app. Users: alice (human), four service users.
import { SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import type { StoreInput } from '../../src/main/store/schema.js';

export const SU = {
  instance: '500000000000000001',
  org: '500000000000000002',
  otherOrg: '500000000000000003',
  shop: '500000000000000010',
  billing: '500000000000000011',
  webApp: '500000000000000020',
  exchangeApp: '500000000000000021',
  cliApp: '500000000000000022',
  tvApp: '500000000000000023',
  apiApp: '500000000000000024',
  apiJwtApp: '500000000000000025',
  billingApiApp: '500000000000000026',
  spaApp: '500000000000000027',
  alice: '500000000000000040',
  bob: '500000000000000041',
  ciBot: '500000000000000042',
  jwtBot: '500000000000000043',
  noSecretBot: '500000000000000044',
  otherBot: '500000000000000045',
} as const;

export const ORG_DOMAIN = 'acme.localhost';
export const PASSWORD = 'Password1!';
export const UPDATED_AT = 1_735_600_000;
export const REDIRECT_URI = 'http://localhost:3000/callback';

/** Client ids and secrets. */
export const CLIENTS = {
  web: { clientId: '500000000000000030', secret: 'web-secret' },
  exchange: { clientId: '500000000000000031', secret: 'exchange-secret' },
  cli: { clientId: '500000000000000032' },
  tv: { clientId: '500000000000000033' },
  api: { clientId: '500000000000000034', secret: 'api-secret' },
  apiJwt: { clientId: '500000000000000035' },
  billingApi: { clientId: '500000000000000036', secret: 'billing-api-secret' },
  spa: { clientId: '500000000000000037' },
} as const;

/** Service users: login name (= client_id for client_credentials) and machine secret. */
export const BOTS = {
  ci: { id: SU.ciBot, loginName: 'ci-bot', secret: 'ci-bot-secret' },
  jwt: { id: SU.jwtBot, loginName: 'jwt-bot', secret: 'jwt-bot-secret' },
  noSecret: { id: SU.noSecretBot, loginName: 'keys-only-bot' },
  other: { id: SU.otherBot, loginName: 'other-bot', secret: 'other-bot-secret' },
} as const;

export const audScope = (projectId: string): string => `urn:zitadel:iam:org:project:id:${projectId}:aud`;

export function buildServiceUsersSeed(): StoreInput {
  const native = (id: string, name: string, clientId: string) => ({
    id,
    projectId: SU.shop,
    name,
    clientId,
    oidc: {
      appType: 'native' as const,
      authMethod: 'none' as const,
      redirectUris: ['http://127.0.0.1/callback'],
      grantTypes: ['authorization_code' as const, 'device_code' as const, 'refresh_token' as const],
    },
    keys: [],
  });
  const machine = (id: string, userName: string, name: string, extra: { accessTokenType?: 'jwt' | 'bearer'; clientSecret?: string }) => ({
    id,
    orgId: SU.org,
    userName,
    machine: { name, ...extra },
    updatedAt: UPDATED_AT,
  });
  return {
    version: 1,
    instance: { id: SU.instance, name: 'Local', defaultOrgId: SU.org },
    orgs: [
      { id: SU.org, name: 'Acme', primaryDomain: ORG_DOMAIN },
      { id: SU.otherOrg, name: 'Globex', primaryDomain: 'globex.localhost' },
    ],
    projects: [
      { id: SU.shop, orgId: SU.org, name: 'Shop', roles: [{ key: 'admin' }, { key: 'viewer' }] },
      { id: SU.billing, orgId: SU.org, name: 'Billing', roles: [{ key: 'payer' }] },
    ],
    apps: [
      {
        id: SU.webApp,
        projectId: SU.shop,
        name: 'web',
        clientId: CLIENTS.web.clientId,
        clientSecret: CLIENTS.web.secret,
        oidc: { appType: 'web', authMethod: 'basic', redirectUris: [REDIRECT_URI], grantTypes: ['authorization_code', 'refresh_token'] },
        keys: [],
      },
      {
        id: SU.exchangeApp,
        projectId: SU.shop,
        name: 'exchanger',
        clientId: CLIENTS.exchange.clientId,
        clientSecret: CLIENTS.exchange.secret,
        oidc: {
          appType: 'web',
          authMethod: 'basic',
          redirectUris: [REDIRECT_URI],
          grantTypes: ['authorization_code', 'refresh_token', 'token_exchange'],
        },
        keys: [],
      },
      native(SU.cliApp, 'cli', CLIENTS.cli.clientId),
      native(SU.tvApp, 'tv', CLIENTS.tv.clientId),
      {
        id: SU.apiApp,
        projectId: SU.shop,
        name: 'api',
        clientId: CLIENTS.api.clientId,
        clientSecret: CLIENTS.api.secret,
        api: { authMethod: 'basic' },
        keys: [],
      },
      // Starts as basic without a secret; the tests switch it to privateKeyJwt and add a key.
      { id: SU.apiJwtApp, projectId: SU.shop, name: 'api-jwt', clientId: CLIENTS.apiJwt.clientId, api: { authMethod: 'basic' }, keys: [] },
      {
        id: SU.billingApiApp,
        projectId: SU.billing,
        name: 'billing-api',
        clientId: CLIENTS.billingApi.clientId,
        clientSecret: CLIENTS.billingApi.secret,
        api: { authMethod: 'basic' },
        keys: [],
      },
      {
        id: SU.spaApp,
        projectId: SU.shop,
        name: 'spa',
        clientId: CLIENTS.spa.clientId,
        oidc: { appType: 'userAgent', authMethod: 'none', redirectUris: ['https://spa.example.com/callback'] },
        keys: [],
      },
    ],
    users: [
      {
        id: SU.alice,
        orgId: SU.org,
        userName: 'alice',
        human: {
          profile: { givenName: 'Alice', familyName: 'Smith', nickName: 'ali', displayName: 'Alice Smith', preferredLanguage: 'en', gender: 'female' },
          email: { email: 'alice@acme.localhost', isVerified: true },
          password: PASSWORD,
        },
        updatedAt: UPDATED_AT,
      },
      {
        id: SU.bob,
        orgId: SU.org,
        userName: 'bob',
        human: { profile: { givenName: 'Bob', familyName: 'Jones', displayName: 'Bob Jones' }, password: PASSWORD },
        updatedAt: UPDATED_AT,
      },
      machine(SU.ciBot, BOTS.ci.loginName, 'CI bot', { clientSecret: BOTS.ci.secret }),
      machine(SU.jwtBot, BOTS.jwt.loginName, 'JWT bot', { accessTokenType: 'jwt', clientSecret: BOTS.jwt.secret }),
      machine(SU.noSecretBot, BOTS.noSecret.loginName, 'Keys only', {}),
      machine(SU.otherBot, BOTS.other.loginName, 'Other bot', { clientSecret: BOTS.other.secret }),
    ],
    userGrants: [
      { id: '500000000000000050', userId: SU.alice, projectId: SU.shop, roleKeys: ['admin'] },
      { id: '500000000000000051', userId: SU.ciBot, projectId: SU.shop, roleKeys: ['viewer'] },
      { id: '500000000000000052', userId: SU.alice, projectId: SU.billing, roleKeys: ['payer'] },
    ],
    signingKeys: [],
  };
}

/** A key JSON file as a user reads it from disk (reference §7). */
export interface KeyJson {
  type: string;
  keyId: string;
  key: string;
  expirationDate?: string;
  userId?: string;
  appId?: string;
  clientId?: string;
}

/**
 * Signs an assertion the way the seeds' "JWT Profile Grant" / "Using JWTs for Client
 * Authentication" sections show: header {alg: RS256, kid: keyId}, claims iss = sub, aud =
 * issuer, iat, exp. `overrides` replaces claims (undefined drops one).
 */
export function signAssertion(
  keyJson: KeyJson,
  options: { issuer: string; subject: string; nowSeconds?: number; kid?: string; claims?: Record<string, unknown> },
): Promise<string> {
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { iss: options.subject, sub: options.subject, aud: options.issuer, iat: now, exp: now + 3600, ...options.claims };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: options.kid ?? keyJson.keyId }).sign(createPrivateKey(keyJson.key));
}

/** Splits a JWT's payload without verifying it. */
export function decodePayload(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
