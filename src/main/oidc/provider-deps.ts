// What protocol code depends on: passed in, never imported, so tests can fix the clock and ids.
import type { ActivityDraft } from '../activity/request-activity.js';
import type { Clock } from './clock.js';
import type { IdGenerator } from '../store/ids.js';
import type { Store } from '../store/store.js';
import type { SigningKeys } from './keys/signing-keys.js';
import type { RuntimeState } from './state/runtime-state.js';

export type { Clock } from './clock.js';

export interface ProviderDeps {
  issuer: string;
  /** Set when `issuer` is one of the configured domains: the emulator's main issuer. */
  mainIssuer?: string;
  store: Store;
  keys: SigningKeys;
  clock: Clock;
  newId: IdGenerator;
  /** Logins, codes, sessions and tokens. */
  state: RuntimeState;
  /** Set on the per-request copy route handlers get: what the console's Activity page records. */
  activity?: ActivityDraft;
}
