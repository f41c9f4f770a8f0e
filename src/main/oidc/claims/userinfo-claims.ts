// Userinfo response body (reference §6, §3.1 column "Userinfo"; Z `userinfo.go` `UserInfo`):
// `sub` plus the claims of the token's scopes; roles by role scope or projectRoleAssertion.
import type { Claims, ClaimsResult, UserinfoInput } from './claim-types.js';
import { createClaimCollector } from './claim-collector.js';
import { buildProfileClaims } from './profile-claims.js';
import { buildReservedClaims } from './reserved-claims.js';
import { buildRoleClaims } from './role-claims.js';

export function buildUserinfoClaims(input: UserinfoInput): ClaimsResult<Claims> {
  const out = createClaimCollector();
  out.add('sub', input.user.id, 'always');
  out.merge(buildProfileClaims(input));
  out.merge(buildRoleClaims({ ...input, ownProjectId: input.app?.projectId }));
  out.merge(buildReservedClaims(input));
  return out.finish();
}
