// Per-test isolation without a restart: a snapshot is the store (apps, users, signing keys…),
// the runtime state (logins, codes, sessions, tokens) and the clock's offset at one moment;
// restoring one makes the emulator behave as it did then. Faults are test setup, not state:
// neither taken nor restored.
import type { RuntimeState, StateSnapshot } from '../oidc/state/runtime-state.js';
import type { StoreData } from '../store/schema.js';
import type { Store } from '../store/store.js';
import type { VirtualClock } from './virtual-clock.js';

const SNAPSHOT_BRAND: unique symbol = Symbol('EmulatorSnapshot');

/** Opaque: pass it back to restore(); its contents are not a contract. */
export interface EmulatorSnapshot {
  readonly [SNAPSHOT_BRAND]: {
    store: StoreData;
    state: StateSnapshot;
    clockOffsetMs: number;
  };
}

export function takeSnapshot(store: Store, state: RuntimeState, clock: VirtualClock): EmulatorSnapshot {
  return Object.freeze({
    [SNAPSHOT_BRAND]: { store: structuredClone(store.data), state: structuredClone(state.snapshot()), clockOffsetMs: clock.offsetMs },
  });
}

/** The snapshot with these signing keys when it had none (taken before the first key was made). */
export function withFirstSigningKeys(snapshot: EmulatorSnapshot, keys: StoreData['signingKeys']): EmulatorSnapshot {
  const saved = snapshot[SNAPSHOT_BRAND];
  if (saved.store.signingKeys.length > 0) return snapshot;
  return Object.freeze({ [SNAPSHOT_BRAND]: { ...saved, store: { ...saved.store, signingKeys: structuredClone(keys) } } });
}

export function isSnapshot(value: unknown): value is EmulatorSnapshot {
  return typeof value === 'object' && value !== null && SNAPSHOT_BRAND in value;
}

export function restoreSnapshot(snapshot: EmulatorSnapshot, store: Store, state: RuntimeState, clock: VirtualClock): void {
  const saved = snapshot[SNAPSHOT_BRAND];
  // Through update, so a file store is written and the console hears of it like any admin write.
  store.update((draft) => Object.assign(draft, structuredClone(saved.store)), 'admin');
  state.restore(structuredClone(saved.state));
  clock.advance(saved.clockOffsetMs - clock.offsetMs);
}
