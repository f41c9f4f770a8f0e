// Durable replacement of a file's contents (issue 12 items 1, 3, 5): a temp file with a unique
// name beside the real target, fsync'd, renamed over it, then the folder fsync'd, so after a
// crash the file holds either the old or the new text, and a 2xx can promise the new one.
// Symlinks are written through to their target; the target's mode is kept; new files are 0600
// (they hold private keys and secrets).
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file a path names after following symlinks (the path itself when it does not exist yet). */
export async function resolveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    // A dangling symlink or a new file: resolve the folder, keep the name.
    try {
      return join(await realpath(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/** Unique per process and call: two writers (or two emulators in one process) never share one. */
function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

async function modeOf(target: string): Promise<number> {
  try {
    return (await stat(target)).mode & 0o7777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0o600;
    throw err;
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable. Some file systems cannot open or fsync a folder: the
  // rename is then as durable as they allow.
  let handle;
  try {
    handle = await open(folder, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // see above
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Writes `text` to `path` (through symlinks) durably; resolves once it is on disk. */
export async function writeFileDurably(path: string, text: string): Promise<void> {
  const target = await resolveTarget(path);
  const mode = await modeOf(target);
  const temp = tempNameFor(target);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    await handle.writeFile(text, 'utf8');
    // The umask narrows the mode open() sets; chmod sets exactly the one the file had.
    await handle.chmod(mode);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncFolder(dirname(target));
}
