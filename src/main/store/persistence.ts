// Where the store lives: a JSON file (lowdb's text-file adapter, which writes to a temp file
// and renames it, so a crash never leaves half a file) or nothing at all (in-memory stores
// for tests and the library).
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { parseStoreText } from './parse-store.js';
import type { StoreData } from './schema.js';
import { StoreError } from './store-error.js';

export interface Persistence {
  /** Human-readable location for messages, or undefined for memory. */
  readonly location: string | undefined;
  /** The stored data, or null when there is none yet. Throws StoreError when it is invalid. */
  read(): Promise<StoreData | null>;
  write(data: StoreData): Promise<void>;
  /** The text last written to the file (files only), so a file watcher can tell our writes from hand edits. */
  lastWrittenText?(): string | undefined;
}

export function filePersistence(path: string): Persistence {
  let lastText: string | undefined;
  // DataFile is the base of lowdb's JSONFile; constructed here with our parser so that a broken
  // file is reported by line and column instead of a bare SyntaxError. lowdb's presets are
  // avoided on purpose: they swap in memory storage when NODE_ENV=test.
  const db = new Low<StoreData | null>(
    new DataFile<StoreData | null>(path, {
      parse: (text) => {
        try {
          return parseStoreText(text);
        } catch (err) {
          throw err instanceof StoreError ? err.withFile(path) : err;
        }
      },
      stringify: (data) => {
        lastText = `${JSON.stringify(data, null, 2)}\n`;
        return lastText;
      },
    }),
    null,
  );
  return {
    location: path,
    async read() {
      await db.read();
      return db.data;
    },
    async write(data) {
      db.data = data;
      await db.write();
    },
    lastWrittenText: () => lastText,
  };
}

/** Nothing is written anywhere: the data lives as long as the emulator. */
export function memoryPersistence(): Persistence {
  let stored: StoreData | null = null;
  return {
    location: undefined,
    read: () => Promise.resolve(stored),
    write(data) {
      stored = data;
      return Promise.resolve();
    },
  };
}
