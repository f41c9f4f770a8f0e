// What every RPC gets (CONVENTIONS "New surfaces"): the provider deps, the authenticated
// caller, the request headers, permission checks that leave a trace for the Activity page, and
// the store write path the console's admin API uses.
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { StoreData } from '../store/schema.js';
import { StoreConflictError, StoreSaveError } from '../store/store.js';
import { StoreError } from '../store/store-error.js';
import { ZitadelApiError, permissionDenied } from './api-error.js';
import type { Caller } from './authenticate.js';
import { type CheckLayer, decidePermission, type Permission, type PermissionDecision, requirePermission } from './authorize.js';
import { Code } from '@connectrpc/connect';

export interface ApiCall {
  deps: ProviderDeps;
  caller: Caller;
  headers: Headers;
  /** Throws 404 / 403 as ZITADEL does when the caller lacks `permission` on `orgId`. */
  require(permission: Permission, orgId: string, layer?: CheckLayer): void;
  /** For lists, which silently drop what the caller may not read (reference §2.3). */
  can(permission: Permission, orgId: string): boolean;
  /** The org a v1 call (or AddHumanUser) acts in: request > `x-zitadel-orgid` > the caller's org. */
  contextOrgId(requested?: string): string;
  /** Applies a change like a console write: validated, applied, resolved once saved. */
  commit(change: (draft: StoreData) => void): Promise<StoreData>;
  now(): Date;
}

export function createApiCall(deps: ProviderDeps, caller: Caller, headers: Headers, decisions: PermissionDecision[]): ApiCall {
  const record = (d: PermissionDecision): void => void decisions.push(d);
  return {
    deps,
    caller,
    headers,
    require: (permission, orgId, layer = 'command') => requirePermission(deps.store.data, caller, permission, orgId, layer, record),
    can: (permission, orgId) => decidePermission(deps.store.data, caller, permission, orgId).granted,
    contextOrgId(requested) {
      const orgId = requested || headers.get('x-zitadel-orgid') || caller.user.orgId;
      if (!deps.store.index.orgsById.has(orgId)) throw permissionDenied("Organisation doesn't exist", { id: 'AUTH-Bs7Ds' });
      return orgId;
    },
    async commit(change) {
      let next: StoreData;
      try {
        // Source "admin": the console shows the change live, as it does for its own writes.
        next = deps.store.update(change, 'admin');
      } catch (err) {
        if (!(err instanceof StoreError)) throw err;
        throw new ZitadelApiError(Code.FailedPrecondition, err.problems.map((p) => `${p.where}: ${p.message}`).join('; '));
      }
      // Acknowledged only once the store file holds the change, as admin writes are.
      try {
        await deps.store.saved(deps.store.revision);
      } catch (err) {
        if (err instanceof StoreConflictError) throw new ZitadelApiError(Code.Aborted, err.message);
        if (err instanceof StoreSaveError) throw new ZitadelApiError(Code.Internal, 'Internal', { detail: err.message });
        throw err;
      }
      return next;
    },
    now: () => new Date(deps.clock.now()),
  };
}
