// One complete authorization-code + PKCE login as a fresh browser would do it:
// authorize (which binds the auth request to a browser cookie) → one-click user picker POST
// with that cookie → authorize callback (with the login cookie) → token exchange with the code
// verifier. Returns the token response.
import { createHash, randomBytes } from 'node:crypto';

function must(cond, what, res) {
  if (!cond) throw new Error(`login step failed: ${what} (status ${res?.status}, ${String(res?.body ?? '').slice(0, 200)})`);
}

/** The name=value pairs a response sets, as a Cookie header. */
function cookiesOf(res) {
  return (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
}

export async function login(client, { clientId, redirectUri, userId, scope = 'openid profile email' }) {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(8).toString('hex');
  const query = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope, state, code_challenge: challenge, code_challenge_method: 'S256' });

  const authorize = await client.get(`/oauth/v2/authorize?${query}`);
  must(authorize.status === 302, 'authorize redirects to the login page', authorize);
  const loginUrl = new URL(authorize.headers.location, 'http://x');
  const authRequestID = loginUrl.searchParams.get('authRequestID');
  must(authRequestID, 'authRequestID in the login URL', authorize);
  const browser = cookiesOf(authorize);

  const picked = await client.postForm('/ui/login/picker', { authRequestID, userId }, browser ? { cookie: browser } : {});
  must(picked.status === 302 && picked.headers['set-cookie'], 'picker redirects with a cookie', picked);
  const cookie = cookiesOf(picked);

  const callback = await client.get(picked.headers.location, { cookie });
  must(callback.status === 302, 'callback redirects to the client', callback);
  const back = new URL(callback.headers.location);
  const code = back.searchParams.get('code');
  must(code && back.searchParams.get('state') === state, 'code and state in the redirect', callback);

  const token = await client.postForm('/oauth/v2/token', { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier });
  must(token.status === 200, 'token exchange', token);
  return JSON.parse(token.body);
}

/** Runs logins with `concurrency` workers for `seconds` (and at most `maxLogins`); returns rate and latencies. */
export async function loginLoad(client, opts, { concurrency, seconds, maxLogins = 1_000_000 }) {
  const latencies = [];
  let errors = 0;
  let started = 0;
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  async function worker() {
    while (performance.now() < deadline && started < maxLogins) {
      started += 1;
      const s = performance.now();
      try {
        await login(client, opts);
        latencies.push(performance.now() - s);
      } catch {
        errors += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
  return { perSecond: latencies.length / elapsed, p50: pct(50), p99: pct(99), count: latencies.length, errors, seconds: elapsed };
}
