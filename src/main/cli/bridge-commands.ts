// `idp-emulator token | clock | fault | reset | snapshot | browser-session`: the test bridge of a
// running emulator over its admin API (docs/admin-api.md), for shell scripts and suites in any
// language. Parsing is pure (UsageError); running sends one request and returns what to print.
import { parseArgs } from 'node:util';
import { BRIDGE_PATHS } from '../../common/bridge-api.js';
import { UsageError } from './parse-serve-args.js';

export const BRIDGE_COMMANDS = new Set(['token', 'clock', 'fault', 'reset', 'snapshot', 'browser-session']);
export const TOKEN_ENV = 'IDP_EMULATOR_ADMIN_TOKEN';

export const BRIDGE_USAGE = `Test bridge (drives a running emulator; every command takes
  --url <issuer> (default http://localhost:8080) and --admin-token <t> (or ${TOKEN_ENV})):
  idp-emulator token --user <name> --client <client id or app> [--scope "…"] [--nonce <n>]
  idp-emulator clock [advance <duration> | set <iso date-time> | reset]
  idp-emulator fault add --endpoint <endpoint> [--grant-type <t>] [--client-id <id>] [--user <name>]
                         [--times <n|Infinity>] (--error <code> [--status <n>] [--description <text>]
                         | --delay-ms <n> | --drop | --tamper <kind>)
  idp-emulator fault list | fault remove <id> | fault clear
  idp-emulator reset
  idp-emulator snapshot [restore <id>]
  idp-emulator browser-session --user <name>

token            prints the token response of a completed code flow as JSON
clock            shows or moves the emulator's clock ("90s", "13h", "8d", "-1h")
fault            arms, lists and removes faults (endpoints: discovery, keys, authorize, token,
                 introspect, userinfo, revoke, end_session, device_authorization; tamper kinds:
                 signature, expired, not_yet_valid, issuer, audience, nonce, unknown_kid, alg_none)
reset            back to the store it started with, tokens inactive, real time, no faults
snapshot         saves the state and prints its id; "snapshot restore <id>" goes back to it
browser-session  prints a cookie that logs a browser in as the user
`;

export interface BridgeCommand {
  url: string;
  adminToken: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
}

const COMMON = {
  url: { type: 'string' },
  'admin-token': { type: 'string' },
} as const;

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

function numberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

function noMore(positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
}

function faultBody(values: Record<string, string | boolean | undefined>): Record<string, unknown> {
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const times = str('times');
  const status = numberFlag(str('status'), '--status');
  const error = str('error');
  const description = str('description');
  if (error === undefined && (status !== undefined || description !== undefined)) throw new UsageError('--status and --description go with --error');
  return {
    endpoint: required(str('endpoint'), '--endpoint'),
    ...(str('grant-type') !== undefined && { grantType: str('grant-type') }),
    ...(str('client-id') !== undefined && { clientId: str('client-id') }),
    ...(str('user') !== undefined && { user: str('user') }),
    ...(times !== undefined && { times: times === 'Infinity' ? 'Infinity' : numberFlag(times, '--times') }),
    ...(error !== undefined && { error: { error, ...(status !== undefined && { status }), ...(description !== undefined && { error_description: description }) } }),
    ...(str('delay-ms') !== undefined && { delayMs: numberFlag(str('delay-ms'), '--delay-ms') }),
    ...(values.drop === true && { drop: true }),
    ...(str('tamper') !== undefined && { tamper: str('tamper') }),
  };
}

