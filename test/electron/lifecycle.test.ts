// The desktop app's life with the Electron double: one instance, the emulator (a real one on a
// free port) started before the console loads, closed exactly once on quit, startup failures
// reported in an error box with exit code 2.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveStorePath, runDesktopApp, type DesktopAppOptions, type DesktopEmulator, type EmulatorStarter } from '../../src/main/electron/lifecycle.js';
import { startEmulator, type Emulator } from '../../src/main/emulator.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { createElectronDouble, PreventableEventDouble, type ElectronDouble, type ImageDouble } from './electron-double.js';

/** Resolves once `check` holds (the quit sequence runs on promises). */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface StarterRecord {
  starter: EmulatorStarter;
  /** The options each start was given. */
  starts: { storePath: string; quiet: boolean }[];
  closes: number;
  emulators: Emulator[];
}

/** The real startEmulator on 127.0.0.1 and a free port, logging into the double's journal. */
function realStarter(electron: ElectronDouble): StarterRecord {
  const record: StarterRecord = {
    starts: [],
    closes: 0,
    emulators: [],
    starter: async (options) => {
      record.starts.push(options);
      electron.journal.push('startEmulator');
      const emulator = await startEmulator({ ...options, port: 0, host: '127.0.0.1', log: () => undefined });
      electron.journal.push('emulator listening');
      const close = emulator.close.bind(emulator);
      const wrapped = Object.assign(emulator, {
        close: async () => {
          record.closes += 1;
          electron.journal.push('emulator.close');
          await close();
        },
      });
      record.emulators.push(wrapped);
      return wrapped;
    },
  };
  return record;
}

function appOptions(electron: ElectronDouble, starter: EmulatorStarter, overrides: Partial<DesktopAppOptions<ImageDouble>> = {}): DesktopAppOptions<ImageDouble> {
  return {
    electron,
    startEmulator: starter,
    argv: ['/usr/bin/electron', '/app'],
    env: {},
    cwd: '/work',
    platform: 'linux',
    preloadPath: '/app/out/preload/index.cjs',
    log: () => undefined,
    ...overrides,
  };
}

