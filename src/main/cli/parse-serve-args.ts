// Parses `idp-emulator serve` flags into startEmulator options. Pure: it returns a result or
// throws UsageError, and never touches the process.
import { parseArgs } from 'node:util';
import { parseDomain } from '../domains/domain-spec.js';
import type { EmulatorOptions } from '../emulator.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ServeCommand {
  command: 'serve';
  options: EmulatorOptions & { storePath: string };
}
export type CliCommand = ServeCommand | { command: 'help' } | { command: 'version' };

export const USAGE = `Usage: idp-emulator [serve] [options]

Runs a local OpenID Connect / OAuth 2.0 provider that behaves like ZITADEL.

Options:
  --port <n>           port to listen on (default 8080; 0 picks a free one)
  --host <name>        address to bind (default localhost = 127.0.0.1 and ::1;
                       0.0.0.0 exposes it to your network, e.g. in a container)
  --issuer <url>       issuer URL in tokens and discovery (default http://localhost:<port>)
  --store <file>       store file (default ./idp-emulator.json; created with demo data)
  --admin-token <t>    token for the console's admin API (default: random per launch)
  --https              serve HTTPS with a certificate from a local CA created once per
                       user in $XDG_CONFIG_HOME/idp-emulator (prints how to trust it)
  --http-port <n>      with --https: also serve plain HTTP on this port
  --domain <host[:port]>
                       answer this domain as an issuer of its own, like a ZITADEL
                       instance domain (repeatable; e.g. idp.localhost:8080)
  --clock <iso>        start with the emulator's clock set to this date-time
  --quiet              no per-request log lines
  --doctor             print the relying-party doctor's findings (docs/doctor.md)
                       under each request's log line
  --max-live-tokens <n>
                       live token sets kept at most (default 1000000); beyond it the
                       oldest service-user tokens are retired, with an Activity note
  -h, --help           show this help
  -v, --version        print the version
`;

function parsePort(value: string, flag = '--port'): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`${flag} must be a number from 0 to 65535, got "${value}"`);
  return Number(value);
}

function parseMaxLiveTokens(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < 1) {
    throw new UsageError(`--max-live-tokens must be a whole number of at least 1, got "${value}"`);
  }
  return Number(value);
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        issuer: { type: 'string' },
        store: { type: 'string' },
        'admin-token': { type: 'string' },
        https: { type: 'boolean' },
        'http-port': { type: 'string' },
        domain: { type: 'string', multiple: true },
        clock: { type: 'string' },
        quiet: { type: 'boolean' },
        doctor: { type: 'boolean' },
        'max-live-tokens': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command = 'serve', ...extra] = positionals;
  if (command !== 'serve') throw new UsageError(`unknown command "${command}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values.issuer !== undefined) {
    try {
      new URL(values.issuer);
    } catch {
      throw new UsageError(`--issuer must be a URL, got "${values.issuer}"`);
    }
  }
  if (values['http-port'] !== undefined && !values.https) throw new UsageError('--http-port needs --https');
  for (const domain of values.domain ?? []) {
    const parsed = parseDomain(domain);
    if (typeof parsed === 'string') throw new UsageError(`--domain: ${parsed}`);
  }
  if (values.clock !== undefined && !Number.isFinite(Date.parse(values.clock))) {
    throw new UsageError(`--clock must be an ISO date-time like 2030-01-01T00:00:00Z, got "${values.clock}"`);
  }
  if (values['admin-token'] !== undefined && values['admin-token'].length < 8) {
    throw new UsageError('--admin-token must be at least 8 characters');
  }
  return {
    command: 'serve',
    options: {
      port: values.port === undefined ? 8080 : parsePort(values.port),
      host: values.host ?? 'localhost',
      storePath: values.store ?? 'idp-emulator.json',
      quiet: values.quiet ?? false,
      ...(values.doctor && { doctor: true }),
      ...(values.https && { https: true }),
      ...(values['http-port'] !== undefined && { httpPort: parsePort(values['http-port'], '--http-port') }),
      ...(values.domain !== undefined && { domains: values.domain }),
      ...(values.issuer !== undefined && { issuer: values.issuer }),
      ...(values['admin-token'] !== undefined && { adminToken: values['admin-token'] }),
      ...(values.clock !== undefined && { clockAt: values.clock }),
      ...(values['max-live-tokens'] !== undefined && { maxLiveTokens: parseMaxLiveTokens(values['max-live-tokens']) }),
    },
  };
}
