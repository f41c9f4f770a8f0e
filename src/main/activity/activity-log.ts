// The last protocol requests, for the console's Activity page: a bounded ring of events and
// live subscribers (the admin event stream).
import type { ActivityEventDto } from '../../common/admin-api.js';

export type ActivityListener = (event: ActivityEventDto) => void;

export class ActivityLog {
  readonly #capacity: number;
  #events: ActivityEventDto[] = [];
  #nextId = 1;
  #listeners = new Set<ActivityListener>();

  constructor(capacity = 500) {
    this.#capacity = capacity;
  }

  add(event: Omit<ActivityEventDto, 'id'>): ActivityEventDto {
    const full: ActivityEventDto = { id: this.#nextId++, ...event };
    this.#events.push(full);
    if (this.#events.length > this.#capacity) this.#events.splice(0, this.#events.length - this.#capacity);
    for (const listener of this.#listeners) listener(full);
    return full;
  }

  /** Events with an id greater than `after`, oldest first. */
  list(after = 0): ActivityEventDto[] {
    return this.#events.filter((e) => e.id > after);
  }

  clear(): void {
    this.#events = [];
  }

  subscribe(listener: ActivityListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
