// Picks up hand edits of the store file while the emulator runs (issue 6 item 2): watches the
// folder (editors replace files, which a watch on the file itself would lose), debounced, and
// reloads a valid file; an invalid one is reported and the last good data stays. Our own writes
// are recognised by their text and ignored.
import { realpathSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from '../http/handle-errors.js';
import { parseStoreText } from '../store/parse-store.js';
import { StoreError } from '../store/store-error.js';
import type { Store } from '../store/store.js';

export const WATCH_DEBOUNCE_MS = 100;

export interface StoreFileWatcherOptions {
  store: Store;
  path: string;
  log: Logger;
  /** A hand edit that could not be loaded, as one line: file, position, problem. */
  onInvalid(error: string): void;
  debounceMs?: number;
}

export interface StoreFileWatcher {
  close(): void;
}

function describeRefusal(path: string, err: StoreError): string {
  const [first] = err.problems;
  const more = err.problems.length > 1 ? ` (and ${err.problems.length - 1} more)` : '';
  return first ? `${path}: ${first.where}: ${first.message}${more}` : `${path}: ${err.message}`;
}

export function watchStoreFile(options: StoreFileWatcherOptions): StoreFileWatcher {
  const { store, path, log, onInvalid } = options;
  // A symlinked store is edited at its target: watch the target's folder (once, at start).
  let target = path;
  try {
    target = realpathSync(path);
  } catch {
    // not there yet: watch the path as given
  }
  const name = basename(target);
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> = Promise.resolve();
  let lastRefused: string | undefined;
  let closed = false;

  const check = async (): Promise<void> => {
    // Mid-write the file may hold one of our older versions: look again once the writes land.
    if (store.writing) return schedule();
    const revision = store.revision;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      // Some editors delete and recreate the file: the next event brings the new text.
      return;
    }
    // A change made while reading may already be on its way to disk: what was read is older.
    if (store.writing || store.revision !== revision) return schedule();
    if (closed || text === store.lastWrittenText() || text === lastRefused) return;
    try {
      const data = parseStoreText(text);
      lastRefused = undefined;
      if (JSON.stringify(data) === JSON.stringify(store.data)) return store.acceptFileText(text);
      store.replaceData(data, 'file', text);
      log(`reloaded ${path} after an edit (revision ${store.revision})`);
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      lastRefused = text;
      const line = describeRefusal(path, err);
      log(`ignored an edit of ${line}; keeping the last valid store`);
      onInvalid(line);
    }
  };

  const schedule = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      checking = checking.then(check).catch((err: unknown) => log(`could not reload ${path}: ${err instanceof Error ? err.message : String(err)}`));
    }, options.debounceMs ?? WATCH_DEBOUNCE_MS);
    timer.unref();
  };

  const watcher: FSWatcher = watch(dirname(target), (_event, filename) => {
    if (filename === null || filename === name) schedule();
  });
  watcher.on('error', (err) => log(`stopped watching ${path}: ${err.message}`));

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}
