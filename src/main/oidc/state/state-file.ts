// The runtime state's file beside the store (`idp-emulator.json` → `idp-emulator.state.json`).
// A state file that cannot be read is set aside, not fatal: it only holds logins and tokens.
import { rename } from 'node:fs/promises';
import { DataFile } from 'lowdb/node';
import { writeFileDurably } from '../../store/atomic-write.js';
import type { StateSaver, StateSnapshot } from './runtime-state.js';

export function statePathFor(storePath: string): string {
  return storePath.endsWith('.json') ? `${storePath.slice(0, -5)}.state.json` : `${storePath}.state.json`;
}

function isSnapshot(value: unknown): value is StateSnapshot {
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1;
}

export function stateFile(path: string, warn: (message: string) => void): StateSaver {
  const file = new DataFile<unknown>(path, { parse: (text) => JSON.parse(text) as unknown, stringify: (v) => JSON.stringify(v) });
  return {
    async load() {
      try {
        const value = await file.read();
        if (value === null || isSnapshot(value)) return value;
        throw new Error('unknown format');
      } catch (err) {
        const aside = `${path}.broken-${Date.now()}`;
        await rename(path, aside).catch(() => undefined);
        warn(`ignored unreadable state file ${path} (${err instanceof Error ? err.message : String(err)}); moved it to ${aside}`);
        return null;
      }
    },
    // Live tokens: created 0600, through symlinks, with a unique temp name (issue 12 item 5).
    save: (snapshot) => writeFileDurably(path, JSON.stringify(snapshot)),
  };
}
