// One writer per store file (issue 12 item 3, DESIGN §5): `<store>.lock` beside the real file
// names the process holding it. The lock is created atomically with its contents (link(2) of a
// finished temp file fails when the name exists), refreshed while held, and taken over when its
// holder is gone: a dead PID, or no refresh for STALE_AFTER_MS (the PID was reused after a crash).
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { resolveTarget } from './atomic-write.js';

const REFRESH_EVERY_MS = 10_000;
export const STALE_AFTER_MS = 60_000;

/** The store file is held by another emulator; the CLI prints the message and exits 2. */
export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
  readonly pid: number;
  constructor(storePath: string, pid: number, lockPath: string) {
    super(`${storePath} is in use by another emulator (process ${pid}, lock file ${lockPath}); stop it or pass another --store`);
    this.pid = pid;
  }
}

export interface StoreLock {
  readonly path: string;
  release(): Promise<void>;
}

interface LockOwner {
  pid: number;
  host: string;
}

function readOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder of an existing lock, or undefined when the lock is stale (or vanished). */
async function liveHolder(lockPath: string): Promise<LockOwner | undefined> {
  let text: string;
  let modified: number;
  try {
    [text, modified] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath).then((s) => s.mtimeMs)]);
  } catch {
    return undefined;
  }
  const owner = readOwner(text);
  if (!owner || Date.now() - modified > STALE_AFTER_MS) return undefined;
  // A PID can only be checked on this machine; another host's lock ages out instead.
  if (owner.host === hostname() && !isAlive(owner.pid)) return undefined;
  return owner;
}

async function tryCreate(lockPath: string, text: string): Promise<boolean> {
  const temp = join(dirname(lockPath), `.${basename(lockPath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, text, { mode: 0o600 });
  try {
    await link(temp, lockPath);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Takes the lock of `storePath` or throws StoreLockedError naming its holder's PID. */
export async function lockStoreFile(storePath: string): Promise<StoreLock> {
  const lockPath = `${await resolveTarget(storePath)}.lock`;
  const text = `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`;
  for (let attempt = 0; ; attempt += 1) {
    if (await tryCreate(lockPath, text)) break;
    const holder = await liveHolder(lockPath);
    if (holder || attempt >= 2) throw new StoreLockedError(storePath, holder?.pid ?? 0, lockPath);
    await unlink(lockPath).catch(() => undefined);
  }

  const refresh = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, REFRESH_EVERY_MS);
  refresh.unref();
  // A normal exit without close() (process.exit from a test runner, an uncaught error) frees it too.
  const onExit = (): void => {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.on('exit', onExit);
  let released = false;
  return {
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      clearInterval(refresh);
      process.off('exit', onExit);
      const current = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (current === text) await unlink(lockPath).catch(() => undefined);
    },
  };
}
