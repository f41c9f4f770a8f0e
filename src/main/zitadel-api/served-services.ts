// Which ZITADEL services the emulator mounts, with their implemented methods, and on which
// wires (reference §1.1): v2/v2beta services speak gRPC, gRPC-web and Connect; v1 services
// gRPC and gRPC-web only (a Connect call falls through to REST, which has no such path).
import type { DescMethodUnary, DescService } from '@bufbuild/protobuf';
import { AuthorizationService } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_service_pb.js';
import { ManagementService } from '@zitadel/proto/zitadel/management_pb.js';
import { createAuthorization } from './authorization/create-authorization.js';
import { deleteAuthorization } from './authorization/delete-authorization.js';
import { listAuthorizations } from './authorization/list-authorizations.js';
import { updateAuthorization } from './authorization/update-authorization.js';
import { AuthorizationServiceV2 } from './authorization/authorization-v2-descriptor.js';
import { AUTHORIZATION_V2_RPCS } from './authorization/authorization-v2-rpcs.js';
import { UserService as UserServiceV2 } from '@zitadel/proto/zitadel/user/v2/user_service_pb.js';
import { UserService as UserServiceV2beta } from '@zitadel/proto/zitadel/user/v2beta/user_service_pb.js';
import { MANAGEMENT_RPCS } from './management/management-rpcs.js';
import { mirrorRpc } from './mirror-rpc.js';
import type { Rpc } from './rpc.js';
import { USER_V2_RPCS } from './user-v2/user-service-rpcs.js';

export interface ServedService {
  service: DescService;
  /** Implemented methods by name; every other method of the service answers unimplemented. */
  rpcs: ReadonlyMap<string, Rpc>;
  connect: boolean;
  /** v1 services' annotations are relative to their grpc-gateway mount (Z gateway.go). */
  restPrefix: string;
}

function byName(rpcs: readonly Rpc[]): Map<string, Rpc> {
  return new Map(rpcs.map((rpc) => [rpc.method.name, rpc]));
}

function mirrored(beta: DescService, v2: ReadonlyMap<string, Rpc>): Map<string, Rpc> {
  return new Map(
    beta.methods.flatMap((m) => {
      const implementation = v2.get(m.name);
      return implementation && m.methodKind === 'unary' ? [[m.name, mirrorRpc(m as DescMethodUnary, implementation)] as const] : [];
    }),
  );
}

const userV2 = byName(USER_V2_RPCS);

export const SERVED_SERVICES: readonly ServedService[] = [
  { service: UserServiceV2, rpcs: userV2, connect: true, restPrefix: '' },
  { service: UserServiceV2beta, rpcs: mirrored(UserServiceV2beta, userV2), connect: true, restPrefix: '' },
  // v2 of this service is not in @zitadel/proto 1.3.1; v2beta is, with REST annotations.
  {
    service: AuthorizationService,
    rpcs: byName([createAuthorization, updateAuthorization, deleteAuthorization, listAuthorizations]),
    connect: true,
    restPrefix: '',
  },
  // v2, derived from the v2beta descriptors (authorization-v2-descriptor.ts); gRPC/Connect only.
  { service: AuthorizationServiceV2, rpcs: byName(AUTHORIZATION_V2_RPCS), connect: true, restPrefix: '' },
  { service: ManagementService, rpcs: byName(MANAGEMENT_RPCS), connect: false, restPrefix: '/management/v1' },
];
