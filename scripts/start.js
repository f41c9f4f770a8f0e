#!/usr/bin/env node
// `npm start` (after the build): the desktop app, fetching the Electron runtime on first use;
// where it cannot be had, one line saying so, then the headless CLI with the same arguments (DESIGN §3).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

const electronDir = join(root, 'node_modules', 'electron');

/** The downloaded Electron executable, without triggering a download (requiring the electron
 *  package would start one and print its progress). */
function installedElectron() {
  try {
    const executable = join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8'));
    return existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}

/** Electron ≥ 42 fetches its runtime on first use rather than at npm install: do that now, quietly.
 *  Returns the executable, or the reason it could not be had (offline, no electron package). */
function findElectron() {
  const installed = installedElectron();
  if (installed) return { executable: installed };
  if (!existsSync(join(electronDir, 'install.js'))) return { reason: 'the electron package is not installed (npm install)' };
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8' });
  const executable = download.status === 0 ? installedElectron() : undefined;
  if (executable) return { executable };
  const firstLine = `${download.stderr ?? ''}`.split('\n').find((line) => line.trim() !== '') ?? `exit code ${download.status}`;
  return { reason: `could not download it (${firstLine.trim()}); run "npx install-electron" when online` };
}

const { executable: electron, reason } = findElectron();
let child;
if (electron) {
  // package.json "main" (out/main/electron.js) is the entry Electron runs for the project root.
  child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' });
} else {
  console.log(`Electron runtime not available: ${reason}. Running headless instead.`);
  const cli = fileURLToPath(new URL('../bin/idp-emulator.js', import.meta.url));
  const cliArgs = args[0] === 'serve' ? args : ['serve', ...args];
  child = spawn(process.execPath, [cli, ...cliArgs], { stdio: 'inherit' });
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const forward = (signal) => child.kill(signal);
for (const signal of signals) process.on(signal, forward);

child.on('error', (err) => {
  console.error(`idp-emulator: could not start ${electron ? 'Electron' : 'the CLI'}: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  for (const s of signals) process.off(s, forward);
  // Die of the same signal so the parent shell sees what happened to the child.
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
