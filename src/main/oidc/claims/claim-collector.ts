// Accumulates claims in emission order together with their provenance notes (reference §3.1),
// so every builder keeps the "one note per emitted claim" rule in one place.
import type { ClaimNote, Claims, ClaimsResult, JsonValue } from './claim-types.js';

export interface ClaimCollector {
  /** Emits a claim (replacing an earlier value) and records why it is there. */
  add(claim: string, value: JsonValue, why: string): void;
  /** Records why a claim the scopes asked for is absent. */
  skip(claim: string, why: string): void;
  /** Takes over another result's claims and notes; `suffix` extends every present note. */
  merge(part: ClaimsResult<Claims>, suffix?: string): void;
  /** Turns every present note of `part` into an absent one with `why`, emitting nothing. */
  suppress(part: ClaimsResult<Claims>, why: string): void;
  has(claim: string): boolean;
  finish(): ClaimsResult<Claims>;
}

export function createClaimCollector(): ClaimCollector {
  const claims: Claims = {};
  const notes: ClaimNote[] = [];
  const dropPresentNote = (claim: string): void => {
    const at = notes.findIndex((n) => n.claim === claim && n.present);
    if (at >= 0) notes.splice(at, 1);
  };
  const add = (claim: string, value: JsonValue, why: string): void => {
    dropPresentNote(claim);
    claims[claim] = value;
    notes.push({ claim, present: true, why });
  };
  const skip = (claim: string, why: string): void => {
    notes.push({ claim, present: false, why });
  };
  return {
    add,
    skip,
    merge(part, suffix) {
      for (const note of part.notes) {
        const value = part.claims[note.claim];
        if (!note.present) skip(note.claim, note.why);
        else if (value !== undefined) add(note.claim, value, suffix ? `${note.why}; ${suffix}` : note.why);
      }
    },
    suppress(part, why) {
      for (const note of part.notes) skip(note.claim, note.present ? why : note.why);
    },
    has: (claim) => Object.hasOwn(claims, claim),
    finish: () => ({ claims, notes }),
  };
}
