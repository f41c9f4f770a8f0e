// ZITADEL's reserved user and org claims (reference §3.3, Z `userinfo.go` `userInfoToOIDC`):
// metadata, resource owner, and the org id / primary domain named by org scopes.
import type { StoreData, User } from '../../store/schema.js';
import type { StoreIndex } from '../../store/store-index.js';
import type { ActorClaim, Claims, ClaimsResult, JsonValue } from './claim-types.js';
import { createClaimCollector, type ClaimCollector } from './claim-collector.js';
import { addGroupClaims } from './group-claims.js';
import {
  SCOPE_ORG_DOMAIN_PREFIX,
  SCOPE_ORG_ID_PREFIX,
  SCOPE_USER_METADATA,
  SCOPE_USER_RESOURCEOWNER,
} from './scopes.js';

export const CLAIM_USER_METADATA = 'urn:zitadel:iam:user:metadata';
export const CLAIM_RESOURCEOWNER_ID = 'urn:zitadel:iam:user:resourceowner:id';
export const CLAIM_RESOURCEOWNER_NAME = 'urn:zitadel:iam:user:resourceowner:name';
export const CLAIM_RESOURCEOWNER_PRIMARY_DOMAIN = 'urn:zitadel:iam:user:resourceowner:primary_domain';
export const CLAIM_ORG_ID = 'urn:zitadel:iam:org:id';
export const CLAIM_ORG_DOMAIN_PRIMARY = 'urn:zitadel:iam:org:domain:primary';

const RESOURCEOWNER_CLAIMS = [CLAIM_RESOURCEOWNER_ID, CLAIM_RESOURCEOWNER_NAME, CLAIM_RESOURCEOWNER_PRIMARY_DOMAIN];

export interface ReservedClaimsInput {
  data: StoreData;
  index: StoreIndex;
  user: User;
  scopes: readonly string[];
}

/** `act` of RFC 8693 §4.1: `{iss, sub[, act]}`, nested for chains of actors (reference §3.3). */
export function buildActClaim(actor: ActorClaim): JsonValue {
  return actor.act ? { iss: actor.iss, sub: actor.sub, act: buildActClaim(actor.act) } : { iss: actor.iss, sub: actor.sub };
}

/** base64url WITHOUT padding (Go `base64.RawURLEncoding`); DOCS≠CODE: docs show padded std base64. */
export function encodeMetadataValue(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url').replace(/=+$/, '');
}

function addResourceOwner(out: ClaimCollector, input: ReservedClaimsInput, why: string): void {
  if (out.has(CLAIM_RESOURCEOWNER_ID)) return;
  const org = input.index.orgsById.get(input.user.orgId);
  if (!org) {
    for (const claim of RESOURCEOWNER_CLAIMS) out.skip(claim, `user's org ${input.user.orgId} is not in the store`);
    return;
  }
  out.add(CLAIM_RESOURCEOWNER_ID, org.id, why);
  out.add(CLAIM_RESOURCEOWNER_NAME, org.name, why);
  out.add(CLAIM_RESOURCEOWNER_PRIMARY_DOMAIN, org.primaryDomain, why);
}

/** Reserved claims in scope order, as ZITADEL appends them while walking the scopes. */
export function buildReservedClaims(input: ReservedClaimsInput): ClaimsResult<Claims> {
  const out = createClaimCollector();
  for (const scope of input.scopes) {
    if (addGroupClaims(out, input.index, input.user, scope)) continue;
    if (scope === SCOPE_USER_METADATA) {
      const entries = Object.entries(input.user.metadata);
      if (entries.length === 0) out.skip(CLAIM_USER_METADATA, 'user has no metadata');
      else out.add(CLAIM_USER_METADATA, Object.fromEntries(entries.map(([k, v]) => [k, encodeMetadataValue(v)])), `scope "${scope}"`);
    } else if (scope === SCOPE_USER_RESOURCEOWNER) {
      addResourceOwner(out, input, `scope "${scope}"`);
    } else if (scope.startsWith(SCOPE_ORG_DOMAIN_PREFIX) && scope.length > SCOPE_ORG_DOMAIN_PREFIX.length) {
      out.add(CLAIM_ORG_DOMAIN_PRIMARY, scope.slice(SCOPE_ORG_DOMAIN_PREFIX.length), `scope "${scope}"`);
    } else if (scope.startsWith(SCOPE_ORG_ID_PREFIX) && scope.length > SCOPE_ORG_ID_PREFIX.length) {
      out.add(CLAIM_ORG_ID, scope.slice(SCOPE_ORG_ID_PREFIX.length), `scope "${scope}"`);
      addResourceOwner(out, input, `scope "${scope}" (org scopes add the user's resource owner)`);
    }
  }
  return out.finish();
}
