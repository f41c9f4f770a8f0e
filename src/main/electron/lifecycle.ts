// The desktop app's life: one instance, the emulator started before the console window loads,
// the emulator closed (and its state flushed) before the process quits. Electron and the
// emulator are both injected, so this runs under plain Node in tests.
import { join, resolve } from 'node:path';
import { installDownloadHandler } from './downloads.js';
import type { ElectronApi, TrayApi, WindowApi } from './electron-api.js';
import { installTrayAndMenu, type EmulatorActions } from './tray-menu.js';
import { createConsoleWindow, installContentSecurityPolicy, installPermissionPolicy } from './window.js';

export const STORE_FILE_NAME = 'idp-emulator.json';
export const STORE_ENV = 'IDP_EMULATOR_STORE';

/** What the shell needs from startEmulator()'s result. */
export interface DesktopEmulator extends Omit<EmulatorActions, 'storePath'> {
  consoleUrl: string;
  close(): Promise<void>;
}

export type EmulatorStarter = (options: { storePath: string; quiet: boolean }) => Promise<DesktopEmulator>;

export interface DesktopAppOptions<Image> {
  electron: ElectronApi<Image>;
  startEmulator: EmulatorStarter;
  /** process.argv: `--store <file>` or `--store=<file>` anywhere in it picks the store file. */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  platform: NodeJS.Platform;
  /** The built preload script (out/preload). */
  preloadPath: string;
  /** Where SIGINT/SIGTERM arrive (process): they quit the app the orderly way, flushing the store. */
  signals?: { on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
  log?: (line: string) => void;
}

export class StorePathError extends Error {
  override name = 'StorePathError';
}

/** `--store <file>` (or `--store=<file>`), else IDP_EMULATOR_STORE, else <userData>/idp-emulator.json. */
export function resolveStorePath(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, userDataDir: string, cwd: string): string {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    let value: string | undefined;
    if (arg === '--store') {
      value = argv[i + 1];
      if (value === undefined || value === '' || value.startsWith('--')) throw new StorePathError('--store needs a file path');
    } else if (arg.startsWith('--store=')) {
      value = arg.slice('--store='.length);
      if (value === '') throw new StorePathError('--store needs a file path');
    }
    if (value !== undefined) return resolve(cwd, value);
  }
  const fromEnv = env[STORE_ENV];
  if (fromEnv) return resolve(cwd, fromEnv);
  return join(userDataDir, STORE_FILE_NAME);
}

export type DesktopAppOutcome = 'running' | 'second-instance' | 'failed' | 'quit-during-startup';

/** Runs the app; resolves once startup is over (the window is loading, or the app is on its way out). */
export async function runDesktopApp<Image>(options: DesktopAppOptions<Image>): Promise<DesktopAppOutcome> {
  const { electron } = options;
  const { app } = electron;
  const log = options.log ?? ((line: string) => console.log(line));
  const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

  if (!app.requestSingleInstanceLock()) {
    // Another instance runs: it gets 'second-instance' and shows its window; this one leaves.
    app.quit();
    return 'second-instance';
  }

  let emulator: DesktopEmulator | undefined;
  let window: WindowApi | undefined;
  let tray: TrayApi | undefined;
  let starting: Promise<DesktopEmulator | undefined> = Promise.resolve(undefined);
  let quitRequested = false;
  let emulatorClosed = false;

  const loadConsole = (running: DesktopEmulator): WindowApi => {
    const win = createConsoleWindow(electron.BrowserWindow, {
      consoleUrl: running.consoleUrl,
      preloadPath: options.preloadPath,
      openExternal: (url) => electron.shell.openExternal(url),
      log,
    });
    win.loadURL(running.consoleUrl).catch((err: unknown) => log(`could not load the console: ${errorText(err)}`));
    return win;
  };
  const showConsole = (): void => {
    if (!emulator || quitRequested) return;
    if (!window || window.isDestroyed()) {
      window = loadConsole(emulator);
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  app.on('second-instance', showConsole);
  // macOS: a click on the dock icon.
  app.on('activate', showConsole);
  // Closing the window stops the emulator: an identity provider nobody can see is a surprise.
  app.on('window-all-closed', () => app.quit());
  // Quit waits once for the emulator to close, which flushes the store and runtime state.
  app.on('will-quit', (event) => {
    if (emulatorClosed) return;
    event.preventDefault();
    if (quitRequested) return;
    quitRequested = true;
    tray?.destroy();
    tray = undefined;
    starting
      .then((running) => running?.close())
      .catch((err: unknown) => log(`could not close the emulator cleanly: ${errorText(err)}`))
      .finally(() => {
        emulatorClosed = true;
        app.quit();
      });
  });
  options.signals?.on('SIGINT', () => app.quit());
  options.signals?.on('SIGTERM', () => app.quit());

  let storePath: string;
  let running: DesktopEmulator;
  try {
    await app.whenReady();
    storePath = resolveStorePath(options.argv, options.env, app.getPath('userData'), options.cwd);
    const start = options.startEmulator({ storePath, quiet: true });
    starting = start;
    running = await start;
    emulator = running;
  } catch (err) {
    starting = Promise.resolve(undefined);
    electron.dialog.showErrorBox('IdP Emulator could not start', errorText(err));
    emulatorClosed = true;
    app.exit(2);
    return 'failed';
  }
  if (quitRequested) return 'quit-during-startup';

  log(`IdP Emulator: issuer ${running.issuer}, store ${storePath}`);
  const origin = new URL(running.consoleUrl).origin;
  const session = electron.session.defaultSession;
  installContentSecurityPolicy(session, origin);
  installPermissionPolicy(session, origin);
  installDownloadHandler(session, { consoleOrigin: origin, downloadsDir: app.getPath('downloads') });
  window = loadConsole(running);
  // Held by the will-quit listener above, so the tray icon is not garbage-collected away.
  tray = installTrayAndMenu(electron, {
    emulator: { issuer: running.issuer, storePath, rotateSigningKey: () => running.rotateSigningKey() },
    platform: options.platform,
    showConsole,
    quit: () => app.quit(),
  });
  return 'running';
}
