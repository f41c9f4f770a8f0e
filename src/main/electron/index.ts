// Electron main process: a thin shell around the headless emulator (DESIGN §1). It starts the
// emulator, opens one hardened window on the console, and closes the emulator on quit.
import { join } from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { startEmulator, type Emulator } from '../emulator.js';

let emulator: Emulator | undefined;
let window: BrowserWindow | undefined;

function isConsoleUrl(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

function openWindow(consoleUrl: string, origin: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'IdP Emulator',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.mjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isConsoleUrl(url, origin)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(consoleUrl);
  return win;
}

async function launch(): Promise<void> {
  const storePath = process.env.IDP_EMULATOR_STORE ?? join(app.getPath('userData'), 'idp-emulator.json');
  emulator = await startEmulator({ storePath, quiet: true });
  window = openWindow(emulator.consoleUrl, new URL(emulator.issuer).origin);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.whenReady().then(launch, (err: unknown) => {
    console.error(err);
    app.exit(2);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!emulator) return;
    event.preventDefault();
    const closing = emulator;
    emulator = undefined;
    void closing.close().finally(() => app.quit());
  });
}
