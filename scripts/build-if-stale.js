#!/usr/bin/env node
// `npm run serve` / `npm start` in a checkout: build only when a source is newer than the build,
// and then quietly (its output is shown only if it fails), so a current build starts at once and
// the terminal shows the emulator's own lines first.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputs = ['src', 'package.json', 'electron.vite.config.ts', 'vite.cjs.config.ts', 'tsconfig.json', 'tsconfig.types.json'];
const outputs = ['out/main/cli.js', 'out/main/lib.js', 'out/main/lib.cjs', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/types/main/index.d.ts'];

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stats.mtimeMs);
}

function oldestOutput() {
  try {
    return Math.min(...outputs.map((path) => statSync(join(root, path)).mtimeMs));
  } catch {
    return -Infinity; // something is missing: build
  }
}

const newestInput = Math.max(...inputs.map((path) => newestMtime(join(root, path))));
if (newestInput > oldestOutput()) {
  process.stderr.write('idp-emulator: building (sources changed since the last build)…\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}idp-emulator: the build failed (above)\n`);
    process.exit(build.status ?? 1);
  }
}
