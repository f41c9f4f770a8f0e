// Store changes as the console's event stream reports them (StoreChangedDto): who changed the
// store (a console write, a hand edit of the file, or the protocol) and refused hand edits.
import type { StoreChangedDto } from '../../common/admin-api.js';
import type { Store } from '../store/store.js';

export type StoreChangeListener = (change: StoreChangedDto) => void;

export class StoreChangeFeed {
  readonly #store: Store;
  readonly #listeners = new Set<StoreChangeListener>();
  readonly #unsubscribe: () => void;

  constructor(store: Store) {
    this.#store = store;
    this.#unsubscribe = store.onChange((_data, source) => {
      const from = source === 'update' ? 'protocol' : source;
      this.#emit({ revision: store.revision, source: from });
    });
  }

  /** A hand edit of the store file that could not be loaded: the last good data stays. */
  reportFileError(error: string): void {
    this.#emit({ revision: this.#store.revision, source: 'file', error });
  }

  subscribe(listener: StoreChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#unsubscribe();
    this.#listeners.clear();
  }

  #emit(change: StoreChangedDto): void {
    for (const listener of this.#listeners) listener(change);
  }
}
