// Binds the HTTP server. "localhost" means both loopback addresses (127.0.0.1 and ::1) on one
// port, so clients reach it whichever address they resolve localhost to (DESIGN §7). With TLS
// options (--https) the same listener is served by an http2 secure server that also speaks
// HTTP/1.1, chosen per connection by ALPN (gRPC clients need HTTP/2, issue 18). Cleartext
// ports also take HTTP/2 with prior knowledge (h2c), which gRPC clients use (h2c.ts).
import { createServer, type IncomingMessage, type Server as HttpServer, type RequestListener, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2SecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { Socket } from 'node:net';
import { createDualServer, type DualServer } from './h2c.js';

/** PEM key and certificate (chain) the HTTPS server presents. */
export interface TlsOptions {
  key: string;
  cert: string;
}

type Server = HttpServer | Http2SecureServer;

/** A bound address: the HTTP(S) server and, for cleartext, the TCP front that also takes h2c. */
interface Bound {
  server: Server;
  dual?: DualServer;
  /** TLS connections of the secure server, which has no closeAllConnections. */
  tlsSockets?: Set<Socket>;
}

/** HTTP/2 over TLS (ALPN "h2") or HTTP/1.1 (ALPN "http/1.1" or none) on one port. */
function createTlsServer(tls: TlsOptions, handler: RequestListener): { server: Http2SecureServer; tlsSockets: Set<Socket> } {
  const server = createSecureServer({ allowHTTP1: true, key: tls.key, cert: tls.cert }, (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    // HTTP/2 names the host in :authority; the issuer routing reads Host (one issuer per --domain).
    if ('authority' in req && req.headers.host === undefined) req.headers.host = req.authority;
    // The compatibility API mirrors IncomingMessage/ServerResponse (see h2c.ts).
    handler(req as IncomingMessage, res as ServerResponse);
  });
  const tlsSockets = new Set<Socket>();
  server.on('secureConnection', (socket: Socket) => {
    tlsSockets.add(socket);
    socket.once('close', () => tlsSockets.delete(socket));
  });
  return { server, tlsSockets };
}

export class ListenError extends Error {
  override name = 'ListenError';
}

export interface Listening {
  port: number;
  /** Presents a new certificate to new connections (HTTPS only; renewal). */
  setTls(tls: TlsOptions): void;
  close(): Promise<void>;
}

function listenOne(handler: RequestListener, host: string, port: number, tls: TlsOptions | undefined): Promise<Bound> {
  return new Promise((resolve, reject) => {
    const secure = tls && createTlsServer(tls, handler);
    const plain = secure ? undefined : createServer(handler);
    const server: Server = secure?.server ?? (plain as HttpServer);
    const dual = plain && createDualServer(plain, handler);
    if (plain) plain.keepAliveTimeout = 5_000;
    // Requests Node itself rejects (bad bytes in the request line, oversized headers) still get
    // an OAuth-style JSON error rather than a bare status line.
    server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
      if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify({ error: 'invalid_request', error_description: 'malformed HTTP request' });
      socket.end(
        `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    const listener = dual ? dual.tcp : server;
    listener.once('error', reject);
    listener.listen({ host, port, exclusive: true }, () => {
      listener.off('error', reject);
      resolve(dual ? { server, dual } : { server, ...(secure && { tlsSockets: secure.tlsSockets }) });
    });
  });
}

function closeServer({ server, dual, tlsSockets }: Bound): Promise<void> {
  return new Promise((resolve) => {
    if (dual) {
      dual.tcp.close(() => resolve());
      server.close();
    } else server.close(() => resolve());
    if ('closeAllConnections' in server) server.closeAllConnections();
    for (const socket of tlsSockets ?? []) socket.destroy();
    dual?.destroyConnections();
  });
}

function describe(err: unknown, host: string, port: number): ListenError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new ListenError(`port ${port} on ${host} is already in use (try --port)`);
  if (code === 'EACCES') return new ListenError(`no permission to listen on ${host}:${port}`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new ListenError(`cannot listen on ${host}: no such local address`);
  return new ListenError(`cannot listen on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`);
}

export async function listen(handler: RequestListener, host: string, port: number, tls?: TlsOptions): Promise<Listening> {
  const hosts = host === 'localhost' ? ['127.0.0.1', '::1'] : [host];
  const servers: Bound[] = [];
  let boundPort = port;
  for (const [i, address] of hosts.entries()) {
    try {
      const bound = await listenOne(handler, address, boundPort, tls);
      const info = (bound.dual?.tcp ?? bound.server).address();
      if (info && typeof info === 'object') boundPort = info.port;
      servers.push(bound);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A machine without IPv6 still serves localhost over 127.0.0.1.
      if (i > 0 && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
      await Promise.all(servers.map(closeServer));
      throw describe(err, address, boundPort);
    }
  }
  return {
    port: boundPort,
    setTls: (next) => {
      for (const { server } of servers) if ('setSecureContext' in server) server.setSecureContext({ key: next.key, cert: next.cert });
    },
    close: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  };
}
