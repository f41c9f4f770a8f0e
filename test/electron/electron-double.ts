// A hand-written stand-in for the slice of Electron the desktop shell uses (ElectronApi): it
// records what the shell does and lets a test fire the events Electron would fire.
import { EventEmitter } from 'node:events';
import type {
  AppApi,
  DownloadItemApi,
  ElectronApi,
  HeadersReceivedDetails,
  MenuItemOptions,
  PermissionDetails,
  ResponseHeaders,
  SaveDialogOptions,
  SessionApi,
  TrayApi,
  WebContentsApi,
  WindowApi,
  WindowOpenDetails,
  WindowOptions,
} from '../../src/main/electron/electron-api.js';

/** Every call the shell makes, in order, across all fakes. */
export type Journal = string[];

export class PreventableEventDouble {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class AppDouble extends EventEmitter implements AppApi {
  quitCalls = 0;
  exitCode: number | undefined;
  quitted = false;
  constructor(
    private readonly journal: Journal,
    private readonly gotLock: boolean,
  ) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    this.journal.push('app.requestSingleInstanceLock');
    return this.gotLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: 'userData' | 'downloads'): string {
    return name === 'userData' ? '/fake/user-data' : '/fake/downloads';
  }
  /** Like Electron: will-quit, and the app quits unless a listener prevented it. */
  quit(): void {
    this.quitCalls += 1;
    this.journal.push('app.quit');
    const event = new PreventableEventDouble();
    this.emit('will-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }
  exit(exitCode = 0): void {
    this.journal.push(`app.exit(${exitCode})`);
    this.exitCode = exitCode;
  }
}

class WebContentsDouble extends EventEmitter implements WebContentsApi {
  windowOpenHandler: ((details: WindowOpenDetails) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** What Electron does before a navigation: ask the will-navigate listeners. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): PreventableEventDouble {
    const e = new PreventableEventDouble(url);
    this.emit(event, e);
    return e;
  }
  /** What Electron does for window.open / target=_blank. */
  open(url: string): { action: string } {
    if (!this.windowOpenHandler) return { action: 'allow' };
    return this.windowOpenHandler({ url });
  }
}

export class WindowDouble extends EventEmitter implements WindowApi {
  readonly webContents = new WebContentsDouble();
  loadedUrls: string[] = [];
  minimized = false;
  destroyed = false;
  visible = false;
  focusCalls = 0;
  restoreCalls = 0;
  constructor(
    readonly options: WindowOptions,
    private readonly journal: Journal,
  ) {
    super();
    journal.push('new BrowserWindow');
  }
  loadURL(url: string): Promise<void> {
    this.journal.push(`window.loadURL ${url}`);
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.restoreCalls += 1;
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focusCalls += 1;
    this.journal.push('window.focus');
  }
}

export class DownloadItemDouble implements DownloadItemApi {
  saveDialogOptions: SaveDialogOptions | undefined;
  cancelled = false;
  constructor(
    private readonly url: string,
    private readonly filename: string,
  ) {}
  getURL(): string {
    return this.url;
  }
  getFilename(): string {
    return this.filename;
  }
  setSaveDialogOptions(options: SaveDialogOptions): void {
    this.saveDialogOptions = options;
  }
  cancel(): void {
    this.cancelled = true;
  }
}

type HeadersListener = (details: HeadersReceivedDetails, callback: (response: { responseHeaders?: ResponseHeaders }) => void) => void;
type PermissionHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionDetails) => void;

export class SessionDouble extends EventEmitter implements SessionApi {
  headersListener: HeadersListener | undefined;
  permissionHandler: PermissionHandler | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionHandler): void {
    this.permissionHandler = handler;
  }
  /** A response arriving: what the listener hands back (undefined when no listener is installed). */
  receiveHeaders(url: string, responseHeaders: ResponseHeaders): { responseHeaders?: ResponseHeaders } | undefined {
    let answer: { responseHeaders?: ResponseHeaders } | undefined;
    this.headersListener?.({ url, responseHeaders }, (response) => {
      answer = response;
    });
    return answer;
  }
  download(url: string, filename: string): DownloadItemDouble {
    const item = new DownloadItemDouble(url, filename);
    this.emit('will-download', new PreventableEventDouble(), item);
    return item;
  }
  requestPermission(permission: string, requestingUrl: string): boolean | undefined {
    let granted: boolean | undefined;
    this.permissionHandler?.({}, permission, (g) => {
      granted = g;
    }, { requestingUrl });
    return granted;
  }
}

export class TrayDouble extends EventEmitter implements TrayApi {
  toolTip = '';
  contextMenu: MenuDouble | null = null;
  destroyed = false;
  constructor(readonly image: ImageDouble) {
    super();
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: object | null): void {
    this.contextMenu = menu as MenuDouble | null;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class MenuDouble {
  constructor(readonly template: MenuItemOptions[]) {}
  /** A top-level item by the start of its label. */
  item(labelStart: string): MenuItemOptions {
    const found = this.template.find((item) => item.label?.startsWith(labelStart));
    if (!found) throw new Error(`no menu item "${labelStart}…" in ${JSON.stringify(this.template.map((i) => i.label ?? i.role ?? i.type))}`);
    return found;
  }
}

export interface ImageDouble {
  dataUrl: string;
  isEmpty(): boolean;
}

export interface ElectronDouble extends ElectronApi<ImageDouble> {
  app: AppDouble;
  journal: Journal;
  windows: WindowDouble[];
  trays: TrayDouble[];
  applicationMenu: MenuDouble | null;
  externalUrls: string[];
  revealedPaths: string[];
  errorBoxes: { title: string; content: string }[];
  clipboardText: string;
  defaultSession: SessionDouble;
}

export function createElectronDouble(options: { gotSingleInstanceLock?: boolean } = {}): ElectronDouble {
  const journal: Journal = [];
  const windows: WindowDouble[] = [];
  const trays: TrayDouble[] = [];
  const defaultSession = new SessionDouble();
  const double: ElectronDouble = {
    journal,
    windows,
    trays,
    applicationMenu: null,
    externalUrls: [],
    revealedPaths: [],
    errorBoxes: [],
    clipboardText: '',
    defaultSession,
    app: new AppDouble(journal, options.gotSingleInstanceLock ?? true),
    BrowserWindow: class extends WindowDouble {
      constructor(windowOptions: WindowOptions) {
        super(windowOptions, journal);
        windows.push(this);
      }
    },
    Tray: class extends TrayDouble {
      constructor(image: ImageDouble) {
        super(image);
        trays.push(this);
      }
    },
    Menu: {
      buildFromTemplate: (template) => new MenuDouble(template),
      setApplicationMenu: (menu) => {
        double.applicationMenu = menu as MenuDouble | null;
      },
    },
    shell: {
      openExternal: (url) => {
        double.externalUrls.push(url);
        return Promise.resolve();
      },
      showItemInFolder: (path) => {
        double.revealedPaths.push(path);
      },
    },
    dialog: {
      showErrorBox: (title, content) => {
        journal.push('dialog.showErrorBox');
        double.errorBoxes.push({ title, content });
      },
    },
    clipboard: {
      writeText: (text) => {
        double.clipboardText = text;
      },
    },
    nativeImage: {
      createFromDataURL: (dataUrl) => ({ dataUrl, isEmpty: () => dataUrl === '' }),
    },
    session: { defaultSession },
  };
  return double;
}
