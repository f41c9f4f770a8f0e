// Electron main process: a thin shell around the headless emulator (DESIGN §1). This file only
// wires the real `electron` module and startEmulator into lifecycle.ts; the behaviour lives in
// the modules next to it, which take Electron as an argument and are tested under plain Node.
import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, Menu, nativeImage, type NativeImage, session, shell, Tray } from 'electron';
import { startEmulator } from '../emulator.js';
import type { ElectronApi } from './electron-api.js';
import { runDesktopApp } from './lifecycle.js';

// tsc checks here that the real module provides the slice of the API the shell uses. Named
// imports, the form Electron documents for ES modules.
const api: ElectronApi<NativeImage> = { app, BrowserWindow, Tray, Menu, shell, dialog, clipboard, nativeImage, session };

void runDesktopApp({
  electron: api,
  startEmulator,
  argv: process.argv,
  env: process.env,
  cwd: process.cwd(),
  platform: process.platform,
  // The sandboxed preload is built next to this bundle: out/main/electron.js → out/preload/index.cjs.
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  signals: process,
});
