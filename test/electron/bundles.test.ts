// The CLI and the library must run under plain Node: neither they nor any chunk they load may
// import electron. Reads the build in out/main (npm test builds first; run `npx electron-vite
// build` when running this file alone).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const OUT_MAIN = fileURLToPath(new URL('../../out/main/', import.meta.url));

/** An import of electron in any form a bundle could contain. */
const ELECTRON_IMPORT =
  /\bfrom\s*["']electron(?:\/[^"']*)?["']|\bimport\s*["']electron(?:\/[^"']*)?["']|\b(?:require|import)\s*\(\s*["']electron(?:\/[^"']*)?["']\s*\)/;

/** Relative imports: static (`from './x'`, `import './x'`) and dynamic (`import('./x')`). */
const RELATIVE_IMPORT = /\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

function requireBuild(): void {
  if (!existsSync(join(OUT_MAIN, 'cli.js')) || !existsSync(join(OUT_MAIN, 'lib.js')) || !existsSync(join(OUT_MAIN, 'electron.js'))) {
    throw new Error(`out/main is missing or incomplete (${OUT_MAIN}): build first with \`npx electron-vite build\` (npm test does this)`);
  }
}

/** The entry and every file it imports, transitively. */
function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    if (!existsSync(file)) throw new Error(`${relative(OUT_MAIN, file)} is imported but missing: rebuild with \`npx electron-vite build\``);
    seen.add(file);
    // Block comments go first: bundled dependencies keep JSDoc such as `import('./context')`.
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const match of code.matchAll(RELATIVE_IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier) visit(resolve(dirname(file), specifier));
    }
  };
  visit(join(OUT_MAIN, entry));
  return [...seen];
}

function filesImportingElectron(entry: string): string[] {
  return moduleGraph(entry)
    .filter((file) => ELECTRON_IMPORT.test(readFileSync(file, 'utf8')))
    .map((file) => relative(OUT_MAIN, file));
}

describe('bundles', () => {
  it('the pattern catches every way a bundle imports electron, and not the word alone', () => {
    for (const code of ['import { app } from "electron";', "import * as e from 'electron'", 'const e = require("electron")', 'await import("electron")', 'import "electron/main"']) {
      expect(ELECTRON_IMPORT.test(code), code).toBe(true);
    }
    for (const code of ['// runs under electron or node', 'const name = "electron-builder"', 'from "electron-vite"']) {
      expect(ELECTRON_IMPORT.test(code), code).toBe(false);
    }
  });

  it.each(['cli.js', 'lib.js'])('out/main/%s and every chunk it imports never import electron', (entry) => {
    requireBuild();
    const graph = moduleGraph(entry);
    expect(graph.length).toBeGreaterThan(1); // the entry and at least the shared emulator chunk
    expect(filesImportingElectron(entry)).toEqual([]);
  });

  it('out/main/electron.js does import electron (so the check above can see one)', () => {
    requireBuild();
    expect(filesImportingElectron('electron.js')).toContain('electron.js');
  });

  it('the preload exposes nothing to the console page', () => {
    requireBuild();
    const preload = fileURLToPath(new URL('../../out/preload/index.cjs', import.meta.url));
    expect(existsSync(preload), 'out/preload/index.cjs').toBe(true);
    expect(readFileSync(preload, 'utf8')).not.toMatch(/contextBridge|ipcRenderer|exposeInMainWorld|require\s*\(/);
  });
});
