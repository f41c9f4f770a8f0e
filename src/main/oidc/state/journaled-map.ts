// A Map that reports which keys changed, so a save writes those records and nothing else
// (issue 14). Request code keeps using plain Map calls; a record changed in place must be set
// again to be saved (`map.set(key, record)` after the change).
export class JournaledMap<V> extends Map<string, V> {
  readonly #changed: (key: string) => void;
  readonly #prepare: ((value: V) => V) | undefined;

  constructor(changed: (key: string) => void, prepare?: (value: V) => V) {
    super();
    this.#changed = changed;
    this.#prepare = prepare;
  }

  override set(key: string, value: V): this {
    super.set(key, this.#prepare ? this.#prepare(value) : value);
    this.#changed(key);
    return this;
  }

  override delete(key: string): boolean {
    if (!super.delete(key)) return false;
    this.#changed(key);
    return true;
  }

  override clear(): void {
    for (const key of super.keys()) this.#changed(key);
    super.clear();
  }

  /** Puts a record read from the journal: it is on disk already. */
  restoreEntry(key: string, value: V): void {
    super.set(key, value);
  }

  /** Drops a record without journaling it (expired at load, or a journal that did not load). */
  forget(key: string): void {
    super.delete(key);
  }
}
