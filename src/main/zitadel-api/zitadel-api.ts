// The ZITADEL API slice on the emulator's own port (issue 18): `/zitadel.<pkg>.<Service>/<Method>`
// over gRPC, gRPC-web and Connect, grpc-gateway REST under ZITADEL's REST prefixes, CORS as
// ZITADEL sends it, and `unimplemented` for the rest of ZITADEL's API in each protocol's shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { ApiHandlers } from './api-handlers.js';
import type { ApiEnv } from './rpc.js';
import { protocolOf } from './transport/protocol-of.js';
import { writeJson, writeUnimplemented } from './transport/unimplemented-response.js';

type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;

/** grpc-gateway mounts (Z internal/api/grpc/server/gateway.go) plus the v2 REST prefixes. */
const REST_PREFIXES = ['/v2/', '/v2beta/', '/management/v1/', '/admin/v1/', '/auth/v1/', '/system/v1/'];
const REST_EXACT = new Set(['/v2/users', '/v2beta/users']);

// Z internal/api/http/middleware/cors_interceptor.go: any origin, with credentials.
const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-zitadel-orgid',
  'x-grpc-web',
  'x-user-agent',
  'grpc-timeout',
  'connect-protocol-version',
  'connect-timeout-ms',
  'accept-language',
].join(', ');
const CORS_EXPOSED_HEADERS = ['grpc-status', 'grpc-message', 'grpc-status-details-bin', 'content-type'].join(', ');

export interface ZitadelApi {
  /** True for requests this slice answers; everything else goes to the OIDC app. */
  handles(req: Request): boolean;
  handle(req: Request, res: Response): void;
}

function pathOf(req: Request): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function isRestPath(path: string): boolean {
  return REST_EXACT.has(path) || REST_PREFIXES.some((p) => path.startsWith(p));
}

export function createZitadelApi(env: ApiEnv): ZitadelApi {
  let handlers: Promise<ApiHandlers> | undefined;
  const load = (): Promise<ApiHandlers> => (handlers ??= import('./api-handlers.js').then((m) => m.createApiHandlers(env)));

  return {
    handles(req) {
      const path = pathOf(req);
      return path.startsWith('/zitadel.') || isRestPath(path) || protocolOf(req.headers['content-type']) !== 'connect';
    },
    handle(req, res) {
      const origin = req.headers.origin;
      if (typeof origin === 'string') {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Allow-Credentials', 'true');
        res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
        res.setHeader('Vary', 'Origin');
        if (req.method === 'OPTIONS') {
          res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
          res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
          res.setHeader('Access-Control-Max-Age', '86400');
          (res as ServerResponse).writeHead(200);
          return void res.end();
        }
      }
      load()
        .then((h) => dispatch(h, req, res))
        .catch((err: unknown) => failed(res, err, env));
    },
  };
}

async function dispatch(h: ApiHandlers, req: Request, res: Response): Promise<void> {
  const path = pathOf(req);
  if (!path.startsWith('/zitadel.')) {
    if (isRestPath(path)) return h.rest(req, res);
    return writeUnimplemented(req, res, `${path} is not a ZITADEL API the emulator serves`);
  }
  const serviceName = path.slice(1).split('/')[0] ?? '';
  const served = h.byService.get(serviceName);
  if (!served) return writeUnimplemented(req, res, `${serviceName} is not implemented by the emulator`);
  if (!served.connect && protocolOf(req.headers['content-type']) === 'connect') {
    // v1 services have no Connect handler: grpc-gateway's router answers (reference §1.1).
    req.resume();
    return writeJson(res, 404, { code: 5, message: 'Not Found', details: [] });
  }
  (served.connect ? h.withConnect : h.grpcOnly)(req, res);
}

function failed(res: Response, err: unknown, env: ApiEnv): void {
  env.log(`ZITADEL API request failed: ${err instanceof Error ? err.message : String(err)}`);
  if (!res.headersSent) writeJson(res, 500, { code: 13, message: 'Internal', details: [] });
  else res.end();
}
