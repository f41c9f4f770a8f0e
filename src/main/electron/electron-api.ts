// The slice of the Electron API the desktop shell uses, as plain structural types. index.ts
// passes the real `electron` module (tsc checks it fits); tests pass a hand-written double, so
// every module here runs under plain Node. Only src/main/electron/ may import 'electron'.

/** An Electron event the listener may cancel. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** will-navigate / will-redirect: Electron passes the target URL on the event. */
export interface NavigationEvent extends PreventableEvent {
  url: string;
}

export interface AppApi {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  getPath(name: 'userData' | 'downloads'): string;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
  exit(exitCode?: number): void;
}

/** The webPreferences every window of the app gets (see window.ts). */
export interface HardenedWebPreferences {
  preload: string;
  contextIsolation: boolean;
  sandbox: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInWorker: boolean;
  nodeIntegrationInSubFrames: boolean;
  webviewTag: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
}

export interface WindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  webPreferences: HardenedWebPreferences;
}

export interface WindowOpenDetails {
  url: string;
}

export interface WebContentsApi {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void;
}

export interface WindowApi {
  readonly webContents: WebContentsApi;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export type WindowConstructor = new (options: WindowOptions) => WindowApi;

/** Response headers as Electron hands them to onHeadersReceived: name → values. */
export type ResponseHeaders = Record<string, string[]>;

export interface HeadersReceivedDetails {
  url: string;
  responseHeaders?: ResponseHeaders;
}

export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  buttonLabel: string;
  filters: { name: string; extensions: string[] }[];
}

export interface DownloadItemApi {
  getURL(): string;
  getFilename(): string;
  setSaveDialogOptions(options: SaveDialogOptions): void;
  cancel(): void;
}

export interface PermissionDetails {
  requestingUrl: string;
}

export interface SessionApi {
  readonly webRequest: {
    onHeadersReceived(
      listener: (details: HeadersReceivedDetails, callback: (response: { responseHeaders?: ResponseHeaders }) => void) => void,
    ): void;
  };
  on(event: 'will-download', listener: (event: PreventableEvent, item: DownloadItemApi) => void): unknown;
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionDetails) => void,
  ): void;
}

export interface MenuItemOptions {
  label?: string;
  sublabel?: string;
  type?: 'normal' | 'separator';
  role?: 'appMenu' | 'editMenu' | 'viewMenu' | 'windowMenu';
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemOptions[];
}

/** Opaque: only handed from Menu.buildFromTemplate to the tray and the application menu. */
export type MenuApi = object;

export interface MenuStatic {
  buildFromTemplate(template: MenuItemOptions[]): MenuApi;
  setApplicationMenu(menu: MenuApi | null): void;
}

export interface TrayApi {
  setToolTip(toolTip: string): void;
  setContextMenu(menu: MenuApi | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/**
 * `Image` is Electron's NativeImage in the app and whatever the double uses in tests: it is only
 * handed from nativeImage to Tray, and a constructor parameter cannot be narrowed structurally.
 */
export interface ElectronApi<Image = unknown> {
  app: AppApi;
  BrowserWindow: WindowConstructor;
  Tray: new (image: Image) => TrayApi;
  Menu: MenuStatic;
  shell: {
    openExternal(url: string): Promise<void>;
    showItemInFolder(fullPath: string): void;
  };
  dialog: {
    showErrorBox(title: string, content: string): void;
  };
  clipboard: {
    writeText(text: string): void;
  };
  nativeImage: {
    createFromDataURL(dataUrl: string): Image;
  };
  session: {
    readonly defaultSession: SessionApi;
  };
}
