#!/usr/bin/env node
// `npm start` (after the build): the desktop app where the Electron runtime is installed;
// otherwise one line saying so, then the headless CLI with the same arguments (DESIGN §3).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

/** The Electron executable, or undefined when npm skipped its download. */
function findElectron() {
  try {
    // The electron package exports the binary's path and throws when it was never downloaded.
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const electron = findElectron();
let child;
if (electron) {
  // package.json "main" (out/main/electron.js) is the entry Electron runs for the project root.
  child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' });
} else {
  console.log('Electron runtime not installed (ELECTRON_SKIP_BINARY_DOWNLOAD?): running headless instead');
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
