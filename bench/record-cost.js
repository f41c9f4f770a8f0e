// What one live-token record minimally costs in V8 (issue 14: the target for compact records
// is set from this). Run: node --expose-gc bench/record-cost.js — prints heap bytes per entry
// for the building blocks of a token record, measured over 100,000 entries after full GCs.
import { randomBytes } from 'node:crypto';

const N = 100_000;
if (!globalThis.gc) {
  console.error('run with node --expose-gc bench/record-cost.js');
  process.exit(2);
}

function heapPerEntry(build) {
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  globalThis.gc();
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  if (!kept) throw new Error('nothing kept');
  return (after - before) / N;
}

const token = () => randomBytes(32).toString('base64url');
const id = (i) => (300_000_000_000_000_000n + BigInt(i)).toString();
const scopes = ['urn:zitadel:iam:org:project:id:500000000000000010:aud'];
const audience = ['500000000000000010'];
const now = Math.floor(Date.now() / 1000);

const rows = [
  ['opaque token string (43 chars)', () => Array.from({ length: N }, token)],
  ['18-digit id string', () => Array.from({ length: N }, (_, i) => id(i))],
  ['Map entry (18-digit id key → small integer), key included', () => {
    const m = new Map();
    for (let i = 0; i < N; i += 1) m.set(id(i), 1);
    return m;
  }],
  ['object, 10 fields of shared references and small integers', () =>
    Array.from({ length: N }, () => ({ a: scopes, b: scopes, c: audience, d: 'ci-bot', e: 'u', f: now, g: now, h: now, i: now, j: 0 }))],
  ['minimal token record: token + session id + token id strings, 10-field session, 2 Map entries', () => {
    const sessions = new Map();
    const tokens = new Map();
    for (let i = 0; i < N; i += 1) {
      const t = token();
      const s = { id: id(i), userId: 'u', clientId: 'ci-bot', scopes, grantedScopes: scopes, audience, accessTokenId: id(i + N), accessTokenIssuedAt: now, accessTokenExpiresAt: now, createdAt: now, opaqueAccessToken: t };
      sessions.set(s.id, s);
      tokens.set(t, s);
    }
    return [sessions, tokens];
  }],
];

console.log(`Heap bytes per entry over ${N.toLocaleString('en-US')} entries (Node ${process.version}):`);
for (const [name, build] of rows) console.log(`${heapPerEntry(build).toFixed(0).padStart(6)} B  ${name}`);
