// A user grant the context org owns; others are invisible to management v1 (reference §6.2).
import type { UserGrant } from '../../store/schema.js';
import type { ApiCall } from '../api-call.js';
import { notFound } from '../api-error.js';
import { grantOwnerOrgId } from './grant-json.js';

export function findOwnedGrant(call: ApiCall, grantId: string | undefined, orgId: string): UserGrant {
  const data = call.deps.store.data;
  const grant = data.userGrants.find((g) => g.id === grantId);
  if (!grant || grantOwnerOrgId(data, grant) !== orgId) throw notFound('User grant not found', { id: 'COMMAND-1My0t', key: 'Errors.UserGrant.NotFound' });
  return grant;
}
