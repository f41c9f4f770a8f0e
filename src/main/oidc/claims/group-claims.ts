// Group claims of ZITADEL's user groups (Z `userinfo.go` userInfoToOIDC, `query/userinfo_by_id.sql`):
// every active group the user is a member of, whatever its org. `groups` lists their names,
// `urn:zitadel:iam:user:groups` their ids and names. Like metadata they follow the scope alone,
// never an app's userinfo assertion (ZITADEL TestServer_IDToken_Groups), so they appear in the
// ID token, the JWT access token, userinfo and introspection.
import type { Group, User } from '../../store/schema.js';
import type { StoreIndex } from '../../store/store-index.js';
import type { ClaimCollector } from './claim-collector.js';
import { SCOPE_GROUPS, SCOPE_USER_GROUPS } from './scopes.js';

export const CLAIM_GROUPS = 'groups';
export const CLAIM_USER_GROUPS = 'urn:zitadel:iam:user:groups';

function describe(groups: readonly Group[]): string {
  return groups.map((g) => `${g.name} (${g.id})`).join(', ');
}

/** Adds the claim of `scope` if it is a group scope; returns whether it was one. */
export function addGroupClaims(out: ClaimCollector, index: StoreIndex, user: User, scope: string): boolean {
  if (scope !== SCOPE_GROUPS && scope !== SCOPE_USER_GROUPS) return false;
  const claim = scope === SCOPE_GROUPS ? CLAIM_GROUPS : CLAIM_USER_GROUPS;
  const groups = (index.groupsByUserId.get(user.id) ?? []).filter((g) => g.state === 'active');
  if (groups.length === 0) {
    out.skip(claim, 'user is a member of no active group');
    return true;
  }
  const value = scope === SCOPE_GROUPS ? groups.map((g) => g.name) : groups.map((g) => ({ id: g.id, name: g.name }));
  out.add(claim, value, `scope "${scope}": member of ${describe(groups)}`);
  return true;
}
