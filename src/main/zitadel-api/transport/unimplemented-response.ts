// The rest of ZITADEL's API answers `unimplemented` in the caller's own protocol (issue 18 §5):
// gRPC and gRPC-web as a trailers-only response with grpc-status 12, Connect as its JSON error
// with HTTP 501, REST as grpc-gateway's body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { Code } from '@connectrpc/connect';
import { protocolOf } from './protocol-of.js';

export type AnyRequest = IncomingMessage | Http2ServerRequest;
export type AnyResponse = ServerResponse | Http2ServerResponse;

export function writeJson(res: AnyResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  (res as ServerResponse).writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export function writeUnimplemented(req: AnyRequest, res: AnyResponse, message: string): void {
  const protocol = protocolOf(req.headers['content-type']);
  // Drain the request body so the connection stays usable.
  req.resume();
  if (protocol === 'connect') return writeJson(res, 501, { code: 'unimplemented', message });
  const contentType = String(req.headers['content-type'] ?? (protocol === 'grpc' ? 'application/grpc' : 'application/grpc-web+proto'));
  (res as ServerResponse).writeHead(200, {
    'Content-Type': contentType,
    'grpc-status': String(Code.Unimplemented),
    'grpc-message': encodeURIComponent(message),
  });
  res.end();
}

export function writeRestUnimplemented(req: AnyRequest, res: AnyResponse, message: string): void {
  req.resume();
  writeJson(res, 501, { code: Code.Unimplemented, message, details: [] });
}
