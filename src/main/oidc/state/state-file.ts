// The runtime state's file beside the store (`idp-emulator.json` → `idp-emulator.state.json`):
// a journal in JSON Lines (journal-file.ts). The name predates the journal and is kept, so an
// older state file is found, taken over and rewritten in the new format.
export function statePathFor(storePath: string): string {
  return storePath.endsWith('.json') ? `${storePath.slice(0, -5)}.state.json` : `${storePath}.state.json`;
}
