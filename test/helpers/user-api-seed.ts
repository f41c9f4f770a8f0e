// The store of the ZITADEL user API tests (test/zitadel-api): fixed ids so expected bodies are
// written by hand. Org Acme (project Shop with roles admin and viewer, a web app for the code
// flow) and org Globex; service users with different memberships (reference §2.3).
import type { StoreInput } from '../../src/main/store/schema.js';

export const UA = {
  instance: '600000000000000001',
  acme: '600000000000000002',
  globex: '600000000000000003',
  shop: '600000000000000010',
  webApp: '600000000000000020',
  alice: '600000000000000040',
  gina: '600000000000000041',
  ownerBot: '600000000000000050',
  viewerBot: '600000000000000051',
  loneBot: '600000000000000052',
  patBot: '600000000000000053',
  globexBot: '600000000000000054',
} as const;

export const WEB = { clientId: '600000000000000030', secret: 'web-secret', redirectUri: 'http://localhost:3000/callback' } as const;
export const PAT = 'pat-of-the-user-manager-bot';
export const UPDATED_AT = 1_735_600_000;
export const ZITADEL_AUD_SCOPE = 'openid urn:zitadel:iam:org:project:id:zitadel:aud';

/** userName → machine secret. */
export const BOT_SECRETS = {
  'owner-bot': 'owner-secret',
  'viewer-bot': 'viewer-secret',
  'lone-bot': 'lone-secret',
  'globex-bot': 'globex-secret',
} as const;

const machine = (id: string, orgId: string, userName: string, extra: Record<string, unknown> = {}) => ({
  id,
  orgId,
  userName,
  machine: { name: userName, ...extra },
  updatedAt: UPDATED_AT,
});

export function buildUserApiSeed(): StoreInput {
  return {
    version: 1,
    instance: { id: UA.instance, defaultOrgId: UA.acme },
    orgs: [
      { id: UA.acme, name: 'Acme', primaryDomain: 'acme.localhost' },
      { id: UA.globex, name: 'Globex', primaryDomain: 'globex.localhost' },
    ],
    projects: [
      {
        id: UA.shop,
        orgId: UA.acme,
        name: 'Shop',
        projectRoleAssertion: true,
        roles: [{ key: 'admin', displayName: 'Admin' }, { key: 'viewer', displayName: 'Viewer' }],
      },
    ],
    apps: [
      {
        id: UA.webApp,
        projectId: UA.shop,
        name: 'web',
        clientId: WEB.clientId,
        clientSecret: WEB.secret,
        oidc: { appType: 'web', authMethod: 'basic', redirectUris: [WEB.redirectUri], idTokenRoleAssertion: true },
      },
    ],
    users: [
      {
        id: UA.alice,
        orgId: UA.acme,
        userName: 'alice',
        human: {
          profile: { givenName: 'Alice', familyName: 'Smith', displayName: 'Alice Smith', preferredLanguage: 'en', gender: 'female' },
          email: { email: 'alice@acme.localhost', isVerified: true },
          password: 'Password1!',
        },
        metadata: { department: 'sales' },
        updatedAt: UPDATED_AT,
      },
      {
        id: UA.gina,
        orgId: UA.globex,
        userName: 'gina',
        human: { profile: { givenName: 'Gina', familyName: 'Globex' }, email: { email: 'gina@globex.localhost' }, password: 'Password1!' },
        updatedAt: UPDATED_AT,
      },
      machine(UA.ownerBot, UA.acme, 'owner-bot', { clientSecret: BOT_SECRETS['owner-bot'] }),
      machine(UA.viewerBot, UA.acme, 'viewer-bot', { clientSecret: BOT_SECRETS['viewer-bot'] }),
      machine(UA.loneBot, UA.acme, 'lone-bot', { clientSecret: BOT_SECRETS['lone-bot'] }),
      machine(UA.patBot, UA.acme, 'pat-bot', { personalAccessTokens: [{ id: '600000000000000060', token: PAT }] }),
      machine(UA.globexBot, UA.globex, 'globex-bot', { clientSecret: BOT_SECRETS['globex-bot'] }),
    ],
    memberships: [
      { id: '600000000000000070', userId: UA.ownerBot, orgId: UA.acme, roles: ['ORG_OWNER'] },
      { id: '600000000000000071', userId: UA.viewerBot, orgId: UA.acme, roles: ['ORG_OWNER_VIEWER'] },
      { id: '600000000000000072', userId: UA.patBot, orgId: UA.acme, roles: ['ORG_USER_MANAGER'] },
      { id: '600000000000000073', userId: UA.globexBot, orgId: UA.globex, roles: ['ORG_OWNER'] },
    ],
  };
}

/** A client_credentials token of a service user, with or without the ZITADEL audience. */
export async function serviceUserToken(issuer: string, userName: keyof typeof BOT_SECRETS, scope = ZITADEL_AUD_SCOPE): Promise<string> {
  const res = await fetch(`${issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${userName}:${BOT_SECRETS[userName]}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (res.status !== 200 || !body.access_token) throw new Error(`no token for ${userName}: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** A JWT-profile access token for a key file (reference §2.1), as the SDKs obtain one. */
export async function jwtProfileToken(issuer: string, keyFile: { keyId: string; key: string; userId: string }, scope = ZITADEL_AUD_SCOPE): Promise<string> {
  const { SignJWT } = await import('jose');
  const { createPrivateKey } = await import('node:crypto');
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ iss: keyFile.userId, sub: keyFile.userId, aud: issuer, iat: now, exp: now + 600 })
    .setProtectedHeader({ alg: 'RS256', kid: keyFile.keyId })
    .sign(createPrivateKey(keyFile.key));
  const res = await fetch(`${issuer}/oauth/v2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion, scope }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (res.status !== 200 || !body.access_token) throw new Error(`JWT profile failed: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}
