// HTTP/1.1 and cleartext HTTP/2 (h2c, "prior knowledge") on one port (issue 18): gRPC clients
// (@zitadel/client's connect-node transport, @zitadel/node's grpc-js) open HTTP/2 without TLS.
// Node's http2.createServer does not fall back to HTTP/1 without TLS (allowHTTP1 needs ALPN),
// so each connection's first bytes decide: the HTTP/2 preface goes to an http2 server, anything
// else to the unchanged HTTP/1.1 server. Both hand requests to the same listener.
import type { IncomingMessage, Server as HttpServer, RequestListener, ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type ServerHttp2Session } from 'node:http2';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
/** A connection that sends nothing is dropped after this long (HTTP/1's own timeouts start later). */
const FIRST_BYTES_TIMEOUT_MS = 10_000;

export interface DualServer {
  tcp: TcpServer;
  /** Ends HTTP/2 sessions and connections still being sniffed (HTTP/1 ones close via the http server). */
  destroyConnections(): void;
}

function startsLikePreface(chunk: Buffer): boolean {
  const n = Math.min(chunk.length, PREFACE.length);
  return n > 0 && chunk.subarray(0, n).equals(PREFACE.subarray(0, n));
}

export function createDualServer(http1: HttpServer, listener: RequestListener): DualServer {
  const http2 = createHttp2Server((req, res) => {
    // HTTP/2 names the host in :authority; the issuer routing reads Host (one issuer per --domain).
    if (req.headers.host === undefined) req.headers.host = req.authority;
    // Node's compatibility API mirrors IncomingMessage/ServerResponse; the listeners behind it
    // (Koa, connect-node, the ZITADEL API) are written for both.
    listener(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  });
  const sessions = new Set<ServerHttp2Session>();
  const sniffing = new Set<Socket>();
  http2.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  const tcp = createTcpServer((socket) => {
    sniffing.add(socket);
    socket.once('close', () => sniffing.delete(socket));
    socket.setTimeout(FIRST_BYTES_TIMEOUT_MS, () => socket.destroy());
    socket.once('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      sniffing.delete(socket);
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(chunk);
      if (startsLikePreface(chunk)) {
        // The session reads what is already buffered on the next tick: the socket stays paused.
        http2.emit('connection', socket);
      } else {
        http1.emit('connection', socket);
        socket.resume();
      }
    });
  });
  // The HTTP/1.1 server never listens itself: 'listening' starts its connection tracking
  // (request and headers timeouts, closeAllConnections).
  tcp.on('listening', () => http1.emit('listening'));
  return {
    tcp,
    destroyConnections() {
      for (const session of sessions) session.destroy();
      for (const socket of sniffing) socket.destroy();
    },
  };
}
