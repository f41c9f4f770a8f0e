// A local action server, as users run one next to the emulator: it records every request
// (headers and raw body) and answers with whatever the test set for its path.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** Answer only after this many milliseconds (for timeouts). */
  delayMs?: number;
  headers?: Record<string, string>;
  /** Answer only once this settles (a request held open until the test lets it go). */
  wait?: Promise<void>;
}

export interface ActionServer {
  url(path: string): string;
  calls: ReceivedCall[];
  callsTo(path: string): ReceivedCall[];
  /** Sets the reply for `path`; a function is called per request. */
  reply(path: string, reply: Reply | ((call: ReceivedCall) => Reply)): void;
  close(): Promise<void>;
}

export async function startActionServer(): Promise<ActionServer> {
  const replies = new Map<string, Reply | ((call: ReceivedCall) => Reply)>();
  const calls: ReceivedCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const call = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      calls.push(call);
      const configured = replies.get(call.path) ?? {};
      const reply = typeof configured === 'function' ? configured(call) : configured;
      const send = (): void => {
        if (res.destroyed) return;
        const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers }).end(body);
      };
      if (reply.wait) void reply.wait.then(send);
      else if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    calls,
    callsTo: (path) => calls.filter((c) => c.path === path),
    reply: (path, reply) => void replies.set(path, reply),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
