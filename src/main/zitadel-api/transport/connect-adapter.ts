// gRPC, gRPC-web and Connect for the served services, by connect-node (the library behind
// ZITADEL's own v2 server is connect-go, and @zitadel/client speaks connect-es): it frames
// messages, writes trailers and error details; every method goes through invokeRpc.
import { fromJson, toJson, type DescMethodUnary, type JsonValue } from '@bufbuild/protobuf';
import type { ConnectRouter } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { unimplemented } from '../api-error.js';
import { toConnectError } from '../error-wire.js';
import { invokeRpc, type ApiEnv, type Rpc } from '../rpc.js';
import type { ServedService } from '../served-services.js';
import { protocolOf } from './protocol-of.js';
import type { AnyRequest, AnyResponse } from './unimplemented-response.js';

export type NodeHandler = (req: AnyRequest, res: AnyResponse) => void;

/** A method the emulator does not implement still authenticates and shows in Activity. */
function unimplementedRpc(method: DescMethodUnary): Rpc {
  return {
    method,
    run: () => Promise.reject(unimplemented(`${method.parent.typeName}/${method.name} is not implemented by the emulator`)),
  };
}

function register(router: ConnectRouter, served: ServedService, env: ApiEnv): void {
  for (const method of served.service.methods) {
    if (method.methodKind !== 'unary') continue;
    const unary = method as DescMethodUnary;
    const rpc = served.rpcs.get(method.name) ?? unimplementedRpc(unary);
    router.rpc(unary, async (request, ctx) => {
      const outcome = await invokeRpc(rpc, toJson(unary.input, request), {
        protocol: protocolOf(ctx.requestHeader.get('content-type')),
        httpMethod: ctx.requestMethod,
        path: `/${served.service.typeName}/${method.name}`,
        headers: ctx.requestHeader,
        service: served.service.typeName,
        rpc: method.name,
      }, env);
      if (!outcome.ok) throw toConnectError(outcome.error);
      return fromJson(unary.output, outcome.response as JsonValue, { ignoreUnknownFields: true });
    });
  }
}

export function createConnectAdapter(services: readonly ServedService[], env: ApiEnv, connect: boolean): NodeHandler {
  return connectNodeAdapter({
    connect,
    grpc: true,
    grpcWeb: true,
    // protojson as ZITADEL configures it: unknown fields are discarded (reference §1.3).
    jsonOptions: { ignoreUnknownFields: true },
    routes: (router) => {
      for (const served of services) register(router, served, env);
    },
  });
}
