// The last protocol requests, for the console's Activity page: a bounded ring of events and
// live subscribers (the admin event stream).
import type { ActivityEventDto } from '../../common/admin-api.js';

export type ActivityListener = (event: ActivityEventDto) => void;

export class ActivityLog {
  readonly #capacity: number;
  /** A ring: adding never shifts the others (this runs on every protocol request). */
  #ring: ActivityEventDto[] = [];
  #start = 0;
  #nextId = 1;
  #listeners = new Set<ActivityListener>();

  constructor(capacity = 500) {
    this.#capacity = capacity;
  }

  add(event: Omit<ActivityEventDto, 'id'>): ActivityEventDto {
    const full: ActivityEventDto = { id: this.#nextId++, ...event };
    if (this.#ring.length < this.#capacity) {
      this.#ring.push(full);
    } else {
      this.#ring[this.#start] = full;
      this.#start = (this.#start + 1) % this.#capacity;
    }
    for (const listener of this.#listeners) listener(full);
    return full;
  }

  /** Events with an id greater than `after`, oldest first. */
  list(after = 0): ActivityEventDto[] {
    const ordered = this.#start === 0 ? this.#ring : [...this.#ring.slice(this.#start), ...this.#ring.slice(0, this.#start)];
    return ordered.filter((e) => e.id > after);
  }

  clear(): void {
    this.#ring = [];
    this.#start = 0;
  }

  subscribe(listener: ActivityListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
