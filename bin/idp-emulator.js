#!/usr/bin/env node
// Runs the built CLI (out/main/cli.js); `npm run build` creates it.
import { access } from 'node:fs/promises';

const cli = new URL('../out/main/cli.js', import.meta.url);
try {
  await access(cli);
} catch {
  process.stderr.write('idp-emulator: not built yet. Run "npm run build" (or "npm install") first.\n');
  process.exit(2);
}
await import(cli.href);
