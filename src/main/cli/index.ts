// The `idp-emulator` command. Exit codes: 0 after a clean shutdown, 2 for bad flags, a bad
// store file or a port that cannot be bound.
import { resolve } from 'node:path';
import { EmulatorOptionsError, startEmulator, type Emulator } from '../emulator.js';
import { LocalCaError } from '../tls/config-dir.js';
import { formatTrustSteps } from '../tls/trust-instructions.js';
import { ListenError } from '../http/listen.js';
import { StoreError } from '../store/store-error.js';
import { StoreLockedError } from '../store/store-lock.js';
import { StoreConflictError, StoreSaveError } from '../store/store.js';
import { CredentialError } from '../credentials/key-files.js';
import { BRIDGE_COMMANDS, BRIDGE_USAGE, BridgeCommandError, parseBridgeArgs, runBridgeCommand } from './bridge-commands.js';
import { CREDENTIAL_USAGE, parseCredentialArgs, runCredentialCommand } from './credential-commands.js';
import { parseCliArgs, USAGE, UsageError } from './parse-serve-args.js';
import packageJson from '../../../package.json' with { type: 'json' };

/** One line per domain issuer and for the plain-HTTP port, between the issuer and the console. */
function describeExtras(emulator: Emulator): string {
  const domains = emulator.issuers().slice(1).map((issuer) => `  domain:  ${issuer}\n`);
  const http = emulator.httpPort === undefined ? [] : [`  http:    port ${emulator.httpPort} (same issuers, plain HTTP)\n`];
  return [...domains, ...http].join('');
}

function fail(message: string): never {
  process.stderr.write(`idp-emulator: ${message}\n`);
  process.exit(2);
}

function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

async function runCredentials(argv: string[]): Promise<void> {
  let cmd;
  try {
    cmd = parseCredentialArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) fail(`${err.message}\n${CREDENTIAL_USAGE}`);
    throw err;
  }
  try {
    process.stdout.write(await runCredentialCommand(cmd));
  } catch (err) {
    if (err instanceof CredentialError || err instanceof StoreError || err instanceof StoreSaveError || err instanceof StoreConflictError) fail(err.message);
    if (isFsError(err)) fail(err.message);
    throw err;
  }
}

async function runBridge(argv: string[]): Promise<void> {
  let cmd;
  try {
    cmd = parseBridgeArgs(argv, process.env);
  } catch (err) {
    if (err instanceof UsageError) fail(`${err.message}\nRun "idp-emulator --help" for the options.`);
    throw err;
  }
  try {
    process.stdout.write(await runBridgeCommand(cmd));
  } catch (err) {
    if (!(err instanceof BridgeCommandError)) throw err;
    process.stderr.write(`idp-emulator: ${err.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'keys' || argv[0] === 'pat') return runCredentials(argv);
  if (argv[0] !== undefined && BRIDGE_COMMANDS.has(argv[0])) return runBridge(argv);
  let cli;
  try {
    cli = parseCliArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) fail(`${err.message}\nRun "idp-emulator --help" for the options.`);
    throw err;
  }
  if (cli.command === 'help') return void process.stdout.write(`${USAGE}\n${CREDENTIAL_USAGE}\n${BRIDGE_USAGE}`);
  if (cli.command === 'version') return void process.stdout.write(`${packageJson.version}\n`);

  const options = { ...cli.options, storePath: resolve(cli.options.storePath) };
  let emulator;
  try {
    emulator = await startEmulator({ ...options, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (err) {
    if (err instanceof StoreError || err instanceof ListenError || err instanceof EmulatorOptionsError || err instanceof LocalCaError || err instanceof StoreLockedError) fail(err.message);
    // A store path in a missing or unwritable folder fails in fs, not in validation: still a bad
    // --store (exit 2, one line), not a crash with a stack trace and exit 1.
    if (isFsError(err)) fail(`cannot use the store file ${options.storePath}: ${err.message}`);
    throw err;
  }
  // Handlers first: a SIGTERM right after the banner must still close cleanly.
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) =>
        err instanceof StoreSaveError
          ? fail(`stopped with unsaved changes (they are lost): ${err.message}`)
          : fail(`error while closing: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.stdout.write(
    `IdP Emulator is running\n  issuer:  ${emulator.issuer}\n${describeExtras(emulator)}  console: ${emulator.consoleUrl}\n  store:   ${options.storePath}\n`,
  );
  if (emulator.https) process.stdout.write(formatTrustSteps(emulator.https.caPath, emulator.https.trust));
  if (emulator.clock.offsetMs !== 0) process.stdout.write(`  clock:   ${new Date(emulator.clock.now()).toISOString()} (shifted; "idp-emulator clock reset" goes back to real time)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`idp-emulator: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