function route(noun: string, positionals: string[], values: Record<string, string | boolean | undefined>): Omit<BridgeCommand, 'url' | 'adminToken'> {
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const [verb, arg, ...extra] = positionals;
  switch (noun) {
    case 'token': {
      noMore(positionals);
      const scope = str('scope');
      const nonce = str('nonce');
      const body = { user: required(str('user'), '--user'), client: required(str('client'), '--client'), ...(scope !== undefined && { scope }), ...(nonce !== undefined && { nonce }) };
      return { method: 'POST', path: BRIDGE_PATHS.tokens, body };
    }
    case 'clock':
      if (verb === undefined) return { method: 'GET', path: BRIDGE_PATHS.clock };
      noMore(extra);
      if (verb === 'advance') return { method: 'POST', path: BRIDGE_PATHS.clock, body: { advance: required(arg, 'a duration') } };
      if (verb === 'set') return { method: 'POST', path: BRIDGE_PATHS.clock, body: { set: required(arg, 'a date-time') } };
      if (verb === 'reset' && arg === undefined) return { method: 'POST', path: BRIDGE_PATHS.clock, body: { reset: true } };
      throw new UsageError(`"clock ${positionals.join(' ')}" is not a command; use clock, clock advance <duration>, clock set <date-time> or clock reset`);
    case 'fault':
      if (verb === 'add' && arg === undefined) return { method: 'POST', path: BRIDGE_PATHS.faults, body: faultBody(values) };
      if (verb === 'list' && arg === undefined) return { method: 'GET', path: BRIDGE_PATHS.faults };
      if (verb === 'clear' && arg === undefined) return { method: 'DELETE', path: BRIDGE_PATHS.faults };
      if (verb === 'remove' && arg !== undefined && extra.length === 0) return { method: 'DELETE', path: BRIDGE_PATHS.fault(arg) };
      throw new UsageError('use fault add …, fault list, fault remove <id> or fault clear');
    case 'reset':
      noMore(positionals);
      return { method: 'POST', path: BRIDGE_PATHS.reset };
    case 'snapshot':
      if (verb === undefined) return { method: 'POST', path: BRIDGE_PATHS.snapshots };
      if (verb === 'restore' && arg !== undefined && extra.length === 0) return { method: 'POST', path: BRIDGE_PATHS.restoreSnapshot(arg) };
      throw new UsageError('use snapshot or snapshot restore <id>');
    default:
      noMore(positionals);
      return { method: 'POST', path: BRIDGE_PATHS.browserSessions, body: { user: required(str('user'), '--user') } };
  }
}

export function parseBridgeArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BridgeCommand {
  const [noun = '', ...rest] = argv;
  const { values, positionals } = parse(rest, {
    user: { type: 'string' },
    client: { type: 'string' },
    scope: { type: 'string' },
    nonce: { type: 'string' },
    endpoint: { type: 'string' },
    'grant-type': { type: 'string' },
    'client-id': { type: 'string' },
    times: { type: 'string' },
    error: { type: 'string' },
    status: { type: 'string' },
    description: { type: 'string' },
    'delay-ms': { type: 'string' },
    drop: { type: 'boolean' },
    tamper: { type: 'string' },
  });
  const adminToken = values['admin-token'] ?? env[TOKEN_ENV];
  if (!adminToken) throw new UsageError(`the admin token is missing: pass --admin-token or set ${TOKEN_ENV}`);
  const url = (values.url ?? 'http://localhost:8080').replace(/\/+$/, '');
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url must be a URL, got "${url}"`);
  }
  return { url, adminToken, ...route(noun, positionals, values) };
}

/** Thrown for an answer that is not a success: the message is one line for stderr. */
export class BridgeCommandError extends Error {
  override name = 'BridgeCommandError';
}

function messageOf(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
    return `${(body as { message: string }).message} (HTTP ${status})`;
  }
  return `the emulator answered HTTP ${status}`;
}

/** Sends the command; returns what to print (JSON, or nothing for 204). */
export async function runBridgeCommand(cmd: BridgeCommand): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${cmd.url}${cmd.path}`, {
      method: cmd.method,
      headers: { Authorization: `Bearer ${cmd.adminToken}`, ...(cmd.body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(cmd.body !== undefined && { body: JSON.stringify(cmd.body) }),
    });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
    throw new BridgeCommandError(`cannot reach an emulator at ${cmd.url}: ${cause}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    body = undefined;
  }
  if (!res.ok) throw new BridgeCommandError(messageOf(body, res.status));
  return body === undefined ? '' : `${JSON.stringify(body, null, 2)}\n`;
}
