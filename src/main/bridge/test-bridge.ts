// The test bridge (DESIGN §3): what a test suite drives besides the protocol — minted tokens,
// the virtual clock, faults, signing-key drills, snapshots and reset, browser sessions. One
// object behind the three surfaces: the library (`startEmulator()`'s result), the admin API
// (admin/bridge-routes.ts) and the CLI (cli/bridge-commands.ts).
import type { ActivityLog } from '../activity/activity-log.js';
import type { ProviderDeps } from '../oidc/provider-deps.js';
import type { TokenResponse } from '../oidc/tokens/issue-tokens.js';
import type { RuntimeState } from '../oidc/state/runtime-state.js';
import { BridgeError } from './bridge-error.js';
import { createBrowserSession, createStorageState, type BrowserSessionCookie, type StorageState } from './browser-session.js';
import { Faults } from './faults.js';
import { mintTokens, type MintTokensRequest } from './mint-tokens.js';
import { isSnapshot, restoreSnapshot, takeSnapshot, withFirstSigningKeys, type EmulatorSnapshot } from './snapshots.js';
import type { VirtualClock } from './virtual-clock.js';

export interface RotateSigningKeyOptions {
  /** Remove every earlier key from the JWKS at once (tokens they signed stop verifying). Default false. */
  retirePrevious?: boolean;
}

/** Snapshots kept for the admin API by id; a suite that keeps taking them drops the oldest. */
const MAX_STORED_SNAPSHOTS = 100;

export class TestBridge {
  readonly clock: VirtualClock;
  readonly faults: Faults;
  readonly #deps: ProviderDeps;
  readonly #state: RuntimeState;
  readonly #activity: ActivityLog;
  #initial: EmulatorSnapshot;
  readonly #stored = new Map<string, EmulatorSnapshot>();
  #nextSnapshotId = 1;
  #revision = 0;

  constructor(deps: ProviderDeps, activity: ActivityLog, clock: VirtualClock) {
    this.#deps = deps;
    this.#state = deps.state;
    this.#activity = activity;
    this.clock = clock;
    this.faults = new Faults(deps.store);
    // Counted before any subscriber hears of a change, so every status it sends carries the new number.
    this.subscribe(() => {
      this.#revision += 1;
    });
    this.#initial = takeSnapshot(deps.store, deps.state, clock);
    // A fresh store gets its first signing key just after start: it belongs to the starting point.
    void deps.keys.ready().then(() => {
      this.#initial = withFirstSigningKeys(this.#initial, deps.store.data.signingKeys);
    });
  }

  mintTokens(request: MintTokensRequest): Promise<TokenResponse> {
    return mintTokens(this.#deps, this.#activity, request);
  }

  async rotateSigningKey(options: RotateSigningKeyOptions = {}): Promise<string> {
    const kid = await this.#deps.keys.rotate();
    if (options.retirePrevious) this.#deps.keys.retireAllBut(kid);
    return kid;
  }

  snapshot(): EmulatorSnapshot {
    return takeSnapshot(this.#deps.store, this.#state, this.clock);
  }

  restore(snapshot: EmulatorSnapshot): void {
    if (!isSnapshot(snapshot)) throw new BridgeError('restore() takes a value snapshot() returned', 'snapshot');
    restoreSnapshot(snapshot, this.#deps.store, this.#state, this.clock);
  }

  /** Back to the store the emulator started with, no runtime state, real time, no faults. */
  reset(): void {
    restoreSnapshot(this.#initial, this.#deps.store, this.#state, this.clock);
    this.#state.clear();
    this.clock.reset();
    this.faults.clear();
  }

  /** A snapshot kept by the emulator, for clients of the admin API: returns its id. */
  storeSnapshot(): string {
    const id = String(this.#nextSnapshotId++);
    this.#stored.set(id, this.snapshot());
    if (this.#stored.size > MAX_STORED_SNAPSHOTS) this.#stored.delete(this.#stored.keys().next().value as string);
    return id;
  }

  /** False when no snapshot has this id. */
  restoreStored(id: string): boolean {
    const snapshot = this.#stored.get(id);
    if (!snapshot) return false;
    this.restore(snapshot);
    return true;
  }

  /** Goes up with every change of the clock or the faults: a reader keeps the newest status it saw. */
  get revision(): number {
    return this.#revision;
  }

  /** Called after every change of the clock or the faults (the console's banner follows them). */
  subscribe(listener: () => void): () => void {
    const offClock = this.clock.subscribe(listener);
    const offFaults = this.faults.subscribe(listener);
    return () => {
      offClock();
      offFaults();
    };
  }

  browserSession(user: string): BrowserSessionCookie {
    return createBrowserSession(this.#deps, user);
  }

  storageState(user: string): StorageState {
    return createStorageState(this.#deps, user);
  }
}
