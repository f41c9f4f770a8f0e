// The tray icon and the application menu: the issuer URL (a click copies it), open the console,
// reveal the store file, rotate the signing keys, quit. The same items appear in both places.
import type { ElectronApi, MenuItemOptions, TrayApi } from './electron-api.js';
import { TRAY_ICON_16, TRAY_ICON_32 } from './tray-icon.js';

export interface EmulatorActions {
  issuer: string;
  storePath: string;
  rotateSigningKey(): Promise<string>;
}

export interface TrayMenuOptions {
  emulator: EmulatorActions;
  platform: NodeJS.Platform;
  /** Shows (or recreates) the console window. */
  showConsole(): void;
  quit(): void;
}

type TrayMenuElectron<Image> = Pick<ElectronApi<Image>, 'Tray' | 'Menu' | 'nativeImage' | 'clipboard' | 'shell' | 'dialog'>;

export function emulatorMenuItems<Image>(electron: TrayMenuElectron<Image>, options: TrayMenuOptions): MenuItemOptions[] {
  const { emulator } = options;
  return [
    {
      label: `Copy issuer URL: ${emulator.issuer}`,
      click: () => electron.clipboard.writeText(emulator.issuer),
    },
    { type: 'separator' },
    { label: 'Open console', click: () => options.showConsole() },
    { label: 'Reveal store file', click: () => electron.shell.showItemInFolder(emulator.storePath) },
    {
      label: 'Rotate signing keys',
      click: () => {
        emulator.rotateSigningKey().catch((err: unknown) => {
          electron.dialog.showErrorBox('Could not rotate the signing keys', err instanceof Error ? err.message : String(err));
        });
      },
    },
    { type: 'separator' },
    { label: 'Quit IdP Emulator', click: () => options.quit() },
  ];
}

/** Our items, plus the standard Edit/View/Window menus (copy and paste need the Edit menu on macOS). */
export function applicationMenuTemplate(items: MenuItemOptions[], platform: NodeJS.Platform): MenuItemOptions[] {
  const template: MenuItemOptions[] = [
    { label: 'Emulator', submenu: items },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  return platform === 'darwin' ? [{ role: 'appMenu' }, ...template] : template;
}

/** Installs the tray icon and the application menu. Keep the tray referenced, or it is collected. */
export function installTrayAndMenu<Image>(electron: TrayMenuElectron<Image>, options: TrayMenuOptions): TrayApi {
  const items = emulatorMenuItems(electron, options);
  electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(applicationMenuTemplate(items, options.platform)));
  const tray = new electron.Tray(electron.nativeImage.createFromDataURL(options.platform === 'darwin' ? TRAY_ICON_16 : TRAY_ICON_32));
  tray.setToolTip(`IdP Emulator — ${options.emulator.issuer}`);
  tray.setContextMenu(electron.Menu.buildFromTemplate(items));
  // Windows and some Linux trays: a click on the icon brings the console back.
  tray.on('click', () => options.showConsole());
  return tray;
}
