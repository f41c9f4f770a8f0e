// zitadel.authorization.v2.AuthorizationService (reference §7): each method runs its v2beta
// implementation (requests are field-for-field the same); ListAuthorizations then reshapes each
// authorization into v2's nested `project`, `organization` and `roles` objects.
import type { DescMethodUnary } from '@bufbuild/protobuf';
import type { AuthorizationJson } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_pb.js';
import type { ListAuthorizationsResponseJson } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_service_pb.js';
import type { Store } from '../../store/store.js';
import { mirrorRpc } from '../mirror-rpc.js';
import type { Rpc } from '../rpc.js';
import { AuthorizationServiceV2 } from './authorization-v2-descriptor.js';
import { createAuthorization } from './create-authorization.js';
import { deleteAuthorization } from './delete-authorization.js';
import { listAuthorizations } from './list-authorizations.js';
import { updateAuthorization } from './update-authorization.js';

function methodOf(name: string): DescMethodUnary {
  const method = AuthorizationServiceV2.methods.find((m) => m.name === name);
  if (method?.methodKind !== 'unary') throw new Error(`AuthorizationService v2 has no unary ${name}`);
  return method as DescMethodUnary;
}

/** v2beta `Authorization` JSON → v2's (Z proto/zitadel/authorization/v2/authorization.proto). */
function toV2Json(store: Store, beta: AuthorizationJson): Record<string, unknown> {
  const project = beta.projectId === undefined ? undefined : store.index.projectsById.get(beta.projectId);
  const org = beta.organizationId === undefined ? undefined : store.index.orgsById.get(beta.organizationId);
  const roles = (beta.roles ?? []).map((key) => {
    const role = project?.roles.find((r) => r.key === key);
    return { key, ...(role?.displayName && { displayName: role.displayName }), ...(role?.group && { group: role.group }) };
  });
  return {
    id: beta.id,
    creationDate: beta.creationDate,
    changeDate: beta.changeDate,
    project: { id: beta.projectId, name: beta.projectName, organizationId: beta.projectOrganizationId },
    organization: { id: beta.organizationId, ...(org?.name && { name: org.name }) },
    user: beta.user,
    state: beta.state,
    roles,
  };
}

const list = mirrorRpc(methodOf('ListAuthorizations'), listAuthorizations);

export const AUTHORIZATION_V2_RPCS: readonly Rpc[] = [
  mirrorRpc(methodOf('CreateAuthorization'), createAuthorization),
  mirrorRpc(methodOf('UpdateAuthorization'), updateAuthorization),
  mirrorRpc(methodOf('DeleteAuthorization'), deleteAuthorization),
  {
    method: list.method,
    async run(request, call) {
      const beta = (await list.run(request, call)) as ListAuthorizationsResponseJson;
      return { ...beta, authorizations: (beta.authorizations ?? []).map((a) => toV2Json(call.deps.store, a)) } as never;
    },
  },
];
