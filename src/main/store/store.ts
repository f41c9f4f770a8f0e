// The live store: validated data, its lookup index, and writes that are validated first,
// applied at once in memory, and persisted in the background (never on a request's path).
import { validateStore } from './parse-store.js';
import type { Persistence } from './persistence.js';
import type { StoreData, StoreInput } from './schema.js';
import { buildStoreIndex, type StoreIndex } from './store-index.js';

/**
 * Why the data changed: a write through `update` (by the console's admin API, or by anything
 * else: the library, the CLI, the desktop menu), or new data read from the file (a hand edit).
 */
export type StoreChangeSource = 'update' | 'admin' | 'file';
export type StoreListener = (data: StoreData, source: StoreChangeSource) => void;

export class Store {
  #data: StoreData;
  #index: StoreIndex;
  #revision = 0;
  #persistence: Persistence;
  #pendingWrite: Promise<void> = Promise.resolve();
  #writesInFlight = 0;
  #listeners = new Set<StoreListener>();
  #onWriteError: (err: unknown) => void;

  constructor(data: StoreData, persistence: Persistence, onWriteError: (err: unknown) => void) {
    this.#data = data;
    this.#index = buildStoreIndex(data);
    this.#persistence = persistence;
    this.#onWriteError = onWriteError;
  }

  get data(): StoreData {
    return this.#data;
  }

  get index(): StoreIndex {
    return this.#index;
  }

  /** Increases with every applied change; caches key their contents on it. */
  get revision(): number {
    return this.#revision;
  }

  get location(): string | undefined {
    return this.#persistence.location;
  }

  /** True while changes are still being written; the file may then hold an older version. */
  get writing(): boolean {
    return this.#writesInFlight > 0;
  }

  /** The text this store last wrote to its file, if it has one. */
  lastWrittenText(): string | undefined {
    return this.#persistence.lastWrittenText?.();
  }

  /**
   * Applies `change` to a copy of the data, validates the result with the same rules as the
   * store file, and only then makes it current. A refused change leaves everything as it was.
   */
  update(change: (draft: StoreData) => void, source: StoreChangeSource = 'update'): StoreData {
    const draft = structuredClone(this.#data);
    change(draft);
    const next = validateStore(draft);
    this.#data = next;
    this.#index = buildStoreIndex(next);
    this.#revision += 1;
    this.#scheduleWrite();
    for (const listener of this.#listeners) listener(next, source);
    return next;
  }

  /**
   * Makes already validated data current without writing it back, e.g. a hand edit of the
   * store file. Bumps the revision, so a write based on the data before it gets a conflict.
   */
  replaceData(data: StoreData, source: StoreChangeSource = 'file'): void {
    this.#data = data;
    this.#index = buildStoreIndex(data);
    this.#revision += 1;
    for (const listener of this.#listeners) listener(data, source);
  }

  onChange(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves when every change made so far is on disk. */
  async flush(): Promise<void> {
    await this.#pendingWrite;
  }

  #scheduleWrite(): void {
    // Writes are chained so they land in order; each writes the newest data at that moment.
    this.#writesInFlight += 1;
    this.#pendingWrite = this.#pendingWrite
      .then(() => this.#persistence.write(this.#data))
      .catch(this.#onWriteError)
      .finally(() => {
        this.#writesInFlight -= 1;
      });
  }
}

/**
 * Opens the store behind `persistence`. When there is nothing yet, `createSeed` builds the
 * first data, which is written at once so the file exists after the first launch.
 */
export async function openStore(
  persistence: Persistence,
  createSeed: () => Promise<StoreInput>,
  onWriteError: (err: unknown) => void,
): Promise<Store> {
  const existing = await persistence.read();
  if (existing) return new Store(existing, persistence, onWriteError);
  const seed = validateStore(await createSeed());
  await persistence.write(seed);
  return new Store(seed, persistence, onWriteError);
}
