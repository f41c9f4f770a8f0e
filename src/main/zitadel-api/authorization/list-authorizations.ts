// ListAuthorizations (reference §7): AND-ed filters; grants in orgs the caller may not read are
// left out silently.
import { AuthorizationService } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_service_pb.js';
import type { AuthorizationsSearchFilterJson } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_pb.js';
import type { UserGrant } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { invalidArgument } from '../api-error.js';
import { grantOwnerOrgId } from '../management/grant-json.js';
import { defineRpc } from '../rpc.js';
import { matchesText } from '../user-v2/user-queries.js';
import { authorizationToJson } from './authorization-json.js';

type TextMethod = Parameters<typeof matchesText>[2];
const textMethod = (m: string | number | undefined): TextMethod =>
  typeof m === 'string' ? (m.replace('TEXT_FILTER_METHOD_', 'TEXT_QUERY_METHOD_') as TextMethod) : undefined;

function matches(store: Store, grant: UserGrant, f: AuthorizationsSearchFilterJson): boolean {
  const user = store.index.usersById.get(grant.userId);
  if (f.authorizationIds) return (f.authorizationIds.ids ?? []).includes(grant.id);
  if (f.organizationId) return grantOwnerOrgId(store.data, grant) === f.organizationId.id;
  if (f.userId) return grant.userId === f.userId.id;
  if (f.userOrganizationId) return user?.orgId === f.userOrganizationId.id;
  if (f.projectId) return grant.projectId === f.projectId.id;
  if (f.projectGrantId) return grant.projectGrantId === f.projectGrantId.id;
  if (f.roleKey) return grant.roleKeys.some((k) => matchesText(k, f.roleKey?.key ?? '', textMethod(f.roleKey?.method)));
  if (f.state) return (grant.state === 'active' ? 'STATE_ACTIVE' : 'STATE_INACTIVE') === f.state.state;
  return true;
}

export const listAuthorizations = defineRpc({
  method: AuthorizationService.method.listAuthorizations,
  async run(req, call) {
    const limit = req.pagination?.limit ?? 0;
    if (limit > 1000) throw invalidArgument('Limit exceeded', { id: 'QUERY-4M0fs', key: 'Errors.Query.LimitExceeded' });
    const applied = limit === 0 ? 100 : limit;
    const { store } = call.deps;
    const filters = req.filters ?? [];
    const visible = store.data.userGrants.filter(
      (g) => call.can('user.grant.read', grantOwnerOrgId(store.data, g) ?? '') && filters.every((f) => matches(store, g, f)),
    );
    const offset = Number(req.pagination?.offset ?? 0);
    return {
      pagination: { totalResult: String(visible.length), appliedLimit: String(applied) },
      authorizations: visible.slice(offset, offset + applied).map((g) => authorizationToJson(store, g)),
    };
  },
});
