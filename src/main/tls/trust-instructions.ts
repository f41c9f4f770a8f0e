// How to make clients trust the local CA, per OS and per client runtime. Printed by
// `serve --https` and shown on the console's Settings page. Each runtime has its own store:
// Node ignores the OS store, OpenSSL-based tools (Go, curl, Ruby, PHP) read SSL_CERT_FILE,
// Python requests reads REQUESTS_CA_BUNDLE.
import type { TrustStepDto } from '../../common/admin-api.js';

function quote(path: string): string {
  return /[\s"'$`\\]/.test(path) ? `"${path.replace(/(["$`\\])/g, '\\$1')}"` : path;
}

export function buildTrustSteps(caPath: string): TrustStepDto[] {
  const ca = quote(caPath);
  return [
    { label: 'macOS', command: `sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${ca}` },
    { label: 'Debian / Ubuntu', command: `sudo cp ${ca} /usr/local/share/ca-certificates/idp-emulator.crt && sudo update-ca-certificates` },
    { label: 'Fedora / RHEL', command: `sudo cp ${ca} /etc/pki/ca-trust/source/anchors/idp-emulator.pem && sudo update-ca-trust` },
    { label: 'Windows', command: `certutil -user -addstore Root ${ca}` },
    { label: 'Node.js', command: `export NODE_EXTRA_CA_CERTS=${ca}`, note: 'added to Node’s built-in roots; by default Node ignores the OS store' },
    {
      label: 'Go, curl, OpenSSL',
      command: `export SSL_CERT_FILE=${ca}`,
      note: 'replaces the default bundle: to reach the internet too, point it at a file with both',
    },
    { label: 'Python (requests)', command: `export REQUESTS_CA_BUNDLE=${ca}`, note: 'replaces certifi’s bundle, like SSL_CERT_FILE' },
    { label: 'Java', command: `keytool -importcert -noprompt -alias idp-emulator -cacerts -storepass changeit -file ${ca}` },
  ];
}

export function formatTrustSteps(caPath: string, steps: readonly TrustStepDto[]): string {
  const width = Math.max(...steps.map((s) => s.label.length));
  const lines = steps.map((s) => `    ${`${s.label}:`.padEnd(width + 2)}${s.command}${s.note ? `\n    ${' '.repeat(width + 2)}(${s.note})` : ''}`);
  return `  HTTPS uses a local certificate authority: ${caPath}\n  Trust it once (docs/https.md):\n${lines.join('\n')}\n`;
}
