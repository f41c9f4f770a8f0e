// Key-file downloads from the console (admin API …/keys/{keyId}/file, or a blob the console
// builds from it) go through the native save dialog with a sensible file name, in the user's
// Downloads folder. Downloads from another origin are cancelled (the window cannot navigate
// there anyway); blob: and data: URLs can only come from the page, which is the console.
import { basename, join } from 'node:path';
import type { DownloadItemApi, PreventableEvent, SessionApi } from './electron-api.js';

const KEY_FILE_PATH = /\/keys\/([^/]+)\/file$/;

function isFromConsole(url: string, consoleOrigin: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:') return true;
    // blob: URLs carry the origin of the page that made them.
    if (parsed.protocol === 'blob:') return new URL(parsed.pathname).origin === consoleOrigin;
    return parsed.origin === consoleOrigin;
  } catch {
    return false;
  }
}

/**
 * The name the save dialog proposes: the server's or the console's (Content-Disposition or the
 * download attribute) when it gave one, else `{keyId}.json` for a key-file URL.
 */
export function defaultDownloadName(url: string, suggested: string): string {
  const name = basename(suggested.trim());
  let keyId: string | undefined;
  try {
    const match = KEY_FILE_PATH.exec(new URL(url).pathname);
    keyId = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
  } catch {
    keyId = undefined;
  }
  if (keyId !== undefined && (name === '' || name === 'file' || name === 'download')) return `${basename(keyId)}.json`;
  return name === '' ? 'download' : name;
}

export interface DownloadOptions {
  consoleOrigin: string;
  downloadsDir: string;
}

export function installDownloadHandler(session: SessionApi, options: DownloadOptions): void {
  session.on('will-download', (_event: PreventableEvent, item: DownloadItemApi) => {
    const url = item.getURL();
    if (!isFromConsole(url, options.consoleOrigin)) {
      item.cancel();
      return;
    }
    const name = defaultDownloadName(url, item.getFilename());
    item.setSaveDialogOptions({
      title: `Save ${name}`,
      defaultPath: join(options.downloadsDir, name),
      buttonLabel: 'Save',
      filters: name.endsWith('.json') ? [{ name: 'JSON', extensions: ['json'] }, { name: 'All files', extensions: ['*'] }] : [],
    });
  });
}
