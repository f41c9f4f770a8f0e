// The protocol handlers of the ZITADEL API, built from the service descriptors. Loaded on the
// first API request (zitadel-api.ts): the descriptors take a few hundred milliseconds to build,
// which must not land on the emulator's cold start (DESIGN §6).
import type { ApiEnv } from './rpc.js';
import { SERVED_SERVICES, type ServedService } from './served-services.js';
import { createConnectAdapter, type NodeHandler } from './transport/connect-adapter.js';
import { createRestGateway } from './transport/rest-gateway.js';

export interface ApiHandlers {
  byService: ReadonlyMap<string, ServedService>;
  /** v2/v2beta services: gRPC, gRPC-web and Connect. */
  withConnect: NodeHandler;
  /** v1 services: gRPC and gRPC-web. */
  grpcOnly: NodeHandler;
  rest: ReturnType<typeof createRestGateway>;
}

export function createApiHandlers(env: ApiEnv): ApiHandlers {
  return {
    byService: new Map(SERVED_SERVICES.map((s) => [s.service.typeName, s])),
    withConnect: createConnectAdapter(SERVED_SERVICES.filter((s) => s.connect), env, true),
    grpcOnly: createConnectAdapter(SERVED_SERVICES.filter((s) => !s.connect), env, false),
    rest: createRestGateway(SERVED_SERVICES, env),
  };
}
