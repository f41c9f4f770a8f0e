// The bench seed: the emulator's demo seed plus what the scenarios need — a service user with
// JWT access tokens, an API app that introspects, and a public PKCE app with refresh tokens.
// The demo seed is not exported by the library, so it is taken from a throwaway in-memory
// emulator (which builds it on start), then extended.
import { randomBytes } from 'node:crypto';
import { startEmulator } from '../../out/main/lib.js';

const secret = () => randomBytes(32).toString('base64url');
let counter = 0;
const newId = () => `9${Date.now()}${String(++counter).padStart(4, '0')}`;

export const PKCE_REDIRECT_URI = 'http://127.0.0.1:9/callback';

/** Returns { store, creds } — store is StoreInput JSON; creds what the load generator needs. */
export async function buildBenchSeed() {
  const throwaway = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true });
  const store = structuredClone(throwaway.store.data);
  await throwaway.close();

  const project = store.projects[0];
  const org = store.orgs[0];
  const alice = store.users.find((u) => u.userName === 'alice');
  const bot = store.users.find((u) => u.userName === 'ci-bot');
  if (!project || !org || !alice || !bot?.machine?.clientSecret) throw new Error('the demo seed changed: no project, org, alice or ci-bot');

  const jwtUser = {
    id: newId(),
    orgId: org.id,
    userName: 'bench-jwt',
    state: 'active',
    machine: { name: 'Bench JWT', description: 'service user with JWT access tokens', accessTokenType: 'jwt', clientSecret: secret(), keys: [], personalAccessTokens: [] },
    metadata: {},
  };
  const apiApp = {
    id: newId(),
    projectId: project.id,
    name: 'bench-api',
    state: 'active',
    clientId: `${newId()}@bench`,
    clientSecret: secret(),
    api: { authMethod: 'basic' },
    keys: [],
  };
  const pkceApp = {
    id: newId(),
    projectId: project.id,
    name: 'bench-pkce',
    state: 'active',
    clientId: `${newId()}@bench`,
    oidc: {
      appType: 'userAgent',
      authMethod: 'none',
      redirectUris: [PKCE_REDIRECT_URI],
      postLogoutRedirectUris: [],
      responseTypes: ['code'],
      grantTypes: ['authorization_code', 'refresh_token'],
      accessTokenType: 'bearer',
      accessTokenRoleAssertion: false,
      idTokenRoleAssertion: false,
      idTokenUserinfoAssertion: false,
      clockSkew: 0,
      // ZITADEL refuses http redirect URIs for user-agent apps unless they are in dev mode.
      devMode: true,
    },
    keys: [],
  };
  store.users.push(jwtUser);
  store.apps.push(apiApp, pkceApp);
  store.userGrants.push({ id: newId(), userId: jwtUser.id, projectId: project.id, roleKeys: ['viewer'], state: 'active' });

  return {
    store,
    creds: {
      projectId: project.id,
      opaqueUser: { name: bot.userName, secret: bot.machine.clientSecret },
      jwtUser: { name: jwtUser.userName, secret: jwtUser.machine.clientSecret },
      api: { clientId: apiApp.clientId, secret: apiApp.clientSecret },
      pkce: { clientId: pkceApp.clientId, redirectUri: PKCE_REDIRECT_URI },
      loginUserId: alice.id,
    },
  };
}
