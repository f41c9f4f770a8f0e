// The v2beta mirror (reference §1.2, used by @zitadel/node): a v2beta method runs the v2
// implementation of the same name. Requests cross over as proto JSON (the messages share field
// names); the transport reads the v2 response JSON into the v2beta response message.
import { fromJson, toJson, type DescMethodUnary, type JsonValue } from '@bufbuild/protobuf';
import type { Rpc } from './rpc.js';

export function mirrorRpc(method: DescMethodUnary, implementation: Rpc): Rpc {
  return {
    method,
    run: (request, call) => {
      const v2 = implementation.method.input;
      const converted = toJson(v2, fromJson(v2, request as JsonValue, { ignoreUnknownFields: true }));
      return implementation.run(converted as never, call);
    },
  };
}
