// What the action runners need besides the subject: the clock, a way to store user metadata
// and a sink for the calls the console's Activity page shows.
import type { ActionCallDto } from '../../common/admin-api.js';
import type { Claims } from '../oidc/claims/claim-types.js';
import type { Clock } from '../oidc/provider-deps.js';

export interface HookContext {
  clock: Clock;
  /** Stores metadata on the user; throws when it cannot (the runner logs that, as ZITADEL does). */
  setUserMetadata(userId: string, key: string, value: string): void;
  record(call: ActionCallDto): void;
  /** A `jwt` target's body: the payload signed with the instance's active key (§2.3). */
  signPayload(payload: Claims): Promise<string>;
}
