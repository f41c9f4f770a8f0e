// The claims actions add during one run of a hook, with ZITADEL's merge rules (reference
// zitadel-actions.md §2.6, identical for v1 and v2): `urn:zitadel:iam*` keys are dropped
// silently, a key already set (by the builder's reserved claims or an earlier action) is kept
// and a log line `key "<k>" already exists` is written, anything else is stored. Log claims are
// plain assignments that bypass both rules (§2.6 rule 4).
import type { ActionClaimDto } from '../../common/admin-api.js';
import type { Claims, JsonValue } from '../oidc/claims/claim-types.js';

/** A claim an action stored, and who stored it (for provenance). */
export interface ActionClaim {
  key: string;
  value: JsonValue;
  /** e.g. `target "crm" (preuserinfo)` or `v1 action "hasuraClaims"`. */
  by: string;
}

/** A claim an action tried to set and did not get. */
export interface RejectedActionClaim {
  key: string;
  by: string;
  why: string;
}

/** What the hook hands to claim assembly. */
export interface ActionClaimsOutcome {
  claims: ActionClaim[];
  rejected: RejectedActionClaim[];
}

export const RESERVED_ACTION_PREFIX = 'urn:zitadel:iam';

export class ActionClaimsState {
  readonly #base: Claims;
  readonly #set = new Map<string, ActionClaim>();
  readonly #rejected: RejectedActionClaim[] = [];

  /** `base`: the claims built so far (their `urn:` entries form ZITADEL's custom-claims map). */
  constructor(base: Claims) {
    this.#base = base;
  }

  #isTaken(key: string): boolean {
    const mine = this.#set.get(key);
    if (mine) return mine.value !== null;
    // Standard claims are struct fields in ZITADEL, not map entries: only the reserved
    // `urn:` claims the builder emitted sit in the map an action's key is compared with.
    const base = this.#base[key];
    return key.startsWith('urn:') && base !== undefined && base !== null;
  }

  /** Applies rules 1-3; `log` receives the log line of rule 2. */
  set(key: string, value: JsonValue, by: string, log: (line: string) => void): ActionClaimDto['outcome'] {
    // A JavaScript object cannot hold "__proto__" as a plain claim; ZITADEL's Go maps could.
    if (key === '__proto__') {
      this.#rejected.push({ key, by, why: 'the emulator cannot carry a claim named "__proto__"' });
      return 'dropped';
    }
    if (key.startsWith(RESERVED_ACTION_PREFIX)) {
      this.#rejected.push({ key, by, why: `keys starting with "${RESERVED_ACTION_PREFIX}" are dropped` });
      return 'dropped';
    }
    if (this.#isTaken(key)) {
      log(`key "${key}" already exists`);
      this.#rejected.push({ key, by, why: `key "${key}" already exists (kept, log line written)` });
      return 'exists';
    }
    this.#set.delete(key);
    this.#set.set(key, { key, value, by });
    return 'added';
  }

  /** Rule 4: the log claim is assigned as is. */
  setLog(key: string, lines: readonly string[], by: string): void {
    this.#set.delete(key);
    this.#set.set(key, { key, value: [...lines], by });
  }

  /** The claims as the next action sees them (`ctx.v1.claims`, a v2 payload's `userinfo`). */
  current(): Claims {
    const out: Claims = { ...this.#base };
    for (const claim of this.#set.values()) out[claim.key] = claim.value;
    return out;
  }

  get isEmpty(): boolean {
    return this.#set.size === 0 && this.#rejected.length === 0;
  }

  outcome(): ActionClaimsOutcome {
    return { claims: [...this.#set.values()], rejected: [...this.#rejected] };
  }
}
