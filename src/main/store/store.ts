// The live store: validated data, its lookup index, and writes that are validated first and
// applied at once in memory. Saving runs in the background (protocol requests never wait on the
// file), batched: while one save is in flight, further changes wait and go out together in the
// next. Whoever needs a change on disk (an admin write before its 2xx, issue 12 item 1) awaits
// `saved()` for the revisions it made, which fails when the save did.
import { AsyncLocalStorage } from 'node:async_hooks';
import { parseStoreText, validateStore } from './parse-store.js';
import { StoreFileChangedError, type Persistence } from './persistence.js';
import type { StoreData, StoreInput } from './schema.js';
import { StoreError } from './store-error.js';
import { buildStoreIndex, type StoreIndex } from './store-index.js';

/**
 * Why the data changed: a write through `update` (by the console's admin API, or by anything
 * else: the library, the CLI, the desktop menu), or new data read from the file (a hand edit).
 */
export type StoreChangeSource = 'update' | 'admin' | 'file';
export type StoreListener = (data: StoreData, source: StoreChangeSource) => void;

/** A change could not be saved (read-only folder, full disk): it is in memory only. */
export class StoreSaveError extends Error {
  override name = 'StoreSaveError';
  constructor(location: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`could not save ${location}: ${reason}`, { cause });
  }
}

/** A change was dropped because the store file was edited on disk in the meantime. */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
  readonly revision: number;
  constructor(message: string, revision: number) {
    super(message);
    this.revision = revision;
  }
}

interface Waiter {
  revision: number;
  resolve(): void;
  reject(err: Error): void;
}

/** Revisions made inside `trackRevisions` are collected here (per async call chain). */
const tracked = new AsyncLocalStorage<number[]>();

/** Runs `fn` and returns the store revisions it created, so the caller can await them. */
export async function trackRevisions<T>(fn: () => Promise<T>): Promise<{ result: T; revisions: number[] }> {
  const revisions: number[] = [];
  const result = await tracked.run(revisions, fn);
  return { result, revisions };
}

const MAX_DROPPED_RANGES = 64;

export class Store {
  #data: StoreData;
  #index: StoreIndex;
  #revision = 0;
  #persistence: Persistence;
  #listeners = new Set<StoreListener>();
  #onWriteError: (err: unknown) => void;
  /** The newest revision known to be on disk, and its data. */
  #savedRevision = 0;
  #savedData: StoreData;
  #saving: Promise<void> | undefined;
  #waiters: Waiter[] = [];
  /** The last failed save and the newest revision it covered; cleared by the next good save. */
  #saveError: StoreSaveError | undefined;
  #failedUpTo = 0;
  /** Revision ranges dropped after a hand edit, [from, to], newest last. */
  #dropped: [number, number][] = [];

  constructor(data: StoreData, persistence: Persistence, onWriteError: (err: unknown) => void) {
    this.#data = data;
    this.#savedData = data;
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
    return this.#saving !== undefined;
  }

  /** The last save failure while changes are still unsaved, else undefined. */
  get saveError(): StoreSaveError | undefined {
    return this.#savedRevision < this.#revision ? this.#saveError : undefined;
  }

  /** The text this store last read from or wrote to its file, if it has one. */
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
    tracked.getStore()?.push(this.#revision);
    this.#startSaving();
    for (const listener of this.#listeners) listener(next, source);
    return next;
  }

  /**
   * Makes data read from the store file current without writing it back (a hand edit picked up
   * by the file watcher). `text` is the file's text: it becomes the version later writes expect.
   */
  replaceData(data: StoreData, source: StoreChangeSource = 'file', text?: string): void {
    if (text !== undefined) this.#persistence.acceptText?.(text);
    this.#dropUnsaved(data);
    for (const listener of this.#listeners) listener(data, source);
  }

  /** The file holds `text`, which means the same data as the store (reformatted by hand): later writes may replace it. */
  acceptFileText(text: string): void {
    this.#persistence.acceptText?.(text);
  }

  onChange(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Resolves once `revision` (default: the current one) is on disk. Rejects with
   * StoreSaveError when saving it failed, StoreConflictError when it was dropped for a hand edit.
   */
  saved(revision = this.#revision): Promise<void> {
    const dropped = this.#dropped.find(([from, to]) => revision >= from && revision <= to);
    if (dropped) return Promise.reject(this.#conflict());
    if (revision <= this.#savedRevision) return Promise.resolve();
    if (this.#saveError && revision <= this.#failedUpTo && !this.#saving) return Promise.reject(this.#saveError);
    return new Promise((resolve, reject) => this.#waiters.push({ revision, resolve, reject }));
  }

  /** Waits for every save under way; rejects with the save error when changes stay unsaved. */
  async flush(): Promise<void> {
    while (this.#saving) await this.#saving;
    const error = this.saveError;
    if (error) throw error;
  }

  #startSaving(): void {
    this.#saving ??= this.#saveLoop().finally(() => {
      this.#saving = undefined;
    });
  }

  async #saveLoop(): Promise<void> {
    while (this.#savedRevision < this.#revision) {
      const revision = this.#revision;
      const data = this.#data;
      try {
        await this.#persistence.write(data);
      } catch (err) {
        if (err instanceof StoreFileChangedError) {
          this.#takeOverFile(err.text);
          continue;
        }
        // The data stays in memory, marked unsaved; the next change tries again.
        this.#saveError = new StoreSaveError(this.#persistence.location ?? 'the store', err);
        this.#failedUpTo = this.#revision;
        this.#settle((w) => w.revision <= this.#failedUpTo, this.#saveError);
        this.#onWriteError(this.#saveError);
        return;
      }
      this.#savedRevision = revision;
      this.#savedData = data;
      this.#saveError = undefined;
      this.#settle((w) => w.revision <= revision);
    }
  }

  /**
   * The file was edited since this process last saw it: its version wins. A valid edit becomes
   * the data; an invalid one (half-typed) leaves the last saved data, and the file watcher
   * reports it. Either way the unsaved changes are dropped and their writers get a conflict.
   */
  #takeOverFile(text: string): void {
    let data = this.#savedData;
    try {
      data = parseStoreText(text);
      this.#persistence.acceptText?.(text);
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
    }
    this.#dropUnsaved(data);
    for (const listener of this.#listeners) listener(data, 'file');
  }

  #dropUnsaved(data: StoreData): void {
    if (this.#savedRevision < this.#revision) {
      this.#dropped.push([this.#savedRevision + 1, this.#revision]);
      if (this.#dropped.length > MAX_DROPPED_RANGES) this.#dropped.shift();
    }
    const unsaved = this.#revision;
    this.#data = data;
    this.#savedData = data;
    this.#index = buildStoreIndex(data);
    this.#revision += 1;
    this.#savedRevision = this.#revision;
    this.#saveError = undefined;
    this.#settle((w) => w.revision <= unsaved, this.#conflict());
  }

  #conflict(): StoreConflictError {
    const where = this.#persistence.location ?? 'the store';
    return new StoreConflictError(`${where} was edited on disk; this change was not applied (the store is now at revision ${this.#revision})`, this.#revision);
  }

  #settle(matches: (w: Waiter) => boolean, error?: Error): void {
    const keep: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (!matches(waiter)) keep.push(waiter);
      else if (error) waiter.reject(error);
      else waiter.resolve();
    }
    this.#waiters = keep;
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
