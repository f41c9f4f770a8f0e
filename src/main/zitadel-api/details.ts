// `details` objects (reference §4): the emulator keeps no event log, so `sequence` is the store
// revision after the change (monotonic, like ZITADEL's aggregate sequence), `changeDate` the
// user's last change and `creationDate` the time inside its snowflake id.
import type { Store } from '../store/store.js';
import type { User } from '../store/schema.js';

const SNOWFLAKE_EPOCH_MS = 1_577_836_800_000;

/** The creation time encoded in an id made by createIdGenerator, or undefined for other ids. */
export function creationTimeOf(id: string): Date | undefined {
  if (!/^\d{18}$/.test(id)) return undefined;
  const ms = Number(BigInt(id) >> 22n) + SNOWFLAKE_EPOCH_MS;
  return ms > SNOWFLAKE_EPOCH_MS && ms < Date.UTC(2200, 0) ? new Date(ms) : undefined;
}

export function changeDateOf(user: User): Date | undefined {
  return user.updatedAt === undefined ? creationTimeOf(user.id) : new Date(user.updatedAt * 1000);
}

export interface DetailsJson {
  sequence?: string;
  changeDate?: string;
  resourceOwner?: string;
  creationDate?: string;
}

/** Mutation details: no creationDate (reference §1 point 7). */
export function changeDetails(store: Store, resourceOwner: string, changeDate: Date): DetailsJson {
  return { sequence: String(store.revision), changeDate: changeDate.toISOString(), resourceOwner };
}

/** Read details of a user: its sequence, change and creation dates. */
export function userDetails(store: Store, user: User): DetailsJson {
  const changed = changeDateOf(user);
  const created = creationTimeOf(user.id) ?? changed;
  return {
    sequence: String(store.revision),
    ...(changed && { changeDate: changed.toISOString() }),
    resourceOwner: user.orgId,
    ...(created && { creationDate: created.toISOString() }),
  };
}
