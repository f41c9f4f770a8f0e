// A fetch that trusts exactly one CA (the emulator's local CA), never the system store, and
// optionally resolves every host name to 127.0.0.1 (so `idp.localhost` or `idp` reach the test
// emulator as a container's DNS would), and a cookie-keeping login through the real login pages
// over it. Built on undici's own fetch and Agent: nothing in the process is touched.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function lookupLoopback(_host: string, options: LookupOptions, callback: LookupCallback): void {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}

export type TlsFetch = (url: string | URL, init?: { method?: string; headers?: Record<string, string> | Headers; body?: string | URLSearchParams; redirect?: 'manual' | 'follow' }) => Promise<Response>;

export function fetchTrusting(caPem: string | undefined, options: { everyHostIsLoopback?: boolean } = {}): { fetch: TlsFetch; close(): Promise<void> } {
  const agent = new Agent({ connect: { ...(caPem !== undefined && { ca: caPem }), ...(options.everyHostIsLoopback && { lookup: lookupLoopback }) } });
  const fetch: TlsFetch = async (url, init = {}) =>
    (await undiciFetch(url, { ...init, headers: init.headers instanceof Headers ? Object.fromEntries(init.headers) : init.headers, dispatcher: agent })) as unknown as Response;
  return { fetch, close: () => agent.close() };
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** authorize URL → login page → password → callback; returns where the emulator sent the browser. */
export async function loginOver(fetch: TlsFetch, authorizeUrl: string, loginName: string, password: string): Promise<URL> {
  const base = new URL(authorizeUrl);
  const start = await fetch(authorizeUrl, { redirect: 'manual' });
  const login = new URL(start.headers.get('location') ?? '', base);
  const authRequestID = login.searchParams.get('authRequestID');
  if (start.status !== 302 || !authRequestID) throw new Error(`authorize answered ${start.status} ${await start.text()}`);
  // The auth request is bound to the browser that started it: send its cookie along.
  const form = await fetch(new URL('/ui/login/password', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiesOf(start) },
    body: new URLSearchParams({ authRequestID, loginName, password }),
  });
  const callback = new URL(form.headers.get('location') ?? '', base);
  if (form.status !== 302) throw new Error(`password step answered ${form.status}`);
  const done = await fetch(callback, { redirect: 'manual', headers: { Cookie: cookiesOf(form) } });
  if (done.status !== 302) throw new Error(`callback answered ${done.status}`);
  return new URL(done.headers.get('location') ?? '', base);
}
