// Binds the HTTP server. "localhost" means both loopback addresses (127.0.0.1 and ::1) on one
// port, so clients reach it whichever address they resolve localhost to (DESIGN §7). With TLS
// options (--https) the same listener is served by node:https instead of node:http.
import { createServer, type Server as HttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';

/** PEM key and certificate (chain) the HTTPS server presents. */
export interface TlsOptions {
  key: string;
  cert: string;
}

type Server = HttpServer | HttpsServer;

export class ListenError extends Error {
  override name = 'ListenError';
}

export interface Listening {
  port: number;
  /** Presents a new certificate to new connections (HTTPS only; renewal). */
  setTls(tls: TlsOptions): void;
  close(): Promise<void>;
}

function listenOne(handler: RequestListener, host: string, port: number, tls: TlsOptions | undefined): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler);
    server.keepAliveTimeout = 5_000;
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
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
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
  const servers: Server[] = [];
  let boundPort = port;
  for (const [i, address] of hosts.entries()) {
    try {
      const server = await listenOne(handler, address, boundPort, tls);
      const info = server.address();
      if (info && typeof info === 'object') boundPort = info.port;
      servers.push(server);
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
      for (const server of servers) if ('setSecureContext' in server) server.setSecureContext({ key: next.key, cert: next.cert });
    },
    close: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  };
}
