// Key-file downloads from the console go through the native save dialog with a useful name.
import { describe, expect, it } from 'vitest';
import { ADMIN_PATHS } from '../../src/common/admin-api.js';
import { defaultDownloadName, installDownloadHandler } from '../../src/main/electron/downloads.js';
import { SessionDouble } from './electron-double.js';

const ORIGIN = 'http://localhost:8080';

function session(): SessionDouble {
  const s = new SessionDouble();
  installDownloadHandler(s, { consoleOrigin: ORIGIN, downloadsDir: '/home/me/Downloads' });
  return s;
}

describe('key-file downloads', () => {
  it('asks where to save a user key file, proposing <keyId>.json in Downloads', () => {
    const item = session().download(`${ORIGIN}${ADMIN_PATHS.userKeyFile('2001', '3005')}`, 'file');
    expect(item.cancelled).toBe(false);
    expect(item.saveDialogOptions).toEqual({
      title: 'Save 3005.json',
      defaultPath: '/home/me/Downloads/3005.json',
      buttonLabel: 'Save',
      filters: [
        { name: 'JSON', extensions: ['json'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
  });

  it('proposes the name the server or the console gave', () => {
    const s = session();
    const fromServer = s.download(`${ORIGIN}${ADMIN_PATHS.appKeyFile('app1', 'k1')}`, 'app1-k1.json');
    expect(fromServer.saveDialogOptions?.defaultPath).toBe('/home/me/Downloads/app1-k1.json');
    const fromBlob = s.download(`blob:${ORIGIN}/6f1c0e9a-1111-2222-3333-444455556666`, 'service-user-key.json');
    expect(fromBlob.saveDialogOptions?.defaultPath).toBe('/home/me/Downloads/service-user-key.json');
  });

  it('never lets a suggested name climb out of the folder', () => {
    expect(defaultDownloadName(`${ORIGIN}/x`, '../../.bashrc')).toBe('.bashrc');
    expect(defaultDownloadName(`${ORIGIN}${ADMIN_PATHS.userKeyFile('u', '../../evil')}`, 'file')).toBe('evil.json');
  });

  it('cancels downloads that do not come from the console origin', () => {
    const s = session();
    expect(s.download('https://example.com/malware.exe', 'malware.exe').cancelled).toBe(true);
    expect(s.download('blob:https://example.com/abc', 'x.json').cancelled).toBe(true);
    expect(s.download('file:///etc/passwd', 'passwd').cancelled).toBe(true);
  });
});
