// Where the store lives: a JSON file, or nothing at all (in-memory stores for tests and the
// library). The file is replaced durably (atomic-write.ts) and never over a version this
// process has not seen: a hand edit made since the last read or write is reported as a
// StoreFileChangedError instead of being overwritten (issue 12 item 4). lowdb's adapter is not
// used for the file any more: its fixed temp name, missing fsync and symlink replacement were
// exactly what issue 12 found.
import { readFile } from 'node:fs/promises';
import { writeFileDurably } from './atomic-write.js';
import { parseStoreText } from './parse-store.js';
import type { StoreData } from './schema.js';
import { StoreError } from './store-error.js';

export interface Persistence {
  /** Human-readable location for messages, or undefined for memory. */
  readonly location: string | undefined;
  /** The stored data, or null when there is none yet. Throws StoreError when it is invalid. */
  read(): Promise<StoreData | null>;
  /** Resolves once `data` is durably stored. Throws StoreFileChangedError after a hand edit. */
  write(data: StoreData): Promise<void>;
  /** The file's text as this process last read or wrote it (files only): anything else on disk is someone else's edit. */
  lastWrittenText?(): string | undefined;
  /** The text now on disk was read and taken over (a reloaded hand edit). */
  acceptText?(text: string): void;
}

/** The file changed on disk since this process last read or wrote it: writing would lose that edit. */
export class StoreFileChangedError extends Error {
  override name = 'StoreFileChangedError';
  /** What the file holds now. */
  readonly text: string;
  constructor(path: string, text: string) {
    super(`${path} was changed by someone else since it was last read; the write was not applied`);
    this.text = text;
  }
}

async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function serialiseStore(data: StoreData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export function filePersistence(path: string): Persistence {
  let knownText: string | undefined;
  return {
    location: path,
    async read() {
      const text = await readTextIfExists(path);
      knownText = text;
      if (text === undefined) return null;
      try {
        return parseStoreText(text);
      } catch (err) {
        throw err instanceof StoreError ? err.withFile(path) : err;
      }
    },
    async write(data) {
      const text = serialiseStore(data);
      // A deleted file is written again; a file that differs from what we know is a hand edit.
      const onDisk = await readTextIfExists(path);
      if (onDisk !== undefined && onDisk !== knownText) throw new StoreFileChangedError(path, onDisk);
      await writeFileDurably(path, text);
      knownText = text;
    },
    lastWrittenText: () => knownText,
    acceptText(text) {
      knownText = text;
    },
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
