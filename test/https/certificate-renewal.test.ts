// The server certificate is renewed before it expires and when a domain is added (also one
// added to the store while running); an expiring CA is replaced; the config directory follows
// XDG_CONFIG_HOME, then HOME.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveConfigDir } from '../../src/main/tls/config-dir.js';
import { loadOrCreateCa } from '../../src/main/tls/local-ca.js';
import { prepareLocalHttps } from '../../src/main/tls/local-https.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { buildErrorsSeed } from '../helpers/http-login.js';

const DAY = 86_400_000;
let configDir: string;

beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'idp-emulator-renew-'));
});
afterAll(() => rm(configDir, { recursive: true, force: true }));

function presentedCertificate(port: number, ca: string): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
      const raw = socket.getPeerX509Certificate();
      socket.end();
      if (raw) resolve(raw);
      else reject(new Error('no certificate'));
    });
    socket.on('error', reject);
  });
}

describe('renewal', () => {
  test('before expiry and for new names, not otherwise', async () => {
    const https = await prepareLocalHttps(configDir, []);
    const first = https.current();
    expect(await https.renew([])).toBe(false);
    expect(await https.renew(['idp.localhost'])).toBe(true);
    const second = https.current();
    expect(second.names).toEqual(['localhost', '127.0.0.1', '::1', 'idp.localhost']);
    expect(await https.renew(['idp.localhost'], Date.now() + 59 * DAY)).toBe(false);
    expect(await https.renew(['idp.localhost'], Date.now() + 61 * DAY)).toBe(true);
    expect(https.current().notAfter.getTime()).toBeGreaterThan(second.notAfter.getTime() + 60 * DAY);
    expect(first.cert).not.toBe(second.cert);
  });

  test('a CA that expires within 30 days is replaced', async () => {
    const dir = join(configDir, 'expiring');
    const ca = await loadOrCreateCa(dir);
    expect((await loadOrCreateCa(dir)).pem).toBe(ca.pem);
    expect((await loadOrCreateCa(dir, ca.certificate.notAfter.getTime() - 31 * DAY)).pem).toBe(ca.pem);
    const renewed = await loadOrCreateCa(dir, ca.certificate.notAfter.getTime() - 29 * DAY);
    expect(renewed.pem).not.toBe(ca.pem);
  });

  test('a domain added to the store while running joins the certificate', async () => {
    const emulator = await startTestEmulator({ store: buildErrorsSeed(), https: true, configDir });
    try {
      const ca = emulator.https?.caPem ?? '';
      expect((await presentedCertificate(emulator.port, ca)).subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
      emulator.store.update((d) => {
        d.instance.domains = ['app.localhost:9443'];
      });
      await expect.poll(async () => (await presentedCertificate(emulator.port, ca)).subjectAltName).toBe(
        'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:app.localhost',
      );
      expect(emulator.https?.names).toEqual(['localhost', '127.0.0.1', '::1', 'app.localhost']);
    } finally {
      await emulator.close();
    }
  });
});

test('domains of the store file are in the certificate from the first connection', async () => {
  const seed = buildErrorsSeed();
  seed.instance.domains = ['shop.localhost'];
  const emulator = await startTestEmulator({ store: seed, https: true, configDir });
  try {
    expect((await presentedCertificate(emulator.port, emulator.https?.caPem ?? '')).subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:shop.localhost',
    );
  } finally {
    await emulator.close();
  }
});

describe('config directory', () => {
  test('XDG_CONFIG_HOME, else HOME/.config, else APPDATA on Windows', () => {
    expect(resolveConfigDir({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' }, 'linux')).toBe('/x/cfg/idp-emulator');
    expect(resolveConfigDir({ XDG_CONFIG_HOME: 'relative', HOME: '/home/u' }, 'linux')).toBe('/home/u/.config/idp-emulator');
    expect(resolveConfigDir({ HOME: '/Users/u' }, 'darwin')).toBe('/Users/u/.config/idp-emulator');
    expect(resolveConfigDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming', HOME: '' }, 'win32')).toBe(join('C:\\Users\\u\\AppData\\Roaming', 'idp-emulator'));
  });
});

describe('plain http next to https', () => {
  test('--http-port serves the same issuer over http', async () => {
    const emulator = await startTestEmulator({ store: buildErrorsSeed(), https: true, configDir, httpPort: 0 });
    try {
      expect(emulator.httpPort).toBeGreaterThan(0);
      const res = await fetch(`http://127.0.0.1:${emulator.httpPort}/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { issuer: string }).issuer).toBe(emulator.issuer);
      expect(emulator.issuer).toMatch(/^https:\/\//);
    } finally {
      await emulator.close();
    }
  });

  test('httpPort without https is refused', async () => {
    await expect(startTestEmulator({ store: buildErrorsSeed(), httpPort: 0 })).rejects.toThrow('httpPort needs https: without it the port already serves http');
  });
});
