// Temporary folders and store files for tests, removed again by the returned cleanup.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  dir: string;
  /** A path inside the folder (the file is not created). */
  file(name: string): string;
  remove(): Promise<void>;
}

export async function makeTempDir(prefix = 'idp-emulator-test-'): Promise<TempDir> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return {
    dir,
    file: (name) => join(dir, name),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Writes `text` to `name` in a new temp folder and returns the folder, path and bytes written. */
export async function writeTempStore(
  text: string,
  name = 'store.json',
): Promise<{ temp: TempDir; path: string; bytes: Buffer }> {
  const temp = await makeTempDir();
  const path = temp.file(name);
  await writeFile(path, text);
  return { temp, path, bytes: await readFile(path) };
}
