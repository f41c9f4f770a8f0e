// Custom claims from Actions merged into a built token, userinfo or introspection answer
// (reference zitadel-actions.md §2.6 rule 3, L `mergeAndMarshalClaims`): a non-empty claim the
// emulator built itself wins over an action's claim of the same name; an empty or absent one
// (no `email` scope, a JWT access token's missing `scope`) lets the action's value through.
// Pure: the actions ran before, their outcome comes in.
import type { ActionClaimsOutcome } from '../../actions/action-claims-state.js';
import type { Claims, ClaimsResult, JsonValue } from './claim-types.js';
import { createClaimCollector } from './claim-collector.js';

/** Registered and token-metadata claims: never part of the `userinfo` an action receives. */
const TOKEN_FIELDS: ReadonlySet<string> = new Set([
  'iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'azp', 'client_id', 'nonce', 'at_hash', 'c_hash', 'sid',
  'auth_time', 'amr', 'acr', 'act', 'active', 'scope', 'token_type', 'username',
]);

/** Go's `omitempty`: these values are not serialised, so an action's value shows instead. */
function isEmpty(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || value === '' || value === false || value === 0 || (Array.isArray(value) && value.length === 0);
}

/** The userinfo part of built claims (`sub`, profile, reserved and role claims): what a hook receives as `userinfo`. */
export function selectUserinfoPart(claims: Claims): Claims {
  const out: Claims = {};
  for (const [key, value] of Object.entries(claims)) if (!TOKEN_FIELDS.has(key)) out[key] = value;
  return out;
}

export function applyActionClaims(built: ClaimsResult<Claims>, outcome: ActionClaimsOutcome): ClaimsResult<Claims> {
  const out = createClaimCollector();
  out.merge(built);
  for (const claim of outcome.claims) {
    if (!isEmpty(built.claims[claim.key])) out.skip(claim.key, `${claim.by} set it too; the emulator's own non-empty value wins`);
    else out.add(claim.key, claim.value, claim.by);
  }
  for (const rejected of outcome.rejected) out.skip(rejected.key, `${rejected.by} tried to set it: ${rejected.why}`);
  return out.finish();
}
