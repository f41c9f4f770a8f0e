// `serve` warns at start when the store could not be saved (issue 12 item 2): a read-only store
// file or folder lets the emulator run, but every admin write would then fail.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { resolveTarget } from './atomic-write.js';

/** A one-line warning when the store file or its folder is not writable, else undefined. */
export async function describeUnwritableStore(path: string): Promise<string | undefined> {
  const target = await resolveTarget(path);
  // Saving creates a temp file in the folder and renames it over the file: both need writing.
  for (const [what, where] of [
    ['folder', dirname(target)],
    ['file', target],
  ] as const) {
    try {
      await access(where, constants.W_OK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return `warning: the store ${what} ${where} is not writable: changes made in the console will NOT be saved`;
    }
  }
  return undefined;
}
