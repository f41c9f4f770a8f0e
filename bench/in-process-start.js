// How long an additional in-process emulator takes to start (DESIGN §6, issue 15): one
// `startEmulator({ port: 0, store })` per test file is the isolation test suites use. One process
// starts a first emulator (which pays for loading the code), then STARTS more, one after another,
// each measured from the call to its first 200 from discovery, then closed. The seed has no
// signing keys, as most hand-written test seeds: no RSA key generation may happen on this path.
// Prints JSON: { firstMs, medianMs, startsMs: [...] }. Run by bench/run.js, or alone.
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const STARTS = Number(process.env.BENCH_IN_PROCESS_STARTS ?? 15);
const lib = fileURLToPath(new URL('../out/main/lib.js', import.meta.url));
const { startEmulator } = await import(lib);

const seed = {
  version: 1,
  instance: { id: '100000000000000001', defaultOrgId: '200000000000000001' },
  orgs: [{ id: '200000000000000001', name: 'Acme', primaryDomain: 'acme.localhost' }],
  projects: [{ id: '300000000000000001', orgId: '200000000000000001', name: 'Shop' }],
  apps: [
    {
      id: '400000000000000001',
      projectId: '300000000000000001',
      name: 'web',
      clientId: 'web',
      clientSecret: 'web-secret',
      oidc: { appType: 'web', authMethod: 'basic', redirectUris: ['http://localhost:3000/callback'], responseTypes: ['code'], grantTypes: ['authorization_code'] },
      keys: [],
    },
  ],
  users: [{ id: '500000000000000001', orgId: '200000000000000001', userName: 'alice', human: { profile: { givenName: 'Alice', familyName: 'Smith' }, password: 'Password1!' } }],
};
const options = { port: 0, host: '127.0.0.1', store: seed, log: () => undefined };

function discovery(issuer) {
  return new Promise((resolve, reject) => {
    http.get(`${issuer}/.well-known/openid-configuration`, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`discovery answered ${res.statusCode}`))));
    }).on('error', reject);
  });
}

async function startOnce() {
  const started = performance.now();
  const emulator = await startEmulator(options);
  await discovery(emulator.issuer);
  const ms = performance.now() - started;
  return { emulator, ms };
}

const first = await startOnce();
const starts = [];
for (let i = 0; i < STARTS; i += 1) {
  const { emulator, ms } = await startOnce();
  starts.push(ms);
  await emulator.close();
}
await first.emulator.close();
const sorted = [...starts].sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ firstMs: first.ms, medianMs: sorted[Math.floor(sorted.length / 2)], startsMs: starts })}\n`);
