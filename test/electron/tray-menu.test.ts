// The tray and application menu: copy the issuer, open the console, reveal the store file,
// rotate the signing keys, quit.
import { describe, expect, it } from 'vitest';
import { installTrayAndMenu, type TrayMenuOptions } from '../../src/main/electron/tray-menu.js';
import { createElectronDouble, type MenuDouble } from './electron-double.js';

function install(overrides: Partial<TrayMenuOptions> = {}) {
  const electron = createElectronDouble();
  const calls: string[] = [];
  const options: TrayMenuOptions = {
    emulator: {
      issuer: 'http://localhost:8080',
      storePath: '/home/me/.config/IdP Emulator/idp-emulator.json',
      rotateSigningKey: () => {
        calls.push('rotate');
        return Promise.resolve('kid-2');
      },
    },
    platform: 'linux',
    showConsole: () => calls.push('showConsole'),
    quit: () => calls.push('quit'),
    ...overrides,
  };
  const tray = installTrayAndMenu(electron, options);
  const menu = electron.trays[0]?.contextMenu;
  if (!menu) throw new Error('the tray has no context menu');
  return { electron, calls, tray, menu };
}

function click(menu: MenuDouble, label: string): void {
  const { click: onClick } = menu.item(label);
  if (!onClick) throw new Error(`"${label}" has no click handler`);
  onClick();
}

describe('tray menu', () => {
  it('shows the issuer, and a click copies it to the clipboard', () => {
    const { electron, menu } = install();
    expect(menu.item('Copy issuer').label).toContain('http://localhost:8080');
    click(menu, 'Copy issuer');
    expect(electron.clipboardText).toBe('http://localhost:8080');
  });

  it('opens the console, reveals the store file and quits', () => {
    const { electron, calls, menu } = install();
    click(menu, 'Open console');
    click(menu, 'Reveal store file');
    click(menu, 'Quit');
    expect(calls).toEqual(['showConsole', 'quit']);
    expect(electron.revealedPaths).toEqual(['/home/me/.config/IdP Emulator/idp-emulator.json']);
  });

  it('rotates the signing keys through the emulator', () => {
    const { calls, menu } = install();
    click(menu, 'Rotate signing keys');
    expect(calls).toEqual(['rotate']);
  });

  it('shows an error box when the rotation fails', async () => {
    const { electron, menu } = install({
      emulator: { issuer: 'http://localhost:8080', storePath: '/s.json', rotateSigningKey: () => Promise.reject(new Error('disk full')) },
    });
    click(menu, 'Rotate signing keys');
    await new Promise((resolve) => setImmediate(resolve));
    expect(electron.errorBoxes).toEqual([{ title: 'Could not rotate the signing keys', content: 'disk full' }]);
  });

  it('has a tooltip with the issuer and a click on the icon shows the console', () => {
    const { electron, calls } = install();
    const tray = electron.trays[0];
    expect(tray?.toolTip).toBe('IdP Emulator — http://localhost:8080');
    expect(tray?.image.dataUrl).toMatch(/^data:image\/png;base64,/);
    tray?.emit('click');
    expect(calls).toEqual(['showConsole']);
  });

  it('puts the same items in the application menu, with the standard Edit, View and Window menus', () => {
    const { electron } = install();
    const template = electron.applicationMenu?.template ?? [];
    expect(template.map((item) => item.label ?? item.role)).toEqual(['Emulator', 'editMenu', 'viewMenu', 'windowMenu']);
    expect(template[0]?.submenu?.filter((item) => item.label).map((item) => item.label?.split(':')[0])).toEqual([
      'Copy issuer URL',
      'Open console',
      'Reveal store file',
      'Rotate signing keys',
      'Quit IdP Emulator',
    ]);
  });

  it('starts the macOS menu bar with the app menu and uses the small tray icon there', () => {
    const mac = install({ platform: 'darwin' });
    const linux = install();
    expect(mac.electron.applicationMenu?.template[0]?.role).toBe('appMenu');
    expect(mac.electron.trays[0]?.image.dataUrl.length).toBeLessThan(linux.electron.trays[0]?.image.dataUrl.length ?? 0);
  });
});
