// Child process: node-oidc-provider as the peer, configured like the emulator's bench seed
// where it matters: a confidential client with the client_credentials grant (opaque access
// tokens, no resource indicator), a second confidential client that introspects, one RS256
// signing key, introspection enabled, findAccount stubbed, the default in-memory adapter.
import { createServer } from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

export const SVC = { client_id: 'bench-svc', client_secret: 'bench-svc-secret-0123456789abcdef0123456789' };
export const API = { client_id: 'bench-api', client_secret: 'bench-api-secret-0123456789abcdef0123456789' };

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'bench', alg: 'RS256', use: 'sig' };

let handler;
const server = createServer((req, res) => handler(req, res));
server.keepAliveTimeout = 5_000;
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    { ...SVC, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], scope: 'api' },
    { ...API, grant_types: [], response_types: [], redirect_uris: [] },
  ],
  scopes: ['openid', 'offline_access', 'api'],
  jwks: { keys: [jwk] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
  },
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
});
handler = provider.callback();
process.on('message', (msg) => {
  if (msg?.type === 'rss') process.send({ type: 'rss', rss: process.memoryUsage().rss });
  if (msg?.type === 'cpu') process.send({ type: 'cpu', usage: process.cpuUsage() });
  if (msg?.type === 'close') process.exit(0);
});
process.send({ type: 'ready', url: issuer, svc: SVC, api: API });
