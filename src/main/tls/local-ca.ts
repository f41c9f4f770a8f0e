// The per-user local certificate authority behind --https: created once in the config
// directory (certificate ca.pem, private key ca-key.pem with mode 0600) and reused, so users
// trust it once. Replaced only when it is about to expire.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { exportPrivateKeyPem, importPrivateKeyPem, KEY_ALGORITHM, randomSerial, x509 } from './x509.js';

export const CA_CERT_FILE = 'ca.pem';
export const CA_KEY_FILE = 'ca-key.pem';
const CA_LIFETIME_DAYS = 3650;
/** A CA this close to its end is replaced (and must be trusted again). */
const CA_RENEW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface LocalCa {
  certificate: x509.X509Certificate;
  pem: string;
  path: string;
  privateKey: CryptoKey;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'user';
  }
}

async function writePrivate(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
}

async function load(dir: string, now: number): Promise<LocalCa | undefined> {
  let certPem: string;
  let keyPem: string;
  try {
    [certPem, keyPem] = await Promise.all([readFile(join(dir, CA_CERT_FILE), 'utf8'), readFile(join(dir, CA_KEY_FILE), 'utf8')]);
  } catch {
    return undefined;
  }
  try {
    const certificate = new x509.X509Certificate(certPem);
    if (certificate.notAfter.getTime() - now < CA_RENEW_DAYS * DAY_MS) return undefined;
    // The key file stays private even if something loosened its mode.
    await chmod(join(dir, CA_KEY_FILE), 0o600);
    return { certificate, pem: certificate.toString('pem') + '\n', path: join(dir, CA_CERT_FILE), privateKey: await importPrivateKeyPem(keyPem) };
  } catch {
    return undefined; // unreadable files: make a new CA rather than fail to start
  }
}

async function create(dir: string, now: number): Promise<LocalCa> {
  const keys = (await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const name = `CN=IdP Emulator local CA (${currentUser()}@${hostname()}), O=IdP Emulator`;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + CA_LIFETIME_DAYS * DAY_MS),
    keys,
    signingAlgorithm: KEY_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pem = certificate.toString('pem') + '\n';
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writePrivate(join(dir, CA_KEY_FILE), await exportPrivateKeyPem(keys.privateKey));
  await writeFile(join(dir, CA_CERT_FILE), pem, { mode: 0o644 });
  return { certificate, pem, path: join(dir, CA_CERT_FILE), privateKey: keys.privateKey };
}

export async function loadOrCreateCa(dir: string, now: number = Date.now()): Promise<LocalCa> {
  return (await load(dir, now)) ?? create(dir, now);
}