describe('desktop app with a real emulator', () => {
  let temp: TempDir;
  beforeEach(async () => {
    temp = await makeTempDir('idp-emulator-electron-');
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('starts the emulator on the store from --store before the window loads the console', async () => {
    const electron = createElectronDouble();
    const record = realStarter(electron);
    const storePath = temp.file('store.json');
    const outcome = await runDesktopApp(appOptions(electron, record.starter, { argv: ['/usr/bin/electron', '/app', '--store', storePath] }));
    try {
      expect(outcome).toBe('running');
      expect(record.starts).toEqual([{ storePath, quiet: true }]);
      const emulator = record.emulators[0];
      if (!emulator) throw new Error('no emulator');
      const { journal } = electron;
      const listening = journal.indexOf('emulator listening');
      const loaded = journal.indexOf(`window.loadURL ${emulator.consoleUrl}`);
      expect(listening).toBeGreaterThanOrEqual(0);
      expect(loaded, journal.join('\n')).toBeGreaterThan(listening);
      expect(journal.indexOf('new BrowserWindow')).toBeGreaterThan(listening);
      // The URL the window loads answers: the emulator really is running by then.
      const res = await fetch(`${emulator.issuer}/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      expect(electron.windows).toHaveLength(1);
      expect(electron.windows[0]?.loadedUrls).toEqual([emulator.consoleUrl]);
      expect(emulator.consoleUrl).toMatch(/#token=/);
    } finally {
      electron.app.quit();
      await until(() => electron.app.quitted, 'the app to quit');
    }
  });

  it('closes the emulator exactly once on quit, flushing the store, then quits', async () => {
    const electron = createElectronDouble();
    const record = realStarter(electron);
    const storePath = temp.file('store.json');
    await runDesktopApp(appOptions(electron, record.starter, { env: { IDP_EMULATOR_STORE: storePath } }));
    const emulator = record.emulators[0];
    if (!emulator) throw new Error('no emulator');
    // A change made just before quitting must reach the file.
    const before = emulator.store.data.signingKeys.length;
    const kid = await emulator.rotateSigningKey();

    electron.app.quit();
    expect(electron.app.quitted).toBe(false); // the first quit waits for the emulator
    // Electron fires will-quit again when something else asks to quit meanwhile.
    const again = new PreventableEventDouble();
    electron.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(true);
    await until(() => electron.app.quitted, 'the app to quit');

    expect(record.closes).toBe(1);
    expect(electron.app.quitCalls).toBe(2); // ours, then the one after the emulator closed
    expect(electron.journal.indexOf('emulator.close')).toBeLessThan(electron.journal.lastIndexOf('app.quit'));
    const saved = JSON.parse(await readFile(storePath, 'utf8')) as { signingKeys: { id: string; active: boolean }[] };
    expect(saved.signingKeys).toHaveLength(before + 1);
    expect(saved.signingKeys.filter((key) => key.active).map((key) => key.id)).toEqual([kid]);
    await expect(fetch(`${emulator.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
    expect(electron.trays[0]?.destroyed).toBe(true);
  });

  it('copies the running issuer from the tray menu', async () => {
    const electron = createElectronDouble();
    const record = realStarter(electron);
    await runDesktopApp(appOptions(electron, record.starter, { argv: ['electron', '.', `--store=${temp.file('s.json')}`] }));
    try {
      const issuer = record.emulators[0]?.issuer;
      expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      electron.trays[0]?.contextMenu?.item('Copy issuer').click?.();
      expect(electron.clipboardText).toBe(issuer);
    } finally {
      electron.app.quit();
      await until(() => electron.app.quitted, 'the app to quit');
    }
  });

  it('adds the console CSP to the running emulator\'s responses and routes its downloads to a save dialog', async () => {
    const electron = createElectronDouble();
    const record = realStarter(electron);
    await runDesktopApp(appOptions(electron, record.starter, { argv: ['electron', '.', `--store=${temp.file('s.json')}`] }));
    try {
      const issuer = record.emulators[0]?.issuer ?? '';
      const answer = electron.defaultSession.receiveHeaders(`${issuer}/ui/console/`, {});
      expect(answer?.responseHeaders?.['Content-Security-Policy']?.[0]).toContain("default-src 'self'");
      const item = electron.defaultSession.download(`${issuer}/_emulator/api/users/u1/keys/k1/file`, '');
      expect(item.saveDialogOptions?.defaultPath).toBe(join('/fake/downloads', 'k1.json'));
    } finally {
      electron.app.quit();
      await until(() => electron.app.quitted, 'the app to quit');
    }
  });
});

/** A starter that finishes when the test says so, to look at the app while it is starting. */
function deferredStarter(electron: ElectronDouble) {
  let finish: (emulator: DesktopEmulator) => void = () => undefined;
  let fail: (err: Error) => void = () => undefined;
  const started = new Promise<DesktopEmulator>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  let closes = 0;
  const emulator: DesktopEmulator = {
    issuer: 'http://localhost:8080',
    consoleUrl: 'http://localhost:8080/ui/console/#token=t',
    rotateSigningKey: () => Promise.resolve('kid'),
    close: () => {
      closes += 1;
      electron.journal.push('emulator.close');
      return Promise.resolve();
    },
  };
  const starter: EmulatorStarter = () => {
    electron.journal.push('startEmulator');
    return started;
  };
  return { starter, emulator, finish: () => finish(emulator), fail: (err: Error) => fail(err), closes: () => closes };
}

describe('desktop app lifecycle', () => {
  it('opens no window until the emulator has started', async () => {
    const electron = createElectronDouble();
    const start = deferredStarter(electron);
    const running = runDesktopApp(appOptions(electron, start.starter));
    await until(() => electron.journal.includes('startEmulator'), 'the emulator to be started');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(electron.windows).toHaveLength(0);
    start.finish();
    expect(await running).toBe('running');
    expect(electron.journal).toEqual([
      'app.requestSingleInstanceLock',
      'startEmulator',
      'new BrowserWindow',
      'window.loadURL http://localhost:8080/ui/console/#token=t',
    ]);
  });

  it('focuses the window when a second instance is launched', async () => {
    const electron = createElectronDouble();
    const start = deferredStarter(electron);
    const running = runDesktopApp(appOptions(electron, start.starter));
    start.finish();
    await running;
    const win = electron.windows[0];
    if (!win) throw new Error('no window');
    win.minimized = true;
    electron.app.emit('second-instance', new PreventableEventDouble(), ['electron', '.'], '/');
    expect(win.restoreCalls).toBe(1);
    expect(win.focusCalls).toBe(1);
    expect(win.visible).toBe(true);
    expect(electron.windows).toHaveLength(1);
  });

  it('reopens the console window from the tray after it was destroyed (macOS keeps running)', async () => {
    const electron = createElectronDouble();
    const start = deferredStarter(electron);
    const running = runDesktopApp(appOptions(electron, start.starter));
    start.finish();
    await running;
    if (electron.windows[0]) electron.windows[0].destroyed = true;
    electron.trays[0]?.contextMenu?.item('Open console').click?.();
    expect(electron.windows).toHaveLength(2);
    expect(electron.windows[1]?.loadedUrls).toEqual(['http://localhost:8080/ui/console/#token=t']);
  });

  it('as the second instance, quits at once: no emulator, no window', async () => {
    const electron = createElectronDouble({ gotSingleInstanceLock: false });
    const start = deferredStarter(electron);
    expect(await runDesktopApp(appOptions(electron, start.starter))).toBe('second-instance');
    expect(electron.journal).toEqual(['app.requestSingleInstanceLock', 'app.quit']);
    expect(electron.windows).toHaveLength(0);
    expect(electron.app.quitted).toBe(true);
  });

  it('shows the startup error in an error box and exits with 2', async () => {
    const electron = createElectronDouble();
    const start = deferredStarter(electron);
    const running = runDesktopApp(appOptions(electron, start.starter));
    await until(() => electron.journal.includes('startEmulator'), 'the emulator to be started');
    start.fail(new Error('port 8080 is already in use'));
    expect(await running).toBe('failed');
    expect(electron.errorBoxes).toEqual([{ title: 'IdP Emulator could not start', content: 'port 8080 is already in use' }]);
    expect(electron.app.exitCode).toBe(2);
    expect(electron.windows).toHaveLength(0);
    expect(electron.trays).toHaveLength(0);
  });

  it('reports a --store without a path the same way', async () => {
    const electron = createElectronDouble();
    const start = deferredStarter(electron);
    expect(await runDesktopApp(appOptions(electron, start.starter, { argv: ['electron', '.', '--store'] }))).toBe('failed');
    expect(electron.errorBoxes).toEqual([{ title: 'IdP Emulator could not start', content: '--store needs a file path' }]);
    expect(electron.app.exitCode).toBe(2);
    expect(electron.journal).not.toContain('startEmulator');
  });

  it('quits when the last window closes, and on SIGINT/SIGTERM, closing the emulator once', async () => {
    const electron = createElectronDouble();
    const start = deferredStarter(electron);
    const signalHandlers = new Map<string, () => void>();
    const running = runDesktopApp(
      appOptions(electron, start.starter, { signals: { on: (signal, listener) => signalHandlers.set(signal, listener) } }),
    );
    start.finish();
    await running;
    electron.app.emit('window-all-closed');
    signalHandlers.get('SIGTERM')?.();
    signalHandlers.get('SIGINT')?.();
    await until(() => electron.app.quitted, 'the app to quit');
    expect(start.closes()).toBe(1);
  });

  it('when asked to quit while starting, waits for the emulator, closes it and opens no window', async () => {
    const electron = createElectronDouble();
    const start = deferredStarter(electron);
    const running = runDesktopApp(appOptions(electron, start.starter));
    await until(() => electron.journal.includes('startEmulator'), 'the emulator to be started');
    electron.app.quit();
    expect(electron.app.quitted).toBe(false);
    start.finish();
    expect(await running).toBe('quit-during-startup');
    await until(() => electron.app.quitted, 'the app to quit');
    expect(start.closes()).toBe(1);
    expect(electron.windows).toHaveLength(0);
  });
});

describe('store path', () => {
  const userData = '/home/me/.config/IdP Emulator';

  it('defaults to idp-emulator.json in the user-data folder', () => {
    expect(resolveStorePath(['electron', '.'], {}, userData, '/cwd')).toBe(join(userData, 'idp-emulator.json'));
  });

  it('takes IDP_EMULATOR_STORE, relative to the working folder', () => {
    expect(resolveStorePath([], { IDP_EMULATOR_STORE: 'dev.json' }, userData, '/cwd')).toBe('/cwd/dev.json');
    expect(resolveStorePath([], { IDP_EMULATOR_STORE: '' }, userData, '/cwd')).toBe(join(userData, 'idp-emulator.json'));
  });

  it('takes --store <file> and --store=<file> over the environment', () => {
    const env = { IDP_EMULATOR_STORE: '/env.json' };
    expect(resolveStorePath(['electron', '.', '--store', 'a.json'], env, userData, '/cwd')).toBe('/cwd/a.json');
    expect(resolveStorePath(['electron', '.', '--store=/abs/b.json'], env, userData, '/cwd')).toBe('/abs/b.json');
  });

  it('refuses --store without a file', () => {
    expect(() => resolveStorePath(['--store'], {}, userData, '/cwd')).toThrow('--store needs a file path');
    expect(() => resolveStorePath(['--store', '--inspect'], {}, userData, '/cwd')).toThrow('--store needs a file path');
    expect(() => resolveStorePath(['--store='], {}, userData, '/cwd')).toThrow('--store needs a file path');
  });
});
